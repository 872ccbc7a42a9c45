import { expectFlag, violation } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { RDS_INSTANCE } from "../lib/aws/types";

const FIX = "Set `storageEncrypted: true` (and `kmsKeyId` to a customer-managed key). Encryption cannot be added in place: restore from an encrypted snapshot copy.";

/** A cross-region read replica is named by the source's ARN; only `kmsKeyId` encrypts it. */
function isCrossRegionReplica(source: unknown): boolean {
    const value = asString(source);
    return typeof value === "string" && value.startsWith("arn:");
}

export const rdsInstanceStorageEncrypted = resourcePolicy({
    name: "rds-instance-storage-encrypted",
    description: "RDS DB instances must encrypt their storage, automated backups and snapshots at rest.",
    controls: [1],
    category: "encryption-at-rest",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["RDS.3"],
        cis: ["2.2.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-28"],
        checkov: ["CKV_AWS_16"],
        trivy: ["AVD-AWS-0080"],
        cdkNag: ["AwsSolutions-RDS2"],
    },
    resourceTypes: [RDS_INSTANCE],
    remediationSteps: [
        "1. Set `storageEncrypted: true` on the aws.rds.Instance and `kmsKeyId` to the ARN of a customer-managed aws.kms.Key.",
        "2. For an existing unencrypted instance: snapshot it, copy the snapshot with a CMK (aws.rds.SnapshotCopy with kmsKeyId), restore from the encrypted copy, then switch clients over.",
        "3. For a cross-region read replica, set `kmsKeyId` to a key in the replica's region (storageEncrypted is ignored there).",
    ].join("\n"),
    check: ({ props }) => {
        const source = read(props, "replicateSourceDb");
        if (source !== undefined && source !== null && source !== "") {
            if (source === UNKNOWN || !isCrossRegionReplica(source)) {
                // A same-region replica always uses the source's encryption and key; the source is checked itself.
                return [];
            }
            const key = read(props, "kmsKeyId");
            if (key === UNKNOWN || (typeof key === "string" && key.trim() !== "")) {
                return [];
            }
            return [violation("kmsKeyId", "This cross-region read replica sets no `kmsKeyId`, so it is created unencrypted (`storageEncrypted` is ignored for cross-region replicas). Set `kmsKeyId` to a customer-managed key in the replica's region.")];
        }
        return expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: FIX });
    },
});
