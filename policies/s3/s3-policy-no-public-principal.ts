import { resourcePolicy } from "../lib/core/policy";
import { publicPrincipalFindings } from "../lib/aws/resource-policy";
import { BUCKET_POLICY, BUCKET_TYPES } from "./lib/s3";

type Config = { allowedAccountIds: string[] };

export const s3PolicyNoPublicPrincipal = resourcePolicy<Config>({
    name: "s3-policy-no-public-principal",
    description: "S3 bucket policies must not allow a wildcard principal unless a condition pins callers to an account, organization or VPC endpoint.",
    controls: [85],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["S3.2", "S3.3", "S3.6"],
        pciDss: ["1.4.4"],
        nist: ["AC-3"],
        checkov: ["CKV_AWS_70"],
        cdkNag: ["S3BucketPublicReadProhibited", "S3BucketPublicWriteProhibited"],
    },
    resourceTypes: [BUCKET_POLICY, ...BUCKET_TYPES],
    remediationSteps: [
        "1. Replace `Principal: \"*\"` (or `{ AWS: \"*\" }`, or NotPrincipal) in Allow statements with the ARNs of the roles that need the bucket.",
        "2. If a wildcard principal is needed for an organization-wide or VPC-endpoint-only pattern, add a condition such as `StringEquals: { \"aws:PrincipalOrgID\": \"o-...\" }` or `StringEquals: { \"aws:SourceVpce\": \"vpce-...\" }`.",
        "3. Keep an aws.s3.BucketPublicAccessBlock with `blockPublicPolicy` and `restrictPublicBuckets` true as a second line of defence.",
        "4. Optionally list the account ids that may be granted access in the policy config `allowedAccountIds`; principals from other accounts are then reported too.",
    ].join("\n"),
    config: {
        allowedAccountIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Account ids that bucket policies may grant access to; when non-empty, Allow statements naming other accounts are violations.",
        },
    },
    check: ({ props, config }) =>
        publicPrincipalFindings(props["policy"], {
            property: "policy",
            holds: "the bucket's objects (key material, backups, dumps)",
            allowedAccountIds: config.allowedAccountIds,
            fix: "Grant the bucket to named principals only, or pin wildcard principals with aws:PrincipalOrgID / aws:PrincipalAccount / aws:SourceVpce.",
        }),
});
