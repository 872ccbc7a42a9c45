import { expectCustomerManagedKey } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, read } from "../lib/readers/values";
import { EFS_FILE_SYSTEM } from "../lib/aws/types";

const FIX =
    "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key whose key policy limits who can decrypt the files. The key can only be chosen at creation.";

export const efsFileSystemCmk = resourcePolicy({
    name: "efs-file-system-cmk",
    description: "Encrypted EFS file systems should use a customer-managed KMS key, not the AWS-managed aws/elasticfilesystem key.",
    controls: [112],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-28"], pciDss: ["3.6.1"], checkov: ["CKV_AWS_184"] },
    resourceTypes: [EFS_FILE_SYSTEM],
    remediationSteps: [
        "1. Create an aws.kms.Key for the file system; in its key policy allow decrypt only through EFS (kms:ViaService elasticfilesystem.<region>.amazonaws.com) for the roles that mount it.",
        "2. Create a new aws.efs.FileSystem with `encrypted: true, kmsKeyId: key.arn`, copy the data (DataSync, or an AWS Backup restore), and retire the old one.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        // An unencrypted file system is efs-file-system-encrypted's finding (one cause, one finding); a key named on
        // one is still checked, since `kmsKeyId` requires `encrypted: true` and the fix keeps the key.
        if (asBool(read(props, "encrypted")) !== true && read(props, "kmsKeyId") === undefined) {
            return [];
        }
        return expectCustomerManagedKey(props, "kmsKeyId", { protects: "the file system", defaultKey: "aws/elasticfilesystem", fix: FIX });
    },
});
