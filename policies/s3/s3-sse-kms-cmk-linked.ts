import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { resourceInScope } from "../lib/aws/scope";
import {
    attached,
    BUCKET_TYPES,
    bucketInScope,
    bucketScopeConfig,
    hasUntraceableAttachment,
    inlineSelectsKms,
    isKeyMaterialBucket,
    logTargetBuckets,
    scoped,
    SSE_TYPES,
    type BucketScopeConfig,
} from "./lib/s3";
import { UNKNOWN } from "../lib/readers/values";
import { s3SseKmsCmk } from "./s3-sse-kms-cmk";

type Config = BucketScopeConfig & { exemptAccessLogBuckets: boolean };

/**
 * A key-material bucket (tags or evidence) whose attached configuration does not select SSE-KMS with a
 * customer-managed key, when s3-sse-kms-cmk cannot see from the configuration's own inputs that the bucket holds key
 * material (it then reports the configuration as advisory).
 */
function unseenKeyMaterialBucket(graph: StackGraph, bucket: StackResource, configurations: readonly StackResource[], config: Config): Finding[] {
    if (bucketInScope(bucket, config, graph).keyMaterial !== true || configurations.some((c) => resourceInScope(c) === true)) {
        return [];
    }
    const weak = configurations.some((c) => s3SseKmsCmk.check({ type: c.type, name: c.name, urn: c.urn, props: c.props, config: {} }).some((f) => !f.undecided));
    if (!weak) {
        return [];
    }
    return [
        {
            ...violation(
                "serverSideEncryptionConfiguration",
                "This bucket is classified as key material (tags or name) or holds a data store's exports, imports or logs, and its aws.s3.BucketServerSideEncryptionConfiguration does not select SSE-KMS with a customer-managed key, so anyone with s3:GetObject reads its objects without a kms:Decrypt check. Set `sseAlgorithm: \"aws:kms\"` and a customer-managed `kmsMasterKeyId` on that configuration.",
                bucket.urn,
            ),
            inScope: true,
        },
    ];
}

export const s3SseKmsCmkLinked = stackPolicy<Config>({
    name: "s3-sse-kms-cmk-linked",
    description: "Every S3 bucket must have a default-encryption configuration that selects SSE-KMS, not the SSE-S3 default.",
    ...linkedMetadata(s3SseKmsCmk),
    // A tool checks the linked resource under another rule id.
    refs: { ...s3SseKmsCmk.refs, checkov: ["CKV_AWS_145"] },
    resourceTypes: [...BUCKET_TYPES, ...SSE_TYPES],
    remediationSteps: [
        '1. Add an aws.s3.BucketServerSideEncryptionConfiguration with `bucket: bucket.id` and `rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }]`, where key is a customer-managed aws.kms.Key.',
        "2. Without it S3 encrypts new objects with SSE-S3 (AES256): encrypted at rest, but readable by anyone with s3:GetObject, with no key policy or kms:Decrypt audit trail in between.",
        "3. Buckets that receive S3 server access logs or load balancer logs must stay on SSE-S3 (neither delivery supports SSE-KMS); they are exempt while `exemptAccessLogBuckets` is true, unless tagged as key material.",
    ].join("\n"),
    config: {
        ...bucketScopeConfig("all-buckets"),
        exemptAccessLogBuckets: {
            type: "boolean",
            default: true,
            description: "Exempt buckets that are the target of S3 server access logging or of load balancer access and connection logs (both support only SSE-S3), unless they match the key-material selectors.",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const untraceable = hasUntraceableAttachment(graph, SSE_TYPES);
        const logTargets = config.exemptAccessLogBuckets ? logTargetBuckets(graph) : new Set();
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const configurations = attached(graph, bucket, SSE_TYPES);
            if (configurations.length > 0) {
                // The configuration's content is judged by s3-sse-kms-cmk on that resource, which sees only its own
                // name and the bucket's name; a bucket that only its tags or the graph's evidence mark as key
                // material is enforced here.
                findings.push(...unseenKeyMaterialBucket(graph, bucket, configurations, config));
                continue;
            }
            if (logTargets.has(bucket) && isKeyMaterialBucket(bucket, config) === false) {
                continue;
            }
            const inline = inlineSelectsKms(bucket);
            if (inline === true) {
                continue;
            }
            const inScope = bucketInScope(bucket, config, graph);
            if (inline === UNKNOWN || untraceable) {
                findings.push(
                    ...scoped(
                        undecided("serverSideEncryptionConfiguration", "Whether this bucket's default encryption is SSE-KMS depends on values computed at update time; the policy re-checks then.", bucket.urn),
                        inScope,
                    ),
                );
                continue;
            }
            findings.push(
                ...scoped(
                    violation(
                        "serverSideEncryptionConfiguration",
                        "No aws.s3.BucketServerSideEncryptionConfiguration selects SSE-KMS for this bucket, so objects get the SSE-S3 (AES256) default and anyone with s3:GetObject reads them without a kms:Decrypt check. Attach one with `sseAlgorithm: \"aws:kms\"` and a customer-managed `kmsMasterKeyId`.",
                        bucket.urn,
                    ),
                    inScope,
                ),
            );
        }
        return findings;
    },
});
