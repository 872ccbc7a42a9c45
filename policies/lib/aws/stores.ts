// The data stores the pack guards, and where each one names its KMS keys, security groups and subnets.
// Stack policies use this one table to follow a store to its network and its keys.

import { BACKUP_VAULT, DAX_CLUSTER, DAX_SUBNET_GROUP, DMS_REPLICATION_INSTANCE, DMS_REPLICATION_SUBNET_GROUP, DOCDB_CLUSTER, DOCDB_SUBNET_GROUP, DYNAMODB_TABLE, EFS_FILE_SYSTEM, EFS_MOUNT_TARGET, ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE, ELASTICACHE_SUBNET_GROUP, KEYSPACES_TABLE, KMS_EXTERNAL_KEY, KMS_KEY, KMS_REPLICA_KEY, LIGHTSAIL_DATABASE, MEMORYDB_CLUSTER, MEMORYDB_SUBNET_GROUP, NEPTUNE_CLUSTER, NEPTUNE_SUBNET_GROUP, OPENSEARCH_DOMAIN, QLDB_LEDGER, RDS_CLUSTER, RDS_INSTANCE, RDS_PROXY, RDS_SUBNET_GROUP, REDSHIFTSERVERLESS_NAMESPACE, REDSHIFTSERVERLESS_WORKGROUP, REDSHIFT_CLUSTER, REDSHIFT_SUBNET_GROUP, SECRETSMANAGER_SECRET, SSM_PARAMETER } from "./types";

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
    /**
     * The resource whose data this one serves, so whose key-material classification it shares: an EFS mount target
     * carries no tags of its own, and is the network path to its file system's files.
     */
    classifiedThrough?: { property: string; type: string };
}

export const STORES: readonly StoreKind[] = [
    {
        type: RDS_INSTANCE,
        label: "RDS instance",
        keyProperties: ["kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: RDS_CLUSTER,
        label: "RDS cluster",
        keyProperties: ["kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: RDS_PROXY,
        label: "RDS proxy",
        keyProperties: [],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: DOCDB_CLUSTER,
        label: "DocumentDB cluster",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: NEPTUNE_CLUSTER,
        label: "Neptune cluster",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: ELASTICACHE_REPLICATION_GROUP,
        label: "ElastiCache replication group",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: ELASTICACHE_CLUSTER,
        label: "ElastiCache cluster",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
        inheritsNetworkWhen: ["replicationGroupId"],
    },
    {
        type: ELASTICACHE_SERVERLESS_CACHE,
        label: "ElastiCache serverless cache",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: MEMORYDB_CLUSTER,
        label: "MemoryDB cluster",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: REDSHIFT_CLUSTER,
        label: "Redshift cluster",
        keyProperties: ["kmsKeyId", "masterPasswordSecretKmsKeyId"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: REDSHIFTSERVERLESS_WORKGROUP,
        label: "Redshift Serverless workgroup",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: REDSHIFTSERVERLESS_NAMESPACE,
        label: "Redshift Serverless namespace",
        keyProperties: ["kmsKeyId", "adminPasswordSecretKmsKeyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: OPENSEARCH_DOMAIN,
        label: "OpenSearch domain",
        keyProperties: ["encryptAtRest.kmsKeyId"],
        securityGroupProperties: ["vpcOptions.securityGroupIds"],
        // Without vpcOptions the domain is public (opensearch-vpc-only), not in a default security group.
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: DAX_CLUSTER,
        label: "DAX cluster",
        keyProperties: [],
        securityGroupProperties: ["securityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: DYNAMODB_TABLE,
        label: "DynamoDB table",
        keyProperties: ["serverSideEncryption.kmsKeyArn"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: SECRETSMANAGER_SECRET,
        label: "Secrets Manager secret",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: SSM_PARAMETER,
        label: "SSM parameter",
        keyProperties: ["keyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: BACKUP_VAULT,
        label: "Backup vault",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        // Reached over the network through its mount targets (below), which carry the security groups and subnets.
        type: EFS_FILE_SYSTEM,
        label: "EFS file system",
        keyProperties: ["kmsKeyId"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        // CreateMountTarget without SecurityGroups puts the mount target in the VPC's default security group.
        type: EFS_MOUNT_TARGET,
        label: "EFS mount target",
        keyProperties: [],
        securityGroupProperties: ["securityGroups"],
        defaultSecurityGroupWhenOmitted: true,
        classifiedThrough: { property: "fileSystemId", type: EFS_FILE_SYSTEM },
    },
    {
        // Without VpcSecurityGroupIds DMS uses the VPC's default security group.
        type: DMS_REPLICATION_INSTANCE,
        label: "DMS replication instance",
        keyProperties: ["kmsKeyArn"],
        securityGroupProperties: ["vpcSecurityGroupIds"],
        defaultSecurityGroupWhenOmitted: true,
    },
    {
        type: KEYSPACES_TABLE,
        label: "Keyspaces table",
        keyProperties: ["encryptionSpecification.kmsKeyIdentifier"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        type: QLDB_LEDGER,
        label: "QLDB ledger",
        keyProperties: ["kmsKey"],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
    {
        // Lightsail databases live in Lightsail's own network: no security groups, subnets or KMS keys to follow.
        type: LIGHTSAIL_DATABASE,
        label: "Lightsail database",
        keyProperties: [],
        securityGroupProperties: [],
        defaultSecurityGroupWhenOmitted: false,
    },
];

export const STORE_BY_TYPE: ReadonlyMap<string, StoreKind> = new Map(STORES.map((s) => [s.type, s]));

/** Stores reachable over the network (they have security groups). */
export const NETWORKED_STORES: readonly StoreKind[] = STORES.filter((s) => s.securityGroupProperties.length > 0);

/** Resources that place a store in subnets, and the input that lists the subnets. */
export const SUBNET_PLACEMENTS: readonly { type: string; label: string; property: string }[] = [
    { type: RDS_SUBNET_GROUP, label: "RDS subnet group", property: "subnetIds" },
    { type: DOCDB_SUBNET_GROUP, label: "DocumentDB subnet group", property: "subnetIds" },
    { type: NEPTUNE_SUBNET_GROUP, label: "Neptune subnet group", property: "subnetIds" },
    { type: ELASTICACHE_SUBNET_GROUP, label: "ElastiCache subnet group", property: "subnetIds" },
    { type: MEMORYDB_SUBNET_GROUP, label: "MemoryDB subnet group", property: "subnetIds" },
    { type: REDSHIFT_SUBNET_GROUP, label: "Redshift subnet group", property: "subnetIds" },
    { type: DAX_SUBNET_GROUP, label: "DAX subnet group", property: "subnetIds" },
    { type: RDS_PROXY, label: "RDS proxy", property: "vpcSubnetIds" },
    { type: OPENSEARCH_DOMAIN, label: "OpenSearch domain", property: "vpcOptions.subnetIds" },
    { type: ELASTICACHE_SERVERLESS_CACHE, label: "ElastiCache serverless cache", property: "subnetIds" },
    { type: REDSHIFTSERVERLESS_WORKGROUP, label: "Redshift Serverless workgroup", property: "subnetIds" },
    { type: DMS_REPLICATION_SUBNET_GROUP, label: "DMS replication subnet group", property: "subnetIds" },
    { type: EFS_MOUNT_TARGET, label: "EFS mount target", property: "subnetId" },
];

export const KMS_KEY_TYPES: readonly string[] = [KMS_KEY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY];
