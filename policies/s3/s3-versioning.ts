import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import {
    attached,
    BUCKET_TYPES,
    bucketInScope,
    notReported,
    bucketScopeConfig,
    hasUntraceableAttachment,
    inlineVersioning,
    objectLockOnBucket,
    scoped,
    VERSIONING_TYPES,
    type BucketScopeConfig,
} from "./lib/s3";
import { asString, read, UNKNOWN } from "../lib/readers/values";

const FIX = 'Attach an aws.s3.BucketVersioning with `versioningConfiguration: { status: "Enabled" }` so overwritten or deleted key blobs can be recovered.';

export const s3Versioning = stackPolicy<BucketScopeConfig>({
    name: "s3-versioning",
    description: "Key-material and backup S3 buckets must have versioning enabled.",
    controls: [87],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.14"],
        nist: ["CP-9", "CP-10"],
        checkov: ["CKV_AWS_21"],
        trivy: ["AVD-AWS-0090"],
        cdkNag: ["S3BucketVersioningEnabled"],
    },
    resourceTypes: [...BUCKET_TYPES, ...VERSIONING_TYPES],
    remediationSteps: [
        '1. Add an aws.s3.BucketVersioning with `bucket: bucket.id` and `versioningConfiguration: { status: "Enabled" }` (a bucket created with `objectLockEnabled: true` is versioned already).',
        "2. Add a lifecycle rule that expires noncurrent versions after your recovery window, so versioning does not keep data forever.",
        '3. The policy applies to buckets tagged or named as key material or backups by default; set the config `scope` to "all-buckets" to require versioning everywhere.',
    ].join("\n"),
    config: bucketScopeConfig("key-material"),
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const untraceable = hasUntraceableAttachment(graph, VERSIONING_TYPES);
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const inScope = bucketInScope(bucket, config, graph);
            if (notReported(inScope)) {
                continue;
            }
            const configurations = attached(graph, bucket, VERSIONING_TYPES);
            if (configurations.length > 0) {
                for (const configuration of configurations) {
                    const status = asString(read(configuration.props, "versioningConfiguration.status"));
                    if (status === UNKNOWN) {
                        findings.push(...scoped(undecided("versioningConfiguration.status", `\`versioningConfiguration.status\` is computed at update time. ${FIX}`, configuration.urn), inScope));
                    } else if (status !== "Enabled") {
                        findings.push(
                            ...scoped(violation("versioningConfiguration.status", `\`versioningConfiguration.status\` is not "Enabled" (Suspended, Disabled, unset or invalid), so this bucket keeps no previous versions. ${FIX}`, configuration.urn), inScope),
                        );
                    }
                }
                continue;
            }
            const inline = inlineVersioning(bucket, "enabled");
            const locked = objectLockOnBucket(bucket);
            if (inline === true || locked === true) {
                continue;
            }
            if (inline === UNKNOWN || locked === UNKNOWN || untraceable) {
                findings.push(...scoped(undecided("versioning", `Whether this bucket is versioned depends on values computed at update time. ${FIX}`, bucket.urn), inScope));
                continue;
            }
            findings.push(...scoped(violation("versioning", `No aws.s3.BucketVersioning enables versioning on this bucket, so an overwrite or delete of a key blob or backup is final. ${FIX}`, bucket.urn), inScope));
        }
        return findings;
    },
});
