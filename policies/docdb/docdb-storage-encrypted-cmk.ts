import { expectFlag, keyFindings, violation } from "../lib/readers/checks";
import { clusterStorageFindings } from "../lib/aws/docdb-neptune";
import type { Finding } from "../lib/core/policy";
import { isSet } from "../lib/readers/presence";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, read } from "../lib/readers/values";
import { DOCDB_CLUSTER, DOCDB_ELASTIC_CLUSTER, DOCDB_GLOBAL_CLUSTER } from "../lib/aws/types";

const FIX =
    "Set `storageEncrypted: true` and `kmsKeyId` to the ARN of a customer-managed aws.kms.Key. Encryption cannot be added in place: restore a snapshot into a new cluster with `kmsKeyId` set.";
const ELASTIC_FIX = "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key (this recreates the elastic cluster).";
const GLOBAL_FIX = "Set `storageEncrypted: true` on the global cluster (or create it from an encrypted `sourceDbClusterIdentifier`).";

function elasticFindings(value: unknown): Finding[] {
    return keyFindings(value, "kmsKeyId", { whenAbsent: "the elastic cluster is encrypted with the AWS-managed default key, whose key policy you cannot restrict", fix: ELASTIC_FIX });
}

export const docdbStorageEncryptedCmk = resourcePolicy({
    name: "docdb-storage-encrypted-cmk",
    description: "DocumentDB clusters, global clusters and elastic clusters must encrypt storage at rest with a customer-managed KMS key.",
    controls: [36],
    category: "encryption-at-rest",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["DocumentDB.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_74", "CKV_AWS_182", "CKV_AWS_292"],
        trivy: ["AVD-AWS-0021", "AVD-AWS-0022"],
        cdkNag: ["AwsSolutions-DOC1"],
    },
    resourceTypes: [DOCDB_CLUSTER, DOCDB_GLOBAL_CLUSTER, DOCDB_ELASTIC_CLUSTER],
    remediationSteps: [
        "1. Create (or reuse) a customer-managed aws.kms.Key whose key policy names only the roles that administer the document store.",
        "2. On the aws.docdb.Cluster set `storageEncrypted: true` and `kmsKeyId: key.arn`; on an aws.docdb.GlobalCluster set `storageEncrypted: true`; on an aws.docdb.ElasticCluster set `kmsKeyId: key.arn`.",
        "3. For a cluster restored with `snapshotIdentifier` or `restoreToPointInTime`, set `kmsKeyId` explicitly: the restore otherwise keeps the source's encryption.",
        "4. An existing unencrypted cluster cannot be encrypted in place: snapshot it, restore the snapshot into a new cluster with `kmsKeyId`, switch clients, then delete the old cluster.",
    ].join("\n"),
    check: ({ type, props }) => {
        if (type === DOCDB_ELASTIC_CLUSTER) {
            return elasticFindings(read(props, "kmsKeyId"));
        }
        if (type === DOCDB_GLOBAL_CLUSTER) {
            if (isSet(read(props, "sourceDbClusterIdentifier"))) {
                // Created from an existing cluster: it takes that cluster's encryption, and the cluster is checked itself.
                return asBool(read(props, "storageEncrypted")) === false
                    ? [violation("storageEncrypted", `\`storageEncrypted\` is false. ${GLOBAL_FIX}`)]
                    : [];
            }
            return expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: GLOBAL_FIX });
        }
        return clusterStorageFindings(props, { keyProperty: "kmsKeyId", restoreProperties: ["snapshotIdentifier", "restoreToPointInTime"], fix: FIX });
    },
});
