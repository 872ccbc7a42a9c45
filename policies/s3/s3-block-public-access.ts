import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { ACCOUNT_PUBLIC_ACCESS_BLOCK, PUBLIC_ACCESS_BLOCK } from "./lib/s3";

export const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3BlockPublicAccess = resourcePolicy({
    name: "s3-block-public-access",
    description: "S3 bucket and account public access blocks must set all four block/ignore/restrict flags to true.",
    controls: [82],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.1", "S3.8"],
        cis: ["2.1.4"],
        pciDss: ["1.4.4"],
        nist: ["AC-3"],
        checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
        trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093"],
        cdkNag: ["AwsSolutions-S2", "S3BucketLevelPublicAccessProhibited"],
    },
    resourceTypes: [PUBLIC_ACCESS_BLOCK, ACCOUNT_PUBLIC_ACCESS_BLOCK],
    remediationSteps: [
        "1. Set `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` to `true` on the aws.s3.BucketPublicAccessBlock (or aws.s3.AccountPublicAccessBlock); each one defaults to false.",
        "2. If something really must be public, serve it from a separate bucket that holds no key material, through CloudFront with origin access control, instead of relaxing these flags.",
    ].join("\n"),
    check: ({ props, type }) => {
        const what = type === ACCOUNT_PUBLIC_ACCESS_BLOCK ? "every bucket in the account" : "the bucket";
        const findings: Finding[] = [];
        for (const flag of PUBLIC_ACCESS_FLAGS) {
            findings.push(
                ...expectFlag(props, flag, {
                    expected: true,
                    defaultValue: false,
                    fix: `Set \`${flag}: true\`; otherwise a public bucket policy or ACL can expose ${what} and the exported keys or DB dumps in it.`,
                }),
            );
        }
        return findings;
    },
});
