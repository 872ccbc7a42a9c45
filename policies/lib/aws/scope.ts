// The scope model: which resources hold a database or key material, so that a defence-in-depth finding blocks
// only there (README "What the pack blocks: the scope model"). One place decides it for every policy:
//
// - a resource whose type exists only to hold, guard or reach data and keys (RDS, DynamoDB, ..., KMS keys, secrets,
//   parameter groups, snapshots, vaults, security groups, IAM policies) is in scope by its type;
// - a general-purpose resource (an EC2 host, an EBS volume, an S3 bucket and the resources that configure a bucket)
//   is in scope only by classification (tags in `tags`/`tagsAll`, names) or by evidence: a host whose user data
//   installs or runs a database server, a volume attached to such a host, a bucket a data store exports, imports,
//   or writes logs to.
//
// Resource policies see only their own inputs, so they decide from those (an S3 configuration resource: its own
// name and the bucket name it names); stack policies also see the graph, which adds the evidence.

import type { StackGraph, StackResource } from "./graph";
import { DEFAULT_KEY_MATERIAL_NAME_PATTERNS, DEFAULT_KEY_MATERIAL_TAGS, isKeyMaterial, knownNames, tagsOf, type KeyScopeConfig } from "./key-material";
import { userDataLayers, USER_DATA_PROPERTIES } from "./user-data";
import { containsUnknown, isObject, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../readers/values";
import {
    DYNAMODB_TABLE,
    EBS_VOLUME,
    EC2_INSTANCE,
    EC2_LAUNCH_CONFIGURATION,
    EC2_LAUNCH_TEMPLATE,
    EC2_SPOT_INSTANCE_REQUEST,
    EC2_VOLUME_ATTACHMENT,
    RDS_CLUSTER,
    RDS_EXPORT_TASK,
    RDS_INSTANCE,
    REDSHIFT_LOGGING,
    DYNAMODB_TABLE_EXPORT,
    S3_BUCKET,
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_LOGGING,
    S3_BUCKET_LOGGING_V2,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
    S3_BUCKET_OWNERSHIP_CONTROLS,
    S3_BUCKET_POLICY,
    S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
    S3_BUCKET_V2,
    S3_BUCKET_VERSIONING,
    S3_BUCKET_VERSIONING_V2,
} from "./types";

/**
 * What a policy's findings are, for the scope model. `exposure`: a direct exposure (an unencrypted data store, a
 * network path from the internet to a data store, a public principal on a key, secret, store or backup, a
 * plaintext credential in state or user data), reported at the policy's level on any resource. `defence-in-depth`:
 * at the policy's level only on resources in scope (data stores, key-material stores), advisory elsewhere.
 */
export type PolicyScope = "exposure" | "defence-in-depth";

/** Is the resource in scope: true, false, or UNKNOWN when a value computed at update time decides. */
export type InScope = boolean | Unknown;

export const HOST_TYPES: readonly string[] = [EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST, EC2_LAUNCH_TEMPLATE, EC2_LAUNCH_CONFIGURATION];
export const SCOPE_BUCKET_TYPES: readonly string[] = [S3_BUCKET, S3_BUCKET_V2];
/** Resources that configure one bucket, named by their `bucket` input. */
export const BUCKET_ATTACHMENT_TYPES: readonly string[] = [
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
    S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    S3_BUCKET_POLICY,
    S3_BUCKET_VERSIONING,
    S3_BUCKET_VERSIONING_V2,
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_OWNERSHIP_CONTROLS,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
    S3_BUCKET_LOGGING,
    S3_BUCKET_LOGGING_V2,
];

/** Types that are in scope only by classification or evidence; every other type is in scope by its type. */
export const GENERAL_PURPOSE_TYPES: ReadonlySet<string> = new Set([...HOST_TYPES, EBS_VOLUME, ...SCOPE_BUCKET_TYPES, ...BUCKET_ATTACHMENT_TYPES]);

// ---- Database hosts ------------------------------------------------------------------------------------------

export const DEFAULT_DB_HOST_TAGS: readonly string[] = [
    "role=database",
    "role=db",
    "role=key-store",
    "role=keystore",
    "workload=database",
    "data-class=key-material",
    "data-classification=key-material",
    "key-material=true",
];

export const DEFAULT_DB_HOST_NAME_PATTERNS: readonly string[] = ["db", "database", "postgres*", "mysql*", "mariadb*", "mongo*", "redis*", "cassandra*", "couchdb*", "etcd*", "hsm", "keystore*", "wallet*", "signer*", "vault"];

export interface DbHostSelectors {
    dbHostTags: readonly string[];
    dbHostNamePatterns: readonly string[];
}

export const DEFAULT_DB_HOST_SELECTORS: DbHostSelectors = { dbHostTags: DEFAULT_DB_HOST_TAGS, dbHostNamePatterns: DEFAULT_DB_HOST_NAME_PATTERNS };

// Packages that are a database server (not a client library or CLI): Debian/Ubuntu, RHEL/Amazon Linux, Alpine
// and the vendors' own repositories (mongodb-org, mysql-community-server). On Amazon Linux and RHEL the bare
// `postgresqlNN` / `mariadbNN` packages are the clients; the servers are the `-server` packages. On Debian the bare
// `postgresql` and `postgresql-NN` packages are the server.
const SERVER_PACKAGES =
    /^(postgresql(\d+(\.\d+)?)?-server|postgresql-\d+(\.\d+)?|mysql-server(-[\d.]+)?|mysql-community-server|percona-server-server(-[\d.]+)?|mariadb(\d+)?-server(-[\d.]+)?|mongodb-org(-server)?|mongodb-server|mongodb|redis(\d+)?|redis-server|valkey(-server)?|cassandra|couchdb|neo4j|etcd(-server)?|clickhouse-server|influxdb2?)$/;
const DEBIAN_SERVER_PACKAGES = /^(postgresql|postgresql-\d+(\.\d+)?)$/;
const DB_IMAGES = /^(postgres|postgresql|postgis|timescaledb|mysql|mariadb|percona|mongo|mongodb|mongodb-community-server|redis|redis-stack-server|valkey|cassandra|couchdb|neo4j|clickhouse-server|influxdb)$/;
const DB_SERVICES = /^(postgresql(@\S+|-\d+(\.\d+)?)?|postgresql(\d+)?-server|mysqld|mysql|mariadb|mongod|redis|redis-server|redis\d+|valkey|valkey-server|cassandra|couchdb|neo4j)(\.service)?$/;

/** The words of a shell command after `start`, up to the end of the command (`;`, `&&`, `|`, newline). */
function commandWords(rest: string): string[] {
    const end = rest.search(/[;&|\n]/);
    return (end === -1 ? rest : rest.slice(0, end))
        .split(/\s+/)
        .map((w) => w.replace(/^["']|["']$/g, ""))
        .filter((w) => w !== "" && !w.startsWith("-") && w !== "\\");
}

/** A package name without an apt-style version pin (`mysql-server=8.0*`, `redis>=7`). */
function packageName(word: string): string {
    return word.replace(/[=<>].*$/, "").replace(/\*$/, "").toLowerCase();
}

/** The name as written and without a yum-style version (`mongodb-org-7.0.5`, `postgresql15-server-15.4`). */
function packageNames(word: string): string[] {
    const name = packageName(word);
    const unversioned = name.replace(/-\d[\w.:~+]*$/, "");
    return unversioned === name ? [name] : [name, unversioned];
}

function installsServer(text: string): boolean {
    for (const match of text.matchAll(/\b(apt-get|apt|yum|dnf|microdnf|zypper|apk|amazon-linux-extras)\s+(?:-\S+\s+)*(install|add)\b([^\n]*)/g)) {
        const manager = match[1] ?? "";
        for (const word of commandWords(match[3] ?? "")) {
            if (packageNames(word).some((name) => SERVER_PACKAGES.test(name) || (manager.startsWith("apt") && DEBIAN_SERVER_PACKAGES.test(name)))) {
                return true;
            }
        }
    }
    // cloud-config `packages:` list
    for (const match of text.matchAll(/^packages:[ \t]*\n((?:[ \t]*-[^\n]*\n?)+)/gm)) {
        for (const line of (match[1] ?? "").split("\n")) {
            const word = line.replace(/^[ \t]*-[ \t]*/, "").replace(/^\[|\]$/g, "").split(/[\s,]/)[0] ?? "";
            if (packageNames(word).some((name) => SERVER_PACKAGES.test(name))) {
                return true;
            }
        }
    }
    return false;
}

function runsServerContainer(text: string): boolean {
    for (const match of text.matchAll(/\b(docker|podman|nerdctl)\s+(?:container\s+)?(run|create)\b([^\n]*)/g)) {
        for (const word of commandWords(match[3] ?? "")) {
            const image = (word.split("/").pop() ?? "").replace(/[:@].*$/, "").toLowerCase();
            if (DB_IMAGES.test(image)) {
                return true;
            }
        }
    }
    // docker compose / ECS-style `image: postgres:16`
    for (const match of text.matchAll(/^\s*image:\s*["']?([^\s"']+)/gm)) {
        const image = ((match[1] ?? "").split("/").pop() ?? "").replace(/[:@].*$/, "").toLowerCase();
        if (DB_IMAGES.test(image)) {
            return true;
        }
    }
    return false;
}

function startsServerService(text: string): boolean {
    for (const match of text.matchAll(/\bsystemctl\s+(?:--\S+\s+)*(start|enable|restart)\b([^\n]*)/g)) {
        if (commandWords(match[2] ?? "").some((w) => DB_SERVICES.test(w.toLowerCase()))) {
            return true;
        }
    }
    for (const match of text.matchAll(/\bservice\s+(\S+)\s+(start|restart)\b/g)) {
        if (DB_SERVICES.test((match[1] ?? "").toLowerCase())) {
            return true;
        }
    }
    return false;
}

/** Does one text install, start or run a database server? */
export function textRunsDatabaseServer(text: string): boolean {
    return userDataLayers(text).some((layer) => installsServer(layer) || runsServerContainer(layer) || startsServerService(layer));
}

/**
 * Does the host's user data install or run a database server (package install, container image, service start),
 * in any layer the pack can decode? UNKNOWN when some user data is computed and the known part shows none.
 */
export function userDataRunsDatabase(props: PlainObject): InScope {
    let unknown = false;
    for (const key of USER_DATA_PROPERTIES) {
        const value = props[key];
        if (value === UNKNOWN || containsUnknown(value)) {
            unknown = true;
        } else if (typeof value === "string" && textRunsDatabaseServer(value)) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/** Extra tag maps of a launch template: `tagSpecifications[].tags` (what launched instances get). */
function tagSpecificationTags(props: PlainObject): Plain[] {
    const specs = props["tagSpecifications"];
    if (specs === UNKNOWN) {
        return [UNKNOWN];
    }
    return Array.isArray(specs) ? specs.map((s) => (s === UNKNOWN ? UNKNOWN : isObject(s) ? s["tags"] : undefined)) : [];
}

/** Is the host tagged or named as a database or key-material host? UNKNOWN when an unknown tag decides. */
export function isClassifiedDbHost(name: string, props: PlainObject, selectors: DbHostSelectors = DEFAULT_DB_HOST_SELECTORS): InScope {
    const tags = tagsOf(props, tagSpecificationTags(props));
    const names = knownNames(props, ["name", "namePrefix"], [name]);
    if (tags !== UNKNOWN && typeof tags["Name"] === "string") {
        names.push(tags["Name"]);
    }
    return isKeyMaterial(tags, names, { keyMaterialTags: [...selectors.dbHostTags], keyMaterialNamePatterns: [...selectors.dbHostNamePatterns] });
}

function either(a: InScope, b: () => InScope): InScope {
    if (a === true) {
        return true;
    }
    const second = b();
    if (second === true) {
        return true;
    }
    return a === UNKNOWN || second === UNKNOWN ? UNKNOWN : false;
}

/** A database or key-material host: classified by tags or names, or its user data installs or runs a database server. */
export function isDbHost(name: string, props: PlainObject, selectors: DbHostSelectors = DEFAULT_DB_HOST_SELECTORS): InScope {
    return either(isClassifiedDbHost(name, props, selectors), () => userDataRunsDatabase(props));
}

/** With the graph: an instance also inherits the evidence of the launch template it is launched from. */
export function isDbHostInStack(host: StackResource, graph: StackGraph, selectors: DbHostSelectors = DEFAULT_DB_HOST_SELECTORS): InScope {
    return either(isDbHost(host.name, host.props, selectors), () => {
        if (host.type === EC2_LAUNCH_TEMPLATE) {
            return false;
        }
        const templates = [...graph.referenced(host, "launchTemplate.id", [EC2_LAUNCH_TEMPLATE]).resources, ...graph.referenced(host, "launchTemplate.name", [EC2_LAUNCH_TEMPLATE]).resources];
        return anyOf(templates.map((t) => isDbHost(t.name, t.props, selectors)));
    });
}

function anyOf(values: readonly InScope[]): InScope {
    return values.includes(true) ? true : values.includes(UNKNOWN) ? UNKNOWN : false;
}

// ---- Buckets ---------------------------------------------------------------------------------------------------

export const DEFAULT_BUCKET_SELECTORS: KeyScopeConfig = { keyMaterialTags: DEFAULT_KEY_MATERIAL_TAGS, keyMaterialNamePatterns: DEFAULT_KEY_MATERIAL_NAME_PATTERNS };

/** Is the bucket tagged or named as a key-material or backup bucket? UNKNOWN when an unknown tag decides. */
export function isClassifiedBucket(bucket: { name: string; props: PlainObject }, selectors: KeyScopeConfig = DEFAULT_BUCKET_SELECTORS): InScope {
    const names = knownNames(bucket.props, ["bucket", "bucketPrefix", "id"], [bucket.name]);
    return isKeyMaterial(tagsOf(bucket.props), names, selectors);
}

/**
 * The inputs through which a data store writes to (export, log delivery) or reads its data from (import) a
 * bucket: that bucket holds a copy of the store's data or its audit trail.
 */
const STORE_BUCKET_REFERENCES: readonly (readonly [string, string])[] = [
    [RDS_EXPORT_TASK, "s3BucketName"], // snapshot export to S3 (Parquet copy of every table)
    [DYNAMODB_TABLE_EXPORT, "s3Bucket"], // DynamoDB export to S3 (a full copy of the table)
    [REDSHIFT_LOGGING, "bucketName"], // Redshift audit logs (connections, users, queries)
    [RDS_INSTANCE, "s3Import.bucketName"], // restore from a Percona XtraBackup in S3
    [RDS_CLUSTER, "s3Import.bucketName"],
    [DYNAMODB_TABLE, "importTable.s3BucketSource.bucket"], // a table imported from S3
];

/** The buckets of the stack that hold a data store's exports, imports or logs (evidence, once per graph). */
const evidenceCache = new WeakMap<StackGraph, Set<StackResource>>();

export function storeDataBuckets(graph: StackGraph): ReadonlySet<StackResource> {
    const cached = evidenceCache.get(graph);
    if (cached) {
        return cached;
    }
    const out = new Set<StackResource>();
    for (const [type, property] of STORE_BUCKET_REFERENCES) {
        for (const resource of graph.ofType(type)) {
            graph.referenced(resource, property, SCOPE_BUCKET_TYPES).resources.forEach((b) => out.add(b));
        }
    }
    evidenceCache.set(graph, out);
    return out;
}

/** A key-material bucket: classified by tags or names, or (with the graph) a data store's export, import or log target. */
export function isKeyMaterialBucketInStack(bucket: StackResource, graph: StackGraph | undefined, selectors: KeyScopeConfig = DEFAULT_BUCKET_SELECTORS): InScope {
    if (graph && storeDataBuckets(graph).has(bucket)) {
        return true;
    }
    return isClassifiedBucket(bucket, selectors);
}

/**
 * A resource that configures a bucket, from its own inputs: its own name, or the name of the bucket it names.
 * UNKNOWN when the bucket is computed and the own name does not decide.
 */
export function isKeyMaterialBucketAttachment(name: string, props: PlainObject, selectors: KeyScopeConfig = DEFAULT_BUCKET_SELECTORS): InScope {
    const bucket = props["bucket"];
    const names = typeof bucket === "string" && bucket.trim() !== "" ? [name, bucket] : [name];
    const classified = isKeyMaterial({}, names, selectors);
    return classified === true ? true : bucket === UNKNOWN ? UNKNOWN : false;
}

// ---- Any resource ----------------------------------------------------------------------------------------------

export interface ScopeSubject {
    type: string;
    name: string;
    props: PlainObject;
}

/**
 * Is the resource a data store or a key-material store? Every type but the general-purpose ones is, by its type;
 * a general-purpose resource by classification (default selectors) or evidence (user data; with the graph, the
 * stores that write to a bucket, the launch template of an instance, the host a volume is attached to, the bucket
 * a configuration resource configures).
 */
export function resourceInScope(subject: ScopeSubject, graph?: StackGraph): InScope {
    const { type, name, props } = subject;
    if (!GENERAL_PURPOSE_TYPES.has(type)) {
        return true;
    }
    if (HOST_TYPES.includes(type)) {
        return graph && "urn" in subject ? isDbHostInStack(subject as StackResource, graph) : isDbHost(name, props);
    }
    if (SCOPE_BUCKET_TYPES.includes(type)) {
        return graph && "urn" in subject ? isKeyMaterialBucketInStack(subject as StackResource, graph) : isClassifiedBucket(subject);
    }
    if (type === EBS_VOLUME) {
        const own = isDbHost(name, props);
        if (own === true || !graph || !("urn" in subject)) {
            return own;
        }
        const hosts = graph
            .referencing(subject as StackResource, [EC2_VOLUME_ATTACHMENT], "volumeId")
            .flatMap((attachment) => graph.referenced(attachment, "instanceId", [EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST]).resources);
        return either(own, () => anyOf(hosts.map((h) => isDbHostInStack(h, graph))));
    }
    // A bucket configuration resource: the bucket's scope when the graph shows it, else its own inputs.
    const own = isKeyMaterialBucketAttachment(name, props);
    if (own === true || !graph || !("urn" in subject)) {
        return own;
    }
    const buckets = graph.referenced(subject as StackResource, "bucket", SCOPE_BUCKET_TYPES).resources;
    return buckets.length > 0 ? anyOf(buckets.map((b) => isKeyMaterialBucketInStack(b, graph))) : own;
}

/** What a defence-in-depth finding on an out-of-scope resource says, by type: why it is advisory there. */
export function outOfScopeNote(type: string): string {
    if (HOST_TYPES.includes(type) || type === EBS_VOLUME) {
        return "Defence in depth, advisory here: no tag or name marks this host as a database or key-material host and its user data installs or runs no database server. Tag it (e.g. `role=database`) to enforce this.";
    }
    return "Defence in depth, advisory here: no tag or name marks this bucket as holding key material or backups, and no data store in the stack exports, imports or logs to it. Tag it (e.g. `data-class=key-material`) to enforce this.";
}

/** What an undecided scope adds to a finding. */
export const UNKNOWN_SCOPE_NOTE = "Whether this resource holds a database or key material depends on values computed at update time (tags, names or user data); the finding is enforced then if it does.";
