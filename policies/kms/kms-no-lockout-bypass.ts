import { expectFlag } from "../lib/readers/checks";
import { KMS_POLICY_TYPES } from "../lib/aws/kms";
import { resourcePolicy } from "../lib/core/policy";

export const kmsNoLockoutBypass = resourcePolicy({
    name: "kms-no-lockout-bypass",
    description: "KMS keys and key policies must not bypass the key-policy lockout safety check.",
    controls: [71],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        nist: ["AC-6"],
    },
    resourceTypes: KMS_POLICY_TYPES,
    remediationSteps: [
        "1. Remove `bypassPolicyLockoutSafetyCheck` (default false) from the aws.kms.Key, KeyPolicy, ReplicaKey or ExternalKey.",
        "2. If AWS then rejects the key policy, fix the policy so the principal applying it can still manage the key, instead of bypassing the check.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "bypassPolicyLockoutSafetyCheck", {
            expected: false,
            defaultValue: false,
            fix: "Remove `bypassPolicyLockoutSafetyCheck` or set it to false: a key policy that locks out its administrators leaves the key unmanageable (or hides a rogue grant of Decrypt).",
        }),
});
