// The hot-wallet key store of stacks/exposed-wallet-db, built right. The policy pack must accept it with no
// finding at all, in `pulumi preview` (where every ARN and ID below is still unknown) and in `pulumi up`.
//
// - network: private subnets only (no internet gateway, no public IPs); the database accepts connections
//   from the RDS proxy's security group only, the proxy from the application's security group only;
// - keys: one customer-managed KMS key with yearly rotation, a 30-day deletion window and an explicit key
//   policy (administration by a dedicated role, use by the application only through RDS / Secrets Manager);
// - databases: encrypted with that key, IAM authentication, master password generated and kept by RDS in
//   Secrets Manager under that key, TLS forced by the parameter groups, current CA, 14 days of backups,
//   deletion protection, final snapshot, Performance Insights with the key, logs exported;
// - access: humans read the key material only with MFA; the proxy requires TLS and IAM authentication.
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
const DB_PORT = 5432;

// ---- Network --------------------------------------------------------------------------------------------

const vpc = new aws.ec2.Vpc("wallet-vpc", { cidrBlock: "10.30.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags });
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
            Sid: "ApplicationUsesTheKeyThroughRdsAndSecretsManagerOnly",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${identity.accountId}:role/${APP_ROLE}` },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:CallerAccount": identity.accountId,
                    "kms:ViaService": [pulumi.interpolate`rds.${region.region}.amazonaws.com`, pulumi.interpolate`secretsmanager.${region.region}.amazonaws.com`],
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

export const proxyEndpoint = proxy.endpoint;
export const walletDbAddress = walletDb.address;
export const walletClusterEndpoint = walletCluster.endpoint;
export const walletSecretArn = walletSecret.arn;
export const keyArn = walletKey.arn;
