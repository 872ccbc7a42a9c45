// A stand-in for the AWS provider during capture: what its Check adds to the inputs (auto-names, secrets for
// sensitive fields), what Create returns (realistic IDs, ARNs, endpoints during an update; unknowns during a
// preview, as for a new stack), and the few data sources the stacks read (invokes, which the engine runs for
// real even during preview, so their results are known).
//
// Deliberately small: provider-side defaults (e.g. `storageEncrypted: false` in the state of an unencrypted
// instance) are not emulated. Policies treat an omitted input as the provider's documented default anyway.

import { createHash } from "node:crypto";
import { isSecret, secret, UNKNOWN_SENTINEL, type JsonObject, type JsonValue } from "../../scanner/engine/values";

export const ACCOUNT_ID = "123456789012";

export interface ProviderContext {
    region: string;
    preview: boolean;
}

function hex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) {
        out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    }
    return out.slice(0, length);
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The auto-named property per type, as the provider's Check fills it in (`<name>-<7 hex>`). */
const AUTONAMED: Record<string, { property: string; lowercase?: boolean }> = {
    "aws:ec2/securityGroup:SecurityGroup": { property: "name" },
    "aws:iam/role:Role": { property: "name" },
    "aws:iam/policy:Policy": { property: "name" },
    "aws:iam/user:User": { property: "name" },
    "aws:rds/instance:Instance": { property: "identifier", lowercase: true },
    "aws:rds/cluster:Cluster": { property: "clusterIdentifier", lowercase: true },
    "aws:rds/clusterInstance:ClusterInstance": { property: "identifier", lowercase: true },
    "aws:rds/parameterGroup:ParameterGroup": { property: "name", lowercase: true },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": { property: "name", lowercase: true },
    "aws:rds/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:rds/proxy:Proxy": { property: "name", lowercase: true },
    "aws:secretsmanager/secret:Secret": { property: "name" },
    "aws:iam/group:Group": { property: "name" },
    "aws:s3/bucket:Bucket": { property: "bucket", lowercase: true },
    "aws:s3/bucketV2:BucketV2": { property: "bucket", lowercase: true },
    "aws:dynamodb/table:Table": { property: "name" },
    "aws:dax/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:docdb/cluster:Cluster": { property: "clusterIdentifier", lowercase: true },
    "aws:docdb/clusterInstance:ClusterInstance": { property: "identifier", lowercase: true },
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": { property: "name", lowercase: true },
    "aws:docdb/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:neptune/cluster:Cluster": { property: "clusterIdentifier", lowercase: true },
    "aws:neptune/clusterInstance:ClusterInstance": { property: "identifier", lowercase: true },
    "aws:neptune/clusterParameterGroup:ClusterParameterGroup": { property: "name", lowercase: true },
    "aws:neptune/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:elasticache/replicationGroup:ReplicationGroup": { property: "replicationGroupId", lowercase: true },
    "aws:elasticache/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:memorydb/acl:Acl": { property: "name", lowercase: true },
    "aws:memorydb/cluster:Cluster": { property: "name", lowercase: true },
    "aws:memorydb/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:redshift/parameterGroup:ParameterGroup": { property: "name", lowercase: true },
    "aws:redshift/subnetGroup:SubnetGroup": { property: "name", lowercase: true },
    "aws:backup/vault:Vault": { property: "name" },
    "aws:backup/plan:Plan": { property: "name" },
    "aws:cloudwatch/logGroup:LogGroup": { property: "name" },
    "aws:ssm/parameter:Parameter": { property: "name" },
    "aws:cloudtrail/trail:Trail": { property: "name" },
};

/** Schema fields the provider marks secret in Check (pulumi-terraform-bridge MarkSchemaSecrets). */
const SENSITIVE: Record<string, readonly string[]> = {
    "aws:rds/instance:Instance": ["password"],
    "aws:rds/cluster:Cluster": ["masterPassword"],
    "aws:secretsmanager/secretVersion:SecretVersion": ["secretString", "secretBinary"],
    "aws:iam/accessKey:AccessKey": ["secret"],
    "aws:docdb/cluster:Cluster": ["masterPassword"],
    "aws:redshift/cluster:Cluster": ["masterPassword"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["authToken"],
    "aws:elasticache/user:User": ["passwords"],
    "aws:ssm/parameter:Parameter": ["value"],
    "aws:dms/endpoint:Endpoint": ["password"],
    "aws:lightsail/database:Database": ["masterPassword"],
};

/** What the provider's Check does to the program's inputs. */
export function checkInputs(type: string, name: string, inputs: JsonObject): JsonObject {
    const checked: JsonObject = { ...inputs };
    const autonamed = AUTONAMED[type];
    if (autonamed && checked[autonamed.property] === undefined) {
        const prefix = checked[`${autonamed.property}Prefix`];
        if (prefix === undefined) {
            const base = autonamed.lowercase ? name.toLowerCase() : name;
            checked[autonamed.property] = `${base}-${hex(`${type}::${name}`, 7)}`;
        } else if (typeof prefix === "string" && prefix !== UNKNOWN_SENTINEL) {
            // The provider fills the name in from the prefix (a timestamp-like suffix).
            checked[autonamed.property] = `${prefix}${hex(`${type}::${name}`, 26)}`;
        }
    }
    for (const property of SENSITIVE[type] ?? []) {
        const value = checked[property];
        if (value !== undefined && value !== null && !isSecret(value)) {
            checked[property] = secret(value);
        }
    }
    return checked;
}

function plain(value: JsonValue | undefined): string | undefined {
    const inner = isSecret(value) ? value.value : value;
    return typeof inner === "string" && inner !== UNKNOWN_SENTINEL ? inner : undefined;
}

interface Created {
    id: string;
    /** Computed-only outputs (inputs are echoed separately). */
    computed: JsonObject;
}

const ID_PREFIXES: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
};

/** What Create returns during an update: an ID and the computed outputs, all known. */
function create(type: string, name: string, inputs: JsonObject, region: string): Created {
    const seed = `${type}::${name}`;
    const account = ACCOUNT_ID;
    const [pkgModule = "", kind = ""] = type.split(":").slice(1);
    const service = pkgModule.split("/")[0] ?? "";
    const prefix = ID_PREFIXES[type];
    if (prefix) {
        const id = `${prefix}-${hex(seed, 17)}`;
        return { id, computed: { arn: `arn:aws:ec2:${region}:${account}:${prefix === "sg" ? "security-group" : kind.toLowerCase()}/${id}`, ownerId: account } };
    }
    switch (type) {
        case "aws:kms/key:Key": {
            const id = uuid(seed);
            return { id, computed: { arn: `arn:aws:kms:${region}:${account}:key/${id}`, keyId: id } };
        }
        case "aws:kms/alias:Alias": {
            const aliasName = plain(inputs.name) ?? `alias/${name}`;
            return { id: aliasName, computed: { arn: `arn:aws:kms:${region}:${account}:${aliasName}`, targetKeyArn: inputs.targetKeyId ?? UNKNOWN_SENTINEL } };
        }
        case "aws:rds/instance:Instance": {
            const identifier = plain(inputs.identifier) ?? name;
            const port = typeof inputs.port === "number" ? inputs.port : /mysql|maria|aurora/.test(plain(inputs.engine) ?? "") ? 3306 : 5432;
            const address = `${identifier}.c${hex(seed, 11)}.${region}.rds.amazonaws.com`;
            const resourceId = `db-${hex(seed, 26).toUpperCase()}`;
            const computed: JsonObject = {
                arn: `arn:aws:rds:${region}:${account}:db:${identifier}`,
                address,
                endpoint: `${address}:${port}`,
                port,
                resourceId,
                hostedZoneId: "Z2R2ITUGPM61AM",
            };
            if (inputs.manageMasterUserPassword === true) {
                computed.masterUserSecrets = [
                    {
                        kmsKeyId: inputs.masterUserSecretKmsKeyId ?? `arn:aws:kms:${region}:${account}:alias/aws/secretsmanager`,
                        secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!db-${uuid(seed)}-${hex(seed, 6)}`,
                        secretStatus: "active",
                    },
                ];
            }
            return { id: resourceId, computed };
        }
        case "aws:rds/cluster:Cluster": {
            const identifier = plain(inputs.clusterIdentifier) ?? name;
            const computed: JsonObject = {
                arn: `arn:aws:rds:${region}:${account}:cluster:${identifier}`,
                endpoint: `${identifier}.cluster-c${hex(seed, 11)}.${region}.rds.amazonaws.com`,
                readerEndpoint: `${identifier}.cluster-ro-c${hex(seed, 11)}.${region}.rds.amazonaws.com`,
                clusterResourceId: `cluster-${hex(seed, 26).toUpperCase()}`,
            };
            if (inputs.manageMasterUserPassword === true) {
                computed.masterUserSecrets = [
                    {
                        kmsKeyId: inputs.masterUserSecretKmsKeyId ?? `arn:aws:kms:${region}:${account}:alias/aws/secretsmanager`,
                        secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!cluster-${uuid(seed)}-${hex(seed, 6)}`,
                        secretStatus: "active",
                    },
                ];
            }
            return { id: identifier, computed };
        }
        case "aws:rds/clusterInstance:ClusterInstance": {
            const identifier = plain(inputs.identifier) ?? name;
            return {
                id: identifier,
                computed: {
                    arn: `arn:aws:rds:${region}:${account}:db:${identifier}`,
                    endpoint: `${identifier}.c${hex(seed, 11)}.${region}.rds.amazonaws.com`,
                    dbiResourceId: `db-${hex(seed, 26).toUpperCase()}`,
                },
            };
        }
        case "aws:rds/proxy:Proxy": {
            const proxyName = plain(inputs.name) ?? name;
            return {
                id: proxyName,
                computed: {
                    arn: `arn:aws:rds:${region}:${account}:db-proxy:prx-${hex(seed, 17)}`,
                    endpoint: `${proxyName}.proxy-c${hex(seed, 11)}.${region}.rds.amazonaws.com`,
                },
            };
        }
        case "aws:rds/parameterGroup:ParameterGroup":
        case "aws:rds/clusterParameterGroup:ClusterParameterGroup":
        case "aws:rds/subnetGroup:SubnetGroup": {
            const groupName = plain(inputs.name) ?? name;
            const arnKind = { ParameterGroup: "pg", ClusterParameterGroup: "cluster-pg", SubnetGroup: "subgrp" }[kind] ?? kind;
            return { id: groupName, computed: { arn: `arn:aws:rds:${region}:${account}:${arnKind}:${groupName}` } };
        }
        case "aws:iam/role:Role":
        case "aws:iam/user:User": {
            const entityName = plain(inputs.name) ?? name;
            const path = plain(inputs.path) ?? "/";
            const arnKind = type === "aws:iam/role:Role" ? "role" : "user";
            return {
                id: entityName,
                computed: {
                    arn: `arn:aws:iam::${account}:${arnKind}${path}${entityName}`,
                    uniqueId: `${arnKind === "role" ? "AROA" : "AIDA"}${hex(seed, 17).toUpperCase()}`,
                },
            };
        }
        case "aws:iam/policy:Policy": {
            const arn = `arn:aws:iam::${account}:policy${plain(inputs.path) ?? "/"}${plain(inputs.name) ?? name}`;
            return { id: arn, computed: { arn, policyId: `ANPA${hex(seed, 17).toUpperCase()}`, attachmentCount: 0 } };
        }
        case "aws:secretsmanager/secret:Secret": {
            const arn = `arn:aws:secretsmanager:${region}:${account}:secret:${plain(inputs.name) ?? name}-${hex(seed, 6)}`;
            return { id: arn, computed: { arn } };
        }
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = plain(inputs.bucket) ?? name;
            return { id: bucket, computed: { arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` } };
        }
        case "aws:dynamodb/table:Table": {
            const table = plain(inputs.name) ?? name;
            return { id: table, computed: { arn: `arn:aws:dynamodb:${region}:${account}:table/${table}` } };
        }
        case "aws:docdb/cluster:Cluster":
        case "aws:neptune/cluster:Cluster": {
            const identifier = plain(inputs.clusterIdentifier) ?? name;
            return { id: identifier, computed: { arn: `arn:aws:rds:${region}:${account}:cluster:${identifier}`, clusterResourceId: `cluster-${hex(seed, 26).toUpperCase()}` } };
        }
        case "aws:redshift/cluster:Cluster": {
            const identifier = plain(inputs.clusterIdentifier) ?? name;
            return { id: identifier, computed: { arn: `arn:aws:redshift:${region}:${account}:cluster:${identifier}`, dnsName: `${identifier}.c${hex(seed, 11)}.${region}.redshift.amazonaws.com` } };
        }
        case "aws:opensearch/domain:Domain": {
            const domain = plain(inputs.domainName) ?? name;
            return { id: `arn:aws:es:${region}:${account}:domain/${domain}`, computed: { arn: `arn:aws:es:${region}:${account}:domain/${domain}`, domainName: domain, domainId: `${account}/${domain}` } };
        }
        case "aws:backup/vault:Vault": {
            const vault = plain(inputs.name) ?? name;
            return { id: vault, computed: { arn: `arn:aws:backup:${region}:${account}:backup-vault:${vault}` } };
        }
        case "aws:cloudwatch/logGroup:LogGroup": {
            const group = plain(inputs.name) ?? name;
            return { id: group, computed: { arn: `arn:aws:logs:${region}:${account}:log-group:${group}` } };
        }
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
            // IAM names an OIDC provider by its URL without the scheme.
            const host = (plain(inputs.url) ?? name).replace(/^https:\/\//, "");
            const arn = `arn:aws:iam::${account}:oidc-provider/${host}`;
            return { id: arn, computed: { arn } };
        }
        case "aws:secretsmanager/secretVersion:SecretVersion": {
            const versionId = uuid(seed);
            return { id: `${plain(inputs.secretId) ?? name}|${versionId}`, computed: { versionId, arn: inputs.secretId ?? UNKNOWN_SENTINEL } };
        }
        case "aws:ec2/ami:Ami":
        case "aws:ec2/amiCopy:AmiCopy":
        case "aws:ec2/amiFromInstance:AmiFromInstance":
        case "aws:ebs/snapshot:Snapshot":
        case "aws:ebs/snapshotCopy:SnapshotCopy": {
            // Image and snapshot ARNs carry no account; the owner is the `ownerId` output.
            const image = service === "ec2";
            const id = `${image ? "ami" : "snap"}-${hex(seed, 17)}`;
            return { id, computed: { arn: `arn:aws:ec2:${region}::${image ? "image" : "snapshot"}/${id}`, ownerId: account } };
        }
        case "aws:dynamodb/tableExport:TableExport": {
            const table = (plain(inputs.tableArn) ?? "").split("/")[1] ?? name;
            const arn = `arn:aws:dynamodb:${region}:${account}:table/${table}/export/${hex(seed, 8)}-${hex(`${seed}#id`, 6)}`;
            return { id: arn, computed: { arn, exportStatus: "COMPLETED" } };
        }
        case "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess":
        case "aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess":
            // Account-level settings of a region: the region is the id.
            return { id: region, computed: {} };
        default: {
            const id = `${name}-${hex(seed, 8)}`;
            return { id, computed: { arn: `arn:aws:${service}:${region}:${account}:${kind.toLowerCase()}/${id}` } };
        }
    }
}

/**
 * What the provider returns for a custom resource: the checked inputs plus computed outputs. During a preview
 * (a new stack: everything is a create) the ID and every computed output are unknown.
 */
export function createResource(type: string, name: string, inputs: JsonObject, context: ProviderContext): { id: string; outputs: JsonObject } {
    if (type.startsWith("pulumi:providers:")) {
        return { id: context.preview ? "" : uuid(`${type}::${name}`), outputs: { ...inputs } };
    }
    const created = create(type, name, inputs, context.region);
    const outputs: JsonObject = { ...inputs };
    for (const [key, value] of Object.entries(created.computed)) {
        if (!(key in inputs)) {
            outputs[key] = context.preview ? UNKNOWN_SENTINEL : value;
        }
    }
    outputs.id = context.preview ? UNKNOWN_SENTINEL : created.id;
    if (type.startsWith("aws:") && inputs.tags !== undefined) {
        outputs.tagsAll = inputs.tags;
    }
    return { id: context.preview ? "" : created.id, outputs };
}

/** Data sources the stacks may call. The engine runs invokes for real during preview too: results are known. */
export function invoke(token: string, args: JsonObject, context: ProviderContext): JsonObject {
    const region = typeof args.region === "string" ? args.region : context.region;
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/deployer`, id: ACCOUNT_ID, userId: "AIDAEXAMPLEDEPLOYER" };
        case "aws:index/getRegion:getRegion":
            return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {
                id: region,
                names: [`${region}a`, `${region}b`, `${region}c`],
                zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
                groupNames: [region],
            };
        default:
            throw new Error(`the capture provider has no data for invoke ${token}; add it to test/harness/provider.ts`);
    }
}
