import { resourcePolicy } from "../lib/core/policy";
import { publicPrincipalFindings } from "../lib/aws/resource-policy";
import { BACKUP_VAULT_POLICY } from "../lib/aws/types";

type Config = { allowedAccountIds: string[] };

export const backupVaultPolicyRestricted = resourcePolicy<Config>({
    name: "backup-vault-policy-restricted",
    description: "AWS Backup vault access policies must not allow a wildcard principal unless a condition pins callers to an account or organization.",
    controls: [92],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["AC-3", "AC-6"] },
    resourceTypes: [BACKUP_VAULT_POLICY],
    remediationSteps: [
        "1. Replace `Principal: \"*\"` (or `{ AWS: \"*\" }`, or NotPrincipal) in Allow statements with the account or role ARNs that copy into or restore from this vault.",
        "2. For organization-wide copy targets, keep the wildcard only with `StringEquals: { \"aws:PrincipalOrgID\": \"o-...\" }`.",
        '3. Add a Deny of `backup:DeleteRecoveryPoint`, `backup:UpdateRecoveryPointLifecycle` and `backup:PutBackupVaultAccessPolicy` for every principal except a break-glass role (condition `ArnNotEquals: { "aws:PrincipalArn": "<break-glass role>" }`), and a vault lock (backup-vault-lock).',
        "4. Optionally list the account ids that may be granted access in the policy config `allowedAccountIds`; other accounts are then reported too.",
    ].join("\n"),
    config: {
        allowedAccountIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Account ids that vault policies may grant access to; when non-empty, Allow statements naming other accounts are violations.",
        },
    },
    check: ({ props, config }) =>
        publicPrincipalFindings(props["policy"], {
            property: "policy",
            holds: "the vault's recovery points (copy, restore or delete full copies of the key store)",
            allowedAccountIds: config.allowedAccountIds,
            fix: "Grant the vault to named accounts or roles only, or pin wildcard principals with aws:PrincipalOrgID / aws:PrincipalAccount.",
        }),
});
