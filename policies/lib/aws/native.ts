// @pulumi/aws-native (CloudControl, CloudFormation's resource schemas) resources seen through @pulumi/aws's eyes:
// one table maps each aws-native type the pack covers to the @pulumi/aws type whose policies apply, with a pure
// translation of its properties into the shape those policies read, and the way back for the property names a
// finding mentions, so a user of aws-native reads `enableIamDatabaseAuthentication` where a user of @pulumi/aws
// reads `iamDatabaseAuthenticationEnabled`. The same policies then judge both providers (and CloudFormation
// templates, lib/aws/cloudformation.ts), with the same names, through one hook in lib/core.
//
// Rules of the translation: unknowns stay unknown, missing stays missing, and a property whose aws-native
// (CloudFormation) default differs from @pulumi/aws's is never left to @pulumi/aws's default: `unsetDefaults`
// names it, the checks see it as undecided, and the finding says why (see `translatedFindings`).
// Every property name here is checked against the installed .d.ts of both providers (test/lib/aws/native.test.ts).

import type { Finding } from "../readers/finding";
import { UNKNOWN_NOTE as UNKNOWN_NOTE_TEXT } from "../readers/checks";
import { isAbsent, isObject, UNKNOWN, type Plain, type PlainObject } from "../readers/values";
import type { StackResource } from "./graph";
import * as aws from "./types";
import * as native from "./native-types";

type Convert = (props: PlainObject) => PlainObject;

export interface NativeMapping {
    /** The aws-native token (`aws-native:rds:DbInstance`). */
    native: string;
    /** The CloudFormation type the aws-native type is generated from (`AWS::RDS::DBInstance`). */
    cloudFormation: string;
    /** The @pulumi/aws tokens it can stand for; `awsType` picks one from the properties when there are several. */
    aws: readonly string[];
    awsType?: (props: PlainObject) => string;
    /** aws-native top-level property -> the @pulumi/aws property of the same shape and meaning. */
    renames?: Readonly<Record<string, string>>;
    /** aws-native properties whose shape differs: removed before `convert` adds their @pulumi/aws form. */
    converted?: readonly string[];
    convert?: Convert;
    /** @pulumi/aws property path -> aws-native path, for converted properties (`[*]` carries a list index). */
    findingNames?: Readonly<Record<string, string>>;
    /** @pulumi/aws properties whose default differs in aws-native when unset: why, in the finding's words. */
    unsetDefaults?: Readonly<Record<string, string>>;
    /** aws-native properties whose keys are data, not property names (policy documents, parameter and tag maps): kept verbatim from a CloudFormation template. */
    verbatim?: readonly string[];
    /** Output properties that identify the resource to the stack graph, as @pulumi/aws spells them. */
    identity?: Readonly<Record<string, string>>;
    /**
     * Settings aws-native keeps inline that @pulumi/aws models as resources of their own (an S3 bucket's public
     * access block, a backup vault's lock): each becomes that resource, linked to this one, so the policies that
     * follow the link (the `-linked` twins) find it.
     */
    parts?: (props: PlainObject) => Part[];
    /** Every type `parts` can produce (which policies judge this type). */
    partTypes?: readonly string[];
}

/** An inline setting as the @pulumi/aws resource that holds it. */
export interface Part {
    /** The aws-native property it comes from (its findings are named under it). */
    path: string;
    type: string;
    props: PlainObject;
    /** The @pulumi/aws property of the part that refers to its parent. */
    link: string;
    /** The part's @pulumi/aws property paths -> paths under `path` (`rule.objectOwnership` -> `rules[0].objectOwnership`). */
    names?: Readonly<Record<string, string>>;
}

/** A row without its aws-native token: what translating needs (CloudFormation-only rows have no token). */
export type Translatable = Omit<NativeMapping, "native">;

/** A resource as one policy sees it: the @pulumi/aws type and props, and the way back for its findings. */
export interface ResourceView {
    type: string;
    props: PlainObject;
    /** Findings in the resource's own property names. */
    translate(findings: readonly Finding[]): Finding[];
    /** Findings to report instead of running the check (a CloudFormation template the pack cannot read). */
    preset?: readonly Finding[];
}

// ---------------------------------------------------------------------------------------------------------------
// Shared converters
// ---------------------------------------------------------------------------------------------------------------

/** aws-native tags (`[{ key, value }]`) as the @pulumi/aws map; unknown when an entry or a key is unknown. */
export function tagMap(value: Plain): Plain {
    if (!Array.isArray(value)) {
        // A map already (ssm.Parameter, glue), unknown, absent, or malformed: kept as it is.
        return value;
    }
    const out: PlainObject = {};
    for (const entry of value) {
        if (entry === UNKNOWN) {
            return UNKNOWN;
        }
        if (!isObject(entry)) {
            continue;
        }
        const key = entry.key;
        if (key === UNKNOWN) {
            return UNKNOWN;
        }
        if (typeof key === "string") {
            out[key] = entry.value;
        }
    }
    return out;
}

/** A single value as a one-element list (`cidrIp` -> `cidrBlocks`), nothing when absent. */
function listOf(value: Plain): Plain {
    return isAbsent(value) ? undefined : [value];
}

function field(value: Plain, key: string): Plain {
    return value === UNKNOWN ? UNKNOWN : isObject(value) ? value[key] : undefined;
}

/** Maps each entry of a list (an unknown list or entry stays unknown; a non-list stays as it is, for the checks). */
function eachEntry(value: Plain, entry: (item: PlainObject) => PlainObject): Plain {
    if (!Array.isArray(value)) {
        return value;
    }
    return value.map((item) => (isObject(item) ? entry(item) : item));
}

function defined(props: PlainObject): PlainObject {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/** A security group rule entry of aws-native (CloudFormation's Ingress/Egress property) as @pulumi/aws's. */
function sgRule(direction: "ingress" | "egress"): (rule: PlainObject) => PlainObject {
    const [prefixList, group] = direction === "ingress" ? ["sourcePrefixListId", "sourceSecurityGroupId"] : ["destinationPrefixListId", "destinationSecurityGroupId"];
    return (rule) =>
        defined({
            protocol: rule.ipProtocol,
            fromPort: rule.fromPort,
            toPort: rule.toPort,
            cidrBlocks: listOf(rule.cidrIp),
            ipv6CidrBlocks: listOf(rule.cidrIpv6),
            prefixListIds: listOf(rule[prefixList!]),
            securityGroups: listOf(rule[group!] ?? (direction === "ingress" ? rule.sourceSecurityGroupName : undefined)),
            description: rule.description,
        });
}

function sgRuleNames(awsList: string, nativeList: string, direction: "ingress" | "egress"): Record<string, string> {
    const [prefixList, group] = direction === "ingress" ? ["sourcePrefixListId", "sourceSecurityGroupId"] : ["destinationPrefixListId", "destinationSecurityGroupId"];
    return {
        [`${awsList}[*].cidrBlocks[*]`]: `${nativeList}[*].cidrIp`,
        [`${awsList}[*].cidrBlocks`]: `${nativeList}[*].cidrIp`,
        [`${awsList}[*].ipv6CidrBlocks[*]`]: `${nativeList}[*].cidrIpv6`,
        [`${awsList}[*].ipv6CidrBlocks`]: `${nativeList}[*].cidrIpv6`,
        [`${awsList}[*].prefixListIds[*]`]: `${nativeList}[*].${prefixList}`,
        [`${awsList}[*].prefixListIds`]: `${nativeList}[*].${prefixList}`,
        [`${awsList}[*].securityGroups[*]`]: `${nativeList}[*].${group}`,
        [`${awsList}[*].securityGroups`]: `${nativeList}[*].${group}`,
        [`${awsList}[*].protocol`]: `${nativeList}[*].ipProtocol`,
        [awsList]: nativeList,
    };
}

// Why an unset aws-native property is not @pulumi/aws's default (CloudFormation's documented defaults).
const PUBLIC_BY_VPC =
    "is not set: in aws-native (CloudFormation) the default depends on the subnets' VPC, and an instance in a VPC with an internet gateway (such as the default VPC) is public (RDS CreateDBInstance, PubliclyAccessible). Set it explicitly.";

// ---------------------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------------------

/** CloudFormation's parameter map (`{ name: value }`) as @pulumi/aws's list of `{ name, value }`. */
function parameterList(value: Plain): Plain {
    if (!isObject(value)) {
        return value;
    }
    return Object.entries(value).map(([name, item]) => ({ name, value: item === UNKNOWN || typeof item === "string" ? item : typeof item === "number" || typeof item === "boolean" ? String(item) : item }));
}

const PARAMETER_NAMES = { "parameters[*].value": "parameters", "parameters[*].name": "parameters", "parameters[*]": "parameters" };

/** OpenSearch's map of log type -> options as @pulumi/aws's list of `{ logType, cloudwatchLogGroupArn, enabled }`. */
function logPublishing(value: Plain): Plain {
    if (!isObject(value)) {
        return value;
    }
    return Object.entries(value).map(([logType, options]) =>
        // A template keeps this map verbatim (its keys are log types), so its option names are CloudFormation's.
        options === UNKNOWN
            ? { logType, enabled: UNKNOWN, cloudwatchLogGroupArn: UNKNOWN }
            : defined({ logType, enabled: field(options, "enabled") ?? field(options, "Enabled"), cloudwatchLogGroupArn: field(options, "cloudWatchLogsLogGroupArn") ?? field(options, "CloudWatchLogsLogGroupArn") }),
    );
}

/** `nested`, with an unknown structure as every field unknown (the checks then report each as undecided). */
function nestedOrUnknown(value: Plain, names: Readonly<Record<string, string>>): PlainObject {
    if (value === UNKNOWN) {
        return Object.fromEntries(Object.values(names).map((to) => [to, UNKNOWN]));
    }
    const out = nested(value, names);
    return isObject(out) ? out : {};
}

/**
 * A setting every replica of a global table must have: false when one lacks it, unknown when one may, the value
 * when all agree (the first replica's, for a key), absent when no replica sets it.
 */
function everyReplica(replicas: Plain, path: string): Plain {
    if (replicas === UNKNOWN) {
        return UNKNOWN;
    }
    if (!Array.isArray(replicas) || replicas.length === 0) {
        return undefined;
    }
    const values = replicas.map((replica) => (replica === UNKNOWN ? UNKNOWN : path.split(".").reduce<Plain>((value, key) => field(value, key), replica)));
    if (values.every((v) => isAbsent(v))) {
        return undefined;
    }
    if (values.some((v) => v === false || v === "false")) {
        return false;
    }
    if (values.some((v) => isAbsent(v))) {
        // One replica without the setting: for a flag, that replica is off; for a key, it uses an AWS key.
        return typeof values.find((v) => !isAbsent(v)) === "boolean" ? false : undefined;
    }
    return values.some((v) => v === UNKNOWN) ? UNKNOWN : values[0];
}

/** Inline IAM policies of a user or group (`policies[i]`) as @pulumi/aws UserPolicy / GroupPolicy resources. */
function inlinePolicyParts(value: Plain, type: string, link: string): Part[] {
    if (value === UNKNOWN) {
        return [{ path: "policies", type, link, props: { name: UNKNOWN, policy: UNKNOWN }, names: { policy: "" } }];
    }
    if (!Array.isArray(value)) {
        return [];
    }
    return value.map((entry, i) => ({
        path: `policies[${i}]`,
        type,
        link,
        props: entry === UNKNOWN ? { name: UNKNOWN, policy: UNKNOWN } : { name: field(entry, "policyName"), policy: field(entry, "policyDocument") },
        names: { policy: "policyDocument", name: "policyName" },
    }));
}

/** Managed policies of a user or group (`managedPolicyArns[i]`) as @pulumi/aws policy attachments. */
function managedPolicyParts(value: Plain, type: string, link: string): Part[] {
    if (value === UNKNOWN) {
        return [{ path: "managedPolicyArns", type, link, props: { policyArn: UNKNOWN }, names: { policyArn: "" } }];
    }
    if (!Array.isArray(value)) {
        return [];
    }
    return value.map((arn, i) => ({ path: `managedPolicyArns[${i}]`, type, link, props: { policyArn: arn }, names: { policyArn: "" } }));
}

/** The inline configurations of an aws-native S3 bucket as the @pulumi/aws resources the S3 policies follow. */
function s3BucketParts(props: PlainObject): Part[] {
    const parts: Part[] = [];
    const block = props.publicAccessBlockConfiguration;
    if (!isAbsent(block)) {
        const flags = { blockPublicAcls: "blockPublicAcls", blockPublicPolicy: "blockPublicPolicy", ignorePublicAcls: "ignorePublicAcls", restrictPublicBuckets: "restrictPublicBuckets" };
        parts.push({ path: "publicAccessBlockConfiguration", type: aws.S3_BUCKET_PUBLIC_ACCESS_BLOCK, link: "bucket", props: nestedOrUnknown(block, flags) });
    }
    const encryption = props.bucketEncryption;
    if (!isAbsent(encryption)) {
        const rules = eachEntry(field(encryption, "serverSideEncryptionConfiguration"), (rule) =>
            defined({ applyServerSideEncryptionByDefault: nested(rule.serverSideEncryptionByDefault, { sseAlgorithm: "sseAlgorithm", kmsMasterKeyId: "kmsMasterKeyId" }), bucketKeyEnabled: rule.bucketKeyEnabled }),
        );
        parts.push({
            path: "bucketEncryption",
            type: aws.S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
            link: "bucket",
            props: { rules },
            names: {
                "rules[*].applyServerSideEncryptionByDefault": "serverSideEncryptionConfiguration[*].serverSideEncryptionByDefault",
                rules: "serverSideEncryptionConfiguration",
            },
        });
    }
    const versioning = props.versioningConfiguration;
    if (!isAbsent(versioning)) {
        parts.push({ path: "versioningConfiguration", type: aws.S3_BUCKET_VERSIONING, link: "bucket", props: { versioningConfiguration: nestedOrUnknown(versioning, { status: "status" }) }, names: { versioningConfiguration: "" } });
    }
    const ownership = props.ownershipControls;
    if (!isAbsent(ownership)) {
        const rules = field(ownership, "rules");
        const first = Array.isArray(rules) ? rules[0] : rules;
        parts.push({ path: "ownershipControls", type: aws.S3_BUCKET_OWNERSHIP_CONTROLS, link: "bucket", props: { rule: first === UNKNOWN ? { objectOwnership: UNKNOWN } : nestedOrUnknown(first, { objectOwnership: "objectOwnership" }) }, names: { rule: "rules[0]" } });
    }
    const acl = props.accessControl;
    if (!isAbsent(acl)) {
        parts.push({ path: "accessControl", type: aws.S3_BUCKET_ACL, link: "bucket", props: { acl: acl as Plain }, names: { acl: "" } });
    }
    const logging = props.loggingConfiguration;
    if (!isAbsent(logging)) {
        parts.push({ path: "loggingConfiguration", type: aws.S3_BUCKET_LOGGING, link: "bucket", props: nestedOrUnknown(logging, { destinationBucketName: "targetBucket", logFilePrefix: "targetPrefix" }), names: { targetBucket: "destinationBucketName", targetPrefix: "logFilePrefix" } });
    }
    return parts;
}

const RDS_INSTANCE_RENAMES = {
    dbInstanceClass: "instanceClass",
    dbInstanceIdentifier: "identifier",
    dbParameterGroupName: "parameterGroupName",
    enableIamDatabaseAuthentication: "iamDatabaseAuthenticationEnabled",
    enableCloudwatchLogsExports: "enabledCloudwatchLogsExports",
    enablePerformanceInsights: "performanceInsightsEnabled",
    vpcSecurityGroups: "vpcSecurityGroupIds",
    masterUsername: "username",
    masterUserPassword: "password",
    caCertificateIdentifier: "caCertIdentifier",
    sourceDbInstanceIdentifier: "replicateSourceDb",
    dbSnapshotIdentifier: "snapshotIdentifier",
    dbClusterIdentifier: "clusterIdentifier",
} as const;

const masterUserSecretKey: Convert = (props) => defined({ masterUserSecretKmsKeyId: field(props.masterUserSecret, "kmsKeyId") });
const MASTER_SECRET_NAMES = { masterUserSecretKmsKeyId: "masterUserSecret.kmsKeyId" };


export const NATIVE_MAPPINGS: readonly NativeMapping[] = [
    {
        native: native.NATIVE_RDS_DB_INSTANCE,
        cloudFormation: "AWS::RDS::DBInstance",
        // A DB instance with a DBClusterIdentifier is a member of an Aurora (or Multi-AZ) cluster: aws.rds.ClusterInstance.
        aws: [aws.RDS_INSTANCE, aws.RDS_CLUSTER_INSTANCE],
        awsType: (props) => (isAbsent(props.dbClusterIdentifier) ? aws.RDS_INSTANCE : aws.RDS_CLUSTER_INSTANCE),
        renames: RDS_INSTANCE_RENAMES,
        converted: ["masterUserSecret"],
        convert: masterUserSecretKey,
        findingNames: MASTER_SECRET_NAMES,
        unsetDefaults: {
            publiclyAccessible: PUBLIC_BY_VPC,
            backupRetentionPeriod: "is not set: aws-native (CloudFormation) then keeps automated backups for 1 day (CreateDBInstance, BackupRetentionPeriod).",
        },
        identity: { dbInstanceArn: "arn", dbInstanceIdentifier: "identifier" },
    },
    {
        native: native.NATIVE_RDS_DB_CLUSTER,
        cloudFormation: "AWS::RDS::DBCluster",
        aws: [aws.RDS_CLUSTER],
        renames: {
            dbClusterIdentifier: "clusterIdentifier",
            enableIamDatabaseAuthentication: "iamDatabaseAuthenticationEnabled",
            enableCloudwatchLogsExports: "enabledCloudwatchLogsExports",
            masterUserPassword: "masterPassword",
        },
        converted: ["masterUserSecret"],
        convert: masterUserSecretKey,
        findingNames: MASTER_SECRET_NAMES,
        identity: { dbClusterArn: "arn", dbClusterIdentifier: "clusterIdentifier" },
    },
    {
        native: native.NATIVE_RDS_GLOBAL_CLUSTER,
        cloudFormation: "AWS::RDS::GlobalCluster",
        aws: [aws.RDS_GLOBAL_CLUSTER],
    },
    {
        native: native.NATIVE_RDS_DB_SUBNET_GROUP,
        cloudFormation: "AWS::RDS::DBSubnetGroup",
        aws: [aws.RDS_SUBNET_GROUP],
        renames: { dbSubnetGroupName: "name", dbSubnetGroupDescription: "description" },
        identity: { dbSubnetGroupName: "name" },
    },
    {
        native: native.NATIVE_RDS_DB_PROXY,
        cloudFormation: "AWS::RDS::DBProxy",
        aws: [aws.RDS_PROXY],
        renames: { dbProxyName: "name", auth: "auths" },
        identity: { dbProxyArn: "arn", dbProxyName: "name" },
    },
    {
        native: native.NATIVE_NEPTUNE_DB_CLUSTER,
        cloudFormation: "AWS::Neptune::DBCluster",
        aws: [aws.NEPTUNE_CLUSTER],
        renames: {
            dbClusterIdentifier: "clusterIdentifier",
            iamAuthEnabled: "iamDatabaseAuthenticationEnabled",
            kmsKeyId: "kmsKeyArn",
            dbClusterParameterGroupName: "neptuneClusterParameterGroupName",
            dbSubnetGroupName: "neptuneSubnetGroupName",
            dbPort: "port",
        },
        identity: { dbClusterIdentifier: "clusterIdentifier" },
    },
    {
        native: native.NATIVE_NEPTUNE_DB_INSTANCE,
        cloudFormation: "AWS::Neptune::DBInstance",
        aws: [aws.NEPTUNE_CLUSTER_INSTANCE],
        renames: {
            dbClusterIdentifier: "clusterIdentifier",
            dbInstanceClass: "instanceClass",
            dbInstanceIdentifier: "identifier",
            dbSubnetGroupName: "neptuneSubnetGroupName",
            dbParameterGroupName: "neptuneParameterGroupName",
        },
    },
    {
        native: native.NATIVE_EC2_SECURITY_GROUP,
        cloudFormation: "AWS::EC2::SecurityGroup",
        aws: [aws.EC2_SECURITY_GROUP],
        renames: { groupName: "name", groupDescription: "description" },
        converted: ["securityGroupIngress", "securityGroupEgress"],
        convert: (props) =>
            defined({
                ingress: eachEntry(props.securityGroupIngress, sgRule("ingress")),
                egress: eachEntry(props.securityGroupEgress, sgRule("egress")),
            }),
        findingNames: { ...sgRuleNames("ingress", "securityGroupIngress", "ingress"), ...sgRuleNames("egress", "securityGroupEgress", "egress") },
        identity: { groupId: "id" },
    },
    {
        native: native.NATIVE_EC2_SECURITY_GROUP_INGRESS,
        cloudFormation: "AWS::EC2::SecurityGroupIngress",
        aws: [aws.VPC_SECURITY_GROUP_INGRESS_RULE],
        renames: { groupId: "securityGroupId", cidrIp: "cidrIpv4", sourcePrefixListId: "prefixListId", sourceSecurityGroupId: "referencedSecurityGroupId" },
    },
    {
        native: native.NATIVE_EC2_SECURITY_GROUP_EGRESS,
        cloudFormation: "AWS::EC2::SecurityGroupEgress",
        aws: [aws.VPC_SECURITY_GROUP_EGRESS_RULE],
        renames: { groupId: "securityGroupId", cidrIp: "cidrIpv4", destinationPrefixListId: "prefixListId", destinationSecurityGroupId: "referencedSecurityGroupId" },
    },
    {
        native: native.NATIVE_EC2_VPC,
        cloudFormation: "AWS::EC2::VPC",
        aws: [aws.EC2_VPC],
        identity: { vpcId: "id" },
    },
    {
        native: native.NATIVE_EC2_SUBNET,
        cloudFormation: "AWS::EC2::Subnet",
        aws: [aws.EC2_SUBNET],
        identity: { subnetId: "id" },
    },
    {
        native: native.NATIVE_EC2_VOLUME,
        cloudFormation: "AWS::EC2::Volume",
        aws: [aws.EBS_VOLUME],
        identity: { volumeId: "id" },
    },
    {
        native: native.NATIVE_EC2_INSTANCE,
        cloudFormation: "AWS::EC2::Instance",
        aws: [aws.EC2_INSTANCE],
        // aws-native's userData is base64 (CloudFormation's UserData), @pulumi/aws's userDataBase64.
        renames: { userData: "userDataBase64", securityGroupIds: "vpcSecurityGroupIds" },
        converted: ["blockDeviceMappings", "networkInterfaces"],
        convert: (props) =>
            defined({
                ebsBlockDevices: eachEntry(props.blockDeviceMappings, (mapping) =>
                    defined({ deviceName: mapping.deviceName, encrypted: field(mapping.ebs, "encrypted"), kmsKeyId: field(mapping.ebs, "kmsKeyId"), snapshotId: field(mapping.ebs, "snapshotId") }),
                ),
                associatePublicIpAddress: publicAddressOf(props.networkInterfaces),
            }),
        findingNames: {
            "ebsBlockDevices[*].encrypted": "blockDeviceMappings[*].ebs.encrypted",
            "ebsBlockDevices[*].kmsKeyId": "blockDeviceMappings[*].ebs.kmsKeyId",
            ebsBlockDevices: "blockDeviceMappings",
            associatePublicIpAddress: "networkInterfaces[0].associatePublicIpAddress",
        },
        identity: { instanceId: "id" },
    },
    {
        native: native.NATIVE_KMS_KEY,
        cloudFormation: "AWS::KMS::Key",
        aws: [aws.KMS_KEY],
        renames: { keyPolicy: "policy", pendingWindowInDays: "deletionWindowInDays", enabled: "isEnabled", keySpec: "customerMasterKeySpec" },
        verbatim: ["keyPolicy"],
    },
    {
        native: native.NATIVE_KMS_REPLICA_KEY,
        cloudFormation: "AWS::KMS::ReplicaKey",
        aws: [aws.KMS_REPLICA_KEY],
        renames: { keyPolicy: "policy", pendingWindowInDays: "deletionWindowInDays" },
        verbatim: ["keyPolicy"],
    },
    {
        native: native.NATIVE_DYNAMODB_TABLE,
        cloudFormation: "AWS::DynamoDB::Table",
        aws: [aws.DYNAMODB_TABLE],
        renames: { tableName: "name" },
        convert: (props) =>
            defined({
                serverSideEncryption: nested(props.sseSpecification, { sseEnabled: "enabled", kmsMasterKeyId: "kmsKeyArn" }),
                pointInTimeRecovery: nested(props.pointInTimeRecoverySpecification, { pointInTimeRecoveryEnabled: "enabled", recoveryPeriodInDays: "recoveryPeriodInDays" }),
            }),
        findingNames: {
            "serverSideEncryption.enabled": "sseSpecification.sseEnabled",
            "serverSideEncryption.kmsKeyArn": "sseSpecification.kmsMasterKeyId",
            serverSideEncryption: "sseSpecification",
            "pointInTimeRecovery.enabled": "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled",
            "pointInTimeRecovery.recoveryPeriodInDays": "pointInTimeRecoverySpecification.recoveryPeriodInDays",
            pointInTimeRecovery: "pointInTimeRecoverySpecification",
        },
        converted: ["sseSpecification", "pointInTimeRecoverySpecification", "resourcePolicy"],
        partTypes: [aws.DYNAMODB_RESOURCE_POLICY],
        parts: (props) =>
            isAbsent(props.resourcePolicy)
                ? []
                : [{ path: "resourcePolicy", type: aws.DYNAMODB_RESOURCE_POLICY, link: "resourceArn", props: { policy: field(props.resourcePolicy, "policyDocument") }, names: { policy: "policyDocument" } }],
        verbatim: ["policyDocument"],
        identity: { arn: "arn", tableName: "name" },
    },
    {
        native: native.NATIVE_SECRETSMANAGER_SECRET,
        cloudFormation: "AWS::SecretsManager::Secret",
        aws: [aws.SECRETSMANAGER_SECRET],
        renames: { replicaRegions: "replicas" },
        converted: ["secretString"],
        // The value lives on the secret in aws-native (and in the state, in plaintext): @pulumi/aws's SecretVersion.
        partTypes: [aws.SECRETSMANAGER_SECRET_VERSION],
        parts: (props) => (isAbsent(props.secretString) ? [] : [{ path: "secretString", type: aws.SECRETSMANAGER_SECRET_VERSION, link: "secretId", props: { secretString: props.secretString as Plain }, names: { secretString: "" } }]),
        identity: { awsId: "arn" },
    },
    {
        native: native.NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
        cloudFormation: "AWS::SecretsManager::ResourcePolicy",
        aws: [aws.SECRETSMANAGER_SECRET_POLICY],
        renames: { secretId: "secretArn", resourcePolicy: "policy" },
        verbatim: ["resourcePolicy"],
    },
    {
        native: native.NATIVE_SSM_PARAMETER,
        cloudFormation: "AWS::SSM::Parameter",
        aws: [aws.SSM_PARAMETER],
        // CloudFormation's SSM tags are a map, not a list.
        verbatim: ["tags"],
    },
    {
        native: native.NATIVE_IAM_ROLE,
        cloudFormation: "AWS::IAM::Role",
        aws: [aws.IAM_ROLE],
        renames: { roleName: "name", assumeRolePolicyDocument: "assumeRolePolicy" },
        converted: ["policies"],
        convert: (props) => defined({ inlinePolicies: eachEntry(props.policies, (p) => defined({ name: p.policyName, policy: p.policyDocument })) }),
        findingNames: { "inlinePolicies[*].policy": "policies[*].policyDocument", "inlinePolicies[*].name": "policies[*].policyName", inlinePolicies: "policies" },
        verbatim: ["assumeRolePolicyDocument", "policyDocument"],
        identity: { arn: "arn", roleName: "name" },
    },
    {
        native: native.NATIVE_IAM_USER,
        cloudFormation: "AWS::IAM::User",
        aws: [aws.IAM_USER],
        renames: { userName: "name" },
        converted: ["loginProfile", "policies", "managedPolicyArns", "groups"],
        partTypes: [aws.IAM_USER_LOGIN_PROFILE, aws.IAM_USER_POLICY, aws.IAM_USER_POLICY_ATTACHMENT, aws.IAM_USER_GROUP_MEMBERSHIP],
        parts: (props) => [
            ...(isAbsent(props.loginProfile)
                ? []
                : [{ path: "loginProfile", type: aws.IAM_USER_LOGIN_PROFILE, link: "user", props: nestedOrUnknown(props.loginProfile, { passwordResetRequired: "passwordResetRequired" }) }]),
            ...inlinePolicyParts(props.policies, aws.IAM_USER_POLICY, "user"),
            ...managedPolicyParts(props.managedPolicyArns, aws.IAM_USER_POLICY_ATTACHMENT, "user"),
            ...(isAbsent(props.groups) ? [] : [{ path: "groups", type: aws.IAM_USER_GROUP_MEMBERSHIP, link: "user", props: { groups: props.groups as Plain }, names: { groups: "" } }]),
        ],
        verbatim: ["policyDocument"],
        identity: { arn: "arn", userName: "name" },
    },
    {
        native: native.NATIVE_IAM_GROUP,
        cloudFormation: "AWS::IAM::Group",
        aws: [aws.IAM_GROUP],
        renames: { groupName: "name" },
        converted: ["policies", "managedPolicyArns"],
        partTypes: [aws.IAM_GROUP_POLICY, aws.IAM_GROUP_POLICY_ATTACHMENT],
        parts: (props) => [...inlinePolicyParts(props.policies, aws.IAM_GROUP_POLICY, "group"), ...managedPolicyParts(props.managedPolicyArns, aws.IAM_GROUP_POLICY_ATTACHMENT, "group")],
        verbatim: ["policyDocument"],
        identity: { arn: "arn", groupName: "name" },
    },
    {
        native: native.NATIVE_IAM_MANAGED_POLICY,
        cloudFormation: "AWS::IAM::ManagedPolicy",
        aws: [aws.IAM_POLICY],
        renames: { managedPolicyName: "name", policyDocument: "policy" },
        converted: ["roles", "users", "groups"],
        // The principals a managed policy names are attached to it: @pulumi/aws's PolicyAttachment.
        partTypes: [aws.IAM_POLICY_ATTACHMENT],
        parts: (props) =>
            (["roles", "users", "groups"] as const)
                .filter((key) => !isAbsent(props[key]))
                .map((key): Part => ({ path: key, type: aws.IAM_POLICY_ATTACHMENT, link: "policyArn", props: { [key]: props[key] as Plain }, names: { [key]: "" } })),
        verbatim: ["policyDocument"],
        identity: { policyArn: "arn" },
    },
    {
        native: native.NATIVE_IAM_ROLE_POLICY,
        cloudFormation: "AWS::IAM::RolePolicy",
        aws: [aws.IAM_ROLE_POLICY],
        renames: { roleName: "role", policyName: "name", policyDocument: "policy" },
        verbatim: ["policyDocument"],
    },
    {
        native: native.NATIVE_IAM_USER_POLICY,
        cloudFormation: "AWS::IAM::UserPolicy",
        aws: [aws.IAM_USER_POLICY],
        renames: { userName: "user", policyName: "name", policyDocument: "policy" },
        verbatim: ["policyDocument"],
    },
    {
        native: native.NATIVE_IAM_GROUP_POLICY,
        cloudFormation: "AWS::IAM::GroupPolicy",
        aws: [aws.IAM_GROUP_POLICY],
        renames: { groupName: "group", policyName: "name", policyDocument: "policy" },
        verbatim: ["policyDocument"],
    },
    {
        native: native.NATIVE_S3_BUCKET_POLICY,
        cloudFormation: "AWS::S3::BucketPolicy",
        aws: [aws.S3_BUCKET_POLICY],
        renames: { policyDocument: "policy" },
        verbatim: ["policyDocument"],
    },
    {
        native: native.NATIVE_ELASTICACHE_REPLICATION_GROUP,
        cloudFormation: "AWS::ElastiCache::ReplicationGroup",
        aws: [aws.ELASTICACHE_REPLICATION_GROUP],
        renames: { replicationGroupDescription: "description", cacheSubnetGroupName: "subnetGroupName", cacheNodeType: "nodeType", cacheParameterGroupName: "parameterGroupName" },
        identity: { replicationGroupId: "replicationGroupId" },
    },
    {
        native: native.NATIVE_ELASTICACHE_SUBNET_GROUP,
        cloudFormation: "AWS::ElastiCache::SubnetGroup",
        aws: [aws.ELASTICACHE_SUBNET_GROUP],
        renames: { cacheSubnetGroupName: "name" },
        identity: { cacheSubnetGroupName: "name" },
    },
    {
        native: native.NATIVE_REDSHIFT_CLUSTER,
        cloudFormation: "AWS::Redshift::Cluster",
        aws: [aws.REDSHIFT_CLUSTER],
        renames: { masterUserPassword: "masterPassword" },
        converted: ["loggingProperties"],
        partTypes: [aws.REDSHIFT_LOGGING],
        parts: (props) =>
            isAbsent(props.loggingProperties)
                ? []
                : [
                      {
                          path: "loggingProperties",
                          type: aws.REDSHIFT_LOGGING,
                          link: "clusterIdentifier",
                          props: nestedOrUnknown(props.loggingProperties, { bucketName: "bucketName", s3KeyPrefix: "s3KeyPrefix", logDestinationType: "logDestinationType", logExports: "logExports" }),
                      },
                  ],
        identity: { clusterIdentifier: "clusterIdentifier" },
    },
    {
        native: native.NATIVE_RDS_DB_PARAMETER_GROUP,
        cloudFormation: "AWS::RDS::DBParameterGroup",
        aws: [aws.RDS_PARAMETER_GROUP],
        renames: { dbParameterGroupName: "name" },
        converted: ["parameters"],
        convert: (props) => defined({ parameters: parameterList(props.parameters) }),
        findingNames: PARAMETER_NAMES,
        verbatim: ["parameters"],
        identity: { dbParameterGroupName: "name" },
    },
    {
        native: native.NATIVE_RDS_DB_CLUSTER_PARAMETER_GROUP,
        cloudFormation: "AWS::RDS::DBClusterParameterGroup",
        aws: [aws.RDS_CLUSTER_PARAMETER_GROUP],
        renames: { dbClusterParameterGroupName: "name" },
        converted: ["parameters"],
        convert: (props) => defined({ parameters: parameterList(props.parameters) }),
        findingNames: PARAMETER_NAMES,
        verbatim: ["parameters"],
        identity: { dbClusterParameterGroupName: "name" },
    },
    {
        native: native.NATIVE_NEPTUNE_DB_SUBNET_GROUP,
        cloudFormation: "AWS::Neptune::DBSubnetGroup",
        aws: [aws.NEPTUNE_SUBNET_GROUP],
        renames: { dbSubnetGroupName: "name", dbSubnetGroupDescription: "description" },
        identity: { dbSubnetGroupName: "name" },
    },
    {
        native: native.NATIVE_NEPTUNE_DB_CLUSTER_PARAMETER_GROUP,
        cloudFormation: "AWS::Neptune::DBClusterParameterGroup",
        aws: [aws.NEPTUNE_CLUSTER_PARAMETER_GROUP],
        converted: ["parameters"],
        convert: (props) => defined({ parameters: parameterList(props.parameters) }),
        findingNames: PARAMETER_NAMES,
        verbatim: ["parameters"],
    },
    {
        native: native.NATIVE_NEPTUNE_GLOBAL_CLUSTER,
        cloudFormation: "AWS::Neptune::GlobalCluster",
        aws: [aws.NEPTUNE_GLOBAL_CLUSTER],
    },
    {
        native: native.NATIVE_DOCDB_GLOBAL_CLUSTER,
        cloudFormation: "AWS::DocDB::GlobalCluster",
        aws: [aws.DOCDB_GLOBAL_CLUSTER],
    },
    {
        native: native.NATIVE_DOCDB_DB_SUBNET_GROUP,
        cloudFormation: "AWS::DocDB::DBSubnetGroup",
        aws: [aws.DOCDB_SUBNET_GROUP],
        renames: { dbSubnetGroupName: "name", dbSubnetGroupDescription: "description" },
        identity: { dbSubnetGroupName: "name" },
    },
    {
        native: native.NATIVE_DOCDB_DB_CLUSTER_PARAMETER_GROUP,
        cloudFormation: "AWS::DocDB::DBClusterParameterGroup",
        aws: [aws.DOCDB_CLUSTER_PARAMETER_GROUP],
        converted: ["parameters"],
        convert: (props) => defined({ parameters: parameterList(props.parameters) }),
        findingNames: PARAMETER_NAMES,
        verbatim: ["parameters"],
    },
    {
        native: native.NATIVE_DOCDBELASTIC_CLUSTER,
        cloudFormation: "AWS::DocDBElastic::Cluster",
        aws: [aws.DOCDB_ELASTIC_CLUSTER],
        renames: { clusterName: "name" },
        identity: { clusterArn: "arn" },
    },
    {
        native: native.NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP,
        cloudFormation: "AWS::Redshift::ClusterParameterGroup",
        aws: [aws.REDSHIFT_PARAMETER_GROUP],
        renames: { parameterGroupName: "name", parameterGroupFamily: "family" },
        converted: ["parameters"],
        convert: (props) => defined({ parameters: eachEntry(props.parameters, (p) => defined({ name: p.parameterName, value: p.parameterValue })) }),
        findingNames: { "parameters[*].value": "parameters[*].parameterValue", "parameters[*].name": "parameters[*].parameterName", parameters: "parameters" },
        identity: { parameterGroupName: "name" },
    },
    {
        native: native.NATIVE_REDSHIFT_CLUSTER_SUBNET_GROUP,
        cloudFormation: "AWS::Redshift::ClusterSubnetGroup",
        aws: [aws.REDSHIFT_SUBNET_GROUP],
        identity: { clusterSubnetGroupName: "name" },
    },
    {
        native: native.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
        cloudFormation: "AWS::RedshiftServerless::Namespace",
        aws: [aws.REDSHIFTSERVERLESS_NAMESPACE],
        identity: { namespaceName: "namespaceName" },
    },
    {
        native: native.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
        cloudFormation: "AWS::RedshiftServerless::Workgroup",
        aws: [aws.REDSHIFTSERVERLESS_WORKGROUP],
    },
    {
        native: native.NATIVE_ELASTICACHE_CACHE_CLUSTER,
        cloudFormation: "AWS::ElastiCache::CacheCluster",
        aws: [aws.ELASTICACHE_CLUSTER],
        renames: { clusterName: "clusterId", cacheSubnetGroupName: "subnetGroupName", vpcSecurityGroupIds: "securityGroupIds", cacheNodeType: "nodeType", cacheParameterGroupName: "parameterGroupName" },
    },
    {
        native: native.NATIVE_ELASTICACHE_SERVERLESS_CACHE,
        cloudFormation: "AWS::ElastiCache::ServerlessCache",
        aws: [aws.ELASTICACHE_SERVERLESS_CACHE],
        renames: { serverlessCacheName: "name" },
        identity: { arn: "arn" },
    },
    {
        native: native.NATIVE_ELASTICACHE_USER,
        cloudFormation: "AWS::ElastiCache::User",
        aws: [aws.ELASTICACHE_USER],
        identity: { userId: "userId" },
    },
    {
        native: native.NATIVE_ELASTICACHE_USER_GROUP,
        cloudFormation: "AWS::ElastiCache::UserGroup",
        aws: [aws.ELASTICACHE_USER_GROUP],
        identity: { userGroupId: "userGroupId" },
    },
    {
        native: native.NATIVE_MEMORYDB_CLUSTER,
        cloudFormation: "AWS::MemoryDB::Cluster",
        aws: [aws.MEMORYDB_CLUSTER],
        renames: { clusterName: "name", kmsKeyId: "kmsKeyArn" },
    },
    {
        native: native.NATIVE_MEMORYDB_USER,
        cloudFormation: "AWS::MemoryDB::User",
        aws: [aws.MEMORYDB_USER],
    },
    {
        native: native.NATIVE_MEMORYDB_SUBNET_GROUP,
        cloudFormation: "AWS::MemoryDB::SubnetGroup",
        aws: [aws.MEMORYDB_SUBNET_GROUP],
        renames: { subnetGroupName: "name" },
        identity: { subnetGroupName: "name" },
    },
    {
        native: native.NATIVE_OPENSEARCHSERVICE_DOMAIN,
        cloudFormation: "AWS::OpenSearchService::Domain",
        aws: [aws.OPENSEARCH_DOMAIN],
        renames: { encryptionAtRestOptions: "encryptAtRest", nodeToNodeEncryptionOptions: "nodeToNodeEncryption" },
        converted: ["logPublishingOptions"],
        convert: (props) => defined({ logPublishingOptions: logPublishing(props.logPublishingOptions) }),
        findingNames: { logPublishingOptions: "logPublishingOptions" },
        verbatim: ["accessPolicies", "logPublishingOptions", "advancedOptions"],
        identity: { arn: "arn", domainName: "domainName" },
    },
    {
        native: native.NATIVE_CLOUDTRAIL_TRAIL,
        cloudFormation: "AWS::CloudTrail::Trail",
        aws: [aws.CLOUDTRAIL_TRAIL],
        renames: { trailName: "name", isLogging: "enableLogging", cloudWatchLogsLogGroupArn: "cloudWatchLogsGroupArn" },
    },
    {
        native: native.NATIVE_LAMBDA_FUNCTION,
        cloudFormation: "AWS::Lambda::Function",
        aws: [aws.LAMBDA_FUNCTION],
        renames: { functionName: "name" },
        verbatim: ["variables"],
    },
    {
        native: native.NATIVE_ECS_TASK_DEFINITION,
        cloudFormation: "AWS::ECS::TaskDefinition",
        aws: [aws.ECS_TASK_DEFINITION],
    },
    {
        native: native.NATIVE_GLUE_CONNECTION,
        cloudFormation: "AWS::Glue::Connection",
        aws: [aws.GLUE_CONNECTION],
        converted: ["connectionInput"],
        convert: (props) =>
            defined({
                connectionProperties: field(props.connectionInput, "connectionProperties"),
                connectionType: field(props.connectionInput, "connectionType"),
                name: field(props.connectionInput, "name"),
            }),
        findingNames: { connectionProperties: "connectionInput.connectionProperties", connectionType: "connectionInput.connectionType" },
        verbatim: ["connectionProperties"],
    },
    {
        native: native.NATIVE_EC2_LAUNCH_TEMPLATE,
        cloudFormation: "AWS::EC2::LaunchTemplate",
        aws: [aws.EC2_LAUNCH_TEMPLATE],
        renames: { launchTemplateName: "name" },
        converted: ["launchTemplateData"],
        // @pulumi/aws spreads CloudFormation's LaunchTemplateData over the resource, with the same names inside.
        convert: (props) => (isObject(props.launchTemplateData) ? { ...props.launchTemplateData } : props.launchTemplateData === UNKNOWN ? { metadataOptions: UNKNOWN, userData: UNKNOWN, networkInterfaces: UNKNOWN, blockDeviceMappings: UNKNOWN } : {}),
        findingNames: {
            metadataOptions: "launchTemplateData.metadataOptions",
            userData: "launchTemplateData.userData",
            networkInterfaces: "launchTemplateData.networkInterfaces",
            blockDeviceMappings: "launchTemplateData.blockDeviceMappings",
            vpcSecurityGroupIds: "launchTemplateData.securityGroupIds",
        },
    },
    {
        native: native.NATIVE_EC2_ROUTE,
        cloudFormation: "AWS::EC2::Route",
        aws: [aws.EC2_ROUTE],
    },
    {
        native: native.NATIVE_EC2_ROUTE_TABLE,
        cloudFormation: "AWS::EC2::RouteTable",
        aws: [aws.EC2_ROUTE_TABLE],
        identity: { routeTableId: "id" },
    },
    {
        native: native.NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION,
        cloudFormation: "AWS::EC2::SubnetRouteTableAssociation",
        aws: [aws.EC2_ROUTE_TABLE_ASSOCIATION],
    },
    {
        native: native.NATIVE_EC2_INTERNET_GATEWAY,
        cloudFormation: "AWS::EC2::InternetGateway",
        aws: [aws.EC2_INTERNET_GATEWAY],
        identity: { internetGatewayId: "id" },
    },
    {
        native: native.NATIVE_EC2_VOLUME_ATTACHMENT,
        cloudFormation: "AWS::EC2::VolumeAttachment",
        aws: [aws.EC2_VOLUME_ATTACHMENT],
        renames: { device: "deviceName" },
    },
    {
        native: native.NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE,
        cloudFormation: "AWS::SecretsManager::RotationSchedule",
        aws: [aws.SECRETSMANAGER_SECRET_ROTATION],
        converted: ["hostedRotationLambda"],
        // A hosted rotation Lambda is created by CloudFormation: rotation is configured, with a function the template
        // does not name.
        convert: (props) => (isAbsent(props.hostedRotationLambda) || !isAbsent(props.rotationLambdaArn) ? {} : { rotationLambdaArn: UNKNOWN }),
    },
    {
        native: native.NATIVE_S3_BUCKET,
        cloudFormation: "AWS::S3::Bucket",
        aws: [aws.S3_BUCKET],
        renames: { bucketName: "bucket" },
        converted: ["bucketEncryption", "publicAccessBlockConfiguration", "versioningConfiguration", "ownershipControls", "loggingConfiguration", "accessControl"],
        findingNames: {
            bucketPublicAccessBlock: "publicAccessBlockConfiguration",
            "rule.objectOwnership": "ownershipControls.rules[0].objectOwnership",
            versioning: "versioningConfiguration",
            serverSideEncryptionConfiguration: "bucketEncryption",
        },
        partTypes: [aws.S3_BUCKET_PUBLIC_ACCESS_BLOCK, aws.S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION, aws.S3_BUCKET_VERSIONING, aws.S3_BUCKET_OWNERSHIP_CONTROLS, aws.S3_BUCKET_ACL, aws.S3_BUCKET_LOGGING],
        parts: s3BucketParts,
        identity: { arn: "arn", bucketName: "bucket" },
    },
    {
        native: native.NATIVE_BACKUP_BACKUP_VAULT,
        cloudFormation: "AWS::Backup::BackupVault",
        aws: [aws.BACKUP_VAULT],
        renames: { backupVaultName: "name", encryptionKeyArn: "kmsKeyArn", backupVaultTags: "tags" },
        converted: ["lockConfiguration", "accessPolicy"],
        verbatim: ["accessPolicy", "backupVaultTags"],
        partTypes: [aws.BACKUP_VAULT_LOCK_CONFIGURATION, aws.BACKUP_VAULT_POLICY],
        parts: (props) => [
            ...(isAbsent(props.lockConfiguration)
                ? []
                : [{ path: "lockConfiguration", type: aws.BACKUP_VAULT_LOCK_CONFIGURATION, link: "backupVaultName", props: nestedOrUnknown(props.lockConfiguration, { changeableForDays: "changeableForDays", minRetentionDays: "minRetentionDays", maxRetentionDays: "maxRetentionDays" }) }]),
            ...(isAbsent(props.accessPolicy) ? [] : [{ path: "accessPolicy", type: aws.BACKUP_VAULT_POLICY, link: "backupVaultName", props: { policy: props.accessPolicy as Plain }, names: { policy: "" } }]),
        ],
        identity: { backupVaultArn: "arn", backupVaultName: "name" },
    },
    {
        native: native.NATIVE_BACKUP_LOGICALLY_AIR_GAPPED_BACKUP_VAULT,
        cloudFormation: "AWS::Backup::LogicallyAirGappedBackupVault",
        aws: [aws.BACKUP_LOGICALLY_AIR_GAPPED_VAULT],
        renames: { backupVaultName: "name", backupVaultTags: "tags", encryptionKeyArn: "encryptionKeyArn" },
        verbatim: ["accessPolicy", "backupVaultTags"],
        identity: { backupVaultArn: "arn", backupVaultName: "name" },
    },
    {
        native: native.NATIVE_BACKUP_BACKUP_PLAN,
        cloudFormation: "AWS::Backup::BackupPlan",
        aws: [aws.BACKUP_PLAN],
        renames: { backupPlanTags: "tags" },
        converted: ["backupPlan"],
        convert: (props) =>
            defined({
                name: field(props.backupPlan, "backupPlanName"),
                rules: eachEntry(field(props.backupPlan, "backupPlanRule"), (rule) =>
                    defined({
                        ruleName: rule.ruleName,
                        targetVaultName: rule.targetBackupVault,
                        schedule: rule.scheduleExpression,
                        lifecycle: rule.lifecycle,
                        copyActions: eachEntry(rule.copyActions, (copy) => defined({ destinationVaultArn: copy.destinationBackupVaultArn, lifecycle: copy.lifecycle })),
                    }),
                ),
            }),
        findingNames: {
            "rules[*].targetVaultName": "backupPlan.backupPlanRule[*].targetBackupVault",
            "rules[*].copyActions[*].destinationVaultArn": "backupPlan.backupPlanRule[*].copyActions[*].destinationBackupVaultArn",
            "rules[*]": "backupPlan.backupPlanRule[*]",
            rules: "backupPlan.backupPlanRule",
            name: "backupPlan.backupPlanName",
        },
        verbatim: ["backupPlanTags", "recoveryPointTags"],
        identity: { backupPlanId: "id", backupPlanArn: "arn" },
    },
    {
        native: native.NATIVE_BACKUP_BACKUP_SELECTION,
        cloudFormation: "AWS::Backup::BackupSelection",
        aws: [aws.BACKUP_SELECTION],
        renames: { backupPlanId: "planId" },
        converted: ["backupSelection"],
        convert: (props) =>
            defined({
                name: field(props.backupSelection, "selectionName"),
                iamRoleArn: field(props.backupSelection, "iamRoleArn"),
                resources: field(props.backupSelection, "resources"),
                notResources: field(props.backupSelection, "notResources"),
                selectionTags: eachEntry(field(props.backupSelection, "listOfTags"), (tag) => defined({ type: tag.conditionType, key: tag.conditionKey, value: tag.conditionValue })),
            }),
        findingNames: {
            resources: "backupSelection.resources",
            notResources: "backupSelection.notResources",
            selectionTags: "backupSelection.listOfTags",
            iamRoleArn: "backupSelection.iamRoleArn",
        },
    },
    {
        native: native.NATIVE_LOGS_METRIC_FILTER,
        cloudFormation: "AWS::Logs::MetricFilter",
        aws: [aws.CLOUDWATCH_LOG_METRIC_FILTER],
        renames: { filterName: "name", filterPattern: "pattern" },
        converted: ["metricTransformations"],
        convert: (props) => {
            const list = props.metricTransformations;
            const first = Array.isArray(list) ? list[0] : list;
            return defined({ metricTransformation: first === UNKNOWN ? UNKNOWN : nested(first, { metricName: "name", metricNamespace: "namespace", metricValue: "value" }) });
        },
        findingNames: {
            "metricTransformation.name": "metricTransformations[0].metricName",
            "metricTransformation.namespace": "metricTransformations[0].metricNamespace",
            metricTransformation: "metricTransformations",
        },
    },
    {
        native: native.NATIVE_CLOUDWATCH_ALARM,
        cloudFormation: "AWS::CloudWatch::Alarm",
        aws: [aws.CLOUDWATCH_METRIC_ALARM],
        renames: { alarmName: "name", alarmDescription: "alarmDescription" },
    },
    {
        native: native.NATIVE_DAX_SUBNET_GROUP,
        cloudFormation: "AWS::DAX::SubnetGroup",
        aws: [aws.DAX_SUBNET_GROUP],
        renames: { subnetGroupName: "name" },
        identity: { subnetGroupName: "name" },
    },
    {
        native: native.NATIVE_DYNAMODB_GLOBAL_TABLE,
        cloudFormation: "AWS::DynamoDB::GlobalTable",
        aws: [aws.DYNAMODB_TABLE],
        renames: { tableName: "name" },
        converted: ["sseSpecification", "replicas"],
        // A global table's encryption is on for all replicas or none, with a key per replica; its point-in-time
        // recovery and deletion protection are per replica: the table passes only when every replica does.
        convert: (props) =>
            defined({
                serverSideEncryption: props.sseSpecification === UNKNOWN ? UNKNOWN : isObject(props.sseSpecification) ? defined({ enabled: props.sseSpecification.sseEnabled, kmsKeyArn: everyReplica(props.replicas, "sseSpecification.kmsMasterKeyId") }) : undefined,
                pointInTimeRecovery: defined({ enabled: everyReplica(props.replicas, "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled") }),
                deletionProtectionEnabled: everyReplica(props.replicas, "deletionProtectionEnabled"),
            }),
        findingNames: {
            "serverSideEncryption.enabled": "sseSpecification.sseEnabled",
            "serverSideEncryption.kmsKeyArn": "replicas[*].sseSpecification.kmsMasterKeyId",
            serverSideEncryption: "sseSpecification",
            "pointInTimeRecovery.enabled": "replicas[*].pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled",
            pointInTimeRecovery: "replicas[*].pointInTimeRecoverySpecification",
            deletionProtectionEnabled: "replicas[*].deletionProtectionEnabled",
        },
        verbatim: ["policyDocument"],
        identity: { arn: "arn", tableName: "name" },
    },
    {
        native: native.NATIVE_AUTOSCALING_LAUNCH_CONFIGURATION,
        cloudFormation: "AWS::AutoScaling::LaunchConfiguration",
        aws: [aws.EC2_LAUNCH_CONFIGURATION],
        // Both providers take CloudFormation's base64 UserData here as `userData`... @pulumi/aws's is plain text.
        renames: { launchConfigurationName: "name", userData: "userDataBase64" },
        converted: ["blockDeviceMappings"],
        convert: (props) =>
            defined({
                ebsBlockDevices: eachEntry(props.blockDeviceMappings, (mapping) => defined({ deviceName: mapping.deviceName, encrypted: field(mapping.ebs, "encrypted"), snapshotId: field(mapping.ebs, "snapshotId") })),
            }),
        findingNames: { "ebsBlockDevices[*].encrypted": "blockDeviceMappings[*].ebs.encrypted", ebsBlockDevices: "blockDeviceMappings" },
    },
];

/** Renames the keys of an object (an aws-native sub-structure as @pulumi/aws's); unknown stays unknown. */
function nested(value: Plain, names: Readonly<Record<string, string>>): Plain {
    if (!isObject(value)) {
        return value;
    }
    const out: PlainObject = {};
    for (const [from, to] of Object.entries(names)) {
        if (value[from] !== undefined) {
            out[to] = value[from];
        }
    }
    return out;
}

/** Whether an instance's network interfaces ask for a public IPv4 address: true if any does, unknown if any may. */
function publicAddressOf(interfaces: Plain): Plain {
    if (interfaces === UNKNOWN) {
        return UNKNOWN;
    }
    if (!Array.isArray(interfaces)) {
        return undefined;
    }
    let result: Plain = undefined;
    for (const item of interfaces) {
        const value = item === UNKNOWN ? UNKNOWN : isObject(item) ? item.associatePublicIpAddress : undefined;
        if (value === true || value === "true") {
            return true;
        }
        if (value === UNKNOWN) {
            result = UNKNOWN;
        } else if (value !== undefined && result === undefined) {
            result = value;
        }
    }
    return result;
}

/**
 * CloudFormation types that have no CloudControl schema, hence no aws-native form, but are common in templates: read
 * from an aws.cloudformation.Stack's template like the rest (names camelCased from CloudFormation's).
 */
export const CLOUDFORMATION_ONLY: readonly Translatable[] = [
    {
        cloudFormation: "AWS::DocDB::DBCluster",
        aws: [aws.DOCDB_CLUSTER],
        renames: { dbClusterIdentifier: "clusterIdentifier", masterUserPassword: "masterPassword", enableCloudwatchLogsExports: "enabledCloudwatchLogsExports" },
    },
    {
        cloudFormation: "AWS::IAM::AccessKey",
        aws: [aws.IAM_ACCESS_KEY],
        renames: { userName: "user" },
    },
];

const byNative = new Map(NATIVE_MAPPINGS.map((m) => [m.native, m]));
const byCloudFormation = new Map<string, Translatable>([...NATIVE_MAPPINGS, ...CLOUDFORMATION_ONLY].map((m) => [m.cloudFormation, m]));

export function nativeMapping(type: string): NativeMapping | undefined {
    return byNative.get(type);
}

export function cloudFormationMapping(type: string): Translatable | undefined {
    return byCloudFormation.get(type);
}

/** True when a CloudFormation template can declare resources the policies for `awsTypes` judge. */
export function templatesCover(awsTypes: Iterable<string>): boolean {
    const types = new Set(awsTypes);
    return [...NATIVE_MAPPINGS, ...CLOUDFORMATION_ONLY].some((m) => [...m.aws, ...(m.partTypes ?? [])].some((t) => types.has(t)));
}

/** The aws-native tokens whose resources the policies for `awsTypes` also judge. */
export function nativeEquivalents(awsTypes: readonly string[]): string[] {
    return NATIVE_MAPPINGS.filter((m) => [...m.aws, ...(m.partTypes ?? [])].some((t) => awsTypes.includes(t))).map((m) => m.native);
}

// ---------------------------------------------------------------------------------------------------------------
// Translation
// ---------------------------------------------------------------------------------------------------------------

interface Translation {
    type: string;
    props: PlainObject;
    /** @pulumi/aws properties left undecided because aws-native's default differs. */
    unset: ReadonlyMap<string, string>;
    /** @pulumi/aws properties whose default differs in aws-native, set or not. */
    differing: ReadonlySet<string>;
}

/** The @pulumi/aws shape of an aws-native resource's properties. */
export function translateProps(mapping: Translatable, props: PlainObject): Translation {
    const type = mapping.awsType ? mapping.awsType(props) : mapping.aws[0]!;
    const out: PlainObject = {};
    const converted = new Set(mapping.converted ?? []);
    for (const [key, value] of Object.entries(props)) {
        if (converted.has(key)) {
            continue;
        }
        out[mapping.renames?.[key] ?? key] = value;
    }
    if (props.tags !== undefined) {
        out.tags = tagMap(props.tags);
    }
    Object.assign(out, mapping.convert?.(props) ?? {});
    for (const [from, to] of Object.entries(mapping.identity ?? {})) {
        if (typeof props[from] === "string" && out[to] === undefined) {
            out[to] = props[from];
        }
    }
    const unset = new Map<string, string>();
    for (const [property, reason] of Object.entries(mapping.unsetDefaults ?? {})) {
        if (isAbsent(out[property])) {
            out[property] = UNKNOWN;
            unset.set(property, reason);
        }
    }
    return { type, props: out, unset, differing: new Set(Object.keys(mapping.unsetDefaults ?? {})) };
}

// ---------------------------------------------------------------------------------------------------------------
// Property names in findings: @pulumi/aws's -> the resource's own
// ---------------------------------------------------------------------------------------------------------------

type Segment = string | number;

function segments(path: string): Segment[] | undefined {
    const out: Segment[] = [];
    const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+|\*)\]|\.(\d+)(?=\.|\[|$)/gy;
    let index = 0;
    while (index < path.length) {
        if (path[index] === ".") {
            index += 1;
            if (/\d/.test(path[index] ?? "")) {
                const digits = /^\d+/.exec(path.slice(index))![0];
                out.push(Number(digits));
                index += digits.length;
            }
            continue;
        }
        pattern.lastIndex = index;
        const match = pattern.exec(path);
        if (!match) {
            return undefined;
        }
        out.push(match[1] ?? (match[2] === "*" ? -1 : Number(match[2])));
        index = pattern.lastIndex;
    }
    return out;
}

function render(parts: readonly Segment[]): string {
    // -1: a `[*]` of the target that no index of the source fills (every replica).
    return parts.map((p, i) => (typeof p === "number" ? (p === -1 ? "[*]" : `[${p}]`) : i === 0 ? p : `.${p}`)).join("");
}

/** A path-renaming function from a table of @pulumi/aws path patterns to the resource's own (`[*]` = any index). */
export function pathRenamer(table: ReadonlyArray<readonly [string, string]>): (path: string) => string {
    const rules = table
        .map(([from, to]) => ({ from: segments(from)!, to: segments(to)! }))
        .sort((a, b) => b.from.length - a.from.length);
    return (path) => {
        const parts = segments(path);
        if (!parts) {
            return path;
        }
        for (const rule of rules) {
            if (rule.from.length > parts.length) {
                continue;
            }
            const indexes: number[] = [];
            const matches = rule.from.every((segment, i) => {
                const actual = parts[i]!;
                if (segment === -1) {
                    if (typeof actual !== "number") {
                        return false;
                    }
                    indexes.push(actual);
                    return true;
                }
                return segment === actual;
            });
            if (!matches) {
                continue;
            }
            const head = rule.to.map((segment) => (segment === -1 ? (indexes.shift() ?? -1) : segment));
            return render([...head, ...parts.slice(rule.from.length)]);
        }
        return path;
    };
}

/**
 * Renames the property and the backticked property names in a finding's message (those `isName` accepts: all by
 * default; `rest` is what follows the name inside the backticks, such as `: true`).
 */
export function renameFinding(finding: Finding, rename: (path: string) => string, isName: (path: string, rest: string) => boolean = () => true): Finding {
    const property = finding.property === "*" ? "*" : rename(finding.property);
    const message = finding.message.replace(/`([A-Za-z_$][\w$.[\]]*)([^`]*)`/g, (all, path: string, rest: string) => (isName(path, rest) ? `\`${rename(path)}${rest}\`` : all));
    return { ...finding, property, message };
}

const renamers = new Map<Translatable, (path: string) => string>();

/** @pulumi/aws property path -> the aws-native path of the same setting. */
export function nativeName(mapping: Translatable): (path: string) => string {
    let renamer = renamers.get(mapping);
    if (!renamer) {
        const table: [string, string][] = [
            ...Object.entries(mapping.renames ?? {}).map(([from, to]) => [to, from] as [string, string]),
            ...Object.entries(mapping.findingNames ?? {}),
        ];
        renamer = pathRenamer(table);
        renamers.set(mapping, renamer);
    }
    return renamer;
}

const UNKNOWN_NOTE = new RegExp(UNKNOWN_NOTE_TEXT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/**
 * Findings in aws-native's names. A finding on a property left undecided only because aws-native's default differs
 * becomes a violation that says so (the inputs do show the property unset), at the policy's level.
 */
export function translatedFindings(findings: readonly Finding[], translation: Translation, rename: (path: string) => string): Finding[] {
    return findings.map((finding) => {
        const reason = finding.undecided ? translation.unset.get(finding.property) : undefined;
        // "(or omit it)" advice holds for @pulumi/aws's default, not for aws-native's.
        const message = translation.differing.has(finding.property) ? finding.message.replace(/ \(or omit it[^)]*\)/g, "") : finding.message;
        const adjusted = reason ? { ...finding, undecided: false, message: message.replace(UNKNOWN_NOTE, reason) } : { ...finding, message };
        if (reason && !UNKNOWN_NOTE.test(finding.message)) {
            adjusted.message = `\`${finding.property}\` ${reason} ${finding.message}`;
        }
        if (adjusted.undecided === false) {
            delete adjusted.undecided;
        }
        return renameFinding(adjusted, rename);
    });
}

/** A part's findings in the names of the inline setting it came from (`publicAccessBlockConfiguration.blockPublicAcls`). */
function partRenamer(part: Part): (path: string) => string {
    const inner = pathRenamer(Object.entries(part.names ?? {}));
    return (path) => {
        const renamed = inner(path);
        return renamed === "" ? part.path : `${part.path}.${renamed}`;
    };
}

/** The parts of an aws-native resource (its inline settings as @pulumi/aws resources), never throwing. */
function partsOf(mapping: Translatable, props: PlainObject): Part[] {
    return mapping.parts ? mapping.parts(props) : [];
}

/**
 * The views of an aws-native resource for the policies of @pulumi/aws's `awsTypes`: the resource itself and its
 * inline settings (parts), each judged as the @pulumi/aws resource it corresponds to.
 */
export function nativeViews(type: string, props: PlainObject, awsTypes: ReadonlySet<string>): ResourceView[] {
    const mapping = byNative.get(type);
    return mapping ? mappedViews(mapping, props, awsTypes) : [];
}

/**
 * A resource's translation and parts under a mapping, made once per copy of its properties: the one-pass runner asks
 * for the views of one resource once per policy that judges it (some twenty for a database), always with the same
 * copy, which no policy changes.
 */
const translations: PerMapping<{ translation: Translation; parts: Part[] }> = new WeakMap();

function translated(mapping: Translatable, props: PlainObject): { translation: Translation; parts: Part[] } {
    return perMapping(translations, props, mapping, () => ({ translation: translateProps(mapping, props), parts: partsOf(mapping, props) }));
}

/** Values made once per object and mapping (the object: one call's copy of a resource's properties, never changed). */
export type PerMapping<V> = WeakMap<object, Map<Translatable, V>>;

/** The value `cache` holds for `object` and `mapping`, made by `make` the first time. */
export function perMapping<V>(cache: PerMapping<V>, object: object, mapping: Translatable, make: () => V): V {
    let byMapping = cache.get(object);
    if (!byMapping) {
        byMapping = new Map();
        cache.set(object, byMapping);
    }
    if (!byMapping.has(mapping)) {
        byMapping.set(mapping, make());
    }
    return byMapping.get(mapping) as V;
}

/** The views of a resource in aws-native's shape under a known mapping (also a CloudFormation template's resources). */
export function mappedViews(mapping: Translatable, props: PlainObject, awsTypes: ReadonlySet<string>): ResourceView[] {
    const views: ResourceView[] = [];
    const { translation, parts } = translated(mapping, props);
    if (awsTypes.has(translation.type)) {
        const rename = nativeName(mapping);
        views.push({ type: translation.type, props: translation.props, translate: (findings) => translatedFindings(findings, translation, rename) });
    }
    for (const part of parts) {
        if (awsTypes.has(part.type)) {
            const rename = partRenamer(part);
            views.push({ type: part.type, props: part.props, translate: (findings) => findings.map((f) => renameFinding(f, rename)) });
        }
    }
    return views;
}

// ---------------------------------------------------------------------------------------------------------------
// Stack resources
// ---------------------------------------------------------------------------------------------------------------

type FindingRename = (findings: readonly Finding[]) => Finding[];

/** The finding renamer of each translated stack resource (and part), by URN. */
const stackRenames = new WeakMap<readonly StackResource[], Map<string, FindingRename>>();

/**
 * The stack as the stack policies read it: aws-native resources as their @pulumi/aws equivalents (type, props,
 * and the propertyDependencies keyed by the translated names), each keeping its URN and name, followed by their
 * parts (inline settings as the @pulumi/aws resources that hold them, linked to their parent through
 * propertyDependencies, as a preview links resources). A part's findings are reported on its parent.
 */
export function translateStack(resources: StackResource[]): StackResource[] {
    const renames = new Map<string, FindingRename>();
    const parts: StackResource[] = [];
    const out = resources.map((resource) => {
        const mapping = byNative.get(resource.type);
        if (!mapping) {
            return resource;
        }
        const translation = translateProps(mapping, resource.props);
        const rename = nativeName(mapping);
        renames.set(resource.urn, (findings) => translatedFindings(findings, translation, rename));
        for (const part of partsOf(mapping, resource.props)) {
            const urn = `${resource.urn}$${part.path}`;
            const partRename = partRenamer(part);
            renames.set(urn, (findings) => findings.map((f) => ({ ...renameFinding(f, partRename), urn: resource.urn })));
            parts.push({
                type: part.type,
                name: `${resource.name}.${part.path}`,
                urn,
                props: { ...part.props, [part.link]: UNKNOWN },
                parentUrn: resource.parentUrn,
                dependencies: [resource.urn],
                propertyDependencies: { [part.link]: [resource.urn] },
            });
        }
        const propertyDependencies: Record<string, readonly string[]> = {};
        const converted = new Set(mapping.converted ?? []);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            propertyDependencies[mapping.renames?.[key] ?? key] = urns;
            if (converted.has(key)) {
                // A converted property's dependencies hold for every @pulumi/aws property made from it.
                for (const target of Object.keys(mapping.convert?.({ [key]: UNKNOWN }) ?? {})) {
                    propertyDependencies[target] = urns;
                }
            }
        }
        return { ...resource, type: translation.type, props: translation.props, propertyDependencies };
    });
    if (renames.size === 0) {
        return out;
    }
    const all = [...out, ...parts];
    stackRenames.set(all, renames);
    return all;
}

/** Stack policy findings in the names of the resources they are about (a part's on its parent). */
export function translateStackFindings(resources: readonly StackResource[], findings: readonly Finding[]): Finding[] {
    const renames = stackRenames.get(resources);
    if (!renames) {
        return [...findings];
    }
    return findings.flatMap((finding) => {
        const rename = finding.urn ? renames.get(finding.urn) : undefined;
        return rename ? rename([finding]) : [finding];
    });
}

// ---------------------------------------------------------------------------------------------------------------
// What has no aws-native form
// ---------------------------------------------------------------------------------------------------------------

/**
 * The @pulumi/aws types the pack covers that no aws-native resource translates to, and why. Of the
 * CloudFormation-only types, a template's AWS::DocDB::DBCluster and AWS::IAM::AccessKey are checked
 * (CLOUDFORMATION_ONLY); AWS::DAX::Cluster and AWS::Elasticsearch::Domain are not (README, "Other providers").
 */
export const NOT_TRANSLATED: Readonly<Record<string, string>> = {
    [aws.DMS_ENDPOINT]:
        "Has an aws-native form (dms:Endpoint) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.DMS_S3_ENDPOINT]:
        "Has an aws-native form (dms:Endpoint with an S3 engine) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.DMS_REPLICATION_INSTANCE]:
        "AWS::DMS::ReplicationInstance has no CloudControl schema, so @pulumi/aws-native has no replication instance.",
    [aws.DMS_REPLICATION_SUBNET_GROUP]:
        "AWS::DMS::ReplicationSubnetGroup has no CloudControl schema in @pulumi/aws-native.",
    [aws.DYNAMODB_TABLE_EXPORT]:
        "No CloudFormation (so no aws-native) resource: a table export is an API call (ExportTableToPointInTime).",
    [aws.RDS_EXPORT_TASK]:
        "No CloudFormation (so no aws-native) resource: an RDS export task is an API call (StartExportTask).",
    [aws.EBS_SNAPSHOT]:
        "No CloudFormation (so no aws-native) resource: EBS snapshots are taken by API calls or Data Lifecycle Manager.",
    [aws.EBS_SNAPSHOT_COPY]:
        "No CloudFormation (so no aws-native) resource: snapshot copies are API calls.",
    [aws.EC2_AMI]:
        "No CloudFormation (so no aws-native) resource: AMIs are registered by API calls or Image Builder.",
    [aws.EC2_AMI_COPY]:
        "No CloudFormation (so no aws-native) resource: AMI copies are API calls.",
    [aws.EC2_AMI_FROM_INSTANCE]:
        "No CloudFormation (so no aws-native) resource: AMIs are created from instances by API calls.",
    [aws.EC2_AMI_LAUNCH_PERMISSION]:
        "No CloudFormation (so no aws-native) resource: launch permissions are set by ModifyImageAttribute.",
    [aws.EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION]:
        "No CloudFormation (so no aws-native) resource: snapshot permissions are set by ModifySnapshotAttribute.",
    [aws.EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS]:
        "Has an aws-native form (ec2:SnapshotBlockPublicAccess) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.EC2_IMAGE_BLOCK_PUBLIC_ACCESS]:
        "No aws-native form of the account's image block-public-access setting in @pulumi/aws-native 1.79.",
    [aws.EFS_FILE_SYSTEM]:
        "Has an aws-native form (efs:FileSystem) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.EFS_FILE_SYSTEM_POLICY]:
        "aws-native keeps a file system's policy inline (efs:FileSystem fileSystemPolicy); see EFS_FILE_SYSTEM.",
    [aws.EFS_MOUNT_TARGET]:
        "Has an aws-native form (efs:MountTarget) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.KEYSPACES_TABLE]:
        "Has an aws-native form (cassandra:Table) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.LIGHTSAIL_DATABASE]:
        "Has an aws-native form (lightsail:Database) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.OPENSEARCH_SERVERLESS_SECURITY_POLICY]:
        "Has an aws-native form (opensearchserverless:SecurityPolicy) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.QLDB_LEDGER]:
        "AWS::QLDB::Ledger has no CloudControl schema, so @pulumi/aws-native has no ledger.",
    [aws.RAM_PRINCIPAL_ASSOCIATION]:
        "aws-native keeps a share's principals inline (ram:ResourceShare principals); see RAM_RESOURCE_SHARE.",
    [aws.RAM_RESOURCE_ASSOCIATION]:
        "aws-native keeps a share's resources inline (ram:ResourceShare resourceArns); see RAM_RESOURCE_SHARE.",
    [aws.RAM_RESOURCE_SHARE]:
        "Has an aws-native form (ram:ResourceShare) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.REDSHIFT_DATA_SHARE_AUTHORIZATION]:
        "No CloudFormation (so no aws-native) resource: datashares are authorized by SQL and API calls.",
    [aws.REDSHIFTSERVERLESS_RESOURCE_POLICY]:
        "No aws-native form of a Redshift Serverless snapshot's resource policy in @pulumi/aws-native 1.79.",
    [aws.SSOADMIN_MANAGED_POLICY_ATTACHMENT]:
        "Has an aws-native form (sso:PermissionSet managedPolicies, inline) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.SSOADMIN_MANAGED_POLICY_ATTACHMENTS_EXCLUSIVE]:
        "Has an aws-native form (sso:PermissionSet managedPolicies, inline) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.SSOADMIN_PERMISSION_SET_INLINE_POLICY]:
        "Has an aws-native form (sso:PermissionSet inlinePolicy) that is not translated yet: the @pulumi/aws policy for it came after this table; until it is, storage-type-unchecked names such a resource as unchecked.",
    [aws.DAX_CLUSTER]: "AWS::DAX::Cluster has no CloudControl schema, so @pulumi/aws-native has no DAX cluster.",
    [aws.DOCDB_CLUSTER]: "AWS::DocDB::DBCluster has no CloudControl schema, so @pulumi/aws-native has no DocumentDB cluster (only docdbelastic:Cluster, which is translated); a CloudFormation template's is checked (CLOUDFORMATION_ONLY).",
    [aws.ELASTICSEARCH_DOMAIN]: "AWS::Elasticsearch::Domain has no CloudControl schema; aws-native's opensearchservice:Domain (translated) replaces it.",
    [aws.ELASTICSEARCH_DOMAIN_POLICY]: "Legacy Elasticsearch: no aws-native form (see ELASTICSEARCH_DOMAIN).",
    [aws.OPENSEARCH_DOMAIN_POLICY]: "aws-native keeps a domain's access policy inline (opensearchservice:Domain accessPolicies), which the domain's translation carries.",
    [aws.IAM_ACCESS_KEY]: "AWS::IAM::AccessKey has no CloudControl schema, so @pulumi/aws-native cannot create access keys; a CloudFormation template's is checked (CLOUDFORMATION_ONLY).",
    [aws.IAM_GROUP_MEMBERSHIP]: "aws-native keeps group membership on the user (iam:User groups), translated as an aws.iam.UserGroupMembership.",
    [aws.IAM_ROLE_POLICY_ATTACHMENT]: "aws-native keeps a role's managed policies inline (iam:Role managedPolicyArns), which @pulumi/aws's Role also has.",
    [aws.IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE]: "No CloudFormation equivalent.",
    [aws.IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE]: "No CloudFormation equivalent.",
    [aws.IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE]: "No CloudFormation equivalent.",
    [aws.KMS_EXTERNAL_KEY]: "aws-native creates imported-material keys as kms:Key with origin EXTERNAL, translated as aws.kms.Key; the key material is imported outside the program, so none is in code.",
    [aws.KMS_GRANT]: "No CloudFormation equivalent (grants are made through the API).",
    [aws.KMS_KEY_POLICY]: "aws-native keeps the key policy inline (kms:Key keyPolicy), translated as the key's `policy`.",
    [aws.EBS_DEFAULT_KMS_KEY]: "No CloudFormation equivalent (an account-level EC2 setting).",
    [aws.EBS_ENCRYPTION_BY_DEFAULT]: "No CloudFormation equivalent (an account-level EC2 setting).",
    [aws.EC2_DEFAULT_SECURITY_GROUP]: "CloudFormation cannot adopt a VPC's default security group.",
    [aws.EC2_DEFAULT_ROUTE_TABLE]: "CloudFormation cannot adopt a VPC's main route table.",
    [aws.EC2_MAIN_ROUTE_TABLE_ASSOCIATION]: "CloudFormation cannot replace a VPC's main route table.",
    [aws.EC2_SECURITY_GROUP_RULE]: "aws-native's standalone rules (ec2:SecurityGroupIngress / SecurityGroupEgress) translate to aws.vpc.SecurityGroupIngressRule / EgressRule, which the same policies cover.",
    [aws.EC2_SPOT_INSTANCE_REQUEST]: "No CloudFormation equivalent (spot capacity comes through ec2:Instance or ec2:LaunchTemplate market options, both translated).",
    [aws.ELASTICACHE_USER_GROUP_ASSOCIATION]: "aws-native keeps membership on the user group (elasticache:UserGroup userIds).",
    [aws.MEMORYDB_SNAPSHOT]: "No CloudFormation equivalent.",
    [aws.DYNAMODB_TABLE_REPLICA]: "aws-native's replicas are part of dynamodb:GlobalTable, translated as a table whose settings every replica must meet.",
    [aws.RDS_CLUSTER_SNAPSHOT]: "aws-native's rds:ClusterSnapshot takes no sharing or encryption input: it inherits the cluster's encryption, which the cluster's translation checks.",
    [aws.RDS_SNAPSHOT]: "aws-native's rds:DbSnapshot takes no sharing or encryption input: it inherits the instance's encryption, which the instance's translation checks.",
    [aws.RDS_CLUSTER_SNAPSHOT_COPY]: "No CloudFormation equivalent.",
    [aws.RDS_SNAPSHOT_COPY]: "No CloudFormation equivalent.",
    [aws.RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION]: "aws-native keeps it on the instance (rds:DbInstance automaticBackupReplicationKmsKeyId); not translated yet.",
    [aws.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]: "No CloudFormation equivalent (an account-level S3 setting).",
    [aws.S3_BUCKET_ACL_V2]: "aws-native's s3:Bucket accessControl is translated as aws.s3.BucketAcl.",
    [aws.S3_BUCKET_OBJECT]: "No CloudFormation equivalent (objects are not CloudFormation resources).",
    [aws.S3_BUCKET_OBJECT_V2]: "No CloudFormation equivalent.",
    [aws.S3_OBJECT_COPY]: "No CloudFormation equivalent.",
    [aws.S3_BUCKET_V2]: "aws-native has one bucket type, translated as aws.s3.Bucket (the policies treat Bucket and BucketV2 alike).",
    [aws.S3_BUCKET_OBJECT_LOCK_CONFIGURATION]: "aws-native keeps Object Lock inline (s3:Bucket objectLockConfiguration), carried as @pulumi/aws's inline form.",
    [aws.S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2]: "See S3_BUCKET_OBJECT_LOCK_CONFIGURATION.",
    [aws.S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2]: "aws-native's s3:Bucket bucketEncryption is translated as aws.s3.BucketServerSideEncryptionConfiguration.",
    [aws.S3_BUCKET_VERSIONING_V2]: "aws-native's s3:Bucket versioningConfiguration is translated as aws.s3.BucketVersioning.",
    [aws.S3_BUCKET_LOGGING_V2]: "aws-native's s3:Bucket loggingConfiguration is translated as aws.s3.BucketLogging.",
};
