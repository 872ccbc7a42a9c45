import { violation } from "../lib/readers/checks";
import { IAM_TYPES } from "../lib/aws/iam-identity";
import { resourcePolicy } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";

export const iamNoLongLivedAccessKeys = resourcePolicy({
    name: "iam-no-long-lived-access-keys",
    description: "IAM access keys must be created with a PGP key so their secret is never stored in clear in the Pulumi state.",
    controls: [99],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        nist: ["IA-5"],
        checkov: ["CKV_AWS_273"],
    },
    resourceTypes: [IAM_TYPES.accessKey],
    remediationSteps: [
        "1. Prefer no access key at all: give workloads an IAM role (instance profile, IRSA, GitHub OIDC) and people IAM Identity Center.",
        "2. If a key is unavoidable, set `pgpKey` (a base64 public key or `keybase:<user>`) so only `encryptedSecret` is stored in state, and decrypt it offline.",
        "3. Rotate the existing key: create the new key with `pgpKey`, switch the consumer, then delete the old key (its secret is already in state history).",
    ].join("\n"),
    check: ({ props }) => {
        const raw = read(props, "pgpKey");
        const pgp = typeof raw === "number" || typeof raw === "boolean" ? INVALID : asString(raw);
        if (pgp === INVALID) {
            return [violation("pgpKey", "`pgpKey` is not a string, so the secret access key would be stored unencrypted in the Pulumi state. Set `pgpKey` to a base64 PGP public key or `keybase:<user>`.")];
        }
        if (pgp === UNKNOWN) {
            // Computed from another resource or a config secret: a key is being supplied.
            return [];
        }
        if (pgp === undefined || pgp.trim() === "") {
            return [
                violation(
                    "pgpKey",
                    "`pgpKey` is not set, so the secret access key is stored in the Pulumi state (and every state backup) in plaintext; anyone who reads the state can act as this user, without MFA. Remove the key in favour of a role, or set `pgpKey`.",
                ),
            ];
        }
        return [];
    },
});
