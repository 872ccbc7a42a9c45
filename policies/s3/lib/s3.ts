// S3 in @pulumi/aws v7: `aws.s3.Bucket` is the former BucketV2 and declares an alias to
// `aws:s3/bucketV2:BucketV2`, which older programs still emit. The secure settings sit in separate resources
// linked only by `bucket` (name or id), several of which also exist under a deprecated `...V2` token. The
// deprecated inline blocks are single objects on Bucket and arrays on BucketV2. Everything here reads both.

import type { ConfigProperties } from "../../lib/core/config";
import type { StackGraph } from "../../lib/aws/graph";
import { DEFAULT_KEY_MATERIAL_NAME_PATTERNS, DEFAULT_KEY_MATERIAL_TAGS, type KeyScopeConfig } from "../../lib/aws/key-material";
import { isClassifiedBucket, isKeyMaterialBucketInStack } from "../../lib/aws/scope";
import type { Finding, StackResource } from "../../lib/core/policy";
import { asList, isAbsent, isObject, read, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../../lib/readers/values";
import { ALB_LOAD_BALANCER, LB_LOAD_BALANCER, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET, S3_BUCKET_ACL, S3_BUCKET_ACL_V2, S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2, S3_BUCKET_OBJECT_LOCK_CONFIGURATION, S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2, S3_BUCKET_POLICY, S3_BUCKET_PUBLIC_ACCESS_BLOCK, S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION, S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2, S3_BUCKET_V2, S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2 } from "../../lib/aws/types";

export const BUCKET = S3_BUCKET;
export const BUCKET_V2 = S3_BUCKET_V2;
export const BUCKET_TYPES: readonly string[] = [BUCKET, BUCKET_V2];

export const PUBLIC_ACCESS_BLOCK = S3_BUCKET_PUBLIC_ACCESS_BLOCK;
export const ACCOUNT_PUBLIC_ACCESS_BLOCK = S3_ACCOUNT_PUBLIC_ACCESS_BLOCK;
export const SSE_TYPES: readonly string[] = [
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
];
export const VERSIONING_TYPES: readonly string[] = [S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2];
export const ACL_TYPES: readonly string[] = [S3_BUCKET_ACL, S3_BUCKET_ACL_V2];

/** Canned ACLs that grant a public group (AllUsers or AuthenticatedUsers). */
export const PUBLIC_CANNED_ACLS: readonly string[] = ["public-read", "public-read-write", "authenticated-read"];

/** `http://acs.amazonaws.com/groups/global/AllUsers` or `.../AuthenticatedUsers` (any scheme, case). */
export function isPublicGroupUri(uri: string): boolean {
    return /acs\.amazonaws\.com\/groups\/global\/(allusers|authenticatedusers)\/?$/i.test(uri.trim());
}

function publicCanned(value: Plain): boolean {
    return typeof value === "string" && PUBLIC_CANNED_ACLS.includes(value.trim().toLowerCase());
}

function publicGrants(value: Plain, nested: boolean): boolean {
    const list = asList(value);
    return (
        list !== UNKNOWN &&
        list.some((grant) => {
            const grantee = isObject(grant) ? (nested ? grant["grantee"] : grant) : undefined;
            return isObject(grantee) && typeof grantee["uri"] === "string" && isPublicGroupUri(grantee["uri"]);
        })
    );
}

/**
 * Does the bucket's own ACL (inline `acl` / `grants`, or an attached aws.s3.BucketAcl) certainly grant a public
 * group? That is s3-no-public-acl's finding, whose fix is BucketOwnerEnforced: the ACL and the ownership setting
 * that keeps ACLs in force are one cause.
 */
export function bucketHasPublicAcl(graph: StackGraph, bucket: StackResource): boolean {
    if (publicCanned(read(bucket.props, "acl")) || publicGrants(read(bucket.props, "grants"), false)) {
        return true;
    }
    return attached(graph, bucket, ACL_TYPES).some((acl) => publicCanned(read(acl.props, "acl")) || publicGrants(read(acl.props, "accessControlPolicy.grants"), true));
}
export const OBJECT_LOCK_TYPES: readonly string[] = [
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
];
export const LOGGING_TYPES: readonly string[] = [S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2];
export const BUCKET_POLICY = S3_BUCKET_POLICY;

export type BucketScopeConfig = {
    scope: string;
    keyMaterialTags: string[];
    keyMaterialNamePatterns: string[];
};

/** The configuration every bucket-scoped stack policy shares; `defaultScope` differs by control. */
export function bucketScopeConfig(defaultScope: "all-buckets" | "key-material"): ConfigProperties<BucketScopeConfig> {
    return {
        scope: {
            type: "string",
            enum: ["all-buckets", "key-material"],
            default: defaultScope,
            description:
                'Which buckets the policy applies to: "all-buckets" (enforced on key-material buckets, advisory on the others), or "key-material" (only buckets matching keyMaterialTags or keyMaterialNamePatterns, or that a data store exports, imports or logs to).',
        },
        keyMaterialTags: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_KEY_MATERIAL_TAGS,
            description: 'Tag selectors ("key=value", globs allowed, or a bare "key") that mark a key-material or backup bucket.',
        },
        keyMaterialNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_KEY_MATERIAL_NAME_PATTERNS,
            description: "Word patterns (globs over the words of the bucket's name or Pulumi name) that mark a key-material or backup bucket.",
        },
    };
}

/**
 * A bucket's place in the scope model for one policy: whether it is a key-material bucket (tags, names, or the
 * evidence the graph shows: a data store exports, imports or logs to it; policies/lib/aws/scope.ts), and whether the
 * policy reports only such buckets (`scope: "key-material"`) or every bucket (`"all-buckets"`, where the findings
 * on the others are advisory: the policies that use it are defence in depth).
 */
export interface BucketScope {
    keyMaterial: boolean | Unknown;
    onlyKeyMaterial: boolean;
}

export function bucketInScope(bucket: StackResource, config: BucketScopeConfig, graph: StackGraph): BucketScope {
    return { keyMaterial: isKeyMaterialBucketInStack(bucket, graph, config), onlyKeyMaterial: config.scope === "key-material" };
}

/** True when the policy reports only key-material buckets and this bucket is known not to be one. */
export function notReported(scope: BucketScope): boolean {
    return scope.onlyKeyMaterial && scope.keyMaterial === false;
}

/** Classified as a key-material or backup bucket by the policy's tag and name selectors alone. */
export function isKeyMaterialBucket(bucket: StackResource, config: KeyScopeConfig): boolean | Unknown {
    return isClassifiedBucket(bucket, config);
}

/**
 * A finding about a bucket, placed in the scope model: dropped on other buckets when the policy reports only
 * key-material buckets (undecided when an unknown tag decides), else carrying whether the bucket is in scope, so
 * the report enforces it on key-material buckets and reports it as advisory on the others.
 */
export function scoped(finding: Finding, scope: BucketScope): Finding[] {
    if (!scope.onlyKeyMaterial) {
        return [{ ...finding, inScope: scope.keyMaterial }];
    }
    if (scope.keyMaterial === false) {
        return [];
    }
    if (scope.keyMaterial === UNKNOWN) {
        return [{ ...finding, undecided: true, inScope: true, message: `${finding.message} (The bucket's tags are computed, so whether it holds key material is only known at update time.)` }];
    }
    return [{ ...finding, inScope: true }];
}

/** The resources of `types` attached to the bucket through their `bucket` input. */
export function attached(graph: StackGraph, bucket: StackResource, types: readonly string[]): StackResource[] {
    return graph.referencing(bucket, types, "bucket");
}

/**
 * True when some resource of `types` names its bucket through a value that is unknown and not traceable to a
 * resource (no propertyDependencies): any bucket could be the one it configures.
 */
export function hasUntraceableAttachment(graph: StackGraph, types: readonly string[]): boolean {
    return graph.ofType(...types).some((r) => r.props["bucket"] === UNKNOWN && (r.propertyDependencies["bucket"] ?? []).length === 0);
}

/** A property as a list of objects: a single object, an array of objects, or absent; UNKNOWN passes through. */
export function objects(value: Plain): (PlainObject | Unknown)[] {
    const items = asList(value);
    if (items === UNKNOWN) {
        return [UNKNOWN];
    }
    return items.filter((v): v is PlainObject | Unknown => v === UNKNOWN || isObject(v));
}

export interface SseDefault {
    /** Property path of the `applyServerSideEncryptionByDefault` block, for findings. */
    path: string;
    algorithm: Plain;
    key: Plain;
}

/**
 * The default-encryption entries of an SSE configuration resource or a bucket's deprecated inline block.
 * UNKNOWN when the block itself is computed.
 */
export function sseDefaults(type: string, props: PlainObject): SseDefault[] | Unknown {
    const out: SseDefault[] = [];
    const fromRule = (rule: PlainObject | Unknown, rulePath: string): boolean => {
        if (rule === UNKNOWN) {
            return false;
        }
        const single = rule["applyServerSideEncryptionByDefault"];
        const many = rule["applyServerSideEncryptionByDefaults"];
        const entries: [PlainObject | Unknown, string][] = [];
        objects(single).forEach((e) => entries.push([e, `${rulePath}.applyServerSideEncryptionByDefault`]));
        objects(many).forEach((e, i) => entries.push([e, `${rulePath}.applyServerSideEncryptionByDefaults.${i}`]));
        for (const [entry, path] of entries) {
            if (entry === UNKNOWN) {
                return false;
            }
            out.push({ path, algorithm: entry["sseAlgorithm"], key: entry["kmsMasterKeyId"] });
        }
        return true;
    };
    const fromConfiguration = (configuration: PlainObject | Unknown, path: string): boolean => {
        if (configuration === UNKNOWN) {
            return false;
        }
        const rules: [PlainObject | Unknown, string][] = [];
        objects(configuration["rule"]).forEach((r) => rules.push([r, `${path}.rule`]));
        objects(configuration["rules"]).forEach((r, i) => rules.push([r, `${path}.rules.${i}`]));
        return rules.every(([rule, rulePath]) => fromRule(rule, rulePath));
    };

    if (BUCKET_TYPES.includes(type)) {
        const blocks: [PlainObject | Unknown, string][] = [];
        objects(props["serverSideEncryptionConfiguration"]).forEach((b) => blocks.push([b, "serverSideEncryptionConfiguration"]));
        objects(props["serverSideEncryptionConfigurations"]).forEach((b, i) => blocks.push([b, `serverSideEncryptionConfigurations.${i}`]));
        return blocks.every(([block, path]) => fromConfiguration(block, path)) ? out : UNKNOWN;
    }
    const rules = objects(props["rules"]);
    return rules.every((rule, i) => fromRule(rule, `rules.${i}`)) ? out : UNKNOWN;
}

export const KMS_ALGORITHMS: readonly string[] = ["aws:kms", "aws:kms:dsse"];

/** Does a bucket's deprecated inline block (input or output) select SSE-KMS? */
export function inlineSelectsKms(bucket: StackResource): boolean | Unknown {
    const defaults = sseDefaults(bucket.type, bucket.props);
    if (defaults === UNKNOWN) {
        return UNKNOWN;
    }
    if (defaults.length === 0) {
        return false;
    }
    let unknown = false;
    for (const entry of defaults) {
        if (entry.algorithm === UNKNOWN) {
            unknown = true;
        } else if (typeof entry.algorithm === "string" && KMS_ALGORITHMS.includes(entry.algorithm.trim().toLowerCase())) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/** Inline bucket `policy` (deprecated input; also an output reflecting the bucket's policy). */
export function inlinePolicy(bucket: StackResource): Plain {
    return bucket.props["policy"];
}

/** The name of the bucket if known (`bucket` input/output, else `id`). */
export function bucketName(bucket: StackResource): string | undefined {
    for (const key of ["bucket", "id"]) {
        const value = bucket.props[key];
        if (typeof value === "string" && value.trim() !== "") {
            return value.trim();
        }
    }
    return undefined;
}

/** True when the bucket's deprecated inline `versioning`/`versionings` block enables versioning. */
export function inlineVersioning(bucket: StackResource, field: "enabled" | "mfaDelete"): boolean | Unknown | undefined {
    const blocks = [...objects(bucket.props["versioning"]), ...objects(bucket.props["versionings"])];
    let result: boolean | Unknown | undefined = undefined;
    for (const block of blocks) {
        if (block === UNKNOWN) {
            return UNKNOWN;
        }
        const value = read(block, field);
        if (value === UNKNOWN) {
            result = UNKNOWN;
        } else if (value === true || (typeof value === "string" && value.trim().toLowerCase() === "true")) {
            return true;
        } else if (!isAbsent(value) && result === undefined) {
            result = false;
        }
    }
    return result;
}

/** Buckets that receive S3 server access logs (`targetBucket` of BucketLogging, a bucket's inline `logging`) or load balancer access and connection logs (`accessLogs.bucket`, `connectionLogs.bucket`): both deliveries need SSE-S3. */
export function logTargetBuckets(graph: StackGraph): Set<StackResource> {
    const out = new Set<StackResource>();
    for (const logging of graph.ofType(...LOGGING_TYPES)) {
        graph.referenced(logging, "targetBucket", BUCKET_TYPES).resources.forEach((b) => out.add(b));
    }
    // Load balancer access and connection logs: Elastic Load Balancing delivers them only to buckets encrypted with
    // SSE-S3 (ELB User Guide, "Access logs for your Application Load Balancer": SSE-KMS is not supported).
    for (const balancer of graph.ofType(LB_LOAD_BALANCER, ALB_LOAD_BALANCER)) {
        for (const key of ["accessLogs", "connectionLogs"]) {
            const block = balancer.props[key];
            const target = isObject(block) ? block["bucket"] : undefined;
            if (typeof target === "string") {
                graph.find(target, BUCKET_TYPES).forEach((b) => out.add(b));
            }
            for (const urn of balancer.propertyDependencies[key] ?? []) {
                const dependency = graph.byUrn(urn);
                if (dependency && BUCKET_TYPES.includes(dependency.type)) {
                    out.add(dependency);
                }
            }
        }
    }
    for (const bucket of graph.ofType(...BUCKET_TYPES)) {
        for (const key of ["logging", "loggings"]) {
            for (const block of objects(bucket.props[key])) {
                if (block === UNKNOWN) {
                    continue;
                }
                const target = block["targetBucket"];
                if (typeof target === "string") {
                    graph.find(target, BUCKET_TYPES).forEach((b) => out.add(b));
                }
            }
        }
        for (const [key, urns] of Object.entries(bucket.propertyDependencies)) {
            if (key === "logging" || key === "loggings") {
                urns.map((u) => graph.byUrn(u)).filter((r): r is StackResource => !!r && BUCKET_TYPES.includes(r.type)).forEach((b) => out.add(b));
            }
        }
    }
    return out;
}

/** Object Lock switched on at bucket level: `objectLockEnabled: true`, or the deprecated inline block's "Enabled". */
export function objectLockOnBucket(bucket: StackResource): boolean | Unknown {
    const flag = bucket.props["objectLockEnabled"];
    if (flag === UNKNOWN) {
        return UNKNOWN;
    }
    if (flag === true || (typeof flag === "string" && flag.trim().toLowerCase() === "true")) {
        return true;
    }
    for (const block of objects(bucket.props["objectLockConfiguration"])) {
        if (block === UNKNOWN) {
            return UNKNOWN;
        }
        const enabled = block["objectLockEnabled"];
        if (enabled === UNKNOWN) {
            return UNKNOWN;
        }
        if (typeof enabled === "string" && enabled.trim() === "Enabled") {
            return true;
        }
    }
    return false;
}
