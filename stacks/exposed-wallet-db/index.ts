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

export const walletDbEndpoint = walletDb.endpoint;
export const walletClusterEndpoint = walletCluster.endpoint;
export const walletSecretArn = walletSecret.arn;
