import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { EFS_FILE_SYSTEM } from "../lib/aws/types";

const FIX =
    "Set `encrypted: true` (with `kmsKeyId` naming a customer-managed key): an unencrypted file system keeps every file, and every backup and replica of it, in clear on AWS storage. Encryption can only be chosen at creation.";

export const efsFileSystemEncrypted = resourcePolicy({
    name: "efs-file-system-encrypted",
    description: "EFS file systems must be encrypted at rest.",
    controls: [111],
    category: "encryption-at-rest",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { securityHub: ["EFS.1"], nist: ["SC-28"], pciDss: ["3.5.1"], checkov: ["CKV_AWS_42"], trivy: ["AVD-AWS-0037"], cdkNag: ["AwsSolutions-EFS1"] },
    resourceTypes: [EFS_FILE_SYSTEM],
    remediationSteps: [
        "1. Create a new aws.efs.FileSystem with `encrypted: true` and `kmsKeyId` set to a customer-managed aws.kms.Key (encryption cannot be turned on in place).",
        "2. Copy the data across (AWS DataSync, or a restore of an AWS Backup recovery point into the new file system), then move the mount targets' clients.",
        "3. Delete the unencrypted file system and its backups once the copy is verified.",
    ].join("\n"),
    // CreateFileSystem `Encrypted` defaults to false in the API (only the console defaults to on).
    check: ({ props }) => expectFlag(props, "encrypted", { expected: true, defaultValue: false, fix: FIX }),
});
