import { expectFlag, violation } from "../lib/readers/checks";
import { clusterStorageFindings } from "../lib/aws/docdb-neptune";
import { resourcePolicy } from "../lib/core/policy";
import { isSet } from "../lib/readers/presence";
import { asBool, read } from "../lib/readers/values";
import { NEPTUNE_CLUSTER, NEPTUNE_GLOBAL_CLUSTER } from "../lib/aws/types";

const FIX =
    "Set `storageEncrypted: true` and `kmsKeyArn` (not `kmsKeyId`) to the ARN of a customer-managed aws.kms.Key. Encryption cannot be added in place: restore a snapshot into a new cluster with `kmsKeyArn` set.";
const GLOBAL_FIX = "Set `storageEncrypted: true` on the global cluster (or create it from an encrypted `sourceDbClusterIdentifier`).";

export const neptuneStorageEncryptedCmk = resourcePolicy({
    name: "neptune-storage-encrypted-cmk",
    description: "Neptune clusters and global clusters must encrypt storage at rest with a customer-managed KMS key.",
    controls: [41],
    category: "encryption-at-rest",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["Neptune.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_44", "CKV_AWS_347"],
        trivy: ["AVD-AWS-0076", "AVD-AWS-0128"],
        cdkNag: ["AwsSolutions-N4"],
    },
    resourceTypes: [NEPTUNE_CLUSTER, NEPTUNE_GLOBAL_CLUSTER],
    remediationSteps: [
        "1. Create (or reuse) a customer-managed aws.kms.Key whose key policy names only the roles that administer the graph store.",
        "2. On the aws.neptune.Cluster set `storageEncrypted: true` and `kmsKeyArn: key.arn` (the Neptune input is `kmsKeyArn`; `kmsKeyId` is not read).",
        "3. For a cluster restored with `snapshotIdentifier`, set `kmsKeyArn` explicitly: the restore otherwise keeps the snapshot's encryption.",
        "4. On an aws.neptune.GlobalCluster set `storageEncrypted: true`.",
        "5. An existing unencrypted cluster cannot be encrypted in place: snapshot it, restore into a new cluster with `kmsKeyArn`, switch clients, then delete the old one.",
    ].join("\n"),
    check: ({ type, props }) => {
        if (type === NEPTUNE_GLOBAL_CLUSTER) {
            if (isSet(read(props, "sourceDbClusterIdentifier"))) {
                return asBool(read(props, "storageEncrypted")) === false ? [violation("storageEncrypted", `\`storageEncrypted\` is false. ${GLOBAL_FIX}`)] : [];
            }
            return expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: GLOBAL_FIX });
        }
        const findings = clusterStorageFindings(props, {
            keyProperty: "kmsKeyArn",
            restoreProperties: ["snapshotIdentifier"],
            replicaProperty: "replicationSourceIdentifier",
            fix: FIX,
        });
        if (isSet(read(props, "kmsKeyId"))) {
            // The RDS/DocumentDB spelling is silently ignored on Neptune: say so where the key is reported missing.
            return findings.map((f) =>
                f.property === "kmsKeyArn" ? { ...f, message: `${f.message} The program sets \`kmsKeyId\`, which Neptune does not read: rename it to \`kmsKeyArn\`.` } : f,
            );
        }
        return findings;
    },
});
