// Which provider modules hold data, and which of their resource types hold none: what storage-type-unchecked needs
// to name a store the pack does not model. A resource type token is `aws:<module>/<file>:<Class>` (@pulumi/aws) or
// `aws-native:<module>:<Class>` (@pulumi/aws-native, whose modules are CloudFormation's service namespaces).

/**
 * Modules whose resources store data, copy it, hold keys or credentials, or grant access to them. Modules that only
 * move messages without keeping them (sns: a topic delivers and keeps nothing), compute (ec2, lambda, ecs) and the
 * rest of AWS stay out: the advisory is about stores, and the pack's own policies cover the compute that hosts a
 * database (ec2-db-host-*).
 */
export const STORAGE_MODULES: Readonly<Record<string, readonly string[]>> = {
    aws: [
        // Databases and caches.
        "rds", "docdb", "neptune", "redshift", "redshiftserverless", "dynamodb", "dax", "elasticache", "memorydb", "keyspaces", "qldb",
        "timestreamwrite", "timestreaminfluxdb", "dsql", "opensearch", "elasticsearch", "lightsail",
        // Object, file and block storage.
        "s3", "s3control", "s3tables", "efs", "ebs", "fsx",
        // Keys, secrets, parameters and backups.
        "kms", "secretsmanager", "ssm", "backup",
        // Services that copy data or keep it for a while: migration (dms), catalog connections (glue), query results
        // (athena), streams (kinesis: records kept up to a year) and queues (sqs: messages kept up to 14 days).
        "dms", "glue", "athena", "kinesis", "sqs",
    ],
    "aws-native": [
        "rds", "docdb", "docdbelastic", "neptune", "neptunegraph", "redshift", "redshiftserverless", "dynamodb", "dax", "elasticache",
        "memorydb", "cassandra", "qldb", "timestream", "dsql", "opensearchservice", "opensearchserverless", "lightsail",
        "s3", "s3express", "s3tables", "s3objectlambda", "efs", "fsx",
        "kms", "secretsmanager", "ssm", "backup",
        "dms", "glue", "athena", "kinesis", "kinesisfirehose", "sqs",
    ],
};

/**
 * Types of other modules that are stores all the same: in @pulumi/aws-native an EBS volume is `ec2:Volume`.
 * Written `<module>:<Class>`.
 */
export const STORAGE_TYPES_ELSEWHERE: Readonly<Record<string, readonly string[]>> = {
    aws: [],
    "aws-native": ["ec2:Volume"],
};

/**
 * Types of the storage modules that hold no data, no key and no credential, and grant no access to any: settings,
 * schedules, billing, metrics and wiring. Anything that copies data (snapshots, exports, replication, integrations),
 * opens a path to it (access points, endpoints, resource policies, cross-account authorizations) or keeps a secret
 * in the state (access keys, key pairs, ciphertexts) is deliberately not here. Written `<module>:<Class>` as the
 * class is exported by @pulumi/aws (test/lib/aws/storage-modules.test.ts checks each one exists).
 *
 * @pulumi/aws-native has none yet: until its types are verified against the installed package, every aws-native
 * storage type the catalog does not list is reported.
 */
export const NON_DATA_TYPES: Readonly<Record<string, readonly string[]>> = {
    aws: [
        // RDS: CA choice, engine media, notifications, proxy wiring, reservations, start/stop state, custom endpoints.
        "rds:Certificate", "rds:CustomDbEngineVersion", "rds:EventSubscription", "rds:ProxyDefaultTargetGroup", "rds:ProxyTarget",
        "rds:ReservedInstance", "rds:InstanceDesiredState", "rds:ClusterEndpoint",
        // DynamoDB: metrics, indexes of a table the table policies check, tags.
        "dynamodb:ContributorInsights", "dynamodb:GlobalSecondaryIndex", "dynamodb:Tag",
        "elasticache:ParameterGroup", "elasticache:ReservedCacheNode",
        // DocumentDB instances hold no data of their own (the cluster volume does, and has no public access); notifications.
        "docdb:ClusterInstance", "docdb:EventSubscription",
        "neptune:ClusterEndpoint", "neptune:EventSubscription", "neptune:ParameterGroup",
        "redshift:AuthenticationProfile", "redshift:EventSubscription", "redshift:Partner", "redshift:ScheduledAction", "redshift:SnapshotSchedule",
        "redshift:SnapshotScheduleAssociation", "redshift:UsageLimit",
        "redshiftserverless:CustomDomainAssociation", "redshiftserverless:UsageLimit",
        // OpenSearch: UI applications, dictionaries and plugins, collection groups and retention rules, VPC endpoints
        // (they make access private). A serverless collection's encryption and network exposure are its security
        // policies' (opensearch-serverless-*); its data access policy is not modelled and stays reported.
        "opensearch:Application", "opensearch:Package", "opensearch:PackageAssociation", "opensearch:ServerlessCollection", "opensearch:ServerlessCollectionGroup",
        "opensearch:ServerlessLifecyclePolicy", "opensearch:ServerlessVpcEndpoint", "opensearch:VpcEndpoint", "elasticsearch:VpcEndpoint",
        // S3 bucket settings that neither hold objects nor grant access: acceleration, CORS, tiering, lifecycle, access
        // logs and metrics, notifications, request payment, website hosting (serving needs a public bucket policy,
        // which the S3 policies check), inventories and metadata tables (object lists, not objects).
        "s3:AnalyticsConfiguration", "s3:BucketAccelerateConfiguration", "s3:BucketAccelerateConfigurationV2", "s3:BucketCorsConfiguration",
        "s3:BucketCorsConfigurationV2", "s3:BucketIntelligentTieringConfiguration", "s3:BucketLifecycleConfiguration", "s3:BucketLifecycleConfigurationV2",
        "s3:BucketLogging", "s3:BucketLoggingV2", "s3:BucketMetadataConfiguration", "s3:BucketMetric", "s3:BucketNotification",
        "s3:BucketRequestPaymentConfiguration", "s3:BucketRequestPaymentConfigurationV2", "s3:BucketWebsiteConfiguration", "s3:BucketWebsiteConfigurationV2",
        "s3:Inventory", "s3control:BucketLifecycleConfiguration", "s3control:MultiRegionAccessPointRoutes", "s3control:StorageLensConfiguration",
        "secretsmanager:Tag",
        // SSM: automation, documents, patching, maintenance windows, inventory sync, service settings. Parameters are modelled.
        "ssm:Association", "ssm:ContactsRotation", "ssm:DefaultPatchBaseline", "ssm:Document", "ssm:MaintenanceWindow", "ssm:MaintenanceWindowTarget",
        "ssm:MaintenanceWindowTask", "ssm:PatchBaseline", "ssm:PatchGroup", "ssm:QuicksetupConfigurationManager", "ssm:ResourceDataSync", "ssm:ServiceSetting",
        "kms:Alias",
        "backup:Framework", "backup:RegionSettings", "backup:ReportPlan", "backup:RestoreTestingPlan", "backup:VaultNotifications",
        "efs:BackupPolicy",
        "ebs:FastSnapshotRestore", "ebs:SnapshotBlockPublicAccess",
        // A MemoryDB ACL only groups users: the users (memorydb-tls-and-acl) and the cluster's `aclName` are checked.
        "memorydb:Acl", "memorydb:ParameterGroup", "dax:ParameterGroup",
        // A keyspace is a namespace; its tables hold the data (keyspaces-table-cmk).
        "keyspaces:Keyspace",
        "lightsail:Certificate", "lightsail:ContainerService", "lightsail:ContainerServiceDeploymentVersion", "lightsail:Disk_attachment",
        "lightsail:Distribution", "lightsail:Domain", "lightsail:DomainEntry", "lightsail:InstancePublicPorts", "lightsail:Lb", "lightsail:LbAttachment",
        "lightsail:LbCertificate", "lightsail:LbCertificateAttachment", "lightsail:LbHttpsRedirectionPolicy", "lightsail:LbStickinessPolicy",
        "lightsail:StaticIp", "lightsail:StaticIpAttachment",
        // DMS: CA certificates, notifications, migration projects and data providers (descriptions, no credentials), and
        // tasks, which move data only between the endpoints and instance the DMS policies check.
        "dms:Certificate", "dms:DataProvider", "dms:EventSubscription", "dms:MigrationProject", "dms:ReplicationTask",
        // Glue: catalog metadata, crawlers, classifiers, jobs, schemas and workflows. Connections are modelled;
        // encryption settings, security configurations, resource policies and dev endpoints stay reported.
        "glue:Catalog", "glue:CatalogDatabase", "glue:CatalogTable", "glue:CatalogTableOptimizer", "glue:Classifier", "glue:Crawler", "glue:DataQualityRuleset",
        "glue:Job", "glue:MLTransform", "glue:Partition", "glue:PartitionIndex", "glue:Registry", "glue:Schema", "glue:Trigger", "glue:UserDefinedFunction",
        "glue:Workflow",
        "athena:CapacityReservation", "athena:DataCatalog", "athena:NamedQuery", "athena:PreparedStatement",
        "kinesis:AccountSettings", "kinesis:AnalyticsApplication", "kinesis:StreamConsumer",
        "sqs:RedriveAllowPolicy", "sqs:RedrivePolicy",
        "dsql:ClusterPeering",
    ],
    "aws-native": [],
};

export interface TypeToken {
    provider: string;
    module: string;
    className: string;
}

/** Splits `aws:rds/instance:Instance` or `aws-native:rds:DbInstance`; undefined for anything else. */
export function parseTypeToken(type: string): TypeToken | undefined {
    const parts = type.split(":");
    if (parts.length !== 3 || parts.some((p) => p === "")) {
        return undefined;
    }
    const [provider, middle, className] = parts as [string, string, string];
    const module = middle.split("/")[0]!;
    return module === "" ? undefined : { provider, module, className };
}

/** Is this a type of a store (by module, or listed elsewhere) that is not on the non-data list? */
export function isStorageType(token: TypeToken): boolean {
    const key = `${token.module}:${token.className}`;
    const inModule = (STORAGE_MODULES[token.provider] ?? []).includes(token.module) || (STORAGE_TYPES_ELSEWHERE[token.provider] ?? []).includes(key);
    return inModule && !(NON_DATA_TYPES[token.provider] ?? []).includes(key);
}
