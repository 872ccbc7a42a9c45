// DO NOT DEPLOY. A hot-wallet key store set up the way breached ones were (the 2023 Mixin Network pattern: the
// cloud database holding wallet key material was reachable and readable once an attacker got a foothold).
// Every resource below carries the mistakes the policy pack exists to block; the comments name them.
// The expected findings live in test/e2e/exposed-wallet-db.test.ts, one line per (policy, resource).

import * as aws from "@pulumi/aws";

const tags = { app: "wallet", data: "key-material" };

// ---- Network: "private" data in public subnets -------------------------------------------------------

const vpc = new aws.ec2.Vpc("wallet-vpc", { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags });
const igw = new aws.ec2.InternetGateway("wallet-igw", { vpcId: vpc.id, tags });
const publicRoutes = new aws.ec2.RouteTable("wallet-public-rt", { vpcId: vpc.id, tags });
// Default routes to the internet gateway make every associated subnet public, for IPv4 and IPv6.
new aws.ec2.Route("wallet-public-default-v4", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
new aws.ec2.Route("wallet-public-default-v6", { routeTableId: publicRoutes.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id });

const zones = ["us-east-1a", "us-east-1b"];
const subnets = zones.map((availabilityZone, i) => {
    const subnet = new aws.ec2.Subnet(`wallet-public-${i + 1}`, {
        vpcId: vpc.id,
        cidrBlock: `10.20.${i}.0/24`,
        availabilityZone,
        mapPublicIpOnLaunch: true,
        tags,
    });
    new aws.ec2.RouteTableAssociation(`wallet-public-${i + 1}-rt`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    return subnet;
});

// Open to the world on the database ports, IPv4 and IPv6, plus all-protocol egress.
const dbSg = new aws.ec2.SecurityGroup("wallet-db-sg", {
    vpcId: vpc.id,
    description: "wallet database",
    ingress: [
        { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "postgres from anywhere" },
        { protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "mysql from anywhere" },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
    tags,
});
// The same hole, added again the two other ways: a standalone rule with every protocol ...
new aws.ec2.SecurityGroupRule("wallet-db-admin-any", {
    type: "ingress",
    securityGroupId: dbSg.id,
    protocol: "-1",
    fromPort: 0,
    toPort: 0,
    cidrBlocks: ["0.0.0.0/0"],
    description: "temporary admin access",
});
// ... and a VPC ingress rule open to all of IPv6.
new aws.vpc.SecurityGroupIngressRule("wallet-db-pg-v6", {
    securityGroupId: dbSg.id,
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    cidrIpv6: "::/0",
    description: "postgres over IPv6",
});

// ---- Keys: a KMS key anyone can use, never rotated, deletable within a week ------------------------------

const walletKey = new aws.kms.Key("wallet-kms", {
    description: "wallet key encryption key",
    enableKeyRotation: false,
    deletionWindowInDays: 7,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "AnyoneCanUseTheKey", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }],
    }),
    tags,
});
new aws.kms.Alias("wallet-kms-alias", { name: "alias/wallet-kms", targetKeyId: walletKey.keyId });

// Wallet seed in Secrets Manager under the AWS-managed key (its key policy cannot be restricted), written from
// a literal in the program.
const walletSecret = new aws.secretsmanager.Secret("wallet-master-key", {
    name: "wallet/master-key",
    kmsKeyId: "alias/aws/secretsmanager",
    recoveryWindowInDays: 0,
    tags,
});
new aws.secretsmanager.SecretVersion("wallet-master-key-value", {
    secretId: walletSecret.id,
    secretString: JSON.stringify({ seed: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about" }),
});

// Anyone holding these credentials can decrypt and read every secret, no MFA asked.
const keyReaders = new aws.iam.Policy("wallet-key-readers", {
    description: "read wallet keys",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "secretsmanager:GetSecretValue"], Resource: "*" }],
    }),
});
const appRole = new aws.iam.Role("wallet-app-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags,
});
new aws.iam.RolePolicyAttachment("wallet-app-key-readers", { role: appRole.name, policyArn: keyReaders.arn });
const operators = new aws.iam.Group("wallet-operators", { name: "wallet-operators" });
new aws.iam.GroupPolicyAttachment("wallet-operators-key-readers", { group: operators.name, policyArn: keyReaders.arn });

// ---- The databases --------------------------------------------------------------------------------------

const dbSubnets = new aws.rds.SubnetGroup("wallet-db-subnets", { subnetIds: subnets.map((s) => s.id), tags });

// TLS not enforced.
const pgParams = new aws.rds.ParameterGroup("wallet-pg-params", {
    family: "postgres16",
    parameters: [{ name: "rds.force_ssl", value: "0" }],
    tags,
});

// PostgreSQL instance with the wallet keys: public, unencrypted, literal default-style master user, outdated
// CA, no backups, no deletion protection, no IAM auth, no logs.
const walletDb = new aws.rds.Instance("wallet-db", {
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    dbName: "wallet",
    username: "postgres",
    password: "Wallet-Password-2023!",
    publiclyAccessible: true,
    storageEncrypted: false,
    vpcSecurityGroupIds: [dbSg.id],
    dbSubnetGroupName: dbSubnets.name,
    parameterGroupName: pgParams.name,
    caCertIdentifier: "rds-ca-2019",
    backupRetentionPeriod: 0,
    deletionProtection: false,
    skipFinalSnapshot: true,
    iamDatabaseAuthenticationEnabled: false,
    performanceInsightsEnabled: false,
    tags,
});

// MySQL 8.0 audit database (no key material: neither its names nor its tags classify it), careful everywhere
// but TLS: no `parameterGroupName`, so it runs the engine's default parameter group, where
// `require_secure_transport` is OFF (rds-default-parameter-group-tls). Not in a backup plan (advisory).
const auditSg = new aws.ec2.SecurityGroup("audit-db-sg", {
    vpcId: vpc.id,
    description: "audit database",
    ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.20.0.0/16"], description: "mysql from the VPC" }],
    tags: { app: "audit" },
});
new aws.rds.Instance("audit-db", {
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    dbName: "audit",
    username: "audit_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: walletKey.arn,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: walletKey.arn,
    publiclyAccessible: false,
    dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [auditSg.id],
    caCertIdentifier: "rds-ca-rsa2048-g1",
    backupRetentionPeriod: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "audit-db-final",
    performanceInsightsEnabled: false,
    enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery", "iam-db-auth-error"],
    tags: { app: "audit" },
});

// Aurora MySQL cluster: encrypted only with the AWS-managed aws/rds key (no kmsKeyId), literal master
// password, TLS optional, one day of backups, no deletion protection; its instance is publicly accessible.
const clusterParams = new aws.rds.ClusterParameterGroup("wallet-cluster-params", {
    family: "aurora-mysql8.0",
    parameters: [{ name: "require_secure_transport", value: "OFF" }],
    tags,
});
const walletCluster = new aws.rds.Cluster("wallet-cluster", {
    engine: "aurora-mysql",
    engineVersion: "8.0.mysql_aurora.3.05.2",
    databaseName: "wallet",
    masterUsername: "admin",
    masterPassword: "Wallet-Password-2023!",
    storageEncrypted: true,
    dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [dbSg.id],
    dbClusterParameterGroupName: clusterParams.name,
    backupRetentionPeriod: 1,
    deletionProtection: false,
    skipFinalSnapshot: true,
    iamDatabaseAuthenticationEnabled: false,
    tags,
});
new aws.rds.ClusterInstance("wallet-cluster-1", {
    clusterIdentifier: walletCluster.id,
    engine: "aurora-mysql",
    instanceClass: "db.r6g.large",
    publiclyAccessible: true,
    dbSubnetGroupName: dbSubnets.name,
    performanceInsightsEnabled: false,
    tags,
});

// ---- The rest of the wallet service: every other store, each with its own classic mistakes --------------

// A bastion open to the internet for SSH; the cache below trusts it. One compromised bastion reaches the cache.
const bastionSg = new aws.ec2.SecurityGroup("wallet-bastion-sg", {
    vpcId: vpc.id,
    description: "wallet bastion",
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh from anywhere" }],
    tags,
});
const cacheSg = new aws.ec2.SecurityGroup("wallet-cache-sg", {
    vpcId: vpc.id,
    description: "wallet cache",
    ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, securityGroups: [bastionSg.id], description: "redis from the bastion" }],
    tags,
});
const subnetIds = subnets.map((s) => s.id);

// DynamoDB ledger: AWS-owned encryption (no serverSideEncryption block), no point-in-time recovery, no deletion
// protection; its resource policy lets every AWS principal read it.
const walletLedger = new aws.dynamodb.Table("wallet-ledger", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "requestId",
    attributes: [{ name: "requestId", type: "S" }],
    tags,
});
new aws.dynamodb.ResourcePolicy("wallet-ledger-policy", {
    resourceArn: walletLedger.arn,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "PartnersRead", Effect: "Allow", Principal: "*", Action: ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query"], Resource: "*" }],
    }),
});

// DAX in front of the ledger: no encryption at rest, plaintext endpoint, public subnets and the open group.
const daxRole = new aws.iam.Role("wallet-dax-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "dax.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    tags,
});
const daxSubnets = new aws.dax.SubnetGroup("wallet-dax-subnets", { subnetIds });
new aws.dax.Cluster("wallet-dax", {
    clusterName: "wallet-dax",
    iamRoleArn: daxRole.arn,
    nodeType: "dax.t3.small",
    replicationFactor: 1,
    clusterEndpointEncryptionType: "NONE",
    securityGroupIds: [dbSg.id],
    subnetGroupName: daxSubnets.name,
    tags,
});

// DocumentDB: unencrypted, literal master password under the default user name, TLS and auditing switched
// off by its parameter group, one day of backups, no deletion protection, no logs.
const docdbParams = new aws.docdb.ClusterParameterGroup("wallet-docdb-params", {
    family: "docdb5.0",
    parameters: [
        { name: "tls", value: "disabled" },
        { name: "audit_logs", value: "disabled" },
    ],
    tags,
});
const docdbSubnets = new aws.docdb.SubnetGroup("wallet-docdb-subnets", { subnetIds, tags });
new aws.docdb.Cluster("wallet-docdb", {
    engine: "docdb",
    masterUsername: "admin",
    masterPassword: "Wallet-Password-2023!",
    dbClusterParameterGroupName: docdbParams.name,
    dbSubnetGroupName: docdbSubnets.name,
    vpcSecurityGroupIds: [dbSg.id],
    backupRetentionPeriod: 1,
    skipFinalSnapshot: true,
    tags,
});

// Neptune: unencrypted, no IAM authentication, default parameter group (no audit log), no deletion protection;
// its instance is publicly accessible.
const neptuneSubnets = new aws.neptune.SubnetGroup("wallet-neptune-subnets", { subnetIds, tags });
const walletGraph = new aws.neptune.Cluster("wallet-graph", {
    engine: "neptune",
    neptuneSubnetGroupName: neptuneSubnets.name,
    vpcSecurityGroupIds: [dbSg.id],
    backupRetentionPeriod: 1,
    skipFinalSnapshot: true,
    tags,
});
new aws.neptune.ClusterInstance("wallet-graph-1", {
    clusterIdentifier: walletGraph.id,
    engine: "neptune",
    instanceClass: "db.t4g.medium",
    publiclyAccessible: true,
    neptuneSubnetGroupName: neptuneSubnets.name,
    tags,
});

// ElastiCache: no encryption at rest or in transit, a user that needs no password, no backups; reachable
// from the internet-facing bastion.
const cacheUser = new aws.elasticache.User("wallet-cache-default", {
    userId: "wallet-default",
    userName: "default",
    engine: "redis",
    accessString: "on ~* +@all",
    noPasswordRequired: true,
    tags,
});
const cacheUsers = new aws.elasticache.UserGroup("wallet-cache-users", { engine: "redis", userGroupId: "wallet-cache-users", userIds: [cacheUser.userId], tags });
const cacheSubnets = new aws.elasticache.SubnetGroup("wallet-cache-subnets", { subnetIds, tags });
new aws.elasticache.ReplicationGroup("wallet-cache", {
    description: "wallet nonce cache",
    engine: "redis",
    nodeType: "cache.t3.micro",
    numCacheClusters: 1,
    atRestEncryptionEnabled: false,
    transitEncryptionEnabled: false,
    userGroupIds: [cacheUsers.userGroupId],
    subnetGroupName: cacheSubnets.name,
    securityGroupIds: [cacheSg.id],
    snapshotRetentionLimit: 0,
    tags,
});

// MemoryDB: TLS off, the open-access ACL (no authentication), AWS-owned key, no snapshots, public subnets.
const memorySubnets = new aws.memorydb.SubnetGroup("wallet-memorydb-subnets", { subnetIds, tags });
new aws.memorydb.Cluster("wallet-sessions", {
    nodeType: "db.t4g.small",
    numShards: 1,
    aclName: "open-access",
    tlsEnabled: false,
    snapshotRetentionLimit: 0,
    subnetGroupName: memorySubnets.name,
    securityGroupIds: [dbSg.id],
    tags,
});

// Redshift for the analytics team, outside the key-material classification but encrypted with the wallet key:
// public, default parameter group (no require_ssl, no activity log), literal password under the default user
// name, no audit logging, no automated snapshots, not in a VPC subnet group.
const analytics = new aws.redshift.Cluster("ledger-analytics", {
    clusterIdentifier: "ledger-analytics",
    nodeType: "ra3.xlplus",
    clusterType: "single-node",
    databaseName: "ledger",
    masterUsername: "awsuser",
    masterPassword: "Analytics-Password-2023!",
    encrypted: "true",
    kmsKeyId: walletKey.arn,
    publiclyAccessible: true,
    vpcSecurityGroupIds: [dbSg.id],
    automatedSnapshotRetentionPeriod: 0,
    skipFinalSnapshot: true,
    tags: { app: "analytics" },
});

// OpenSearch: a public endpoint, no encryption at rest or between nodes, plain HTTP allowed with TLS 1.0, no
// fine-grained access control, no logs, and a domain policy that lets anyone call it.
const walletSearch = new aws.opensearch.Domain("wallet-search", {
    domainName: "wallet-search",
    engineVersion: "OpenSearch_2.17",
    clusterConfig: { instanceType: "t3.small.search", instanceCount: 1 },
    ebsOptions: { ebsEnabled: true, volumeSize: 10 },
    encryptAtRest: { enabled: false },
    nodeToNodeEncryption: { enabled: false },
    domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" },
    tags,
});
new aws.opensearch.DomainPolicy("wallet-search-policy", {
    domainName: walletSearch.domainName,
    accessPolicies: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "es:*", Resource: "arn:aws:es:us-east-1:123456789012:domain/wallet-search/*" }],
    }),
});

// Secrets Manager: the seed's secret is readable by any AWS principal (and public policies are not blocked);
// the DB credentials' secret uses the AWS-managed key and rotates once a year.
new aws.secretsmanager.SecretPolicy("wallet-master-key-policy", {
    secretArn: walletSecret.arn,
    blockPublicPolicy: false,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "SupportCanRead", Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }],
    }),
});
const dbCredentials = new aws.secretsmanager.Secret("wallet-db-credentials", {
    name: "wallet/db-credentials",
    description: "wallet database master password",
    tags,
});
new aws.secretsmanager.SecretRotation("wallet-db-credentials-rotation", {
    secretId: dbCredentials.id,
    rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:wallet-secret-rotation",
    rotationRules: { automaticallyAfterDays: 365 },
});

// SSM: the signer seed as a plain String parameter, its value in the program (and so in the state).
new aws.ssm.Parameter("wallet-signer-seed", {
    name: "/wallet/signer/seed",
    type: "String",
    value: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    tags,
});

// A self-managed PostgreSQL replica of the ledger on EC2. Neither its name nor its tags say "database"; its user
// data does: it installs and starts the PostgreSQL server. It gets a public IP in a public subnet, keeps IMDSv1
// answering, and its root volume is unencrypted. A web server set up the same way would get advisories only.
new aws.ec2.Instance("ledger-replica-host", {
    ami: "ami-0abcdef1234567890",
    instanceType: "t3.large",
    subnetId: subnets[0]!.id,
    associatePublicIpAddress: true,
    userData: ["#!/bin/bash", "dnf install -y postgresql15-server", "postgresql-setup --initdb", "systemctl enable --now postgresql"].join("\n"),
    tags: { app: "ledger" },
});

// ---- Backups --------------------------------------------------------------------------------------------

// S3 backups: SSE-S3 only, public access not blocked, versioning suspended, no object lock, a public-read ACL
// and a bucket policy that lets anyone download, with no TLS-only deny.
const backupBucket = new aws.s3.Bucket("wallet-backups", { bucket: "wallet-backups-prod", forceDestroy: true, tags });
new aws.s3.BucketServerSideEncryptionConfiguration("wallet-backups-sse", {
    bucket: backupBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
new aws.s3.BucketPublicAccessBlock("wallet-backups-public-access", {
    bucket: backupBucket.id,
    blockPublicAcls: false,
    blockPublicPolicy: false,
    ignorePublicAcls: false,
    restrictPublicBuckets: false,
});
new aws.s3.BucketVersioning("wallet-backups-versioning", { bucket: backupBucket.id, versioningConfiguration: { status: "Suspended" } });
const ownership = new aws.s3.BucketOwnershipControls("wallet-backups-ownership", { bucket: backupBucket.id, rule: { objectOwnership: "ObjectWriter" } });
new aws.s3.BucketAcl("wallet-backups-acl", { bucket: backupBucket.id, acl: "public-read" }, { dependsOn: [ownership] });
new aws.s3.BucketPolicy("wallet-backups-policy", {
    bucket: backupBucket.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "RestoreFromAnywhere", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::wallet-backups-prod/*" }],
    }),
});

// AWS Backup: a vault under the wallet key (which the analytics cluster shares), no vault lock, a vault policy
// open to everyone, and a plan that selects the instance only.
const backupVault = new aws.backup.Vault("wallet-backup-vault", { name: "wallet-backup-vault", kmsKeyArn: walletKey.arn, forceDestroy: true, tags });
new aws.backup.VaultPolicy("wallet-backup-vault-policy", {
    backupVaultName: backupVault.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: ["backup:CopyIntoBackupVault", "backup:DescribeRecoveryPoint"], Resource: "*" }],
    }),
});
const backupPlan = new aws.backup.Plan("wallet-backup-plan", {
    name: "wallet-weekly",
    rules: [{ ruleName: "weekly", targetVaultName: backupVault.name, schedule: "cron(0 5 ? * 1 *)", lifecycle: { deleteAfter: 7 } }],
    tags,
});
const backupRole = new aws.iam.Role("wallet-backup-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    tags,
});
new aws.backup.Selection("wallet-db-only", { name: "wallet-db-only", planId: backupPlan.id, iamRoleArn: backupRole.arn, resources: [walletDb.arn] });

// RDS snapshots of the unencrypted instance, shared with every AWS account; the copy names no key.
const snapshot = new aws.rds.Snapshot("wallet-db-snapshot", { dbInstanceIdentifier: walletDb.identifier, dbSnapshotIdentifier: "wallet-db-snapshot", sharedAccounts: ["all"], tags });
new aws.rds.SnapshotCopy("wallet-db-snapshot-copy", {
    sourceDbSnapshotIdentifier: snapshot.dbSnapshotArn,
    targetDbSnapshotIdentifier: "wallet-db-snapshot-copy",
    sharedAccounts: ["all"],
    tags,
});

// Data copied out of the account: the ledger exported into a bucket another account owns, and the image of the
// database host (wallet files and credentials on its volumes) launchable by every AWS account.
new aws.dynamodb.TableExport("wallet-ledger-export", { tableArn: walletLedger.arn, s3Bucket: "ledger-partner-exports", s3BucketOwner: "210987654321" });
const hostImage = new aws.ec2.AmiCopy("wallet-db-host-image", {
    name: "wallet-db-host",
    sourceAmiId: "ami-0abcdef1234567890",
    sourceAmiRegion: "us-east-1",
    encrypted: true,
    kmsKeyId: walletKey.arn,
    tags,
});
new aws.ec2.AmiLaunchPermission("wallet-db-host-image-public", { imageId: hostImage.id, group: "all" });

// ---- Migration and shared files: the copies nobody reviews ---------------------------------------------------

// A DMS replication instance that copies the wallet database: publicly accessible by omission (DMS's default), on
// the AWS-managed aws/dms key, in the public subnets and the world-open database group. Its source endpoint keeps
// the database password in the state and reads the rows without TLS.
const dmsSubnets = new aws.dms.ReplicationSubnetGroup("wallet-dms-subnets", {
    replicationSubnetGroupId: "wallet-dms-subnets",
    replicationSubnetGroupDescription: "wallet migration",
    subnetIds,
    tags,
});
new aws.dms.ReplicationInstance("wallet-migration", {
    replicationInstanceId: "wallet-migration",
    replicationInstanceClass: "dms.t3.medium",
    replicationSubnetGroupId: dmsSubnets.replicationSubnetGroupId,
    vpcSecurityGroupIds: [dbSg.id],
    tags,
});
new aws.dms.Endpoint("wallet-migration-source", {
    endpointId: "wallet-migration-source",
    endpointType: "source",
    engineName: "postgres",
    serverName: walletDb.address,
    port: 5432,
    databaseName: "wallet",
    username: "migrator",
    password: "migrator-password-in-state",
    tags,
});
// An EFS file system for exported keystores: encrypted, but under the AWS-managed aws/elasticfilesystem key; its
// mount target sits in a public subnet, in the VPC's default security group (it names none).
const keystoreFiles = new aws.efs.FileSystem("wallet-keystore-fs", { encrypted: true, tags });
new aws.efs.MountTarget("wallet-keystore-mount", { fileSystemId: keystoreFiles.id, subnetId: subnets[0]!.id });

// ---- Audit and people ---------------------------------------------------------------------------------------

// CloudTrail: one region, no log-file validation, SSE-S3 only, KMS events excluded, into the backup bucket.
new aws.cloudtrail.Trail("wallet-trail", {
    s3BucketName: backupBucket.id,
    isMultiRegionTrail: false,
    enableLogFileValidation: false,
    eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, excludeManagementEventSources: ["kms.amazonaws.com"] }],
    tags,
});

// A deployer user with a console password outside any MFA-enforcing group, an access key whose secret lands in
// the state, and AdministratorAccess attached directly.
const deployer = new aws.iam.User("wallet-deployer", { name: "wallet-deployer", tags });
new aws.iam.UserLoginProfile("wallet-deployer-console", { user: deployer.name, passwordResetRequired: false });
new aws.iam.AccessKey("wallet-deployer-key", { user: deployer.name });
new aws.iam.UserPolicyAttachment("wallet-deployer-admin", { user: deployer.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
// A support role any AWS account can assume.
new aws.iam.Role("wallet-support-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }),
    tags,
});

// A build role whose inline policy is administrator access in another spelling: every IAM action (`IAM:*`), so it
// can attach AdministratorAccess to itself; the pack denies AdministratorAccess by name, and this by what it grants.
const buildRole = new aws.iam.Role("wallet-build-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    inlinePolicies: [{ name: "manage-iam", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["IAM:*"], Resource: "*" }] }) }],
    tags,
});
// "Maintenance" rights that hand every database over without reading a row: reset any master password, share any
// snapshot with another account, export any snapshot to S3.
new aws.iam.RolePolicy("wallet-db-maintenance", {
    role: buildRole.id,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["rds:Modify*", "rds:StartExportTask"], Resource: "*" }] }),
});

export const walletDbEndpoint = walletDb.endpoint;
export const walletClusterEndpoint = walletCluster.endpoint;
export const walletSecretArn = walletSecret.arn;
export const analyticsEndpoint = analytics.endpoint;
export const searchEndpoint = walletSearch.endpoint;
export const ledgerTable = walletLedger.name;

