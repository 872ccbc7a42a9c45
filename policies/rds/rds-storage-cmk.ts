import { classifyKey, expectCustomerManagedKey } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { read, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

const INSTANCE = RDS_INSTANCE;
const CLUSTER = RDS_CLUSTER;

const FIX =
    "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key whose key policy limits who can decrypt the volumes and snapshots. The key cannot be changed in place: copy a snapshot with the new key and restore from it.";

/**
 * Inputs that make the database copy an existing one. Without `kmsKeyId` such a copy keeps the source's
 * key (a same-region replica must; a restore keeps the snapshot's key), and the source is checked on its own.
 */
const SOURCES: Record<string, readonly string[]> = {
    [INSTANCE]: ["replicateSourceDb", "snapshotIdentifier", "restoreToPointInTime"],
    [CLUSTER]: ["replicationSourceIdentifier", "snapshotIdentifier", "restoreToPointInTime"],
};

function copiesSource(type: string, props: PlainObject): boolean {
    return (SOURCES[type] ?? []).some((property) => presenceOf(read(props, property)) !== "absent");
}

export const rdsStorageCmk = resourcePolicy({
    name: "rds-storage-cmk",
    description: "RDS DB instances and clusters must encrypt their storage with a customer-managed KMS key, not the AWS-managed aws/rds key.",
    controls: [3],
    category: "key-management",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_327"],
    },
    resourceTypes: [INSTANCE, CLUSTER],
    remediationSteps: [
        "1. Create an aws.kms.Key with key rotation on and a key policy that grants kms:Decrypt / kms:CreateGrant only to the roles that administer or run the database.",
        "2. Set `kmsKeyId` on the aws.rds.Instance or aws.rds.Cluster to that key's ARN (together with `storageEncrypted: true`).",
        "3. For an existing database: snapshot it, copy the snapshot with the new key (aws.rds.SnapshotCopy / ClusterSnapshotCopy `kmsKeyId`), restore from the copy and switch clients over.",
    ].join("\n"),
    check: ({ props, type }): Finding[] => {
        if (classifyKey(read(props, "kmsKeyId")) === "absent" && copiesSource(type, props)) {
            // Replica or restore without its own key: it keeps the source's key, which is checked where it is set.
            return [];
        }
        return expectCustomerManagedKey(props, "kmsKeyId", { protects: "the storage, backups and snapshots", defaultKey: "aws/rds", fix: FIX });
    },
});
