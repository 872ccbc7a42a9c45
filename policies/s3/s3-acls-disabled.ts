import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { S3_BUCKET_OWNERSHIP_CONTROLS } from "../lib/aws/types";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { attached, BUCKET_TYPES, bucketHasPublicAcl, bucketInScope, notReported, bucketScopeConfig, scoped, type BucketScopeConfig } from "./lib/s3";

const FIX =
    'Set `rule: { objectOwnership: "BucketOwnerEnforced" }` on the aws.s3.BucketOwnershipControls (or remove it: new buckets disable ACLs by default), and grant access through the bucket policy only.';

export const s3AclsDisabled = stackPolicy<BucketScopeConfig>({
    name: "s3-acls-disabled",
    description: "Key-material S3 buckets keep ACLs disabled (object ownership BucketOwnerEnforced), so only the bucket policy grants access.",
    controls: [106],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.12"],
        nist: ["AC-3", "AC-6"],
        checkov: ["CKV2_AWS_65"],
    },
    resourceTypes: [...BUCKET_TYPES, S3_BUCKET_OWNERSHIP_CONTROLS],
    remediationSteps: [
        '1. On each key-material bucket, set the aws.s3.BucketOwnershipControls `rule.objectOwnership` to "BucketOwnerEnforced" (ObjectWriter and BucketOwnerPreferred keep ACLs in force).',
        "2. Remove aws.s3.BucketAcl resources and object ACLs that granted access; express that access in the bucket policy.",
        '3. The policy applies to buckets tagged or named as key material or backups by default; set the config `scope` to "all-buckets" to require it everywhere.',
    ].join("\n"),
    config: bucketScopeConfig("key-material"),
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const inScope = bucketInScope(bucket, config, graph);
            if (notReported(inScope)) {
                continue;
            }
            if (bucketHasPublicAcl(graph, bucket)) {
                // One cause, one blocking finding: the public ACL is s3-no-public-acl's finding, whose fix is this
                // very setting (BucketOwnerEnforced disables the ACL).
                continue;
            }
            // No ownership controls: S3's default for new buckets, BucketOwnerEnforced (ACLs disabled).
            for (const controls of attached(graph, bucket, [S3_BUCKET_OWNERSHIP_CONTROLS])) {
                const ownership = asString(read(controls.props, "rule.objectOwnership"));
                if (ownership === UNKNOWN) {
                    findings.push(...scoped(undecided("rule.objectOwnership", `\`rule.objectOwnership\` of ${controls.name} is computed at update time. ${FIX}`, bucket.urn), inScope));
                } else if (ownership !== "BucketOwnerEnforced") {
                    const what = typeof ownership === "string" ? `is "${ownership === "ObjectWriter" || ownership === "BucketOwnerPreferred" ? ownership : "not BucketOwnerEnforced"}"` : "is not set to BucketOwnerEnforced";
                    findings.push(
                        ...scoped(
                            violation("rule.objectOwnership", `\`rule.objectOwnership\` of ${controls.name} ${what}, so ACLs stay enabled on bucket ${bucket.name}: one ACL grant can share its objects outside the bucket policy. ${FIX}`, bucket.urn),
                            inScope,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
