import { violation } from "../lib/readers/checks";
import { IAM_TYPES } from "../lib/aws/iam-identity";
import { resourcePolicy } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";

export const iamNoLongLivedAccessKeysAdvisory = resourcePolicy({
    name: "iam-no-long-lived-access-keys-advisory",
    keyMaterialEscalation: false,
    description: "Active IAM access keys should be replaced by roles, because long-lived keys cannot carry MFA.",
    controls: [99],
    category: "secrets-handling",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        nist: ["IA-2"],
        checkov: ["CKV_AWS_273"],
    },
    resourceTypes: [IAM_TYPES.accessKey],
    remediationSteps: [
        "1. Give workloads an IAM role (instance profile, ECS task role, IRSA, GitHub OIDC) instead of an access key.",
        "2. Give people IAM Identity Center (SSO) or console sign-in with MFA instead of an access key.",
        "3. If the key must stay, scope the user's policies to the minimum and rotate the key regularly (Security Hub IAM.3 checks its age at runtime).",
    ].join("\n"),
    check: ({ props }) => {
        const status = asString(read(props, "status"));
        if (typeof status === "string" && status.trim().toLowerCase() === "inactive") {
            return [];
        }
        const pgp = asString(read(props, "pgpKey"));
        if (pgp === UNKNOWN || (typeof pgp === "string" && pgp.trim() !== "")) {
            return [
                violation(
                    "user",
                    "This access key is a long-lived credential for `user`: requests signed with it never carry MFA (aws:MultiFactorAuthPresent is absent), so any key-material access it grants is single-factor. Replace it with a role where possible.",
                ),
            ];
        }
        // Without pgpKey, iam-no-long-lived-access-keys already blocks the key.
        return [];
    },
});
