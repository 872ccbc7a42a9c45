// The @pulumi/aws-native (CloudControl) resource type tokens the pack translates (lib/aws/native.ts), one constant
// each. test/lib/aws/native.test.ts holds each equal to the `__pulumiType` of its class in the installed
// @pulumi/aws-native. Named NATIVE_<MODULE>_<CLASS>.

export const NATIVE_BACKUP_BACKUP_VAULT = "aws-native:backup:BackupVault";

export const NATIVE_CLOUDTRAIL_TRAIL = "aws-native:cloudtrail:Trail";

export const NATIVE_DOCDB_DB_CLUSTER_PARAMETER_GROUP = "aws-native:docdb:DbClusterParameterGroup";
export const NATIVE_DOCDB_DB_SUBNET_GROUP = "aws-native:docdb:DbSubnetGroup";
export const NATIVE_DOCDB_GLOBAL_CLUSTER = "aws-native:docdb:GlobalCluster";
export const NATIVE_DOCDBELASTIC_CLUSTER = "aws-native:docdbelastic:Cluster";

export const NATIVE_DYNAMODB_TABLE = "aws-native:dynamodb:Table";

export const NATIVE_EC2_INSTANCE = "aws-native:ec2:Instance";
export const NATIVE_EC2_INTERNET_GATEWAY = "aws-native:ec2:InternetGateway";
export const NATIVE_EC2_LAUNCH_TEMPLATE = "aws-native:ec2:LaunchTemplate";
export const NATIVE_EC2_ROUTE = "aws-native:ec2:Route";
export const NATIVE_EC2_ROUTE_TABLE = "aws-native:ec2:RouteTable";
export const NATIVE_EC2_SECURITY_GROUP = "aws-native:ec2:SecurityGroup";
export const NATIVE_EC2_SECURITY_GROUP_EGRESS = "aws-native:ec2:SecurityGroupEgress";
export const NATIVE_EC2_SECURITY_GROUP_INGRESS = "aws-native:ec2:SecurityGroupIngress";
export const NATIVE_EC2_SUBNET = "aws-native:ec2:Subnet";
export const NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION = "aws-native:ec2:SubnetRouteTableAssociation";
export const NATIVE_EC2_VOLUME = "aws-native:ec2:Volume";
export const NATIVE_EC2_VOLUME_ATTACHMENT = "aws-native:ec2:VolumeAttachment";
export const NATIVE_EC2_VPC = "aws-native:ec2:Vpc";

export const NATIVE_ECS_TASK_DEFINITION = "aws-native:ecs:TaskDefinition";

export const NATIVE_ELASTICACHE_CACHE_CLUSTER = "aws-native:elasticache:CacheCluster";
export const NATIVE_ELASTICACHE_REPLICATION_GROUP = "aws-native:elasticache:ReplicationGroup";
export const NATIVE_ELASTICACHE_SERVERLESS_CACHE = "aws-native:elasticache:ServerlessCache";
export const NATIVE_ELASTICACHE_SUBNET_GROUP = "aws-native:elasticache:SubnetGroup";
export const NATIVE_ELASTICACHE_USER = "aws-native:elasticache:User";
export const NATIVE_ELASTICACHE_USER_GROUP = "aws-native:elasticache:UserGroup";

export const NATIVE_GLUE_CONNECTION = "aws-native:glue:Connection";

export const NATIVE_IAM_GROUP = "aws-native:iam:Group";
export const NATIVE_IAM_GROUP_POLICY = "aws-native:iam:GroupPolicy";
export const NATIVE_IAM_MANAGED_POLICY = "aws-native:iam:ManagedPolicy";
export const NATIVE_IAM_ROLE = "aws-native:iam:Role";
export const NATIVE_IAM_ROLE_POLICY = "aws-native:iam:RolePolicy";
export const NATIVE_IAM_USER = "aws-native:iam:User";
export const NATIVE_IAM_USER_POLICY = "aws-native:iam:UserPolicy";

export const NATIVE_KMS_KEY = "aws-native:kms:Key";
export const NATIVE_KMS_REPLICA_KEY = "aws-native:kms:ReplicaKey";

export const NATIVE_LAMBDA_FUNCTION = "aws-native:lambda:Function";

export const NATIVE_MEMORYDB_CLUSTER = "aws-native:memorydb:Cluster";
export const NATIVE_MEMORYDB_SUBNET_GROUP = "aws-native:memorydb:SubnetGroup";
export const NATIVE_MEMORYDB_USER = "aws-native:memorydb:User";

export const NATIVE_NEPTUNE_DB_CLUSTER = "aws-native:neptune:DbCluster";
export const NATIVE_NEPTUNE_DB_CLUSTER_PARAMETER_GROUP = "aws-native:neptune:DbClusterParameterGroup";
export const NATIVE_NEPTUNE_DB_INSTANCE = "aws-native:neptune:DbInstance";
export const NATIVE_NEPTUNE_DB_SUBNET_GROUP = "aws-native:neptune:DbSubnetGroup";
export const NATIVE_NEPTUNE_GLOBAL_CLUSTER = "aws-native:neptune:GlobalCluster";

export const NATIVE_OPENSEARCHSERVICE_DOMAIN = "aws-native:opensearchservice:Domain";

export const NATIVE_RDS_DB_CLUSTER = "aws-native:rds:DbCluster";
export const NATIVE_RDS_DB_CLUSTER_PARAMETER_GROUP = "aws-native:rds:DbClusterParameterGroup";
export const NATIVE_RDS_DB_INSTANCE = "aws-native:rds:DbInstance";
export const NATIVE_RDS_DB_PARAMETER_GROUP = "aws-native:rds:DbParameterGroup";
export const NATIVE_RDS_DB_PROXY = "aws-native:rds:DbProxy";
export const NATIVE_RDS_DB_SUBNET_GROUP = "aws-native:rds:DbSubnetGroup";
export const NATIVE_RDS_GLOBAL_CLUSTER = "aws-native:rds:GlobalCluster";

export const NATIVE_REDSHIFT_CLUSTER = "aws-native:redshift:Cluster";
export const NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP = "aws-native:redshift:ClusterParameterGroup";
export const NATIVE_REDSHIFT_CLUSTER_SUBNET_GROUP = "aws-native:redshift:ClusterSubnetGroup";

export const NATIVE_REDSHIFTSERVERLESS_NAMESPACE = "aws-native:redshiftserverless:Namespace";
export const NATIVE_REDSHIFTSERVERLESS_WORKGROUP = "aws-native:redshiftserverless:Workgroup";

export const NATIVE_S3_BUCKET = "aws-native:s3:Bucket";
export const NATIVE_S3_BUCKET_POLICY = "aws-native:s3:BucketPolicy";

export const NATIVE_SECRETSMANAGER_RESOURCE_POLICY = "aws-native:secretsmanager:ResourcePolicy";
export const NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE = "aws-native:secretsmanager:RotationSchedule";
export const NATIVE_SECRETSMANAGER_SECRET = "aws-native:secretsmanager:Secret";

export const NATIVE_SSM_PARAMETER = "aws-native:ssm:Parameter";

export const NATIVE_AUTOSCALING_LAUNCH_CONFIGURATION = "aws-native:autoscaling:LaunchConfiguration";
export const NATIVE_BACKUP_BACKUP_PLAN = "aws-native:backup:BackupPlan";
export const NATIVE_BACKUP_BACKUP_SELECTION = "aws-native:backup:BackupSelection";
export const NATIVE_BACKUP_LOGICALLY_AIR_GAPPED_BACKUP_VAULT = "aws-native:backup:LogicallyAirGappedBackupVault";
export const NATIVE_CLOUDWATCH_ALARM = "aws-native:cloudwatch:Alarm";
export const NATIVE_DAX_SUBNET_GROUP = "aws-native:dax:SubnetGroup";
export const NATIVE_DYNAMODB_GLOBAL_TABLE = "aws-native:dynamodb:GlobalTable";
export const NATIVE_LOGS_METRIC_FILTER = "aws-native:logs:MetricFilter";
