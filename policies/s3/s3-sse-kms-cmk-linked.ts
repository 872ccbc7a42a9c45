import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding } from "../lib/core/policy";
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
        "3. Buckets that receive S3 server access logs must stay on SSE-S3 (S3 log delivery does not support SSE-KMS); they are exempt while `exemptAccessLogBuckets` is true, unless tagged as key material.",
    ].join("\n"),
    config: {
        ...bucketScopeConfig("all-buckets"),
        exemptAccessLogBuckets: {
            type: "boolean",
            default: true,
            description: "Exempt buckets that are the target of S3 server access logging (which supports only SSE-S3), unless they match the key-material selectors.",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const untraceable = hasUntraceableAttachment(graph, SSE_TYPES);
        const logTargets = config.exemptAccessLogBuckets ? logTargetBuckets(graph) : new Set();
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            if (attached(graph, bucket, SSE_TYPES).length > 0) {
                // The configuration's content is judged by s3-sse-kms-cmk on that resource.
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
