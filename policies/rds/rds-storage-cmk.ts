import { classifyKey, expectCustomerManagedKey, violation } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
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

/**
 * Is the storage encrypted at all? `storageEncrypted` defaults to false on instances and provisioned clusters; an
 * Aurora Serverless v1 cluster (`engineMode: "serverless"`) is always encrypted.
 */
function storageEncryption(type: string, props: PlainObject): "on" | "off" | typeof UNKNOWN {
    const flag = asBool(read(props, "storageEncrypted"));
    if (flag === true) {
        return "on";
    }
    if (flag === UNKNOWN) {
        return UNKNOWN;
    }
    if (type === CLUSTER) {
        const mode = asString(read(props, "engineMode"));
        if (mode === UNKNOWN) {
            return UNKNOWN;
        }
        if (typeof mode === "string" && mode.trim().toLowerCase() === "serverless") {
            return "on";
        }
    }
    // false, not set (default false), or not a boolean (the encryption policies report that spelling).
    return flag === INVALID ? UNKNOWN : "off";
}

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
        if (classifyKey(read(props, "kmsKeyId")) === "absent") {
            if (copiesSource(type, props)) {
                // Replica or restore without its own key: it keeps the source's key, which is checked where it is set.
                return [];
            }
            const encrypted = storageEncryption(type, props);
            if (encrypted === "off") {
                // One cause, one blocking finding: unencrypted storage is rds-instance-storage-encrypted's /
                // rds-cluster-storage-encrypted's finding, whose fix names the customer-managed key; no AWS key is in use.
                return [];
            }
            if (encrypted === UNKNOWN) {
                return [violation("kmsKeyId", `\`kmsKeyId\` is not set, so whenever the storage is encrypted (\`storageEncrypted\` is computed) it uses the AWS-managed key \`aws/rds\`, whose key policy you cannot restrict. ${FIX}`)];
            }
        }
        return expectCustomerManagedKey(props, "kmsKeyId", { protects: "the storage (backups and snapshots included)", defaultKey: "aws/rds", fix: FIX });
    },
});
