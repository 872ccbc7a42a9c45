// The control catalog this pack enforces, kept in the repository: each row is one control with its id, category,
// severity for key material (and why), the secure condition, and what an IaC policy cannot prove. Data only:
// `npm run docs` renders it with the policies that enforce each row into docs/controls.md and the README.
//
// Severity, rated for key material: critical = key material becomes reachable or readable by an unauthenticated
// or external party; high = one more mistake or one stolen credential leads to exposure; medium = recovery,
// forensics or defence in depth; low = hygiene or advisory.

export interface Control {
    row: number;
    id: string;
    category: string;
    severity: "critical" | "high" | "medium" | "low";
    /** Why the control has this severity for key material. */
    severityReason: string;
    /** The secure condition, in terms of @pulumi/aws inputs. */
    requirement: string;
    crossResource: boolean;
    /** What an IaC policy cannot prove for this row (pair it with runtime controls: Security Hub, AWS Config). */
    limitation?: string;
}

/**
 * A policy normally has the category of its first row and the highest severity of its rows (test/docs.test.ts).
 * These policies are rated lower on purpose: they enforce a guard or a review item of the row, not the row itself.
 */
export const SEVERITY_EXCEPTIONS: Readonly<Record<string, string>> = {
    "neptune-tls-enforced":
        "Neptune engines 1.0.4.0 and later accept HTTPS only whatever the parameter says; `neptune_enforce_ssl` matters only for older engines.",
    "secretsmanager-block-public-policy":
        "A guard (Secrets Manager rejects a public policy when it is set); the exposure itself is secretsmanager-policy-not-public.",
    "iam-no-long-lived-access-keys-advisory":
        "A review item (replace keys by roles); the stored-secret exposure of the same keys is iam-no-long-lived-access-keys.",
};

export const CONTROLS: readonly Control[] = [
    {
        row: 1, id: "rds-instance-storage-encrypted", category: "encryption-at-rest", severity: "critical", crossResource: false,
        severityReason: "unencrypted storage, automated backups and snapshots hold the key-material rows in clear for anyone who obtains a snapshot/backup copy",
        requirement: "`storageEncrypted === true`. Cross-region read replica: `replicateSourceDb` set **and** `kmsKeyId` set (storageEncrypted is ignored for cross-region replicas).",
    },
    {
        row: 2, id: "rds-cluster-storage-encrypted", category: "encryption-at-rest", severity: "critical", crossResource: true,
        severityReason: "as row 1, for Aurora / Multi-AZ clusters; a global cluster replicates the key table to other regions",
        requirement: "`storageEncrypted === true` (Aurora Serverless v1 `engineMode: \"serverless\"` is always encrypted). GlobalCluster: `storageEncrypted === true` or `sourceDbClusterIdentifier` points to an encrypted cluster.",
    },
    {
        row: 3, id: "rds-storage-cmk", category: "key-management", severity: "high", crossResource: true,
        severityReason: "a CMK lets the key policy (and MFA conditions) gate who can decrypt the DB volumes/snapshots, incl. snapshots shared cross-account",
        requirement: "`kmsKeyId` is the ARN of a customer-managed key (ideally an `aws:kms/key:Key` in the stack, resolved via `propertyDependencies.kmsKeyId`), not `alias/aws/rds`",
    },
    {
        row: 4, id: "rds-instance-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "puts the key store one SG rule away from the Internet (exactly the exposure pattern that leads to credential-stuffing / direct DB compromise)",
        requirement: "`publiclyAccessible` omitted or `false`",
    },
    {
        row: 5, id: "rds-cluster-instance-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "a single public reader exposes the whole cluster volume incl. key material",
        requirement: "omitted or `false`",
    },
    {
        row: 6, id: "rds-db-subnet-group-set", category: "network-isolation", severity: "high", crossResource: false,
        severityReason: "the default VPC/subnets are Internet-routed, so `publiclyAccessible` or a later SG change exposes the DB",
        requirement: "explicitly set to a subnet group created for private subnets",
    },
    {
        row: 7, id: "db-subnets-private", category: "network-isolation", severity: "high", crossResource: true,
        severityReason: "network isolation is the control that still holds when a password/SG is misconfigured; a private subnet makes the DB unreachable from the Internet",
        requirement: "no member subnet is associated with a route table that has `0.0.0.0/0` or `::/0` -> an InternetGateway (`gatewayId` depends on an `aws:ec2/internetGateway:InternetGateway` or starts with `igw-`), and `mapPublicIpOnLaunch !== true`",
        limitation: "subnets, route tables and gateways defined in other stacks are reported as undecided, not passed",
    },
    {
        row: 8, id: "rds-iam-auth-enabled", category: "authentication-mfa", severity: "high", crossResource: false,
        severityReason: "IAM auth replaces long-lived DB passwords with 15-min tokens whose issuance can be gated by MFA and logged in CloudTrail",
        requirement: "`true` for engines that support it (mysql, mariadb, postgres, aurora-mysql, aurora-postgresql); then grant `rds-db:connect` only with an MFA condition (see iam-sensitive-actions-require-mfa)",
    },
    {
        row: 9, id: "rds-tls-enforced", category: "encryption-in-transit", severity: "high", crossResource: true,
        severityReason: "without forced TLS the key material and DB credentials cross the VPC (and any peering/VPN) in clear",
        requirement: "the DB references a (cluster) parameter group in the stack with: postgres*/aurora-postgresql*/sqlserver-*: `rds.force_ssl` = `\"1\"`; mysql*/mariadb*/aurora-mysql*: `require_secure_transport` = `\"1\"` (Aurora MySQL also accepts `ON`); db2-*: `db2comm` = `\"SSL\"`; oracle-*: option group with `SSL` (or `NATIVE_NETWORK_ENCRYPTION` REQUIRED). A DB on its engine's default group (none named, `\"\"` or `default.*`) passes only where AWS documents that default as forcing TLS (RDS for PostgreSQL 15+, MySQL 9.7+, MariaDB 11.8+)",
        limitation: "parameter groups outside the stack cannot be read; engine default groups are judged from AWS's documented defaults per engine and major version, and an engine or version the policy cannot place is reported as undecided",
    },
    {
        row: 10, id: "rds-managed-master-password", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "the master password grants full read of the key table; a copy in state/config/CI logs is a second exposure path",
        requirement: "`manageMasterUserPassword === true` (RDS stores & rotates it in Secrets Manager) and no `password`/`masterPassword`; replicas/snapshot restores may omit both",
    },
    {
        row: 11, id: "rds-master-secret-cmk", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "the master secret should be decryptable only by the principals allowed to administer the key store",
        requirement: "set to a CMK when `manageMasterUserPassword` is true",
    },
    {
        row: 12, id: "rds-deletion-protection", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "limits destructive/ransom actions and accidental `pulumi destroy` of the only copy of key material",
        requirement: "`true`",
    },
    {
        row: 13, id: "rds-backup-retention", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "point-in-time recovery after tampering/ransom of the key store",
        requirement: "`backupRetentionPeriod >= 7` (configurable); instance read replicas exempt",
    },
    {
        row: 14, id: "rds-snapshot-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "a public snapshot is a full, offline copy of every stored key",
        requirement: "does not contain `\"all\"`; optionally only allow-listed account IDs",
        limitation: "snapshots shared later through the console are invisible",
    },
    {
        row: 15, id: "rds-snapshot-encrypted-cmk", category: "encryption-at-rest", severity: "high", crossResource: true,
        severityReason: "snapshots and cross-region backup copies are the easiest things to exfiltrate (`rds:CopyDBSnapshot`, sharing)",
        requirement: "copies/replications specify a CMK `kmsKeyId`; snapshots only of encrypted sources",
        limitation: "snapshots of databases outside the stack are not judged",
    },
    {
        row: 16, id: "rds-performance-insights-cmk", category: "encryption-at-rest", severity: "medium", crossResource: false,
        severityReason: "Performance Insights stores SQL text, which can contain key material literals (INSERT/UPDATE of wallet keys)",
        requirement: "if `performanceInsightsEnabled === true` then `performanceInsightsKmsKeyId` = CMK ARN",
    },
    {
        row: 17, id: "rds-log-exports", category: "monitoring", severity: "medium", crossResource: true,
        severityReason: "needed to detect and scope bulk reads of the key table",
        requirement: "non-empty and engine-appropriate: mysql/mariadb/aurora-mysql: `audit`,`error`,`general`,`slowquery`; postgres/aurora-postgresql: `postgresql` (+`iam-db-auth-error`); sqlserver: `agent`,`error`; oracle: `alert`,`audit`,`listener`,`trace`",
        limitation: "audit parameters inside engine default groups cannot be read",
    },
    {
        row: 18, id: "rds-data-api-disabled", category: "network-isolation", severity: "medium", crossResource: false,
        severityReason: "adds an Internet-reachable path to the key table that ignores security groups/subnets",
        requirement: "omitted/`false` unless explicitly allow-listed",
    },
    {
        row: 19, id: "rds-proxy-require-tls", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "proxies front the DB for apps; without TLS client->proxy traffic carries credentials and key material in clear",
        requirement: "`true`",
    },
    {
        row: 20, id: "rds-proxy-iam-auth", category: "authentication-mfa", severity: "high", crossResource: false,
        severityReason: "IAM auth at the proxy allows MFA/conditions on `rds-db:connect` instead of shared DB passwords",
        requirement: "`defaultAuthScheme === \"IAM_AUTH\"` or every `auths[].iamAuth === \"REQUIRED\"`",
    },
    {
        row: 21, id: "rds-ca-cert-current", category: "encryption-in-transit", severity: "low", crossResource: false,
        severityReason: "clients that can't verify the server certificate are open to MITM",
        requirement: "omitted or one of `rds-ca-rsa2048-g1`, `rds-ca-rsa4096-g1`, `rds-ca-ecc384-g1`",
    },
    {
        row: 22, id: "db-non-default-admin-username", category: "authentication-mfa", severity: "low", crossResource: false,
        severityReason: "defense-in-depth against password spraying; not a substitute for network isolation",
        requirement: "not a well-known default (`admin`, `postgres`, `root`, `awsuser`, `master`, ...)",
    },
    {
        row: 23, id: "sg-no-public-db-port-ingress", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "direct Internet reachability of the key store's listener",
        requirement: "no ingress rule whose source is `0.0.0.0/0` or `::/0` (configurable: any prefix shorter than /8, or any non-RFC1918 CIDR) covers a DB port (`fromPort <= p <= toPort`, or protocol `-1`/`all`). Default DB ports: 3306, 5432, 1433, 1434, 1521, 2483, 2484, 50000, 27017-27019, 8182, 6379, 11211, 5439, 9200, 9300, 5601, 9042, 9142, 7000-7001, 7199, 9160, 5984, 8086, 7474, 7687, 8123, 9000, 2379, 8200, 9092",
        limitation: "prefix-list entries are not visible: prefix-list sources on DB ports are reported as undecided",
    },
    {
        row: 24, id: "sg-no-public-all-ports-ingress", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "opens every port incl. DB and admin ports",
        requirement: "no rule with public source and protocol `-1`/`all` or `0-65535`",
        limitation: "prefix-list entries are not visible: reported as undecided",
    },
    {
        row: 25, id: "db-sg-no-public-source", category: "network-isolation", severity: "critical", crossResource: true,
        severityReason: "a key store reachable from an internet-open security group is key material reachable by an external party; the generic rules (rows 23, 24) are critical too",
        requirement: "every SG attached to a key-store resource allows ingress only from other SGs (`securityGroups`/`sourceSecurityGroupId`/`referencedSecurityGroupId`/`self`) or private CIDRs",
    },
    {
        row: 26, id: "vpc-default-sg-closed", category: "network-isolation", severity: "medium", crossResource: false,
        severityReason: "resources created without explicit SGs silently inherit its rules",
        requirement: "both empty/omitted",
        limitation: "a VPC defined outside the stack, and its default group, cannot be seen; within the stack a never-adopted default group is reported (vpc-default-sg-adopted) since it keeps AWS's rules",
    },
    {
        row: 27, id: "ec2-db-host-no-public-ip", category: "network-isolation", severity: "high", crossResource: true,
        severityReason: "self-managed DB/HSM-client hosts with public IPs are directly attackable; hard to scope (needs tags or SG/port heuristics)",
        requirement: "instances tagged/identified as DB or key hosts (tags, names, or user data that installs or runs a database server): `associatePublicIpAddress === false`, in a private subnet, no EIP",
        limitation: "what runs on an instance is visible only through its tags, names and user data (a server installed by an AMI or configuration management is not); a public IP inherited from a subnet is followed when the subnet and its routes are in the stack; Elastic IPs are not followed",
    },
    {
        row: 28, id: "ec2-db-host-imdsv2", category: "authentication-mfa", severity: "high", crossResource: false,
        severityReason: "SSRF -> instance-role credentials -> `kms:Decrypt`/`secretsmanager:GetSecretValue` on wallet keys",
        requirement: "`\"required\"`",
        limitation: "account-level instance metadata defaults and AMI settings are not visible, so an omitted httpTokens is flagged; blocking on DB/key hosts only (tags, names, user data), advisory on other hosts",
    },
    {
        row: 29, id: "ec2-db-host-encrypted-volumes", category: "encryption-at-rest", severity: "high", crossResource: false,
        severityReason: "self-managed DB data files / wallet files sit on these volumes and their snapshots",
        requirement: "all volumes encrypted with a CMK (or account-level EBS encryption by default enabled)",
        limitation: "AMI snapshot encryption and encryption-by-default set outside the stack are invisible",
    },
    {
        row: 30, id: "ec2-no-secrets-in-user-data", category: "secrets-handling", severity: "critical", crossResource: false,
        severityReason: "user data is retrievable by anyone with `ec2:DescribeInstanceAttribute` or SSRF",
        requirement: "no credentials/keys (regex for AWS keys, PEM, mnemonic/seed, `PASSWORD=`) in user data",
        limitation: "pattern matching can miss custom encodings or encrypted payloads; seed phrases are detected by shape",
    },
    {
        row: 31, id: "dynamodb-sse-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "DynamoDB is always encrypted, so the control that matters for key material is *who can decrypt*, which only a CMK key policy controls",
        requirement: "`serverSideEncryption.enabled === true` **and** `kmsKeyArn` = CMK ARN (same for every replica)",
        limitation: "an AWS-managed key given by its key ARN (not its alias) cannot be told from a CMK",
    },
    {
        row: 32, id: "dynamodb-pitr", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "recovery from malicious overwrite/deletion of key records",
        requirement: "`true` (and replicas `true`)",
    },
    {
        row: 33, id: "dynamodb-deletion-protection", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "prevents one-call destruction of the key table",
        requirement: "`true`",
    },
    {
        row: 34, id: "dynamodb-resource-policy-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "resource policies bypass the caller-account IAM boundary",
        requirement: "no `Allow` statement with `Principal: \"*\"`/`{AWS:\"*\"}` unless constrained by `aws:PrincipalOrgID`/`aws:PrincipalAccount`/`aws:SourceVpce`",
    },
    {
        row: 35, id: "dax-encryption", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "DAX caches hot key items on its own nodes",
        requirement: "`serverSideEncryption.enabled === true` and `clusterEndpointEncryptionType === \"TLS\"`",
        limitation: "DAX encrypts at rest only with an AWS-owned key: encryption is required, a CMK cannot be",
    },
    {
        row: 36, id: "docdb-storage-encrypted-cmk", category: "encryption-at-rest", severity: "critical", crossResource: false,
        severityReason: "unencrypted document store of key material and its snapshots",
        requirement: "`storageEncrypted === true` with CMK `kmsKeyId`; ElasticCluster `kmsKeyId` = CMK",
        limitation: "restores without an explicit key keep the snapshot's encryption, which IaC cannot see: flagged",
    },
    {
        row: 37, id: "docdb-tls-enabled", category: "encryption-in-transit", severity: "high", crossResource: true,
        severityReason: "plaintext MongoDB wire protocol carries credentials and keys",
        requirement: "parameter `tls` absent (engine default is enabled) or value not `\"disabled\"` (`enabled`, `fips-140-3`, `tls1.2+`, `tls1.3+`)",
        limitation: "cluster parameter groups outside the stack are reported as undecided",
    },
    {
        row: 38, id: "docdb-audit-logs", category: "monitoring", severity: "medium", crossResource: true,
        severityReason: "forensics of who read key documents",
        requirement: "`enabledCloudwatchLogsExports` includes `audit` (and `profiler`) and `audit_logs` != `disabled`/`none`",
        limitation: "cluster parameter groups outside the stack are reported as undecided",
    },
    {
        row: 39, id: "docdb-managed-master-password", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "master credential in state = full read of the key store",
        requirement: "`manageMasterUserPassword === true`; ElasticCluster `authType === \"SECRET_ARN\"` (adminUserPassword then holds a secret ARN)",
    },
    {
        row: 40, id: "docdb-deletion-protection-backups", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "recoverability of the key store",
        requirement: "`deletionProtection === true`, `backupRetentionPeriod >= 7`",
    },
    {
        row: 41, id: "neptune-storage-encrypted-cmk", category: "encryption-at-rest", severity: "critical", crossResource: false,
        severityReason: "unencrypted graph store/snapshots",
        requirement: "`storageEncrypted === true` and `kmsKeyArn` = CMK",
        limitation: "restores without an explicit key keep the snapshot's encryption, which IaC cannot see: flagged",
    },
    {
        row: 42, id: "neptune-iam-auth", category: "authentication-mfa", severity: "high", crossResource: false,
        severityReason: "Neptune has no DB users; IAM (SigV4) is the only authentication layer",
        requirement: "`true`",
    },
    {
        row: 43, id: "neptune-instance-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "public endpoint combined with missing IAM auth = open database",
        requirement: "omitted/`false`",
    },
    {
        row: 44, id: "neptune-audit-logs", category: "monitoring", severity: "medium", crossResource: true,
        severityReason: "forensics",
        requirement: "`enableCloudwatchLogsExports` includes `audit` and `neptune_enable_audit_log = \"1\"`",
        limitation: "cluster parameter groups outside the stack are reported as undecided",
    },
    {
        row: 45, id: "neptune-deletion-protection-backups", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "recoverability",
        requirement: "`true`, `>= 7`",
    },
    {
        row: 46, id: "elasticache-at-rest-encryption-cmk", category: "encryption-at-rest", severity: "high", crossResource: false,
        severityReason: "caches of key material (sessions, decrypted keys) persist to disk/snapshots",
        requirement: "`atRestEncryptionEnabled === true` (+ CMK `kmsKeyId`); serverless: CMK `kmsKeyId`",
    },
    {
        row: 47, id: "elasticache-in-transit-encryption", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "Redis protocol in clear exposes AUTH tokens and cached keys",
        requirement: "RG: `transitEncryptionEnabled === true` and `transitEncryptionMode` omitted or `\"required\"`; standalone Cluster: memcached with `transitEncryptionEnabled === true`; standalone Redis `Cluster` (no `replicationGroupId`) is non-compliant (no TLS option)",
    },
    {
        row: 48, id: "elasticache-auth-required", category: "authentication-mfa", severity: "high", crossResource: true,
        severityReason: "unauthenticated Redis = unauthenticated key cache",
        requirement: "RG has `userGroupIds` (RBAC, preferably users with `authenticationMode.type = \"iam\"`) or `authTokenWo`; no User with `noPasswordRequired: true`/`type: \"no-password-required\"` in a group attached to a key cache",
        limitation: "Memcached has no authentication at all; only network isolation protects it (flagMemcached makes it a finding)",
    },
    {
        row: 49, id: "elasticache-backups", category: "resilience", severity: "low", crossResource: false,
        severityReason: "caches are usually not the system of record; relevant only when keys live only in Redis",
        requirement: ">= 1 (configurable, e.g. 7) when the cache is a system of record",
        limitation: "whether a cache is a system of record cannot be known from IaC: advisory",
    },
    {
        row: 50, id: "elasticache-custom-subnet-group", category: "network-isolation", severity: "medium", crossResource: false,
        severityReason: "default networking is the default VPC",
        requirement: "set to a private subnet group and explicit SGs",
    },
    {
        row: 51, id: "memorydb-tls-and-acl", category: "authentication-mfa", severity: "critical", crossResource: false,
        severityReason: "MemoryDB is a durable primary DB; open-access exposes all keys to anything on the network path",
        requirement: "`tlsEnabled` omitted/`true` (default `true`) and `aclName !== \"open-access\"`; users `authenticationMode.type = \"iam\"` preferred",
    },
    {
        row: 52, id: "memorydb-cmk-and-snapshots", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "durable store needs key-policy-controlled encryption and backups",
        requirement: "`kmsKeyArn` = CMK; `snapshotRetentionLimit >= 1`; explicit `subnetGroupName`",
    },
    {
        row: 53, id: "redshift-encrypted-cmk", category: "encryption-at-rest", severity: "high", crossResource: false,
        severityReason: "warehouse copies of key tables are often forgotten",
        requirement: "`encrypted` omitted (default `\"true\"`) or `\"true\"`, with CMK `kmsKeyId`; Namespace CMK `kmsKeyId`",
    },
    {
        row: 54, id: "redshift-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "public warehouse endpoint",
        requirement: "omitted (Cluster default `false`) or `false`",
    },
    {
        row: 55, id: "redshift-require-ssl", category: "encryption-in-transit", severity: "high", crossResource: true,
        severityReason: "plaintext JDBC/ODBC sessions",
        requirement: "`require_ssl = \"true\"` in the cluster's parameter group; Workgroup `configParameters` has `parameterKey: \"require_ssl\"` = `\"true\"`",
        limitation: "parameter groups outside the stack are reported as undecided; default groups count as require_ssl off",
    },
    {
        row: 56, id: "redshift-enhanced-vpc-routing", category: "network-isolation", severity: "medium", crossResource: false,
        severityReason: "UNLOAD of key tables to arbitrary S3 buckets is an exfiltration path",
        requirement: "`true`",
    },
    {
        row: 57, id: "redshift-in-vpc", category: "network-isolation", severity: "high", crossResource: false,
        severityReason: "no network isolation at all",
        requirement: "set (private subnet group)",
    },
    {
        row: 58, id: "redshift-managed-admin-password", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "admin credential exposure",
        requirement: "`manageMasterPassword`/`manageAdminPassword === true` with CMK secret key",
    },
    {
        row: 59, id: "redshift-audit-logging", category: "monitoring", severity: "medium", crossResource: true,
        severityReason: "forensics",
        requirement: "a Logging resource exists for each cluster with `logExports` incl. `connectionlog`,`userlog`,`useractivitylog` (or S3 destination) and `enable_user_activity_logging = \"true\"`; Namespace `logExports` non-empty",
        limitation: "parameter groups outside the stack are reported as undecided",
    },
    {
        row: 60, id: "redshift-automated-snapshots", category: "resilience", severity: "low", crossResource: false,
        severityReason: "recoverability",
        requirement: ">= 7 (configurable)",
    },
    {
        row: 61, id: "opensearch-encrypt-at-rest-cmk", category: "encryption-at-rest", severity: "high", crossResource: false,
        severityReason: "indices often contain logged payloads incl. keys",
        requirement: "`encryptAtRest.enabled === true` with CMK `kmsKeyId`",
    },
    {
        row: 62, id: "opensearch-node-to-node-encryption", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "intra-cluster plaintext",
        requirement: "`true`",
    },
    {
        row: 63, id: "opensearch-https-tls12", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "plaintext/weak TLS to the search endpoint",
        requirement: "`enforceHttps` omitted/`true` (default `true`) and `tlsSecurityPolicy` in {`Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`}",
        limitation: "the TLS policy of a domain whose tlsSecurityPolicy is omitted depends on its creation date: flagged",
    },
    {
        row: 64, id: "opensearch-vpc-only", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "public search endpoints are a classic leak source",
        requirement: "`vpcOptions.subnetIds` non-empty (private subnets)",
    },
    {
        row: 65, id: "opensearch-fgac-no-anonymous", category: "authentication-mfa", severity: "critical", crossResource: false,
        severityReason: "anonymous or unsigned access to indexed key material",
        requirement: "`advancedSecurityOptions.enabled === true`, `anonymousAuthEnabled !== true`; `accessPolicies` has no `Allow` to `Principal \"*\"` without IP/VPC-endpoint condition",
        limitation: "policies attached outside the stack are invisible; Deny statements are not credited against an open Allow",
    },
    {
        row: 66, id: "opensearch-audit-logs", category: "monitoring", severity: "medium", crossResource: false,
        severityReason: "forensics",
        requirement: "includes `AUDIT_LOGS` (requires FGAC) and `ES_APPLICATION_LOGS`, `enabled !== false`",
    },
    {
        row: 67, id: "kms-key-rotation", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "bounds the data encrypted under one backing key; not a mitigation for a compromised key policy",
        requirement: "for symmetric `ENCRYPT_DECRYPT` keys (`customerMasterKeySpec` omitted/`SYMMETRIC_DEFAULT`, no custom/external key store): `enableKeyRotation === true`, `rotationPeriodInDays` omitted or <= 365",
        limitation: "rotation success is runtime-only; imported, asymmetric, HMAC and custom-key-store keys are exempt",
    },
    {
        row: 68, id: "kms-key-policy-no-public-principal", category: "key-management", severity: "critical", crossResource: false,
        severityReason: "the key that wraps wallet keys becomes usable by the world",
        requirement: "no `Allow` statement with `Principal: \"*\"` or `{AWS: \"*\"}` unless constrained by `kms:CallerAccount`/`aws:PrincipalAccount`/`aws:PrincipalOrgID` (and ideally `kms:ViaService`)",
    },
    {
        row: 69, id: "kms-key-policy-least-privilege", category: "key-management", severity: "high", crossResource: false,
        severityReason: "with the default policy any IAM principal granted `kms:Decrypt` on `*` can decrypt the key store",
        requirement: "policy is explicitly defined; `kms:Decrypt`/`kms:ReEncrypt*`/`kms:CreateGrant` granted only to named roles (not `arn:aws:iam::<acct>:root` + `kms:*` for everyone), with `kms:ViaService` (e.g. `rds.<region>.amazonaws.com`) for service keys and `aws:MultiFactorAuthPresent` for human principals; admin and usage statements separated",
        limitation: "IAM policies outside the stack that grant kms:Decrypt on * are invisible from the key policy",
    },
    {
        row: 70, id: "kms-deletion-window", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "deleting the CMK makes every encrypted key unrecoverable",
        requirement: "omitted (default `30`) or `>= 30` (configurable floor, min 7)",
        limitation: "keys already pending deletion (Security Hub KMS.3) are runtime-only",
    },
    {
        row: 71, id: "kms-no-lockout-bypass", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "a bad policy can make the key unmanageable (or hide an attacker's grant)",
        requirement: "omitted/`false`",
    },
    {
        row: 72, id: "kms-multi-region-review", category: "key-management", severity: "low", crossResource: false,
        severityReason: "widens the set of policies that can expose the same key material",
        requirement: "`multiRegion` omitted/`false` unless allow-listed; every ReplicaKey has its own restrictive `policy`",
    },
    {
        row: 73, id: "kms-no-imported-key-material-in-code", category: "secrets-handling", severity: "critical", crossResource: false,
        severityReason: "the raw root key would be in state, CI logs and backups",
        requirement: "not set in the program (import out-of-band) or ExternalKey not used for wallet keys",
    },
    {
        row: 74, id: "kms-grant-constrained", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "grants are an often-missed side door to decrypt",
        requirement: "grants including `Decrypt`/`ReEncryptFrom`/`CreateGrant` have `constraints` and a specific `granteePrincipal`",
        limitation: "grants created outside IaC or later through CreateGrant are invisible",
    },
    {
        row: 75, id: "secretsmanager-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "a CMK key policy is the second gate (with MFA conditions) in front of `GetSecretValue`",
        requirement: "`kmsKeyId` = CMK ARN (and for every replica)",
    },
    {
        row: 76, id: "secretsmanager-rotation", category: "secrets-handling", severity: "medium", crossResource: true,
        severityReason: "limits the useful life of a leaked DB credential (wallet keys themselves are not rotatable this way)",
        requirement: "every DB-credential Secret has a SecretRotation with `rotationEnabled !== false` and `automaticallyAfterDays <= 90` (or equivalent schedule); RDS-managed master secrets are rotated by RDS",
        limitation: "rotation success is runtime-only; DB-credential detection is a configurable heuristic; RDS-managed secrets are rotated by RDS",
    },
    {
        row: 77, id: "secretsmanager-policy-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "resource policy can grant `GetSecretValue` to any account",
        requirement: "no `Allow` with wildcard principal; SecretPolicy `blockPublicPolicy === true`",
        limitation: "secret policies attached from other stacks or the console are invisible",
    },
    {
        row: 78, id: "secretsmanager-no-plaintext-secret-in-state", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "Pulumi state (S3/Pulumi Cloud backends, CI caches) becomes a second key store",
        requirement: "key material is never passed as a resource input; if a secret must be set from IaC, use the write-only `*Wo` inputs (not persisted in state)",
        limitation: "values already written to earlier state checkpoints stay there; secrets passed through other inputs (tags, environment) are not covered",
    },
    {
        row: 79, id: "secretsmanager-recovery-window", category: "resilience", severity: "low", crossResource: false,
        severityReason: "accidental/malicious immediate deletion of credentials",
        requirement: "omitted (default `30`) or `>= 7`",
    },
    {
        row: 80, id: "ssm-parameter-securestring", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "plaintext parameters are readable by anyone with `ssm:GetParameter*` and show up in history",
        requirement: "parameters whose name/description/tags match secret patterns (key, secret, password, mnemonic, seed, private) have `type === \"SecureString\"`; `insecureValue` never used for them",
        limitation: "secret detection by name, description or value shape is a configurable heuristic",
    },
    {
        row: 81, id: "ssm-parameter-cmk", category: "key-management", severity: "medium", crossResource: false,
        severityReason: "same reasoning as secretsmanager-cmk",
        requirement: "SecureString parameters use a CMK `keyId`",
    },
    {
        row: 82, id: "s3-block-public-access", category: "network-isolation", severity: "critical", crossResource: true,
        severityReason: "one public bucket policy/ACL exposes exported keys and DB dumps",
        requirement: "every key/backup bucket has a BucketPublicAccessBlock with all four `true` (or an AccountPublicAccessBlock with all four `true`)",
        limitation: "the AWS default block on new buckets and blocks managed in other stacks are not visible",
    },
    {
        row: 83, id: "s3-sse-kms-cmk", category: "encryption-at-rest", severity: "high", crossResource: true,
        severityReason: "SSE-S3 means anyone with `s3:GetObject` reads the keys; SSE-KMS with a CMK adds a decrypt gate",
        requirement: "`sseAlgorithm` in {`aws:kms`, `aws:kms:dsse`} with CMK `kmsMasterKeyId`",
    },
    {
        row: 84, id: "s3-tls-only-policy", category: "encryption-in-transit", severity: "high", crossResource: true,
        severityReason: "prevents plaintext retrieval of key/backup objects",
        requirement: "a `Deny` statement for `s3:*` on the bucket and `bucket/*` with `Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}` (optionally `NumericLessThan s3:TlsVersion 1.2`)",
    },
    {
        row: 85, id: "s3-policy-no-public-principal", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "direct anonymous/cross-account read of key objects",
        requirement: "no `Allow` to `Principal \"*\"`/`{AWS:\"*\"}` without `aws:PrincipalOrgID`/`aws:SourceVpce`/`aws:PrincipalAccount` condition; no cross-account principals outside an allow-list",
    },
    {
        row: 86, id: "s3-no-public-acl", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "ACL-based public exposure",
        requirement: "`rule.objectOwnership === \"BucketOwnerEnforced\"` (ACLs disabled); no `public-read`, `public-read-write`, `authenticated-read` ACL",
        limitation: "BucketOwnerEnforced ownership is recommended, not enforced",
    },
    {
        row: 87, id: "s3-versioning", category: "resilience", severity: "medium", crossResource: true,
        severityReason: "recovery from overwrite/delete of encrypted key blobs",
        requirement: "`status === \"Enabled\"` for key/backup buckets",
    },
    {
        row: 88, id: "s3-mfa-delete", category: "authentication-mfa", severity: "low", crossResource: false,
        severityReason: "can only be enabled by the root user with an MFA code (breaks automation); Object Lock is the practical alternative",
        requirement: "`mfaDelete === \"Enabled\"` on key/backup buckets",
        limitation: "MFA delete needs the root user and a live MFA code, so it stays advisory; Object Lock is the practical control",
    },
    {
        row: 89, id: "s3-object-lock", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "immutable backups of key material/DB dumps against ransom and insider deletion",
        requirement: "backup buckets: `objectLockEnabled === true` and default retention `COMPLIANCE`",
    },
    {
        row: 90, id: "backup-vault-cmk", category: "encryption-at-rest", severity: "high", crossResource: false,
        severityReason: "recovery points are full copies of the key store",
        requirement: "CMK ARN set",
    },
    {
        row: 91, id: "backup-vault-lock", category: "resilience", severity: "medium", crossResource: true,
        severityReason: "prevents deletion of recovery points by a compromised admin",
        requirement: "each vault holding key-store backups has a lock; `changeableForDays` set (compliance mode) and `minRetentionDays >= 7`",
        limitation: "logically air-gapped vaults are always locked and are not checked",
    },
    {
        row: 92, id: "backup-vault-policy-restricted", category: "network-isolation", severity: "high", crossResource: false,
        severityReason: "cross-account copy/restore of recovery points = exfiltration",
        requirement: "no wildcard-principal `Allow`; ideally `Deny backup:DeleteRecoveryPoint`/`backup:UpdateRecoveryPointLifecycle` for all but break-glass roles",
    },
    {
        row: 93, id: "backup-plan-covers-key-stores", category: "resilience", severity: "low", crossResource: true,
        severityReason: "independent, locked backups",
        requirement: "every key-store DB/table ARN (or tag) is selected by a plan whose target vault is CMK-encrypted and locked",
        limitation: "vaults outside the stack are reported as undecided",
    },
    {
        row: 94, id: "iam-sensitive-actions-require-mfa", category: "authentication-mfa", severity: "high", crossResource: true,
        severityReason: "the Mixin-style failure mode: a stolen console/API credential can read and decrypt keys without a second factor",
        requirement: "every `Allow` of `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*`, `kms:CreateGrant`, `kms:PutKeyPolicy`, `kms:*`, `secretsmanager:GetSecretValue`/`PutResourcePolicy`, `secretsmanager:*`, `ssm:GetParameter*`, `rds-db:connect`, `rds:ModifyDBInstance`/`ModifyDBCluster` (master password), `rds:CopyDBSnapshot`/`ModifyDBSnapshotAttribute`/`StartExportTask`, `ec2:ModifySnapshotAttribute`, `redshift:ModifyCluster`, `ram:AssociateResourceShare`, `dynamodb:GetItem`/`Query`/`Scan`/`ExportTableToPointInTime`, S3 object reads and writes on key-material buckets or `*`, that reaches a human principal (user, group, or role assumable by users/SSO) has `Condition: {Bool: {\"aws:MultiFactorAuthPresent\": \"true\"}}` (or `NumericLessThan aws:MultiFactorAuthAge`); workload roles use `aws:SourceVpc(e)`/`kms:ViaService` instead",
        limitation: "MFA at a SAML/SSO identity provider and memberships defined in other stacks are invisible; roles assumed only through SAML/SSO federation or by stack users with no console password (CI) get advice, since no MFA condition can hold there",
    },
    {
        row: 95, id: "iam-no-wildcard-resource-key-actions", category: "key-management", severity: "high", crossResource: false,
        severityReason: "decrypt-on-all-keys makes every CMK key policy that trusts IAM moot",
        requirement: "key-material actions (decrypt, secret and parameter reads, master-password resets, snapshot sharing and exports, key-policy and secret-policy changes, RAM shares, S3 object reads and writes) are scoped to specific key, secret, parameter, DB-user, database, snapshot, table or bucket ARNs (no `Resource: \"*\"`, no `NotResource`)",
    },
    {
        row: 96, id: "iam-no-public-principal", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "public trust = public key access",
        requirement: "no `Allow sts:AssumeRole*` to `Principal \"*\"`/`{AWS:\"*\"}` without `sts:ExternalId`/`aws:PrincipalOrgID` conditions; federated trusts pin `aud`/`sub`",
    },
    {
        row: 97, id: "iam-no-admin-policy", category: "authentication-mfa", severity: "high", crossResource: false,
        severityReason: "admin grants bypass every per-key control",
        requirement: "no `Allow \"*\" on \"*\"` in any spelling (`[\"*\"]`, `*:*`, `NotAction`), no `iam:*` or privilege-escalation action (`iam:Put*Policy`, `iam:Attach*Policy`, `iam:CreatePolicyVersion`, ...) on every IAM resource unless bounded by `iam:PermissionsBoundary`, in IAM policies and IAM Identity Center permission sets; AdministratorAccess only on break-glass roles requiring MFA",
    },
    {
        row: 98, id: "iam-console-users-mfa-enforced", category: "authentication-mfa", severity: "high", crossResource: true,
        severityReason: "console access to KMS/Secrets Manager without MFA",
        requirement: "every user with a LoginProfile is in a group whose policy denies everything except MFA self-management when `BoolIfExists aws:MultiFactorAuthPresent = false`; prefer no IAM users (SSO)",
        limitation: "actual MFA device enrolment (IAM.5/IAM.19) is runtime-only: the pack enforces MFA-requiring policies",
    },
    {
        row: 99, id: "iam-no-long-lived-access-keys", category: "secrets-handling", severity: "high", crossResource: false,
        severityReason: "long-lived keys are the most common stolen credential and can't carry MFA",
        requirement: "no AccessKey for users that can reach key stores; if unavoidable, `pgpKey` set so the secret is not stored in clear in state",
        limitation: "access-key age and rotation (IAM.3) are runtime-only",
    },
    {
        row: 100, id: "iam-no-user-attached-policies", category: "authentication-mfa", severity: "low", crossResource: false,
        severityReason: "hygiene; makes MFA enforcement via groups reliable",
        requirement: "permissions via groups/roles only",
    },
    {
        row: 101, id: "cloudtrail-multi-region-encrypted-validated", category: "monitoring", severity: "high", crossResource: false,
        severityReason: "KMS Decrypt / GetSecretValue events are the evidence of key theft; must be complete and tamper-evident",
        requirement: "at least one trail with `isMultiRegionTrail === true`, `enableLogging !== false`, `enableLogFileValidation === true`, CMK `kmsKeyId`",
        limitation: "a stack that does not own the account trail is not flagged",
    },
    {
        row: 102, id: "cloudtrail-kms-events-not-excluded", category: "monitoring", severity: "high", crossResource: false,
        severityReason: "KMS Decrypt is a *read* management event; it is the single most important signal for wallet-key theft",
        requirement: "management events included, `readWriteType` omitted/`\"All\"`, `excludeManagementEventSources` does not contain `kms.amazonaws.com` (nor `rdsdata.amazonaws.com`)",
    },
    {
        row: 103, id: "cloudtrail-data-events-key-stores", category: "monitoring", severity: "medium", crossResource: false,
        severityReason: "item-level read audit of the key store",
        requirement: "data events for key buckets (`AWS::S3::Object`) and key tables (`AWS::DynamoDB::Table`)",
        limitation: "whether data events are delivered is runtime-only",
    },
    {
        row: 104, id: "cloudtrail-alarms-key-events", category: "monitoring", severity: "medium", crossResource: true,
        severityReason: "time-to-detect for key exfiltration",
        requirement: "trail delivers to CloudWatch Logs and metric filters+alarms exist for `DisableKey`/`ScheduleKeyDeletion`, console login without MFA, and (custom) anomalous `Decrypt`/`GetSecretValue` volume",
        limitation: "whether alarm actions reach anyone is runtime-only",
    },
    {
        row: 106, id: "s3-acls-disabled", category: "network-isolation", severity: "medium", crossResource: true,
        severityReason: "with ACLs enabled, one object or bucket ACL grant (by any writer) can share key material outside the bucket policy's review; defence in depth for key-material buckets",
        requirement: "key-material buckets: no aws.s3.BucketOwnershipControls with `rule.objectOwnership` other than `BucketOwnerEnforced` (omitted: S3's default for new buckets since April 2023, ACLs disabled)",
        limitation: "a bucket created before April 2023 and adopted without ownership controls keeps ACLs enabled; its ownership setting is not in the inputs",
    },
    {
        row: 105, id: "workload-env-no-plaintext-credentials", category: "secrets-handling", severity: "critical", crossResource: false,
        severityReason: "a database password or key in a function's or task's environment is readable in clear by anyone who can describe the workload (lambda:GetFunctionConfiguration, ecs:DescribeTaskDefinition, glue:GetConnection) and sits in the Pulumi state",
        requirement: "aws.lambda.Function `environment.variables`, aws.ecs.TaskDefinition `containerDefinitions[].environment` and aws.glue.Connection `connectionProperties` hold no literal credential (a name that marks a password, token or key with a value that is not a Secrets Manager / SSM reference); use `secrets` (ECS), a Secrets Manager lookup at run time (Lambda), `SECRET_ID` (Glue)",
        limitation: "names are matched against configurable credential patterns; a credential under an innocuous name is not recognized, and a computed value is judged only once known",
    },    {
        row: 107, id: "lightsail-database-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "a Lightsail database in public mode has no security group: its endpoint answers every address on the internet, guarded only by the master password",
        requirement: "aws.lightsail.Database `publiclyAccessible` omitted or `false` (public mode is off by default)",
    },
    {
        row: 108, id: "lightsail-database-backups", category: "resilience", severity: "medium", crossResource: false,
        severityReason: "recovery of the key store after a bad write or a deletion",
        requirement: "aws.lightsail.Database `backupRetentionEnabled` omitted or `true` (automatic backups are on by default), `skipFinalSnapshot` omitted or `false`",
    },
    {
        row: 109, id: "opensearch-serverless-encryption-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "an AWS-owned key cannot be restricted by a key policy nor audited in the account's CloudTrail; mandatory on key-material resources, advisory otherwise",
        requirement: "aws.opensearch.ServerlessSecurityPolicy of `type: \"encryption\"`: `policy` has `AWSOwnedKey: false` and `KmsARN` naming a customer-managed key",
        limitation: "escalation to mandatory follows the security policy's own name and tags, not the names of the collections its rules match",
    },
    {
        row: 110, id: "opensearch-serverless-network-private", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "a public collection endpoint is reachable from the whole internet, one leaked or over-broad data access grant away from exposure",
        requirement: "aws.opensearch.ServerlessSecurityPolicy of `type: \"network\"`: no rule set of `policy` has `AllowFromPublic: true`; access through `SourceVPCEs`",
    },
    {
        row: 111, id: "efs-file-system-encrypted", category: "encryption-at-rest", severity: "critical", crossResource: false,
        severityReason: "an unencrypted file system keeps every file, backup and replica in clear",
        requirement: "aws.efs.FileSystem `encrypted === true` (the API default is false)",
    },
    {
        row: 112, id: "efs-file-system-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "the AWS-managed aws/elasticfilesystem key's policy cannot be restricted; mandatory on key-material file systems, advisory otherwise",
        requirement: "aws.efs.FileSystem `kmsKeyId` names a customer-managed key",
    },
    {
        row: 113, id: "efs-file-system-policy-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "a file system policy granting `*` lets principals of any account mount the files",
        requirement: "aws.efs.FileSystemPolicy `policy` has no Allow to `*`/NotPrincipal without an `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpce` or `elasticfilesystem:AccessedViaMountTarget` condition",
    },
    {
        row: 114, id: "keyspaces-qldb-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "Keyspaces tables and QLDB ledgers default to AWS-owned keys, which no key policy restricts and no CloudTrail of the account shows; mandatory on key-material stores, advisory otherwise",
        requirement: "aws.keyspaces.Table `encryptionSpecification.type === \"CUSTOMER_MANAGED_KMS_KEY\"` with `kmsKeyIdentifier`; aws.qldb.Ledger `kmsKey` a customer-managed key ARN, not omitted or `\"AWS_OWNED_KMS_KEY\"`",
    },
    {
        row: 115, id: "dms-replication-instance-not-public", category: "network-isolation", severity: "critical", crossResource: false,
        severityReason: "the replication instance reads every row of the source database and holds the endpoints' credentials; DMS makes it public unless told otherwise",
        requirement: "aws.dms.ReplicationInstance `publiclyAccessible === false` (omitted means true)",
    },
    {
        row: 116, id: "dms-cmk", category: "key-management", severity: "high", crossResource: false,
        severityReason: "the replication instance's storage and an S3 target hold copies of the migrated rows; mandatory on key-material resources, advisory otherwise",
        requirement: "aws.dms.ReplicationInstance `kmsKeyArn` a customer-managed key (default aws/dms); aws.dms.S3Endpoint targets `encryptionMode: \"SSE_KMS\"` with `serverSideEncryptionKmsKeyId` a customer-managed key (default SSE_S3)",
    },
    {
        row: 117, id: "dms-endpoint-tls", category: "encryption-in-transit", severity: "high", crossResource: false,
        severityReason: "without TLS the rows DMS copies, key material included, cross the network in clear",
        requirement: "aws.dms.Endpoint of a database engine: `sslMode` is `require`, `verify-ca` or `verify-full` (default `none`)",
    },
    {
        row: 118, id: "database-password-not-in-state", category: "secrets-handling", severity: "critical", crossResource: false,
        severityReason: "a database password in the Pulumi state is readable by anyone with state access, in every checkpoint and backup",
        requirement: "aws.dms.Endpoint: no `password` or `oracleSettings.asmPassword` where DMS can read the credentials from Secrets Manager (`secretsManagerArn`); other endpoint passwords and the aws.lightsail.Database `masterPassword` (which the provider requires) are advisories to rotate them out of band",
    },
    {
        row: 119, id: "storage-type-unchecked", category: "monitoring", severity: "low", crossResource: false,
        severityReason: "a review item: a store the pack does not model passes without any check unless it is named",
        requirement: "every resource of a storage module (aws and aws-native) whose type no policy of the pack applies to, and which is not on the commented list of types that hold no data, is reported as unchecked",
        limitation: "the pack cannot say what is wrong with a type it does not model; the advisory asks for a manual review",
    },
    {
        row: 120, id: "snapshot-image-not-shared", category: "network-isolation", severity: "critical", crossResource: true,
        severityReason: "a public or foreign-shared EBS snapshot or AMI hands another account a full block-level copy of the database or key host's volumes, outside every network control and key policy of the account",
        requirement: "aws.ec2.AmiLaunchPermission has no `group: \"all\"`; AmiLaunchPermission `accountId` / `organizationArn` / `organizationalUnitArn` and aws.ec2.SnapshotCreateVolumePermission `accountId` name the data's own account or one in `allowedAccountIds` (a violation for key-material sources followed through snapshot -> volume -> instance and image -> instance / snapshots, advice otherwise); aws.ebs.SnapshotBlockPublicAccess `state` is `block-all-sharing` and aws.ec2.ImageBlockPublicAccess `state` is `block-new-sharing` where managed (advice)",
        limitation: "snapshots and images shared by hand, and the region's block public access state when the stack does not manage it, are runtime-only; without `allowedAccountIds` an account is judged against the data's own account, known only from outputs",
    },
    {
        row: 121, id: "export-target-restricted", category: "network-isolation", severity: "critical", crossResource: true,
        severityReason: "an export task writes a full copy of the database or table into S3; a bucket of another account, or one the stack cannot see, takes the key material out of the account's key policies and network controls",
        requirement: "aws.dynamodb.TableExport `s3BucketOwner` omitted or the table's own account or one in `allowedAccountIds`; the target bucket (`s3Bucket`, aws.rds.ExportTask `s3BucketName`) managed by the stack (advice otherwise); encryption with a customer-managed key: ExportTask `kmsKeyId`, TableExport `s3SseAlgorithm: \"KMS\"` with `s3SseKmsKeyId` (a violation for key-material sources, followed through snapshot -> database, advice otherwise)",
        limitation: "whether a bucket outside the stack is public or belongs to another account is runtime-only; an export run by hand (StartExportTask, ExportTableToPointInTime) is not in the program",
    },
    {
        row: 122, id: "data-share-not-external", category: "network-isolation", severity: "critical", crossResource: true,
        severityReason: "a datashare, a backup copy or a RAM share with another account gives that account's administrators a live or restorable copy of the store, outside the account's key policies, network and audit",
        requirement: "aws.redshift.DataShareAuthorization `consumerIdentifier`, the AWS principals of an aws.redshiftserverless.ResourcePolicy on a snapshot (`*` without an account or organization condition is a violation whatever the data), aws.backup.Plan `rules[].copyActions[].destinationVaultArn` (unless a vault of the stack) and aws.ram.PrincipalAssociation `principal` name the data's own account or one in `allowedAccountIds` (a violation for key-material data, followed to the producer cluster, the plan's vaults and selections, the shared resources; advice otherwise); `ADX` (AWS Data Exchange) is outside your accounts; aws.ram.ResourceShare `allowExternalPrincipals: true` on a share carrying key material is advice",
        limitation: "shares made outside the program (SQL GRANT USAGE, console), and what a datashare actually contains, are runtime-only",
    },
    {
        row: 123, id: "snapshot-image-copy-cmk", category: "encryption-at-rest", severity: "high", crossResource: true,
        severityReason: "a snapshot or image copy is the usual vehicle for moving a volume to another region or account; without a customer-managed key its key policy cannot limit who restores it",
        requirement: "aws.ebs.SnapshotCopy and aws.ec2.AmiCopy: `encrypted: true` and a customer-managed `kmsKeyId` (or EBS encryption by default with a customer-managed aws.ebs.DefaultKmsKey); a violation for key-material data (followed copy -> source -> volume -> instance), advice otherwise. aws.ebs.Snapshot of an unencrypted volume of the stack: advice (the volume is ec2-db-host-encrypted-volumes' violation)",
        limitation: "the encryption of a source outside the stack, and the region's EBS defaults when the stack does not manage them, are runtime-only",
    },
];
