import { expectFlag, undecided, unknownFinding, violation } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_GLOBAL_CLUSTER } from "../lib/aws/types";

const CLUSTER = RDS_CLUSTER;
const GLOBAL_CLUSTER = RDS_GLOBAL_CLUSTER;

const CLUSTER_FIX =
    "Set `storageEncrypted: true` (and `kmsKeyId` to a customer-managed key). Encryption cannot be added in place: restore an encrypted snapshot copy into a new cluster.";
const GLOBAL_FIX =
    "Set `storageEncrypted: true` on the global cluster (or create it from an encrypted cluster with `sourceDbClusterIdentifier`); every region it replicates to then holds the data encrypted.";

/** The inputs that make a cluster copy its data, and with it its encryption, from somewhere else. */
const SOURCES = ["snapshotIdentifier", "replicationSourceIdentifier", "restoreToPointInTime"] as const;

function keySupplied(props: PlainObject): boolean {
    return presenceOf(read(props, "kmsKeyId")) !== "absent";
}

function checkCluster(props: PlainObject): Finding[] {
    const encrypted = asBool(read(props, "storageEncrypted"));
    if (encrypted === true) {
        return [];
    }
    if (encrypted === UNKNOWN) {
        return [unknownFinding("storageEncrypted", CLUSTER_FIX)];
    }
    const mode = asString(read(props, "engineMode"));
    if (typeof mode === "string" && mode.trim().toLowerCase() === "serverless") {
        // Aurora Serverless v1 clusters are always encrypted; storageEncrypted cannot turn that off.
        return [];
    }
    if (encrypted === INVALID) {
        return [violation("storageEncrypted", `\`storageEncrypted\` is not a boolean. ${CLUSTER_FIX}`)];
    }
    const source = SOURCES.find((property) => presenceOf(read(props, property)) !== "absent");
    if (source !== undefined || presenceOf(read(props, "globalClusterIdentifier")) !== "absent") {
        // A restore or replica takes its encryption from the snapshot/source, and a global secondary from the
        // global cluster; a `kmsKeyId` encrypts any of them. Supplying a key is decidable, the source is not.
        if (keySupplied(props)) {
            return [];
        }
        if (encrypted === false) {
            return [violation("storageEncrypted", `\`storageEncrypted\` is false. ${CLUSTER_FIX}`)];
        }
        if (source !== undefined) {
            return [
                undecided(
                    "storageEncrypted",
                    `\`storageEncrypted\` is not set, so this cluster takes its encryption from \`${source}\`, which the policy cannot see. Set \`storageEncrypted: true\` (the provider then detects an unencrypted source as drift) or \`kmsKeyId\` to a customer-managed key, which encrypts the copy.`,
                ),
            ];
        }
    }
    if (mode === UNKNOWN && encrypted === undefined) {
        return [unknownFinding("engineMode", `only \`engineMode: "serverless"\` is encrypted without \`storageEncrypted: true\`. ${CLUSTER_FIX}`)];
    }
    return expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: CLUSTER_FIX });
}

function checkGlobalCluster(props: PlainObject): Finding[] {
    const encrypted = asBool(read(props, "storageEncrypted"));
    if (encrypted === undefined && presenceOf(read(props, "sourceDbClusterIdentifier")) !== "absent") {
        // Created from an existing cluster, the global cluster copies that cluster's encryption; the source
        // aws.rds.Cluster is checked by this policy as a resource of its own.
        return [];
    }
    return expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: GLOBAL_FIX });
}

export const rdsClusterStorageEncrypted = resourcePolicy({
    name: "rds-cluster-storage-encrypted",
    description: "Aurora and Multi-AZ DB clusters and global clusters must encrypt their storage, backups and snapshots at rest.",
    controls: [2],
    category: "encryption-at-rest",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["RDS.27"],
        pciDss: ["3.5.1"],
        nist: ["SC-28"],
        checkov: ["CKV_AWS_96", "CKV_AWS_140"],
        trivy: ["AVD-AWS-0079"],
        cdkNag: ["AwsSolutions-RDS2", "RDSStorageEncrypted"],
    },
    resourceTypes: [CLUSTER, GLOBAL_CLUSTER],
    remediationSteps: [
        "1. Set `storageEncrypted: true` on the aws.rds.Cluster and `kmsKeyId` to the ARN of a customer-managed aws.kms.Key (Aurora Serverless v2 and Multi-AZ DB clusters default to unencrypted).",
        "2. For an aws.rds.GlobalCluster, set `storageEncrypted: true`, or create it with `sourceDbClusterIdentifier` pointing to an encrypted cluster.",
        "3. For a cluster restored from a snapshot or created as a replica, set `storageEncrypted: true` or `kmsKeyId` so the encryption is stated in the program instead of inherited from an unseen source.",
        "4. For an existing unencrypted cluster: snapshot it, copy the snapshot with a CMK (aws.rds.ClusterSnapshotCopy with kmsKeyId), restore a new cluster from the copy and switch clients over.",
    ].join("\n"),
    check: ({ props, type }) => (type === GLOBAL_CLUSTER ? checkGlobalCluster(props) : checkCluster(props)),
});
