import { expectAtLeast, violation } from "../lib/readers/checks";
import { expectCustomerManagedKey } from "../lib/readers/checks";
import { presence } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { MEMORYDB_CLUSTER, MEMORYDB_SNAPSHOT } from "../lib/aws/types";

const CLUSTER = MEMORYDB_CLUSTER;
const SNAPSHOT = MEMORYDB_SNAPSHOT;

const KEY_FIX = "Set `kmsKeyArn` to the ARN of a customer-managed aws.kms.Key whose key policy limits who can decrypt the data.";

type Config = {
    minimumSnapshotRetentionDays: number;
    requireSubnetGroup: boolean;
};

export const memorydbCmkAndSnapshots = resourcePolicy<Config>({
    name: "memorydb-cmk-and-snapshots",
    description: "MemoryDB clusters and snapshots must be encrypted with a customer-managed KMS key, and clusters must keep automatic snapshots and use an explicit subnet group.",
    controls: [52],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["SC-12", "SC-28", "CP-9"],
        checkov: ["CKV_AWS_201", "CKV_AWS_278"],
    },
    resourceTypes: [CLUSTER, SNAPSHOT],
    remediationSteps: [
        "1. Create an aws.kms.Key for MemoryDB and set `kmsKeyArn: key.arn` on the aws.memorydb.Cluster and on every aws.memorydb.Snapshot (the key cannot be changed in place: restore into a new cluster).",
        "2. Set `snapshotRetentionLimit` to at least the configured number of days (default 0 turns automatic snapshots off).",
        "3. Create an aws.memorydb.SubnetGroup over private subnets and set `subnetGroupName` (otherwise the default VPC's subnets are used).",
    ].join("\n"),
    config: {
        minimumSnapshotRetentionDays: {
            type: "integer",
            default: 1,
            minimum: 0,
            description: "Minimum snapshotRetentionLimit for MemoryDB clusters; 0 turns the snapshot part of the check off.",
        },
        requireSubnetGroup: {
            type: "boolean",
            default: true,
            description: "Require an explicit subnetGroupName on MemoryDB clusters (the default subnet group uses the default VPC).",
        },
    },
    check: ({ props, type, config }) => {
        if (type === SNAPSHOT) {
            if (presence(props, "kmsKeyArn") === "absent") {
                return [
                    violation(
                        "kmsKeyArn",
                        "`kmsKeyArn` is not set, so nothing in the program pins this snapshot (a full copy of every key in the cluster) to a customer-managed key. " + KEY_FIX,
                    ),
                ];
            }
            return expectCustomerManagedKey(props, "kmsKeyArn", { protects: "the snapshot", defaultKey: "a key owned by the MemoryDB service", fix: KEY_FIX });
        }
        const findings: Finding[] = [
            ...expectCustomerManagedKey(props, "kmsKeyArn", { protects: "the cluster data (snapshots included)", defaultKey: "a key owned by the MemoryDB service", fix: KEY_FIX }),
        ];
        if (config.minimumSnapshotRetentionDays > 0) {
            findings.push(
                ...expectAtLeast(props, "snapshotRetentionLimit", {
                    minimum: config.minimumSnapshotRetentionDays,
                    defaultValue: 0,
                    fix: `Set \`snapshotRetentionLimit\` to at least ${config.minimumSnapshotRetentionDays}: MemoryDB is a durable primary store, and 0 turns automatic snapshots off.`,
                }),
            );
        }
        if (config.requireSubnetGroup) {
            const subnets = presence(props, "subnetGroupName", "string");
            if (subnets === "absent" || subnets === "invalid") {
                findings.push(
                    violation(
                        "subnetGroupName",
                        `\`subnetGroupName\` ${subnets === "invalid" ? "is not a string" : "is not set"}, so the cluster is placed in a subnet group of the default VPC's subnets. Create an aws.memorydb.SubnetGroup over private subnets and set \`subnetGroupName\`.`,
                    ),
                );
            }
        }
        return findings;
    },
});
