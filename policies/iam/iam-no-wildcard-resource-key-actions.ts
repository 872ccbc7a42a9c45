import { undecided, violation } from "../lib/readers/checks";
import { broadForAction, coversAction, describeCapabilities, describeStatement, KEY_MATERIAL_ACTIONS } from "../lib/aws/iam";
import {
    DOCUMENT_TYPES,
    documentStatements,
    identityDocuments,
    isAllow,
    listActions,
    parseDocument,
    scopedByResourceCondition,
} from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";

const REQUIREMENT =
    "key-material actions (decrypting with or handing over keys, reading or sharing secrets and parameters, connecting to databases, resetting master passwords, sharing or exporting snapshots and tables, reading or opening up bucket objects) must name specific ARNs, never `*`, `key/*`, `arn:aws:s3:::*` or NotResource.";

export const iamNoWildcardResourceKeyActions = resourcePolicy({
    name: "iam-no-wildcard-resource-key-actions",
    description: "IAM identity policies must not allow key-material actions (decrypt, secret reads, master-password resets, snapshot sharing, exports, bucket reads) on every resource.",
    controls: [95],
    category: "key-management",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["KMS.1", "KMS.2", "IAM.21"],
        pciDss: ["7.2.2"],
        nist: ["AC-6"],
        checkov: ["CKV_AWS_355", "CKV_AWS_288", "CKV_AWS_63"],
        cdkNag: ["AwsSolutions-IAM5"],
    },
    resourceTypes: DOCUMENT_TYPES,
    remediationSteps: [
        "1. In the named statement, replace `Resource: \"*\"` (or `key/*`, `secret:*`, `parameter/*`, `table/*`, `arn:aws:s3:::*`, or a NotResource list) with the ARNs of the keys, secrets, parameters, DB users, databases, snapshots, tables or buckets the principal needs, e.g. `resources: [walletKey.arn]`.",
        "2. Replace broad actions (`*`, `kms:*`, `rds:Modify*`, `s3:*`, NotAction) with the specific actions needed; keep master-password resets, snapshot sharing, exports and key-policy changes on a break-glass role.",
        "3. If the set of keys is dynamic, scope with a positive `aws:ResourceTag/<key>` (or `kms:ResourceAliases`) condition instead of listing ARNs.",
    ].join("\n"),
    check: ({ type, props }) => {
        const findings: Finding[] = [];
        for (const slot of identityDocuments(type, props)) {
            const { statements, findings: problems } = documentStatements(parseDocument(slot.value), slot.property, REQUIREMENT);
            findings.push(...problems);
            for (const statement of statements) {
                const allow = isAllow(statement);
                if (allow === false) {
                    continue;
                }
                const broad: string[] = [];
                let possible = false;
                for (const action of KEY_MATERIAL_ACTIONS) {
                    const covered = coversAction(statement, action);
                    const wide = covered === false ? false : broadForAction(statement, action);
                    if (covered === true && wide === true) {
                        broad.push(action);
                    } else if (covered !== false && wide !== false) {
                        possible = true;
                    }
                }
                const scoped = scopedByResourceCondition(statement);
                const where = describeStatement(statement);
                if (scoped === true) {
                    continue;
                }
                if (allow === true && broad.length > 0 && scoped === false) {
                    const how = statement.notResource ? "through NotResource (every resource but the listed ones)" : "on every resource of its kind (`*` or a wildcard ARN)";
                    findings.push(
                        violation(
                            slot.property,
                            `\`${slot.property}\` ${where} allows ${listActions(broad)} ${how}: whoever holds it ${describeCapabilities(broad)}, on every such resource in the account unless that resource's own policy refuses it. Name the specific ARNs in Resource.`,
                        ),
                    );
                } else if (broad.length > 0 || possible) {
                    findings.push(
                        undecided(
                            slot.property,
                            `\`${slot.property}\` ${where} has actions, resources, conditions or an Effect that are only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
