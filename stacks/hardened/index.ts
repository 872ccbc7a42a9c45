// The hot-wallet key store of stacks/exposed-wallet-db, built right. The policy pack must accept it with no
// finding at all, in `pulumi preview` (where every ARN and ID below is still unknown) and in `pulumi up`.
//
// - network: private subnets only (no internet gateway, no public IPs); the database accepts connections
//   from the RDS proxy's security group only, the proxy from the application's security group only;
// - keys: one customer-managed KMS key with yearly rotation, a 30-day deletion window and an explicit key
//   policy (administration by a dedicated role, use by the application only through the data services);
// - databases: encrypted with that key, IAM authentication, master password generated and kept by RDS in
//   Secrets Manager under that key, TLS forced by the parameter groups, current CA, 14 days of backups,
//   deletion protection, final snapshot, Performance Insights with the key, logs exported;
// - access: humans read the key material only with MFA; the proxy requires TLS and IAM authentication.
// - the other stores (DynamoDB + DAX, DocumentDB, Neptune, ElastiCache, MemoryDB, Redshift, OpenSearch, Secrets
//   Manager, SSM): private, behind their own security groups, under the wallet key, TLS, IAM or RBAC users;
// - backups: an S3 bucket (SSE-KMS, versioning with MFA delete, compliance object lock, public access blocked,
//   TLS-only policy) and an AWS Backup vault under the wallet key, locked, selected by a daily plan;
// - audit: a multi-region, validated CloudTrail trail under its own key, with data events for the ledger and
//   the backups and an alarm on KMS key disabling/deletion; operators are users in a group denying all without MFA.
//
// IAM documents name principals and resources by their ARN pattern (account, region, fixed names) rather than
// by resource outputs: the key policy and the role policies would otherwise depend on each other in a cycle,
// and a reviewer can read the whole document in the preview.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const tags = { app: "wallet", data: "key-material" };
const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const zones = aws.getAvailabilityZonesOutput({ state: "available" });

const APP_ROLE = "wallet-app";
const KEY_ADMIN_ROLE = "wallet-key-admin";
const KEY_ALIAS = "alias/wallet-cmk";
const SECRET_NAME = "wallet/master-key";
const LEDGER_TABLE = "wallet-ledger";
const SEARCH_DOMAIN = "wallet-search";
const TRAIL_NAME = "wallet-audit";
const TRAIL_LOG_GROUP = "/aws/cloudtrail/wallet-audit";
const DB_PORT = 5432;
// The services that encrypt the wallet's stores with the wallet key on the application's behalf.
const DATA_SERVICES = ["rds", "secretsmanager", "dynamodb", "dax", "elasticache", "memorydb", "redshift", "es", "ssm", "backup", "s3"];

// ---- Network --------------------------------------------------------------------------------------------

const vpc = new aws.ec2.Vpc("wallet-vpc", { cidrBlock: "10.30.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags });
// Adopt the VPC's default security group with no rules, so nothing launched without a group of its own can reach
// anything (Pulumi removes AWS's default rules when it adopts the group).
new aws.ec2.DefaultSecurityGroup("wallet-vpc-default-sg", { vpcId: vpc.id, tags });
const privateRoutes = new aws.ec2.RouteTable("wallet-private-rt", { vpcId: vpc.id, tags });
const subnets = [0, 1].map((i) => {
    const subnet = new aws.ec2.Subnet(`wallet-private-${i + 1}`, {
        vpcId: vpc.id,
        cidrBlock: `10.30.${i}.0/24`,
        availabilityZone: zones.names.apply((names) => names[i]!),
        mapPublicIpOnLaunch: false,
        tags,
    });
    new aws.ec2.RouteTableAssociation(`wallet-private-${i + 1}-rt`, { subnetId: subnet.id, routeTableId: privateRoutes.id });
    return subnet;
});

const appSg = new aws.ec2.SecurityGroup("wallet-app-sg", { vpcId: vpc.id, description: "wallet application", tags });
const proxySg = new aws.ec2.SecurityGroup("wallet-proxy-sg", { vpcId: vpc.id, description: "wallet RDS proxy", tags });
const dbSg = new aws.ec2.SecurityGroup("wallet-db-sg", { vpcId: vpc.id, description: "wallet database", tags });
new aws.vpc.SecurityGroupEgressRule("wallet-app-to-proxy", {
    securityGroupId: appSg.id,
    referencedSecurityGroupId: proxySg.id,
    ipProtocol: "tcp",
    fromPort: DB_PORT,
    toPort: DB_PORT,
    description: "application to the RDS proxy",
});
new aws.vpc.SecurityGroupIngressRule("wallet-proxy-from-app", {
    securityGroupId: proxySg.id,
    referencedSecurityGroupId: appSg.id,
    ipProtocol: "tcp",
    fromPort: DB_PORT,
    toPort: DB_PORT,
    description: "RDS proxy from the application",
});
new aws.vpc.SecurityGroupEgressRule("wallet-proxy-to-db", {
    securityGroupId: proxySg.id,
    referencedSecurityGroupId: dbSg.id,
    ipProtocol: "tcp",
    fromPort: DB_PORT,
    toPort: DB_PORT,
    description: "RDS proxy to the databases",
});
new aws.vpc.SecurityGroupIngressRule("wallet-db-from-proxy", {
    securityGroupId: dbSg.id,
    referencedSecurityGroupId: proxySg.id,
    ipProtocol: "tcp",
    fromPort: DB_PORT,
    toPort: DB_PORT,
    description: "databases from the RDS proxy",
});

// ---- Roles ----------------------------------------------------------------------------------------------

function assumeRolePolicy(statement: Record<string, unknown>): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });
}

// Key administrators: people of this account, with MFA, within the hour.
const keyAdminRole = new aws.iam.Role("wallet-key-admin", {
    name: KEY_ADMIN_ROLE,
    assumeRolePolicy: assumeRolePolicy({
        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:root` },
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
    }),
    maxSessionDuration: 3600,
    tags,
});
const appRole = new aws.iam.Role("wallet-app", {
    name: APP_ROLE,
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "ecs-tasks.amazonaws.com" } }),
    tags,
});
const monitoringRole = new aws.iam.Role("wallet-rds-monitoring", {
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "monitoring.rds.amazonaws.com" } }),
    tags,
});
new aws.iam.RolePolicyAttachment("wallet-rds-monitoring-policy", {
    role: monitoringRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
});

// ---- The customer-managed key ----------------------------------------------------------------------------

const keyPolicy = pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "KeyAdministration",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${KEY_ADMIN_ROLE}` },
            Action: [
                "kms:Create*",
                "kms:Describe*",
                "kms:Enable*",
                "kms:List*",
                "kms:Put*",
                "kms:Update*",
                "kms:Revoke*",
                "kms:Disable*",
                "kms:Get*",
                "kms:TagResource",
                "kms:UntagResource",
                "kms:ScheduleKeyDeletion",
                "kms:CancelKeyDeletion",
                "kms:RotateKeyOnDemand",
            ],
            Resource: "*",
        },
        {
            Sid: "ServicesCreateGrantsForTheirResources",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${KEY_ADMIN_ROLE}` },
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        {
            Sid: "ApplicationUsesTheKeyThroughTheDataServicesOnly",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${APP_ROLE}` },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:CallerAccount": identity.accountId,
                    "kms:ViaService": DATA_SERVICES.map((service) => pulumi.interpolate`${service}.${region.region}.amazonaws.com`),
                },
            },
        },
    ],
});

const walletKey = new aws.kms.Key(
    "wallet-cmk",
    {
        description: "wallet key material: RDS storage, master credentials, Performance Insights, Secrets Manager",
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: 30,
        policy: keyPolicy,
        tags,
    },
    { dependsOn: [keyAdminRole, appRole] },
);
new aws.kms.Alias("wallet-cmk-alias", { name: KEY_ALIAS, targetKeyId: walletKey.keyId });

// ---- Human access to the key material: MFA only ------------------------------------------------------

const operatorsAccess = new aws.iam.Policy("wallet-operators-access", {
    description: "Read the wallet master key, with MFA",
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadTheWalletSecretWithMfa",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                Resource: pulumi.interpolate`arn:aws:secretsmanager:${region.region}:${identity.accountId}:secret:${SECRET_NAME}-??????`,
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
            },
            {
                Sid: "DecryptThroughSecretsManagerWithMfa",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: pulumi.interpolate`arn:aws:kms:${region.region}:${identity.accountId}:key/*`,
                Condition: {
                    Bool: { "aws:MultiFactorAuthPresent": "true" },
                    NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                    "ForAnyValue:StringEquals": { "kms:ResourceAliases": KEY_ALIAS },
                    StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${region.region}.amazonaws.com` },
                },
            },
        ],
    }),
    tags,
});
const operators = new aws.iam.Group("wallet-operators", { name: "wallet-operators" });
new aws.iam.GroupPolicyAttachment("wallet-operators-access", { group: operators.name, policyArn: operatorsAccess.arn });

// The wallet master key is written by the key ceremony tooling, never by this program.
const walletSecret = new aws.secretsmanager.Secret("wallet-master-key", {
    name: SECRET_NAME,
    description: "wallet master key (written out of band)",
    kmsKeyId: walletKey.arn,
    recoveryWindowInDays: 30,
    tags,
});

// ---- Databases ------------------------------------------------------------------------------------------

const dbSubnets = new aws.rds.SubnetGroup("wallet-db-subnets", { subnetIds: subnets.map((s) => s.id), tags });
const dbParams = new aws.rds.ParameterGroup("wallet-pg-params", {
    family: "postgres16",
    parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "ssl_min_protocol_version", value: "TLSv1.2" },
        { name: "log_connections", value: "1" },
    ],
    tags,
});
const auroraInstanceParams = new aws.rds.ParameterGroup("wallet-aurora-instance-params", { family: "aurora-postgresql16", tags });
const clusterParams = new aws.rds.ClusterParameterGroup("wallet-cluster-params", {
    family: "aurora-postgresql16",
    parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "ssl_min_protocol_version", value: "TLSv1.2" },
        { name: "log_connections", value: "1" },
    ],
    tags,
});

const CA = "rds-ca-rsa2048-g1";

const walletDb = new aws.rds.Instance("wallet-db", {
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.m6g.large",
    allocatedStorage: 50,
    maxAllocatedStorage: 200,
    storageType: "gp3",
    dbName: "wallet",
    username: "wallet_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: walletKey.arn,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: walletKey.arn,
    publiclyAccessible: false,
    multiAz: true,
    dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [dbSg.id],
    parameterGroupName: dbParams.name,
    caCertIdentifier: CA,
    backupRetentionPeriod: 14,
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: false,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "wallet-db-final",
    autoMinorVersionUpgrade: true,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: walletKey.arn,
    performanceInsightsRetentionPeriod: 7,
    monitoringInterval: 60,
    monitoringRoleArn: monitoringRole.arn,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade", "iam-db-auth-error"],
    tags,
});

const walletCluster = new aws.rds.Cluster("wallet-cluster", {
    engine: "aurora-postgresql",
    engineVersion: "16.4",
    databaseName: "wallet",
    masterUsername: "wallet_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: walletKey.arn,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: walletKey.arn,
    dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [dbSg.id],
    dbClusterParameterGroupName: clusterParams.name,
    backupRetentionPeriod: 14,
    preferredBackupWindow: "03:00-04:00",
    copyTagsToSnapshot: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "wallet-cluster-final",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: walletKey.arn,
    performanceInsightsRetentionPeriod: 7,
    enabledCloudwatchLogsExports: ["postgresql"],
    tags,
});
const clusterInstances = [1, 2].map(
    (i) =>
        new aws.rds.ClusterInstance(`wallet-cluster-${i}`, {
            clusterIdentifier: walletCluster.id,
            engine: "aurora-postgresql",
            instanceClass: "db.r6g.large",
            publiclyAccessible: false,
            dbSubnetGroupName: dbSubnets.name,
            dbParameterGroupName: auroraInstanceParams.name,
            caCertIdentifier: CA,
            autoMinorVersionUpgrade: true,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: walletKey.arn,
            performanceInsightsRetentionPeriod: 7,
            monitoringInterval: 60,
            monitoringRoleArn: monitoringRole.arn,
            copyTagsToSnapshot: true,
            tags,
        }),
);

// ---- RDS proxy: TLS and IAM authentication required -------------------------------------------------------

const masterSecretArn = walletCluster.masterUserSecrets.apply((secrets) => secrets[0]!.secretArn);
const proxyRole = new aws.iam.Role("wallet-proxy-role", {
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "rds.amazonaws.com" } }),
    tags,
});
new aws.iam.RolePolicy("wallet-proxy-credentials", {
    role: proxyRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadTheClusterMasterSecret",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: pulumi.interpolate`arn:aws:secretsmanager:${region.region}:${identity.accountId}:secret:rds!cluster-*`,
            },
            {
                Sid: "DecryptItThroughSecretsManager",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: pulumi.interpolate`arn:aws:kms:${region.region}:${identity.accountId}:key/*`,
                Condition: {
                    "ForAnyValue:StringEquals": { "kms:ResourceAliases": KEY_ALIAS },
                    StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${region.region}.amazonaws.com` },
                },
            },
        ],
    }),
});
const proxy = new aws.rds.Proxy("wallet-proxy", {
    engineFamily: "POSTGRESQL",
    requireTls: true,
    roleArn: proxyRole.arn,
    vpcSubnetIds: subnets.map((s) => s.id),
    vpcSecurityGroupIds: [proxySg.id],
    auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: masterSecretArn, description: "cluster master user, IAM auth only" }],
    debugLogging: false,
    tags,
});
const proxyTargets = new aws.rds.ProxyDefaultTargetGroup("wallet-proxy-targets", {
    dbProxyName: proxy.name,
    connectionPoolConfig: { maxConnectionsPercent: 90 },
});
new aws.rds.ProxyTarget(
    "wallet-proxy-cluster",
    { dbProxyName: proxy.name, targetGroupName: proxyTargets.name, dbClusterIdentifier: walletCluster.clusterIdentifier },
    { dependsOn: clusterInstances },
);

// The application connects to the proxy as `wallet_app` with an IAM token.
new aws.iam.RolePolicy("wallet-app-db-connect", {
    role: appRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ConnectThroughTheProxyWithIam",
                Effect: "Allow",
                Action: "rds-db:connect",
                Resource: pulumi.interpolate`arn:aws:rds-db:${region.region}:${identity.accountId}:dbuser:prx-*/wallet_app`,
            },
        ],
    }),
});

// ---- The other stores of the wallet service -------------------------------------------------------------
// Each one sits in the private subnets behind its own security group, which admits the application's group on
// the store's port only; each one encrypts with the wallet key, in transit too, and authenticates with IAM.

function storeSecurityGroup(name: string, description: string, port: number): aws.ec2.SecurityGroup {
    const sg = new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description, tags });
    new aws.vpc.SecurityGroupIngressRule(`${name}-from-app`, {
        securityGroupId: sg.id,
        referencedSecurityGroupId: appSg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `${description} from the application`,
    });
    new aws.vpc.SecurityGroupEgressRule(`${name}-app-egress`, {
        securityGroupId: appSg.id,
        referencedSecurityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `application to the ${description}`,
    });
    return sg;
}
const subnetIds = subnets.map((s) => s.id);
const arnOf = (service: string, resource: string) => pulumi.interpolate`arn:aws:${service}:${region.region}:${identity.accountId}:${resource}`;
const ledgerArn = arnOf("dynamodb", `table/${LEDGER_TABLE}`);

// DynamoDB: the signing-request ledger, under the wallet key, with point-in-time recovery; only this account's
// application role may touch it, and only over TLS.
const walletLedger = new aws.dynamodb.Table("wallet-ledger", {
    name: LEDGER_TABLE,
    billingMode: "PAY_PER_REQUEST",
    hashKey: "requestId",
    attributes: [{ name: "requestId", type: "S" }],
    serverSideEncryption: { enabled: true, kmsKeyArn: walletKey.arn },
    pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
    deletionProtectionEnabled: true,
    tags,
});
new aws.dynamodb.ResourcePolicy("wallet-ledger-policy", {
    resourceArn: walletLedger.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ApplicationOnly",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${APP_ROLE}` },
                Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"],
                Resource: ledgerArn,
            },
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "dynamodb:*",
                Resource: ledgerArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    }),
});

// DAX in front of the ledger: encrypted at rest, TLS to the cluster endpoint.
const daxSg = storeSecurityGroup("wallet-dax-sg", "wallet DAX cluster", 9111);
const daxRole = new aws.iam.Role("wallet-dax-role", {
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "dax.amazonaws.com" } }),
    tags,
});
new aws.iam.RolePolicy("wallet-dax-ledger-access", {
    role: daxRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"], Resource: ledgerArn }],
    }),
});
const daxSubnets = new aws.dax.SubnetGroup("wallet-dax-subnets", { subnetIds });
new aws.dax.Cluster("wallet-dax", {
    clusterName: "wallet-dax",
    iamRoleArn: daxRole.arn,
    nodeType: "dax.r5.large",
    replicationFactor: 3,
    serverSideEncryption: { enabled: true },
    clusterEndpointEncryptionType: "TLS",
    securityGroupIds: [daxSg.id],
    subnetGroupName: daxSubnets.name,
    tags,
});

// DocumentDB: wallet metadata. TLS and auditing kept on by its cluster parameter group.
const docdbSg = storeSecurityGroup("wallet-docdb-sg", "wallet DocumentDB cluster", 27017);
const docdbParams = new aws.docdb.ClusterParameterGroup("wallet-docdb-params", {
    family: "docdb5.0",
    parameters: [
        { name: "tls", value: "enabled" },
        { name: "audit_logs", value: "enabled" },
    ],
    tags,
});
const docdbSubnets = new aws.docdb.SubnetGroup("wallet-docdb-subnets", { subnetIds, tags });
const walletDocs = new aws.docdb.Cluster("wallet-docdb", {
    engine: "docdb",
    engineVersion: "5.0.0",
    masterUsername: "wallet_admin",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    kmsKeyId: walletKey.arn,
    dbClusterParameterGroupName: docdbParams.name,
    dbSubnetGroupName: docdbSubnets.name,
    vpcSecurityGroupIds: [docdbSg.id],
    backupRetentionPeriod: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "wallet-docdb-final",
    enabledCloudwatchLogsExports: ["audit", "profiler"],
    tags,
});
new aws.docdb.ClusterInstance("wallet-docdb-1", {
    clusterIdentifier: walletDocs.id,
    instanceClass: "db.r6g.large",
    autoMinorVersionUpgrade: true,
    tags,
});

// Neptune: the address graph. IAM authentication, audit log on, TLS (always on from engine 1.0.4).
const neptuneSg = storeSecurityGroup("wallet-neptune-sg", "wallet Neptune cluster", 8182);
const neptuneParams = new aws.neptune.ClusterParameterGroup("wallet-neptune-params", {
    family: "neptune1.3",
    parameters: [{ name: "neptune_enable_audit_log", value: "1" }],
    tags,
});
const neptuneSubnets = new aws.neptune.SubnetGroup("wallet-neptune-subnets", { subnetIds, tags });
const walletGraph = new aws.neptune.Cluster("wallet-graph", {
    engine: "neptune",
    engineVersion: "1.3.2.1",
    storageEncrypted: true,
    kmsKeyArn: walletKey.arn,
    iamDatabaseAuthenticationEnabled: true,
    neptuneClusterParameterGroupName: neptuneParams.name,
    neptuneSubnetGroupName: neptuneSubnets.name,
    vpcSecurityGroupIds: [neptuneSg.id],
    backupRetentionPeriod: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "wallet-graph-final",
    enableCloudwatchLogsExports: ["audit"],
    copyTagsToSnapshot: true,
    tags,
});
new aws.neptune.ClusterInstance("wallet-graph-1", {
    clusterIdentifier: walletGraph.id,
    engine: "neptune",
    instanceClass: "db.r6g.large",
    publiclyAccessible: false,
    neptuneSubnetGroupName: neptuneSubnets.name,
    autoMinorVersionUpgrade: true,
    tags,
});

// ElastiCache (Valkey): the nonce cache. Encrypted with the wallet key, TLS required, IAM-authenticated users only.
const cacheSg = storeSecurityGroup("wallet-cache-sg", "wallet cache", 6379);
const cacheUser = new aws.elasticache.User("wallet-cache-app", {
    userId: "wallet-app",
    userName: "wallet-app",
    engine: "valkey",
    accessString: "on ~nonce:* +@read +@write -@dangerous",
    authenticationMode: { type: "iam" },
    tags,
});
const cacheUsers = new aws.elasticache.UserGroup("wallet-cache-users", { engine: "valkey", userGroupId: "wallet-cache-users", userIds: [cacheUser.userId], tags });
const cacheSubnets = new aws.elasticache.SubnetGroup("wallet-cache-subnets", { subnetIds, tags });
new aws.elasticache.ReplicationGroup("wallet-cache", {
    description: "wallet nonce cache",
    engine: "valkey",
    engineVersion: "8.0",
    nodeType: "cache.r7g.large",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    atRestEncryptionEnabled: true,
    kmsKeyId: walletKey.arn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    userGroupIds: [cacheUsers.userGroupId],
    subnetGroupName: cacheSubnets.name,
    securityGroupIds: [cacheSg.id],
    snapshotRetentionLimit: 7,
    autoMinorVersionUpgrade: true,
    tags,
});

// MemoryDB (Valkey): the durable session store. TLS, the wallet key, an ACL of IAM-authenticated users.
const memorySg = storeSecurityGroup("wallet-memorydb-sg", "wallet MemoryDB cluster", 6379);
const memoryUser = new aws.memorydb.User("wallet-memorydb-app", {
    userName: "wallet-app",
    accessString: "on ~session:* +@read +@write -@dangerous",
    authenticationMode: { type: "iam" },
    tags,
});
const memoryAcl = new aws.memorydb.Acl("wallet-memorydb-acl", { userNames: [memoryUser.userName], tags });
const memorySubnets = new aws.memorydb.SubnetGroup("wallet-memorydb-subnets", { subnetIds, tags });
new aws.memorydb.Cluster("wallet-sessions", {
    engine: "valkey",
    engineVersion: "7.3",
    nodeType: "db.r7g.large",
    numShards: 1,
    numReplicasPerShard: 1,
    aclName: memoryAcl.name,
    tlsEnabled: true,
    kmsKeyArn: walletKey.arn,
    snapshotRetentionLimit: 7,
    subnetGroupName: memorySubnets.name,
    securityGroupIds: [memorySg.id],
    tags,
});

// Redshift: the wallet's transaction warehouse. Private, encrypted, SSL required, user activity logged.
const redshiftSg = storeSecurityGroup("wallet-redshift-sg", "wallet Redshift cluster", 5439);
const redshiftParams = new aws.redshift.ParameterGroup("wallet-redshift-params", {
    family: "redshift-1.0",
    parameters: [
        { name: "require_ssl", value: "true" },
        { name: "enable_user_activity_logging", value: "true" },
    ],
    tags,
});
const redshiftSubnets = new aws.redshift.SubnetGroup("wallet-redshift-subnets", { subnetIds, tags });
const walletWarehouse = new aws.redshift.Cluster("wallet-warehouse", {
    clusterIdentifier: "wallet-warehouse",
    nodeType: "ra3.xlplus",
    clusterType: "multi-node",
    numberOfNodes: 2,
    databaseName: "wallet",
    masterUsername: "wallet_admin",
    manageMasterPassword: true,
    masterPasswordSecretKmsKeyId: walletKey.arn,
    encrypted: "true",
    kmsKeyId: walletKey.arn,
    publiclyAccessible: false,
    enhancedVpcRouting: true,
    clusterSubnetGroupName: redshiftSubnets.name,
    vpcSecurityGroupIds: [redshiftSg.id],
    clusterParameterGroupName: redshiftParams.name,
    automatedSnapshotRetentionPeriod: 14,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "wallet-warehouse-final",
    tags,
});
new aws.redshift.Logging("wallet-warehouse-logging", {
    clusterIdentifier: walletWarehouse.clusterIdentifier,
    logDestinationType: "cloudwatch",
    logExports: ["connectionlog", "userlog", "useractivitylog"],
});

// OpenSearch: the audit search domain. VPC only, the wallet key, node-to-node TLS, HTTPS with TLS 1.2,
// fine-grained access control with an IAM master role and no anonymous access, audit logs to a CMK log group.
const searchSg = storeSecurityGroup("wallet-search-sg", "wallet OpenSearch domain", 443);
const searchLogs = ["audit", "application"].map(
    (kind) => new aws.cloudwatch.LogGroup(`wallet-search-${kind}-logs`, { name: `/aws/opensearch/${SEARCH_DOMAIN}/${kind}`, retentionInDays: 365, kmsKeyId: walletKey.arn, tags }),
);
new aws.cloudwatch.LogResourcePolicy("wallet-search-audit-logs-policy", {
    policyName: "wallet-search-audit-logs",
    policyDocument: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "es.amazonaws.com" },
                Action: ["logs:PutLogEvents", "logs:CreateLogStream"],
                Resource: arnOf("logs", `log-group:/aws/opensearch/${SEARCH_DOMAIN}/*`),
                Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
            },
        ],
    }),
});
const walletSearch = new aws.opensearch.Domain("wallet-search", {
    domainName: SEARCH_DOMAIN,
    engineVersion: "OpenSearch_2.17",
    clusterConfig: { instanceType: "r6g.large.search", instanceCount: 2, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 2 } },
    ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: 100 },
    encryptAtRest: { enabled: true, kmsKeyId: walletKey.arn },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    vpcOptions: { subnetIds, securityGroupIds: [searchSg.id] },
    advancedSecurityOptions: {
        enabled: true,
        anonymousAuthEnabled: false,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: keyAdminRole.arn },
    },
    logPublishingOptions: [
        { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: searchLogs[0]!.arn, enabled: true },
        { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: searchLogs[1]!.arn, enabled: true },
    ],
    tags,
});
new aws.opensearch.DomainPolicy("wallet-search-policy", {
    domainName: walletSearch.domainName,
    accessPolicies: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${APP_ROLE}` },
                Action: ["es:ESHttpGet", "es:ESHttpPost", "es:ESHttpPut"],
                Resource: arnOf("es", `domain/${SEARCH_DOMAIN}/*`),
            },
        ],
    }),
});

// Secrets Manager: the wallet master key's secret may be read by the operators' MFA sessions (IAM) and by nobody
// outside this account; the warehouse's integration credentials rotate every 30 days.
new aws.secretsmanager.SecretPolicy("wallet-master-key-policy", {
    secretArn: walletSecret.arn,
    blockPublicPolicy: true,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyOutsideTheAccount",
                Effect: "Deny",
                Principal: "*",
                Action: "secretsmanager:*",
                Resource: "*",
                Condition: { StringNotEquals: { "aws:PrincipalAccount": identity.accountId } },
            },
        ],
    }),
});
const warehouseCredentials = new aws.secretsmanager.Secret("wallet-warehouse-credentials", {
    description: "wallet warehouse database credentials for the reporting job (written by the rotation function)",
    kmsKeyId: walletKey.arn,
    recoveryWindowInDays: 30,
    tags,
});
new aws.secretsmanager.SecretRotation("wallet-warehouse-credentials-rotation", {
    secretId: warehouseCredentials.id,
    rotationLambdaArn: pulumi.interpolate`arn:aws:lambda:${region.region}:${identity.accountId}:function:wallet-secret-rotation`,
    rotationRules: { automaticallyAfterDays: 30 },
});

// SSM: the signer's HSM partition label, as a SecureString under the wallet key, its value written out of state.
new aws.ssm.Parameter("wallet-signer-partition", {
    name: "/wallet/signer/partition",
    type: "SecureString",
    keyId: walletKey.arn,
    valueWo: "set-by-the-key-ceremony",
    valueWoVersion: 1,
    tags,
});

// DMS: the migration of the wallet cluster. A private replication instance in the private subnets, under the wallet
// key, behind a group that admits nothing; its source endpoint reads the credentials from the cluster's
// RDS-managed secret and encrypts the connection (verify-full needs the RDS CA bundle imported as an
// aws.dms.Certificate).
const dmsSg = new aws.ec2.SecurityGroup("wallet-dms-sg", { vpcId: vpc.id, description: "wallet DMS replication instance", tags });
const dmsSubnets = new aws.dms.ReplicationSubnetGroup("wallet-dms-subnets", {
    replicationSubnetGroupId: "wallet-dms-subnets",
    replicationSubnetGroupDescription: "wallet migration, private subnets",
    subnetIds,
    tags,
});
new aws.dms.ReplicationInstance("wallet-migration", {
    replicationInstanceId: "wallet-migration",
    replicationInstanceClass: "dms.t3.medium",
    publiclyAccessible: false,
    kmsKeyArn: walletKey.arn,
    replicationSubnetGroupId: dmsSubnets.replicationSubnetGroupId,
    vpcSecurityGroupIds: [dmsSg.id],
    tags,
});
const dmsSecretsRole = new aws.iam.Role("wallet-dms-secrets", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    tags,
});
new aws.dms.Endpoint("wallet-migration-source", {
    endpointId: "wallet-migration-source",
    endpointType: "source",
    engineName: "aurora-postgresql",
    databaseName: "wallet",
    secretsManagerArn: masterSecretArn,
    secretsManagerAccessRoleArn: dmsSecretsRole.arn,
    sslMode: "require",
    tags,
});

// EFS: exported keystores. Encrypted with the wallet key; one mount target per private subnet behind a group that
// admits the application only on NFS; the file system policy lets clients in only through those mount targets and
// only over TLS.
const filesSg = storeSecurityGroup("wallet-files-sg", "wallet keystore file system", 2049);
const keystoreFiles = new aws.efs.FileSystem("wallet-keystore-fs", { encrypted: true, kmsKeyId: walletKey.arn, tags });
subnets.forEach((subnet, i) => new aws.efs.MountTarget(`wallet-keystore-mount-${i + 1}`, { fileSystemId: keystoreFiles.id, subnetId: subnet.id, securityGroups: [filesSg.id] }));
new aws.efs.FileSystemPolicy("wallet-keystore-fs-policy", {
    fileSystemId: keystoreFiles.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MountThroughTargetsOnly",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
            },
            { Sid: "TlsOnly", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

// ---- Backups ---------------------------------------------------------------------------------------------

// S3: exported key-store backups. Versioned with MFA delete, object lock (compliance), SSE-KMS with the wallet
// key, every public access blocked, TLS only, bucket-owner-enforced ownership.
const backupBucketName = pulumi.interpolate`wallet-backups-${identity.accountId}-${region.region}`;
const backupBucket = new aws.s3.Bucket("wallet-backups", { bucket: backupBucketName, objectLockEnabled: true, forceDestroy: false, tags });
new aws.s3.BucketOwnershipControls("wallet-backups-ownership", { bucket: backupBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
new aws.s3.BucketPublicAccessBlock("wallet-backups-public-access", {
    bucket: backupBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
new aws.s3.BucketServerSideEncryptionConfiguration("wallet-backups-sse", {
    bucket: backupBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: walletKey.arn }, bucketKeyEnabled: true }],
});
// MFA delete can only be turned on with the root user's MFA device: serial and code come from the stack config.
new aws.s3.BucketVersioning("wallet-backups-versioning", {
    bucket: backupBucket.id,
    versioningConfiguration: { status: "Enabled", mfaDelete: "Enabled" },
    mfa: new pulumi.Config().getSecret("backupBucketMfa"),
});
new aws.s3.BucketObjectLockConfiguration("wallet-backups-lock", {
    bucket: backupBucket.id,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", days: 35 } },
});
new aws.s3.BucketPolicy("wallet-backups-policy", {
    bucket: backupBucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [pulumi.interpolate`arn:aws:s3:::${backupBucketName}`, pulumi.interpolate`arn:aws:s3:::${backupBucketName}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    }),
});

// AWS Backup: a vault under the wallet key, locked in compliance mode, and a daily plan that selects every
// key store of the stack.
const backupVault = new aws.backup.Vault("wallet-backup-vault", { name: "wallet-backup-vault", kmsKeyArn: walletKey.arn, forceDestroy: false, tags });
new aws.backup.VaultLockConfiguration("wallet-backup-vault-lock", {
    backupVaultName: backupVault.name,
    minRetentionDays: 35,
    maxRetentionDays: 365,
    changeableForDays: 3,
});
const backupPlan = new aws.backup.Plan("wallet-backup-plan", {
    name: "wallet-daily",
    rules: [{ ruleName: "daily", targetVaultName: backupVault.name, schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }],
    tags,
});
const backupRole = new aws.iam.Role("wallet-backup-role", {
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "backup.amazonaws.com" } }),
    tags,
});
new aws.iam.RolePolicyAttachment("wallet-backup-role-policy", {
    role: backupRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
});
new aws.backup.Selection("wallet-key-stores", {
    name: "wallet-key-stores",
    planId: backupPlan.id,
    iamRoleArn: backupRole.arn,
    resources: [walletDb.arn, walletCluster.arn, walletLedger.arn, walletDocs.arn, walletGraph.arn, walletWarehouse.arn],
});

// A manual snapshot before the schema migration: encrypted like its source, shared with nobody.
new aws.rds.Snapshot("wallet-db-pre-migration", { dbInstanceIdentifier: walletDb.identifier, dbSnapshotIdentifier: "wallet-db-pre-migration", tags });

// ---- Audit: an organization-independent trail ----------------------------------------------------------------

// The trail and its log group use their own key, which CloudTrail and CloudWatch Logs may use for this trail only.
const auditKey = new aws.kms.Key("audit-cmk", {
    description: "CloudTrail logs of the wallet account",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "KeyAdministration",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${KEY_ADMIN_ROLE}` },
                Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                Resource: "*",
            },
            {
                Sid: "CloudTrailEncryptsTheTrail",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:SourceArn": arnOf("cloudtrail", `trail/${TRAIL_NAME}`) },
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:aws:cloudtrail:*:${identity.accountId}:trail/*` },
                },
            },
            {
                Sid: "CloudWatchLogsEncryptsTheTrailLogGroup",
                Effect: "Allow",
                Principal: { Service: pulumi.interpolate`logs.${region.region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": arnOf("logs", `log-group:${TRAIL_LOG_GROUP}`) } },
            },
            {
                Sid: "AuditorsReadTheLogsWithMfa",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${KEY_ADMIN_ROLE}` },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            },
        ],
    }),
    tags: { app: "wallet", data: "audit" },
});
const trailBucketName = pulumi.interpolate`audit-trail-logs-${identity.accountId}-${region.region}`;
const trailBucket = new aws.s3.Bucket("audit-trail-logs", { bucket: trailBucketName, objectLockEnabled: true, forceDestroy: false, tags: { app: "wallet", data: "audit" } });
new aws.s3.BucketOwnershipControls("audit-trail-logs-ownership", { bucket: trailBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
new aws.s3.BucketPublicAccessBlock("audit-trail-logs-public-access", {
    bucket: trailBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
new aws.s3.BucketServerSideEncryptionConfiguration("audit-trail-logs-sse", {
    bucket: trailBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: auditKey.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketVersioning("audit-trail-logs-versioning", { bucket: trailBucket.id, versioningConfiguration: { status: "Enabled" } });
new aws.s3.BucketObjectLockConfiguration("audit-trail-logs-lock", {
    bucket: trailBucket.id,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
});
const trailArn = arnOf("cloudtrail", `trail/${TRAIL_NAME}`);
const trailBucketPolicy = new aws.s3.BucketPolicy("audit-trail-logs-policy", {
    bucket: trailBucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudTrailChecksTheAcl",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: pulumi.interpolate`arn:aws:s3:::${trailBucketName}`,
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
                Sid: "CloudTrailWritesTheLogs",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`arn:aws:s3:::${trailBucketName}/AWSLogs/${identity.accountId}/*`,
                Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [pulumi.interpolate`arn:aws:s3:::${trailBucketName}`, pulumi.interpolate`arn:aws:s3:::${trailBucketName}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    }),
});
const trailLogs = new aws.cloudwatch.LogGroup("audit-trail", { name: TRAIL_LOG_GROUP, retentionInDays: 365, kmsKeyId: auditKey.arn, tags });
const trailLogsRole = new aws.iam.Role("audit-trail-logs-role", {
    assumeRolePolicy: assumeRolePolicy({ Principal: { Service: "cloudtrail.amazonaws.com" } }),
    tags,
});
new aws.iam.RolePolicy("audit-trail-logs-delivery", {
    role: trailLogsRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: arnOf("logs", `log-group:${TRAIL_LOG_GROUP}:*`) }],
    }),
});
new aws.cloudtrail.Trail(
    "wallet-audit",
    {
        name: TRAIL_NAME,
        s3BucketName: trailBucket.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: auditKey.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${trailLogs.arn}:*`,
        cloudWatchLogsRoleArn: trailLogsRole.arn,
        eventSelectors: [
            {
                readWriteType: "All",
                includeManagementEvents: true,
                dataResources: [
                    { type: "AWS::S3::Object", values: [pulumi.interpolate`arn:aws:s3:::${backupBucketName}/`] },
                    { type: "AWS::DynamoDB::Table", values: [ledgerArn] },
                ],
            },
        ],
        tags,
    },
    { dependsOn: [trailBucketPolicy] },
);
const keyEvents = new aws.cloudwatch.LogMetricFilter("wallet-kms-key-events", {
    logGroupName: trailLogs.name,
    pattern: "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
    metricTransformation: { name: "WalletKmsKeyDisabledOrScheduledForDeletion", namespace: "WalletAudit", value: "1" },
});
new aws.cloudwatch.MetricAlarm("wallet-kms-key-events-alarm", {
    alarmDescription: "A KMS key was disabled or scheduled for deletion",
    namespace: "WalletAudit",
    metricName: "WalletKmsKeyDisabledOrScheduledForDeletion",
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
    tags,
}, { dependsOn: [keyEvents] });

// ---- People: named operators, in a group that denies everything without MFA ------------------------------------

new aws.iam.GroupPolicy("wallet-operators-require-mfa", {
    group: operators.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ManageOwnMfaDevice",
                Effect: "Allow",
                Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"],
                Resource: ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"],
            },
            {
                Sid: "DenyAllExceptMfaSetupWithoutMfa",
                Effect: "Deny",
                NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser", "sts:GetSessionToken"],
                Resource: "*",
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            },
        ],
    }),
});
const operatorUsers = ["wallet-operator-ana", "wallet-operator-ben"].map((name) => new aws.iam.User(name, { name, forceDestroy: false, tags }));
new aws.iam.GroupMembership("wallet-operators-members", { group: operators.name, users: operatorUsers.map((u) => u.name) });

// Data leaving the account: the ledger's export lands in the stack's own locked backup bucket under the wallet key,
// and no snapshot or image of the region can be made public.
new aws.dynamodb.TableExport("wallet-ledger-export", {
    tableArn: walletLedger.arn,
    s3Bucket: backupBucket.id,
    s3Prefix: "exports/ledger",
    s3SseAlgorithm: "KMS",
    s3SseKmsKeyId: walletKey.arn,
});
new aws.ebs.SnapshotBlockPublicAccess("wallet-snapshot-block-public-access", { state: "block-all-sharing" });
new aws.ec2.ImageBlockPublicAccess("wallet-image-block-public-access", { state: "block-new-sharing" });

export const proxyEndpoint = proxy.endpoint;
export const walletDbAddress = walletDb.address;
export const walletClusterEndpoint = walletCluster.endpoint;
export const walletSecretArn = walletSecret.arn;
export const keyArn = walletKey.arn;
export const ledgerTable = walletLedger.name;
export const backupBucketId = backupBucket.id;

