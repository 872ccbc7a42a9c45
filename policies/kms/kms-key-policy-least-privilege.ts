import { undecided, violation } from "../lib/readers/checks";
import { describeStatement, hasWildcardPrincipal, isAccountScoped, parsePolicyDocument, type Statement } from "../lib/aws/iam";
import {
    accountPrincipals,
    decryptActions,
    denyGates,
    grantsAllKms,
    isUseGated,
    KMS_POLICY_TYPES,
    onlyServicePrincipals,
} from "../lib/aws/kms";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { read, UNKNOWN } from "../lib/readers/values";

const SPLIT =
    "Give administrators only management actions (kms:Create*, Describe*, Enable*, List*, Put*, Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion, CancelKeyDeletion) and grant kms:Decrypt/ReEncrypt*/CreateGrant only to named roles";
const GATE = "with `kms:ViaService` (e.g. `rds.<region>.amazonaws.com`), `aws:SourceVpce` for workloads that call KMS directly, or `aws:MultiFactorAuthPresent` for people";

function checkStatement(statement: Statement, all: readonly Statement[]): Finding | undefined {
    if (statement.effect === "Deny" || statement.principals === undefined || onlyServicePrincipals(statement)) {
        return undefined;
    }
    const where = describeStatement(statement);
    const effectUnknown = statement.effect === UNKNOWN;
    const report = (message: string): Finding => (effectUnknown ? undecided("policy", `${message} (its Effect is computed; re-checked at update time)`) : violation("policy", message));

    const everyone = hasWildcardPrincipal(statement);
    if (everyone === true) {
        // Unscoped wildcards are kms-key-policy-no-public-principal's finding; scoped ones admit a whole account or organization.
        if (isAccountScoped(statement) !== true) {
            return undefined;
        }
        const actions = decryptActions(statement);
        if (actions === UNKNOWN) {
            return undecided("policy", `\`policy\` ${where} admits every principal of an account or organization and its Action is computed. ${SPLIT}.`);
        }
        if (actions.length === 0) {
            return undefined;
        }
        return report(
            `\`policy\` ${where} lets every principal of an account or organization (wildcard principal with an account condition) use ${actions.join(", ")}, so any IAM policy there can open the key material. ${SPLIT} ${GATE}.`,
        );
    }

    const accounts = accountPrincipals(statement);
    const roots = accounts.filter((a) => a !== UNKNOWN);
    if (roots.length > 0) {
        const allKms = grantsAllKms(statement);
        if (allKms === true && Array.isArray(statement.conditions) && statement.conditions.length === 0) {
            return report(
                `\`policy\` ${where} gives the account root every KMS action (the default "Enable IAM User Permissions" statement), which delegates Decrypt to any IAM policy in the account that grants kms:Decrypt on "*". Keep the root for key management only (lockout safety) and ${SPLIT} ${GATE}.`,
            );
        }
        const actions = decryptActions(statement);
        if (actions === UNKNOWN) {
            return undecided("policy", `\`policy\` ${where} names an account root and its Action is computed. ${SPLIT}.`);
        }
        if (actions.length > 0) {
            return report(
                `\`policy\` ${where} grants ${actions.join(", ")} to an account root, which delegates use of the key to every IAM policy in that account. ${SPLIT} ${GATE}.`,
            );
        }
        return undefined;
    }

    const actions = decryptActions(statement);
    if (actions === UNKNOWN) {
        return undecided("policy", `\`policy\` ${where} has a computed Action, so whether it grants Decrypt is only known at update time. ${SPLIT} ${GATE}.`);
    }
    const ungatedByDeny = actions.filter((action) => !all.some((other) => denyGates(other, action)));
    if (ungatedByDeny.length === 0) {
        return undefined;
    }
    const gated = isUseGated(statement);
    if (gated === true) {
        return undefined;
    }
    if (gated === UNKNOWN || everyone === UNKNOWN || accounts.includes(UNKNOWN)) {
        return undecided("policy", `\`policy\` ${where} grants ${ungatedByDeny.join(", ")} and its Principal or Condition is computed, so it is only known at update time. Grant decryption ${GATE}.`);
    }
    return report(
        `\`policy\` ${where} grants ${ungatedByDeny.join(", ")} without a \`kms:ViaService\`, \`aws:SourceVpce\`/\`aws:SourceVpc\` or MFA condition, so a stolen credential of that principal decrypts the key material from anywhere. Add a condition ${GATE}.`,
    );
}

export const kmsKeyPolicyLeastPrivilege = resourcePolicy({
    name: "kms-key-policy-least-privilege",
    description: "KMS key policies must separate key administration from key use and grant decryption only to named principals behind a service, network or MFA condition.",
    controls: [69],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["KMS.1", "KMS.2"],
        pciDss: ["3.6.1"],
        nist: ["AC-6"],
        checkov: ["CKV2_AWS_64"],
    },
    resourceTypes: KMS_POLICY_TYPES,
    remediationSteps: [
        "1. Write the key policy explicitly (`policy` on the aws.kms.Key, or an aws.kms.KeyPolicy) instead of relying on the default policy.",
        "2. Administration statement: the key-admin role gets kms:Create*, Describe*, Enable*, List*, Put*, Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion and CancelKeyDeletion - no Decrypt.",
        "3. Usage statement: named application roles get kms:Decrypt, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey* and kms:DescribeKey with `\"Condition\": {\"StringEquals\": {\"kms:ViaService\": \"rds.<region>.amazonaws.com\"}}` (or `aws:SourceVpce` for direct callers, `aws:MultiFactorAuthPresent` for people).",
        "4. Grants for AWS services: kms:CreateGrant/ListGrants/RevokeGrant with `\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}`.",
        "5. Replace the `arn:aws:iam::<account>:root` + kms:* statement with a root statement limited to management actions if you need lockout protection.",
    ].join("\n"),
    check: ({ props }) => {
        const document = parsePolicyDocument(read(props, "policy"));
        switch (document.kind) {
            case "absent":
                // An omitted policy on a key is kms-key-policy-least-privilege-linked's finding (it can see an aws.kms.KeyPolicy).
                return [];
            case "unknown":
                return [undecided("policy", "`policy` is computed from another resource, so it is only known at update time; the policy re-checks it then. Requirement: decryption only for named principals behind a kms:ViaService, network or MFA condition.")];
            case "malformed":
                return [violation("policy", `\`policy\` is not a valid key policy (${document.reason}). Fix the document; AWS rejects malformed key policies.`)];
            case "document":
                break;
        }
        return document.statements.map((s) => checkStatement(s, document.statements)).filter((f): f is Finding => f !== undefined);
    },
});
