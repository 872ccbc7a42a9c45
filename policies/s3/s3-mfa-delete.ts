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
    scoped,
    VERSIONING_TYPES,
    type BucketScopeConfig,
} from "./lib/s3";
import { asString, read, UNKNOWN } from "../lib/readers/values";

const FIX =
    'Set `versioningConfiguration: { status: "Enabled", mfaDelete: "Enabled" }` and `mfa` on the aws.s3.BucketVersioning (root user only), or protect the bucket with Object Lock in COMPLIANCE mode instead.';

export const s3MfaDelete = stackPolicy<BucketScopeConfig>({
    name: "s3-mfa-delete",
    keyMaterialEscalation: false,
    description: "Key-material and backup S3 buckets should require MFA to delete object versions or change versioning.",
    controls: [88],
    category: "authentication-mfa",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.20"],
        cis: ["2.1.2"],
        trivy: ["AVD-AWS-0170"],
    },
    resourceTypes: [...BUCKET_TYPES, ...VERSIONING_TYPES],
    remediationSteps: [
        '1. MFA delete can only be enabled by the account root user with an MFA code: `versioningConfiguration: { status: "Enabled", mfaDelete: "Enabled" }` and `mfa: "<serial> <code>"` on the aws.s3.BucketVersioning.',
        "2. Because that cannot run in CI, the practical alternative for key-material and backup buckets is Object Lock with a COMPLIANCE default retention (see s3-object-lock); when you use it, disable this advisory policy.",
        '3. The policy applies only to buckets tagged or named as key material or backups (config `scope`: "key-material").',
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
                    const mfaDelete = asString(read(configuration.props, "versioningConfiguration.mfaDelete"));
                    if (mfaDelete === UNKNOWN) {
                        findings.push(...scoped(undecided("versioningConfiguration.mfaDelete", `\`versioningConfiguration.mfaDelete\` is computed at update time. ${FIX}`, configuration.urn), inScope));
                    } else if (mfaDelete !== "Enabled") {
                        findings.push(
                            ...scoped(
                                violation("versioningConfiguration.mfaDelete", `\`versioningConfiguration.mfaDelete\` is not "Enabled", so one stolen credential can permanently delete key-material versions. ${FIX}`, configuration.urn),
                                inScope,
                            ),
                        );
                    }
                }
                continue;
            }
            const inline = inlineVersioning(bucket, "mfaDelete");
            if (inline === true) {
                continue;
            }
            if (inline === UNKNOWN || untraceable) {
                findings.push(...scoped(undecided("versioning.mfaDelete", `Whether MFA delete is on depends on values computed at update time. ${FIX}`, bucket.urn), inScope));
                continue;
            }
            findings.push(...scoped(violation("versioning.mfaDelete", `This bucket has no versioning configuration with MFA delete. ${FIX}`, bucket.urn), inScope));
        }
        return findings;
    },
});
