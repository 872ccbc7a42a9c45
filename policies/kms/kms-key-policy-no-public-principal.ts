import { undecided, violation } from "../lib/readers/checks";
import { describeStatement, hasWildcardPrincipal, isAccountScoped, parsePolicyDocument } from "../lib/aws/iam";
import { KMS_POLICY_TYPES } from "../lib/aws/kms";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { read, UNKNOWN } from "../lib/readers/values";

const FIX =
    "Name the principals (role ARNs) instead of `*`, or add a condition that pins callers to your account or organization (`StringEquals` on `kms:CallerAccount`, `aws:PrincipalAccount` or `aws:PrincipalOrgID` with a concrete value, ideally with `kms:ViaService`).";

export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy({
    name: "kms-key-policy-no-public-principal",
    description: "KMS key policies must not allow a wildcard principal unless a condition pins callers to your own account or organization.",
    controls: [68],
    category: "key-management",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["KMS.5"],
        pciDss: ["3.6.1"],
        nist: ["AC-3", "AC-6"],
        checkov: ["CKV_AWS_33"],
    },
    resourceTypes: KMS_POLICY_TYPES,
    remediationSteps: [
        "1. In the key policy (`policy` on the aws.kms.Key, KeyPolicy, ReplicaKey or ExternalKey), find each Allow statement whose Principal is `*`, `{\"AWS\": \"*\"}`, a list containing `*`, or a NotPrincipal.",
        "2. Replace the wildcard with the ARNs of the roles that need the key, or add `\"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"<your account id>\"}}` (or `aws:PrincipalOrgID`) with a concrete value.",
        "3. Replace Allow + NotPrincipal with Allow + Principal listing the intended principals.",
        "4. Re-run `pulumi preview` to confirm no statement admits every AWS account.",
    ].join("\n"),
    check: ({ props }) => {
        const document = parsePolicyDocument(read(props, "policy"));
        switch (document.kind) {
            case "absent":
                // The default key policy admits only the key's own account.
                return [];
            case "unknown":
                return [undecided("policy", "`policy` is computed from another resource, so it is only known at update time; the policy re-checks it then. Requirement: no Allow statement may admit a wildcard principal without an account-scoping condition.")];
            case "malformed":
                return [violation("policy", `\`policy\` is not a valid key policy (${document.reason}), so it cannot be shown to keep other accounts out. Fix the document; AWS rejects malformed key policies.`)];
            case "document":
                break;
        }
        const findings: Finding[] = [];
        for (const statement of document.statements) {
            if (statement.effect === "Deny") {
                continue;
            }
            const everyone = hasWildcardPrincipal(statement);
            if (everyone === false) {
                continue;
            }
            const scoped = isAccountScoped(statement);
            if (scoped === true) {
                continue;
            }
            const where = describeStatement(statement);
            const who = statement.notPrincipal ? "uses Allow with NotPrincipal, which admits every principal not listed" : "allows a wildcard principal";
            if (everyone === UNKNOWN || scoped === UNKNOWN || statement.effect === UNKNOWN) {
                const part = everyone === UNKNOWN ? "its Principal" : scoped === UNKNOWN ? "its Condition" : "its Effect";
                findings.push(
                    undecided("policy", `\`policy\` ${where} may admit every AWS account, and ${part} is computed, so it is only known at update time. ${FIX}`),
                );
                continue;
            }
            const effectNote = statement.effect === "invalid" ? " (its Effect is neither Allow nor Deny, so it is read as Allow)" : "";
            findings.push(
                violation(
                    "policy",
                    `\`policy\` ${where} ${who}${effectNote} without a condition that pins callers to your account or organization, so any AWS account can use the key. ${FIX}`,
                ),
            );
        }
        return findings;
    },
});
