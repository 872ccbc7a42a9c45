import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { KMS_EXTERNAL_KEY, KMS_KEY, KMS_REPLICA_KEY } from "../lib/aws/types";

const FIX =
    "Use a single-Region key unless the key material must be usable in several Regions; if it must, add the resource name to this policy's `allowedKeys` after reviewing every replica's key policy.";

export const kmsMultiRegionReview = resourcePolicy<{ allowedKeys: string[] }>({
    name: "kms-multi-region-review",
    keyMaterialEscalation: false,
    description: "Multi-Region KMS keys and their replicas must be reviewed and allow-listed, because every replica has its own key policy over the same key material.",
    controls: [72],
    category: "key-management",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12"] },
    resourceTypes: [KMS_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_KEY],
    remediationSteps: [
        "1. Prefer single-Region keys (`multiRegion` omitted or false) for key stores; create a separate key per Region if needed.",
        "2. For a required multi-Region key, give the primary and each aws.kms.ReplicaKey an explicit, restrictive `policy`.",
        "3. Add the reviewed resource names (primary and replicas) to the policy config `allowedKeys`.",
    ].join("\n"),
    config: {
        allowedKeys: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Pulumi resource names of multi-Region keys and replica keys that were reviewed and may exist.",
        },
    },
    check: ({ props, type, name, config }) => {
        if (config.allowedKeys.includes(name)) {
            return [];
        }
        if (type === KMS_REPLICA_KEY) {
            return [
                violation(
                    "primaryKeyArn",
                    `This aws.kms.ReplicaKey copies the primary key's material into another Region under its own, independent key policy. ${FIX}`,
                ),
            ];
        }
        const value = asBool(read(props, "multiRegion"));
        if (value === UNKNOWN) {
            return [unknownFinding("multiRegion", FIX)];
        }
        if (value === INVALID) {
            return [violation("multiRegion", `\`multiRegion\` is not a boolean. ${FIX}`)];
        }
        if (value === true) {
            return [violation("multiRegion", `\`multiRegion\` is true, so the key material can be replicated to other Regions, each replica with its own key policy. ${FIX}`)];
        }
        return [];
    },
});
