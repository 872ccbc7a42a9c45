import { expectCustomerManagedKey } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { BACKUP_LOGICALLY_AIR_GAPPED_VAULT, BACKUP_VAULT } from "../lib/aws/types";

export const AIR_GAPPED_VAULT = BACKUP_LOGICALLY_AIR_GAPPED_VAULT;

export const backupVaultCmk = resourcePolicy({
    name: "backup-vault-cmk",
    description: "AWS Backup vaults, including logically air-gapped vaults, must encrypt recovery points with a customer-managed KMS key.",
    controls: [90],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Backup.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_166"],
    },
    resourceTypes: [BACKUP_VAULT, AIR_GAPPED_VAULT],
    remediationSteps: [
        "1. Create an aws.kms.Key for backups whose key policy lets only the backup service role and break-glass administrators use it.",
        "2. Set `kmsKeyArn: key.arn` on the aws.backup.Vault, or `encryptionKeyArn: key.arn` on the aws.backup.LogicallyAirGappedVault.",
        "3. The key of a vault cannot be changed in place: create a new vault with the key, point the backup plans at it, and let the old recovery points expire.",
    ].join("\n"),
    check: ({ props, type }) =>
        type === AIR_GAPPED_VAULT
            ? expectCustomerManagedKey(props, "encryptionKeyArn", {
                  protects: "every recovery point (a full copy of the key store)",
                  defaultKey: "an AWS-owned key",
                  fix: "Set `encryptionKeyArn` to the ARN of a customer-managed aws.kms.Key so its key policy decides who can restore or copy the backups.",
              })
            : expectCustomerManagedKey(props, "kmsKeyArn", {
                  protects: "every recovery point (a full copy of the key store)",
                  defaultKey: "aws/backup",
                  fix: "Set `kmsKeyArn` to the ARN of a customer-managed aws.kms.Key so its key policy decides who can restore or copy the backups.",
              }),
});
