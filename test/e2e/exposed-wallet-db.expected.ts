// The findings stacks/exposed-wallet-db must produce, shared by the emulator's end-to-end test
// (test/e2e/exposed-wallet-db.test.ts) and the real-CLI suite (test/engine), which asserts parity case by case.
//
// EXPECTED is derived from the stack's design (see the comments in stacks/exposed-wallet-db/index.ts), one
// line per (policy, resource). When a policy is added, add its lines here; `modes` says whether a finding is
// expected in preview, in update, or both (a finding that needs a value only known after creation is
// update-only in the pack's design, and undecided, so advisory, during preview). A stack policy's finding
// without a URN belongs to the root stack resource, `exposed-wallet-db-dev`.

import { sortFindings, type FindingKey, type Level } from "../harness/report";

export type Modes = "both" | "preview" | "update";

export const EXPECTED: readonly [policy: string, resource: string, level: Level, modes: Modes][] = [
    // Network: the database group open to the world, three ways
    ["sg-no-public-db-port-ingress",                 "wallet-db-sg",                   "mandatory", "both"],
    // The VPC's default security group is never adopted, so it keeps AWS's rules
    ["vpc-default-sg-adopted",                       "wallet-vpc",                     "advisory",  "both"],
    // One rule, one blocking finding: a rule that opens every port is sg-no-public-all-ports-ingress's alone
    ["sg-no-public-all-ports-ingress",               "wallet-db-admin-any",            "mandatory", "both"],
    ["sg-no-public-db-port-ingress",                 "wallet-db-pg-v6",                "mandatory", "both"],
    // The KMS key anyone can use; the seed's secret and its literal value; key readers without MFA
    ["kms-deletion-window",                          "wallet-kms",                     "mandatory", "both"],
    ["kms-key-policy-no-public-principal",           "wallet-kms",                     "mandatory", "both"],
    ["kms-key-rotation",                             "wallet-kms",                     "mandatory", "both"],
    ["secretsmanager-cmk",                           "wallet-master-key",              "mandatory", "both"],
    ["secretsmanager-recovery-window",               "wallet-master-key",              "mandatory", "both"],
    ["secretsmanager-no-plaintext-secret-in-state",  "wallet-master-key-value",        "mandatory", "both"],
    ["iam-no-wildcard-resource-key-actions",         "wallet-key-readers",             "mandatory", "both"],
    ["iam-sensitive-actions-require-mfa",            "wallet-key-readers",             "mandatory", "both"],
    // RDS: public subnets, TLS off, the public unencrypted instance, the AWS-key cluster and its public member
    ["db-subnets-private",                           "wallet-db-subnets",              "mandatory", "both"],
    ["rds-parameter-group-tls",                      "wallet-pg-params",               "mandatory", "both"],
    ["db-non-default-admin-username",                "wallet-db",                      "advisory",  "both"],
    ["db-sg-no-public-source",                       "wallet-db",                      "mandatory", "both"],
    ["rds-backup-retention",                         "wallet-db",                      "mandatory", "both"],
    ["rds-ca-cert-current",                          "wallet-db",                      "mandatory", "both"],
    ["rds-deletion-protection",                      "wallet-db",                      "mandatory", "both"],
    ["rds-iam-auth-enabled",                         "wallet-db",                      "mandatory", "both"],
    ["rds-instance-not-public",                      "wallet-db",                      "mandatory", "both"],
    ["rds-instance-storage-encrypted",               "wallet-db",                      "mandatory", "both"],
    ["rds-log-exports",                              "wallet-db",                      "mandatory", "both"],
    ["rds-managed-master-password",                  "wallet-db",                      "mandatory", "both"],
    // (rds-storage-cmk: no finding on the unencrypted wallet-db; rds-instance-storage-encrypted names the key)
    // The audit database (not key material) on MySQL 8.0's default parameter group: TLS optional; no backup plan
    ["rds-default-parameter-group-tls",              "audit-db",                       "mandatory", "both"],
    ["backup-plan-covers-key-stores",                "audit-db",                       "advisory",  "both"],
    ["rds-parameter-group-tls",                      "wallet-cluster-params",          "mandatory", "both"],
    ["backup-plan-covers-key-stores",                "wallet-cluster",                 "mandatory", "both"],
    ["db-non-default-admin-username",                "wallet-cluster",                 "advisory",  "both"],
    ["db-sg-no-public-source",                       "wallet-cluster",                 "mandatory", "both"],
    ["rds-backup-retention",                         "wallet-cluster",                 "mandatory", "both"],
    ["rds-deletion-protection",                      "wallet-cluster",                 "mandatory", "both"],
    ["rds-iam-auth-enabled",                         "wallet-cluster",                 "mandatory", "both"],
    ["rds-log-exports",                              "wallet-cluster",                 "mandatory", "both"],
    ["rds-managed-master-password",                  "wallet-cluster",                 "mandatory", "both"],
    ["rds-storage-cmk",                              "wallet-cluster",                 "mandatory", "both"],
    ["rds-cluster-instance-not-public",              "wallet-cluster-1",               "mandatory", "both"],
    // DynamoDB and DAX
    ["backup-plan-covers-key-stores",                "wallet-ledger",                  "mandatory", "both"],
    ["dynamodb-deletion-protection",                 "wallet-ledger",                  "mandatory", "both"],
    ["dynamodb-pitr",                                "wallet-ledger",                  "mandatory", "both"],
    ["dynamodb-sse-cmk",                             "wallet-ledger",                  "mandatory", "both"],
    ["dynamodb-resource-policy-not-public",          "wallet-ledger-policy",           "mandatory", "both"],
    ["dax-encryption",                               "wallet-dax",                     "mandatory", "both"],
    ["db-subnets-private",                           "wallet-dax-subnets",             "mandatory", "both"],
    ["db-sg-no-public-source",                       "wallet-dax",                     "mandatory", "both"],
    // DocumentDB and Neptune
    ["docdb-tls-enabled",                            "wallet-docdb-params",            "mandatory", "both"],
    ["db-subnets-private",                           "wallet-docdb-subnets",           "mandatory", "both"],
    ["backup-plan-covers-key-stores",                "wallet-docdb",                   "mandatory", "both"],
    ["db-non-default-admin-username",                "wallet-docdb",                   "advisory",  "both"],
    ["db-sg-no-public-source",                       "wallet-docdb",                   "mandatory", "both"],
    ["docdb-audit-logs",                             "wallet-docdb",                   "mandatory", "both"],
    ["docdb-audit-logs-linked",                      "wallet-docdb",                   "mandatory", "both"],
    ["docdb-deletion-protection-backups",            "wallet-docdb",                   "mandatory", "both"],
    ["docdb-managed-master-password",                "wallet-docdb",                   "mandatory", "both"],
    ["docdb-storage-encrypted-cmk",                  "wallet-docdb",                   "mandatory", "both"],
    ["docdb-tls-enabled-linked",                     "wallet-docdb",                   "mandatory", "both"],
    ["db-subnets-private",                           "wallet-neptune-subnets",         "mandatory", "both"],
    ["backup-plan-covers-key-stores",                "wallet-graph",                   "mandatory", "both"],
    ["db-sg-no-public-source",                       "wallet-graph",                   "mandatory", "both"],
    ["neptune-audit-logs",                           "wallet-graph",                   "mandatory", "both"],
    ["neptune-audit-logs-linked",                    "wallet-graph",                   "mandatory", "both"],
    ["neptune-deletion-protection-backups",          "wallet-graph",                   "mandatory", "both"],
    ["neptune-iam-auth",                             "wallet-graph",                   "mandatory", "both"],
    ["neptune-storage-encrypted-cmk",                "wallet-graph",                   "mandatory", "both"],
    ["neptune-instance-not-public",                  "wallet-graph-1",                 "mandatory", "both"],
    // ElastiCache (reached through the internet-facing bastion) and MemoryDB
    ["elasticache-auth-required",                    "wallet-cache-default",           "mandatory", "both"],
    ["db-subnets-private",                           "wallet-cache-subnets",           "mandatory", "both"],
    ["elasticache-at-rest-encryption-cmk",           "wallet-cache",                   "mandatory", "both"],
    ["elasticache-auth-required-linked",             "wallet-cache",                   "mandatory", "both"],
    ["elasticache-backups",                          "wallet-cache",                   "mandatory", "both"],
    ["elasticache-in-transit-encryption",            "wallet-cache",                   "mandatory", "both"],
    ["key-material-store-isolated",                  "wallet-cache",                   "mandatory", "both"],
    ["db-subnets-private",                           "wallet-memorydb-subnets",        "mandatory", "both"],
    ["db-sg-no-public-source",                       "wallet-sessions",                "mandatory", "both"],
    ["memorydb-cmk-and-snapshots",                   "wallet-sessions",                "mandatory", "both"],
    ["memorydb-tls-and-acl",                         "wallet-sessions",                "mandatory", "both"],
    // Redshift analytics: not key material, so its advisories stay advisory
    ["backup-plan-covers-key-stores",                "ledger-analytics",               "advisory",  "both"],
    ["db-non-default-admin-username",                "ledger-analytics",               "advisory",  "both"],
    ["db-sg-no-public-source",                       "ledger-analytics",               "mandatory", "both"],
    ["redshift-audit-logging-linked",                "ledger-analytics",               "advisory",  "both"],
    ["redshift-automated-snapshots",                 "ledger-analytics",               "advisory",  "both"],
    ["redshift-enhanced-vpc-routing",                "ledger-analytics",               "advisory",  "both"],
    ["redshift-in-vpc",                              "ledger-analytics",               "mandatory", "both"],
    ["redshift-managed-admin-password",              "ledger-analytics",               "mandatory", "both"],
    ["redshift-not-public",                          "ledger-analytics",               "mandatory", "both"],
    ["redshift-require-ssl-linked",                  "ledger-analytics",               "mandatory", "both"],
    // OpenSearch
    ["opensearch-audit-logs",                        "wallet-search",                  "mandatory", "both"],
    ["opensearch-encrypt-at-rest-cmk",               "wallet-search",                  "mandatory", "both"],
    ["opensearch-fgac-no-anonymous",                 "wallet-search",                  "mandatory", "both"],
    ["opensearch-https-tls12",                       "wallet-search",                  "mandatory", "both"],
    ["opensearch-node-to-node-encryption",           "wallet-search",                  "mandatory", "both"],
    ["opensearch-vpc-only",                          "wallet-search",                  "mandatory", "both"],
    ["opensearch-fgac-no-anonymous",                 "wallet-search-policy",           "mandatory", "both"],
    // Secrets Manager and SSM
    ["secretsmanager-block-public-policy",           "wallet-master-key-policy",       "mandatory", "both"],
    ["secretsmanager-policy-not-public",             "wallet-master-key-policy",       "mandatory", "both"],
    ["secretsmanager-cmk",                           "wallet-db-credentials",          "mandatory", "both"],
    ["secretsmanager-rotation",                      "wallet-db-credentials-rotation", "mandatory", "both"],
    ["secretsmanager-no-plaintext-secret-in-state",  "wallet-signer-seed",             "mandatory", "both"],
    ["ssm-parameter-securestring",                   "wallet-signer-seed",             "mandatory", "both"],
    // The self-managed PostgreSQL host: a database host by its user data alone, with a public IP
    ["ec2-db-host-no-public-ip",                     "ledger-replica-host",            "mandatory", "both"],
    ["ec2-db-host-imdsv2",                           "ledger-replica-host",            "mandatory", "both"],
    ["ec2-db-host-encrypted-volumes",                "ledger-replica-host",            "mandatory", "both"],
    // S3 backups (MFA delete and object lock are advisory by design, even for key material)
    // (s3-acls-disabled: the ObjectWriter ownership and the public ACL are one cause, s3-no-public-acl's below)
    ["s3-block-public-access-linked",                "wallet-backups",                 "mandatory", "both"],
    ["s3-object-lock",                               "wallet-backups",                 "advisory",  "both"],
    ["s3-tls-only-policy",                           "wallet-backups",                 "mandatory", "both"],
    ["s3-sse-kms-cmk",                               "wallet-backups-sse",             "mandatory", "both"],
    ["s3-block-public-access",                       "wallet-backups-public-access",   "mandatory", "both"],
    ["s3-mfa-delete",                                "wallet-backups-versioning",      "advisory",  "both"],
    ["s3-versioning",                                "wallet-backups-versioning",      "mandatory", "both"],
    ["s3-no-public-acl",                             "wallet-backups-acl",             "mandatory", "both"],
    ["s3-policy-no-public-principal",                "wallet-backups-policy",          "mandatory", "both"],
    // AWS Backup (its vault shares the wallet key with ledger-analytics) and RDS snapshots
    ["backup-vault-lock",                            "wallet-backup-vault",            "mandatory", "both"],
    ["key-material-store-isolated",                  "wallet-backup-vault",            "mandatory", "both"],
    ["backup-vault-policy-restricted",               "wallet-backup-vault-policy",     "mandatory", "both"],
    ["rds-snapshot-not-public",                      "wallet-db-snapshot",             "mandatory", "both"],
    ["rds-snapshot-source-encrypted",                "wallet-db-snapshot",             "mandatory", "both"],
    ["rds-snapshot-copy-cmk",                        "wallet-db-snapshot-copy",        "mandatory", "both"],
    ["rds-snapshot-not-public",                      "wallet-db-snapshot-copy",        "mandatory", "both"],
    // Data copied out: the ledger export to another account's bucket (whose account the table is in is only known
    // after the update: undecided in preview) and the public image of the database host
    ["export-target-restricted",                     "wallet-ledger-export",           "mandatory", "update"],
    ["export-target-restricted",                     "wallet-ledger-export",           "advisory",  "preview"],
    ["snapshot-image-not-shared",                    "wallet-db-host-image-public",    "mandatory", "both"],
    // DMS: the public-by-default replication instance on aws/dms in the open group and public subnets; the source
    // endpoint with its password in the state and no TLS. EFS: keystores under aws/elasticfilesystem, mounted from
    // a public subnet in the VPC's default security group (no public rule on it: shared placement, advice)
    ["db-subnets-private",                           "wallet-dms-subnets",             "mandatory", "both"],
    ["db-sg-no-public-source",                       "wallet-migration",               "mandatory", "both"],
    ["dms-cmk",                                      "wallet-migration",               "mandatory", "both"],
    ["dms-replication-instance-not-public",          "wallet-migration",               "mandatory", "both"],
    ["database-password-not-in-state",               "wallet-migration-source",        "mandatory", "both"],
    ["dms-endpoint-tls",                             "wallet-migration-source",        "mandatory", "both"],
    ["efs-file-system-cmk",                          "wallet-keystore-fs",             "mandatory", "both"],
    ["db-sg-no-public-source",                       "wallet-keystore-mount",          "advisory",  "both"],
    ["db-subnets-private",                           "wallet-keystore-mount",          "mandatory", "both"],
    // CloudTrail, the deployer user, the support role
    ["cloudtrail-alarms-key-events",                 "wallet-trail",                   "mandatory", "both"],
    ["cloudtrail-data-events-key-stores",            "wallet-trail",                   "mandatory", "both"],
    ["cloudtrail-kms-events-not-excluded",           "wallet-trail",                   "mandatory", "both"],
    ["cloudtrail-multi-region-encrypted-validated",  "wallet-trail",                   "mandatory", "both"],
    ["iam-console-users-mfa-enforced",               "wallet-deployer-console",        "mandatory", "both"],
    ["iam-no-long-lived-access-keys",                "wallet-deployer-key",            "mandatory", "both"],
    ["iam-no-admin-policy",                          "wallet-deployer-admin",          "mandatory", "both"],
    ["iam-no-user-attached-policies",                "wallet-deployer-admin",          "mandatory", "both"],
    ["iam-sensitive-actions-require-mfa",            "wallet-deployer-admin",          "mandatory", "both"],
    ["iam-no-public-principal",                      "wallet-support-role",            "mandatory", "both"],
    // Administrator access spelt `IAM:*`, and a role that can reset every master password and share every snapshot
    ["iam-no-admin-policy",                          "wallet-build-role",              "mandatory", "both"],
    ["iam-no-wildcard-resource-key-actions",         "wallet-db-maintenance",          "mandatory", "both"],
];

export function expected(mode: "preview" | "update", level: Level): FindingKey[] {
    return sortFindings(
        EXPECTED.filter(([, , l, modes]) => l === level && (modes === "both" || modes === mode)).map(([policy, resource, l]) => ({
            policy,
            resource,
            level: l,
        })),
    );
}
