// The resource type tokens the pack knows, one constant each: a misspelt token would make a policy silently apply
// to nothing. test/lib/aws/types.test.ts holds each equal to the `__pulumiType` of its class in the installed
// @pulumi/aws, and policies/ holds no token literal outside this file. Named <MODULE>_<CLASS>.

export const BACKUP_LOGICALLY_AIR_GAPPED_VAULT = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_SELECTION = "aws:backup/selection:Selection";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
export const BACKUP_VAULT_LOCK_CONFIGURATION = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
export const BACKUP_VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";

export const CLOUDFORMATION_STACK = "aws:cloudformation/stack:Stack";

export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";

export const CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const CLOUDWATCH_LOG_METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
export const CLOUDWATCH_METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

export const DAX_CLUSTER = "aws:dax/cluster:Cluster";
export const DAX_SUBNET_GROUP = "aws:dax/subnetGroup:SubnetGroup";

export const DMS_ENDPOINT = "aws:dms/endpoint:Endpoint";
export const DMS_REPLICATION_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
export const DMS_REPLICATION_SUBNET_GROUP = "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup";
export const DMS_S3_ENDPOINT = "aws:dms/s3Endpoint:S3Endpoint";

export const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
export const DOCDB_CLUSTER_PARAMETER_GROUP = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
export const DOCDB_ELASTIC_CLUSTER = "aws:docdb/elasticCluster:ElasticCluster";
export const DOCDB_GLOBAL_CLUSTER = "aws:docdb/globalCluster:GlobalCluster";
export const DOCDB_SUBNET_GROUP = "aws:docdb/subnetGroup:SubnetGroup";

export const DYNAMODB_RESOURCE_POLICY = "aws:dynamodb/resourcePolicy:ResourcePolicy";
export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const DYNAMODB_TABLE_EXPORT = "aws:dynamodb/tableExport:TableExport";
export const DYNAMODB_TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const EBS_SNAPSHOT = "aws:ebs/snapshot:Snapshot";
export const EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS = "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess";
export const EBS_SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
export const EBS_VOLUME = "aws:ebs/volume:Volume";

export const EC2_AMI = "aws:ec2/ami:Ami";
export const EC2_AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
export const EC2_AMI_FROM_INSTANCE = "aws:ec2/amiFromInstance:AmiFromInstance";
export const EC2_AMI_LAUNCH_PERMISSION = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";
export const EC2_DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
export const EC2_DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const EC2_IMAGE_BLOCK_PUBLIC_ACCESS = "aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
export const EC2_LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const EC2_MAIN_ROUTE_TABLE_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
export const EC2_ROUTE = "aws:ec2/route:Route";
export const EC2_ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
export const EC2_ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
export const EC2_SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const EC2_SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION = "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
export const EC2_SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const EC2_SUBNET = "aws:ec2/subnet:Subnet";
export const EC2_VOLUME_ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
export const EC2_VPC = "aws:ec2/vpc:Vpc";
export const EC2_VPC_IPV4_CIDR_BLOCK_ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";

export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const EFS_FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";
export const EFS_MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";

export const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const ELASTICACHE_SERVERLESS_CACHE = "aws:elasticache/serverlessCache:ServerlessCache";
export const ELASTICACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
export const ELASTICACHE_USER = "aws:elasticache/user:User";
export const ELASTICACHE_USER_GROUP = "aws:elasticache/userGroup:UserGroup";
export const ELASTICACHE_USER_GROUP_ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";

export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";
export const ELASTICSEARCH_DOMAIN_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";

export const IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
export const IAM_GROUP = "aws:iam/group:Group";
export const IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
export const IAM_USER = "aws:iam/user:User";
export const IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";
export const IAM_USER_LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";

export const KEYSPACES_TABLE = "aws:keyspaces/table:Table";

export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_GRANT = "aws:kms/grant:Grant";
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";

export const LIGHTSAIL_DATABASE = "aws:lightsail/database:Database";

export const MEMORYDB_CLUSTER = "aws:memorydb/cluster:Cluster";
export const MEMORYDB_SNAPSHOT = "aws:memorydb/snapshot:Snapshot";
export const MEMORYDB_SUBNET_GROUP = "aws:memorydb/subnetGroup:SubnetGroup";
export const MEMORYDB_USER = "aws:memorydb/user:User";

export const NEPTUNE_CLUSTER = "aws:neptune/cluster:Cluster";
export const NEPTUNE_CLUSTER_INSTANCE = "aws:neptune/clusterInstance:ClusterInstance";
export const NEPTUNE_CLUSTER_PARAMETER_GROUP = "aws:neptune/clusterParameterGroup:ClusterParameterGroup";
export const NEPTUNE_GLOBAL_CLUSTER = "aws:neptune/globalCluster:GlobalCluster";
export const NEPTUNE_SUBNET_GROUP = "aws:neptune/subnetGroup:SubnetGroup";

export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";
export const OPENSEARCH_DOMAIN_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
export const OPENSEARCH_SERVERLESS_SECURITY_POLICY = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";

export const QLDB_LEDGER = "aws:qldb/ledger:Ledger";

export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
export const RDS_CLUSTER_SNAPSHOT = "aws:rds/clusterSnapshot:ClusterSnapshot";
export const RDS_CLUSTER_SNAPSHOT_COPY = "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy";
export const RDS_EXPORT_TASK = "aws:rds/exportTask:ExportTask";
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
export const RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
export const RDS_PROXY = "aws:rds/proxy:Proxy";
export const RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot";
export const RDS_SNAPSHOT_COPY = "aws:rds/snapshotCopy:SnapshotCopy";
export const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";

export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";
export const REDSHIFT_DATA_SHARE_AUTHORIZATION = "aws:redshift/dataShareAuthorization:DataShareAuthorization";
export const REDSHIFT_LOGGING = "aws:redshift/logging:Logging";
export const REDSHIFT_PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup";
export const REDSHIFT_SUBNET_GROUP = "aws:redshift/subnetGroup:SubnetGroup";

export const RAM_PRINCIPAL_ASSOCIATION = "aws:ram/principalAssociation:PrincipalAssociation";
export const RAM_RESOURCE_ASSOCIATION = "aws:ram/resourceAssociation:ResourceAssociation";
export const RAM_RESOURCE_SHARE = "aws:ram/resourceShare:ResourceShare";

export const REDSHIFTSERVERLESS_NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
export const REDSHIFTSERVERLESS_RESOURCE_POLICY = "aws:redshiftserverless/resourcePolicy:ResourcePolicy";
export const REDSHIFTSERVERLESS_SNAPSHOT = "aws:redshiftserverless/snapshot:Snapshot";
export const REDSHIFTSERVERLESS_WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";

export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
export const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const S3_BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
export const LB_LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";
export const S3_BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
export const S3_BUCKET_OBJECT = "aws:s3/bucketObject:BucketObject";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
export const S3_BUCKET_OBJECT_V2 = "aws:s3/bucketObjectv2:BucketObjectv2";
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const S3_BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
export const S3_OBJECT_COPY = "aws:s3/objectCopy:ObjectCopy";

export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const SECRETSMANAGER_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const SECRETSMANAGER_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
export const SECRETSMANAGER_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const GLUE_CONNECTION = "aws:glue/connection:Connection";
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

export const SSOADMIN_MANAGED_POLICY_ATTACHMENT = "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";
export const SSOADMIN_MANAGED_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive";
export const SSOADMIN_PERMISSION_SET_INLINE_POLICY = "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";

export const VPC_SECURITY_GROUP_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const VPC_SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
