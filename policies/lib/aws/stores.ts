// The data stores the pack guards, and where each one names its KMS keys, security groups and subnets.
// Stack policies use this one table to follow a store to its network and its keys.

export interface StoreKind {
    type: string;
    /** A short label for messages ("RDS instance"). */
    label: string;
    /** Inputs that name a KMS key protecting the store's data or credentials. */
    keyProperties: readonly string[];
    /** Inputs that name the store's security groups; empty when the store has none of its own. */
    securityGroupProperties: readonly string[];
    /** True when omitting the security groups puts the store in the VPC's default security group. */
    defaultSecurityGroupWhenOmitted: boolean;
    /** Inputs that, when set, mean the store inherits its network placement from another resource. */
    inheritsNetworkWhen?: readonly string[];
}

export const STORES: readonly StoreKind[] = [
    {
        type: "aws:rds/instance:Instance",
        label: "RDS instance",
        keyProperties: ["kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:rds/cluster:Cluster",
        label: "RDS cluster",
        keyProperties: ["kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:rds/proxy:Proxy",
        label: "RDS proxy",
        keyProperties: [],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:docdb/cluster:Cluster",
        label: "DocumentDB cluster",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:neptune/cluster:Cluster",
        label: "Neptune cluster",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        label: "ElastiCache replication group",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:elasticache/cluster:Cluster",
        label: "ElastiCache cluster",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
        inheritsNetworkWhen: ["replicationGroupId"],
    },
    {
        type: "aws:elasticache/serverlessCache:ServerlessCache",
        label: "ElastiCache serverless cache",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:memorydb/cluster:Cluster",
        label: "MemoryDB cluster",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:redshift/cluster:Cluster",
        label: "Redshift cluster",
        keyProperties: ["kmsKeyId", "masterPasswordSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:redshiftserverless/workgroup:Workgroup",
        label: "Redshift Serverless workgroup",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:redshiftserverless/namespace:Namespace",
        label: "Redshift Serverless namespace",
        keyProperties: ["kmsKeyId", "adminPasswordSecretKmsKeyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: "aws:opensearch/domain:Domain",
        label: "OpenSearch domain",
        keyProperties: ["encryptAtRest.kmsKeyId"],
        securityGroupProperties: ["vpcOptions.securityGroupIds"],
        // Without vpcOptions the domain is public (opensearch-vpc-only), not in a default security group.
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: "aws:dax/cluster:Cluster",
        label: "DAX cluster",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: "aws:dynamodb/table:Table",
        label: "DynamoDB table",
        keyProperties: ["serverSideEncryption.kmsKeyArn"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: "aws:secretsmanager/secret:Secret",
        label: "Secrets Manager secret",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: "aws:ssm/parameter:Parameter",
        label: "SSM parameter",
        keyProperties: ["keyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: "aws:backup/vault:Vault",
        label: "Backup vault",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
];

export const STORE_BY_TYPE: ReadonlyMap<string, StoreKind> = new Map(STORES.map((s) => [s.type, s]));

/** Stores reachable over the network (they have security groups). */
export const NETWORKED_STORES: readonly StoreKind[] = STORES.filter((s) => s.securityGroupProperties.length > 0);

/** Resources that place a store in subnets, and the input that lists the subnets. */
export const SUBNET_PLACEMENTS: readonly { type: string; label: string; property: string }[] = [
    { type: "aws:rds/subnetGroup:SubnetGroup", label: "RDS subnet group", property: "subnetIds" },
    { type: "aws:docdb/subnetGroup:SubnetGroup", label: "DocumentDB subnet group", property: "subnetIds" },
    { type: "aws:neptune/subnetGroup:SubnetGroup", label: "Neptune subnet group", property: "subnetIds" },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", label: "ElastiCache subnet group", property: "subnetIds" },
    { type: "aws:memorydb/subnetGroup:SubnetGroup", label: "MemoryDB subnet group", property: "subnetIds" },
    { type: "aws:redshift/subnetGroup:SubnetGroup", label: "Redshift subnet group", property: "subnetIds" },
    { type: "aws:dax/subnetGroup:SubnetGroup", label: "DAX subnet group", property: "subnetIds" },
    { type: "aws:rds/proxy:Proxy", label: "RDS proxy", property: "vpcSubnetIds" },
    { type: "aws:opensearch/domain:Domain", label: "OpenSearch domain", property: "vpcOptions.subnetIds" },
    { type: "aws:elasticache/serverlessCache:ServerlessCache", label: "ElastiCache serverless cache", property: "subnetIds" },
    { type: "aws:redshiftserverless/workgroup:Workgroup", label: "Redshift Serverless workgroup", property: "subnetIds" },
];

export const KMS_KEY_TYPES: readonly string[] = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"];
