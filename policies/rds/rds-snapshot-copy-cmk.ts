import { expectCustomerManagedKey } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { RDS_CLUSTER_SNAPSHOT_COPY, RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION, RDS_SNAPSHOT_COPY } from "../lib/aws/types";

const FIX =
    "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key in the destination region whose key policy allows only the roles that may restore the copy.";

export const rdsSnapshotCopyCmk = resourcePolicy({
    name: "rds-snapshot-copy-cmk",
    description: "RDS snapshot copies and cross-region automated backup replications must be encrypted with a customer-managed KMS key.",
    controls: [15],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.4"],
        pciDss: ["3.5.1"],
        nist: ["SC-28", "SC-12"],
        checkov: ["CKV_AWS_266", "CKV_AWS_245"],
    },
    resourceTypes: [
        RDS_SNAPSHOT_COPY,
        RDS_CLUSTER_SNAPSHOT_COPY,
        RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION,
    ],
    remediationSteps: [
        "1. Create (or reuse) a customer-managed aws.kms.Key in the region the copy lives in, with a key policy limited to the roles that may restore it.",
        "2. Set `kmsKeyId` on the aws.rds.SnapshotCopy, aws.rds.ClusterSnapshotCopy or aws.rds.InstanceAutomatedBackupsReplication to that key's ARN; this also encrypts a copy of an unencrypted snapshot.",
        "3. The key of an existing copy cannot be changed: create a new copy with the CMK and delete the old one.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        return expectCustomerManagedKey(props, "kmsKeyId", {
            whenAbsent: "the copy keeps the source's encryption: none for an unencrypted source, and a key you do not choose otherwise",
            fix: FIX,
        });
    },
});
