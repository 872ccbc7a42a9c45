import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import {
    ACCOUNT_PUBLIC_ACCESS_BLOCK,
    attached,
    BUCKET_TYPES,
    bucketInScope,
    bucketScopeConfig,
    hasUntraceableAttachment,
    PUBLIC_ACCESS_BLOCK,
    scoped,
    type BucketScopeConfig,
} from "./lib/s3";
import { asBool, UNKNOWN, type Unknown } from "../lib/readers/values";
import { PUBLIC_ACCESS_FLAGS } from "./s3-block-public-access";
import { s3BlockPublicAccess } from "./s3-block-public-access";

/** true when all four flags are true, false when one is false/omitted/invalid, UNKNOWN when an unknown decides. */
function allFlagsOn(block: StackResource): boolean | Unknown {
    let unknown = false;
    for (const flag of PUBLIC_ACCESS_FLAGS) {
        const value = asBool(block.props[flag]);
        if (value === UNKNOWN) {
            unknown = true;
        } else if (value !== true) {
            return false;
        }
    }
    return unknown ? UNKNOWN : true;
}

function anyOn(blocks: StackResource[]): boolean | Unknown {
    let unknown = false;
    for (const block of blocks) {
        const on = allFlagsOn(block);
        if (on === true) {
            return true;
        }
        unknown ||= on === UNKNOWN;
    }
    return unknown ? UNKNOWN : false;
}

export const s3BlockPublicAccessLinked = stackPolicy<BucketScopeConfig>({
    name: "s3-block-public-access-linked",
    description: "Every S3 bucket must be covered by a bucket or account public access block with all four flags true.",
    ...linkedMetadata(s3BlockPublicAccess),
    // A tool checks the linked resource under another rule id.
    refs: { ...s3BlockPublicAccess.refs, checkov: ["CKV2_AWS_6"], trivy: ["AVD-AWS-0094"] },
    resourceTypes: [...BUCKET_TYPES, PUBLIC_ACCESS_BLOCK, ACCOUNT_PUBLIC_ACCESS_BLOCK],
    remediationSteps: [
        "1. Add an aws.s3.BucketPublicAccessBlock with `bucket: bucket.id` and `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets` all `true` for each bucket,",
        "   or manage an aws.s3.AccountPublicAccessBlock with all four flags `true` in the stack that owns the account baseline.",
        "2. S3 turns the block on for new buckets by default, but only a resource in the program keeps it pinned: without one, a console or API change can switch it off unnoticed.",
        '3. To limit the policy to key-material and backup buckets, set the policy config `scope` to "key-material" and tag those buckets (e.g. `data-class=key-material`).',
    ].join("\n"),
    config: bucketScopeConfig("all-buckets"),
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const account = anyOn(graph.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCK));
        if (account === true) {
            return [];
        }
        const untraceable = hasUntraceableAttachment(graph, [PUBLIC_ACCESS_BLOCK]);
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const blocks = attached(graph, bucket, [PUBLIC_ACCESS_BLOCK]);
            const own = anyOn(blocks);
            if (own === true) {
                continue;
            }
            const inScope = bucketInScope(bucket, config, graph);
            if (own === UNKNOWN || account === UNKNOWN || (blocks.length === 0 && untraceable)) {
                findings.push(
                    ...scoped(
                        undecided(
                            "bucketPublicAccessBlock",
                            "Whether a public access block with all four flags covers this bucket depends on values computed at update time; the policy re-checks then.",
                            bucket.urn,
                        ),
                        inScope,
                    ),
                );
                continue;
            }
            const message =
                blocks.length === 0
                    ? "No aws.s3.BucketPublicAccessBlock is attached to this bucket and the stack has no aws.s3.AccountPublicAccessBlock with all four flags true, so nothing in the program keeps a public policy or ACL from exposing its objects. Add a BucketPublicAccessBlock with all four flags `true`."
                    : "The aws.s3.BucketPublicAccessBlock attached to this bucket leaves at least one of the four flags false or unset, and no AccountPublicAccessBlock with all four flags covers it. Set all four flags to `true`.";
            findings.push(...scoped(violation("bucketPublicAccessBlock", message, bucket.urn), inScope));
        }
        return findings;
    },
});
