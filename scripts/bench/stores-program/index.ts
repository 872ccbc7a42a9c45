// Benchmark only: see Pulumi.yaml. Each store twice, `good-*` set up as the pack wants and `bad-*` exposed, so both
// the passing and the reporting paths of the policies run in the benchmark.

import * as aws from "@pulumi/aws";
import * as awsNative from "@pulumi/aws-native";

const tags = { app: "bench-stores", "data-classification": "key-material" };
const key = new aws.kms.Key("stores-key", { description: "bench stores", enableKeyRotation: true, deletionWindowInDays: 30, tags });
const vpc = new aws.ec2.Vpc("stores-vpc", { cidrBlock: "10.70.0.0/16", tags });
const subnets = ["us-east-1a", "us-east-1b"].map(
    (zone, i) => new aws.ec2.Subnet(`stores-private-${i}`, { vpcId: vpc.id, cidrBlock: `10.70.${i}.0/24`, availabilityZone: zone, tags }),
);
const storeSg = new aws.ec2.SecurityGroup("stores-sg", {
    vpcId: vpc.id,
    description: "stores",
    ingress: [{ protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["10.70.0.0/16"] }],
    tags,
});
const openSg = new aws.ec2.SecurityGroup("stores-open-sg", {
    vpcId: vpc.id,
    description: "stores, open",
    ingress: [{ protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["0.0.0.0/0"] }],
    tags,
});

// Keyspaces
const keyspace = new aws.keyspaces.Keyspace("stores-keyspace", { name: "wallet", tags });
const schemaDefinition = { columns: [{ name: "id", type: "text" }], partitionKeys: [{ name: "id" }] };
new aws.keyspaces.Table("good-keys-table", {
    keyspaceName: keyspace.name,
    tableName: "keys_good",
    schemaDefinition,
    encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: key.arn },
    pointInTimeRecovery: { status: "ENABLED" },
    tags,
});
new aws.keyspaces.Table("bad-keys-table", { keyspaceName: keyspace.name, tableName: "keys_bad", schemaDefinition, tags });

// QLDB
new aws.qldb.Ledger("good-ledger", { permissionsMode: "STANDARD", deletionProtection: true, kmsKey: key.arn, tags });
new aws.qldb.Ledger("bad-ledger", { permissionsMode: "ALLOW_ALL", deletionProtection: false, tags });

// Lightsail
const lightsail = { blueprintId: "postgres_16", bundleId: "micro_2_0", masterDatabaseName: "wallet", masterUsername: "walletadmin", tags };
new aws.lightsail.Database("good-lightsail-db", { ...lightsail, relationalDatabaseName: "good-wallet", masterPassword: "placeholder-not-a-secret", publiclyAccessible: false, backupRetentionEnabled: true });
new aws.lightsail.Database("bad-lightsail-db", { ...lightsail, relationalDatabaseName: "bad-wallet", masterPassword: "placeholder-not-a-secret", publiclyAccessible: true, backupRetentionEnabled: false, skipFinalSnapshot: true });

// Redshift Serverless
const goodNamespace = new aws.redshiftserverless.Namespace("good-namespace", { namespaceName: "good-wallet", kmsKeyId: key.arn, manageAdminPassword: true, adminPasswordSecretKmsKeyId: key.arn, logExports: ["userlog", "connectionlog", "useractivitylog"], tags });
new aws.redshiftserverless.Workgroup("good-workgroup", { namespaceName: goodNamespace.namespaceName, workgroupName: "good-wallet", publiclyAccessible: false, enhancedVpcRouting: true, subnetIds: subnets.map((s) => s.id), securityGroupIds: [storeSg.id], configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }], tags });
const badNamespace = new aws.redshiftserverless.Namespace("bad-namespace", { namespaceName: "bad-wallet", adminUsername: "admin", adminUserPassword: "placeholder-not-a-secret", tags });
new aws.redshiftserverless.Workgroup("bad-workgroup", { namespaceName: badNamespace.namespaceName, workgroupName: "bad-wallet", publiclyAccessible: true, subnetIds: subnets.map((s) => s.id), securityGroupIds: [openSg.id], tags });

// OpenSearch Serverless
const encryption = (name: string, policy: object) => new aws.opensearch.ServerlessSecurityPolicy(`${name}-encryption`, { name, type: "encryption", policy: JSON.stringify(policy) });
const network = (name: string, policy: object[]) => new aws.opensearch.ServerlessSecurityPolicy(`${name}-network`, { name, type: "network", policy: JSON.stringify(policy) });
const goodEncryption = encryption("good-vectors", { Rules: [{ ResourceType: "collection", Resource: ["collection/good-vectors"] }], AWSOwnedKey: false, KmsARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
const goodNetwork = network("good-vectors", [{ Rules: [{ ResourceType: "collection", Resource: ["collection/good-vectors"] }], AllowFromPublic: false, SourceVPCEs: ["vpce-0123456789abcdef0"] }]);
new aws.opensearch.ServerlessCollection("good-collection", { name: "good-vectors", type: "VECTORSEARCH", tags }, { dependsOn: [goodEncryption, goodNetwork] });
const badEncryption = encryption("bad-vectors", { Rules: [{ ResourceType: "collection", Resource: ["collection/bad-vectors"] }], AWSOwnedKey: true });
const badNetwork = network("bad-vectors", [{ Rules: [{ ResourceType: "collection", Resource: ["collection/bad-vectors"] }], AllowFromPublic: true }]);
new aws.opensearch.ServerlessCollection("bad-collection", { name: "bad-vectors", type: "VECTORSEARCH", tags }, { dependsOn: [badEncryption, badNetwork] });

// aws-native forms
new awsNative.s3.Bucket("good-native-bucket", {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    versioningConfiguration: { status: "Enabled" },
    tags: [{ key: "data-classification", value: "key-material" }],
});
new awsNative.s3.Bucket("bad-native-bucket", { tags: [{ key: "data-classification", value: "key-material" }] });
new awsNative.dynamodb.Table("good-native-table", {
    attributeDefinitions: [{ attributeName: "id", attributeType: "S" }],
    keySchema: [{ attributeName: "id", keyType: "HASH" }],
    billingMode: "PAY_PER_REQUEST",
    sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: key.arn },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtectionEnabled: true,
});
new awsNative.dynamodb.Table("bad-native-table", {
    attributeDefinitions: [{ attributeName: "id", attributeType: "S" }],
    keySchema: [{ attributeName: "id", keyType: "HASH" }],
    billingMode: "PAY_PER_REQUEST",
});
new awsNative.rds.DbInstance("bad-native-db", { engine: "postgres", dbInstanceClass: "db.t4g.micro", allocatedStorage: "20", publiclyAccessible: true, masterUsername: "walletadmin", manageMasterUserPassword: true });

// CloudFormation: a template holding an unencrypted, public database.
new aws.cloudformation.Stack("bad-cfn-stack", {
    templateBody: JSON.stringify({
        Resources: {
            WalletDb: { Type: "AWS::RDS::DBInstance", Properties: { Engine: "postgres", DBInstanceClass: "db.t4g.micro", AllocatedStorage: "20", PubliclyAccessible: true, StorageEncrypted: false, MasterUsername: "walletadmin", ManageMasterUserPassword: true } },
        },
    }),
});
