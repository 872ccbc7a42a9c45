import { keyFindings, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { BUCKET_TYPES, KMS_ALGORITHMS, SSE_TYPES, sseDefaults } from "./lib/s3";
import { asString, INVALID, UNKNOWN } from "../lib/readers/values";

const FIX =
    'Set `sseAlgorithm: "aws:kms"` (or "aws:kms:dsse") and `kmsMasterKeyId` to the ARN of a customer-managed aws.kms.Key, so reading an object also needs kms:Decrypt under a key policy you control.';

export const s3SseKmsCmk = resourcePolicy({
    name: "s3-sse-kms-cmk",
    description: "S3 default encryption must be SSE-KMS (or DSSE-KMS) with a customer-managed KMS key.",
    controls: [83],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.17"],
        pciDss: ["3.5.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_145", "CKV_AWS_19"],
        trivy: ["AVD-AWS-0132"],
        cdkNag: ["S3DefaultEncryptionKMS"],
    },
    resourceTypes: [...SSE_TYPES, ...BUCKET_TYPES],
    remediationSteps: [
        "1. Create an aws.kms.Key (with rotation and a key policy that limits kms:Decrypt to the readers of this bucket).",
        '2. Add an aws.s3.BucketServerSideEncryptionConfiguration with `rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }]`.',
        "3. Remove the deprecated inline `serverSideEncryptionConfiguration` from the bucket, or make it use the same key.",
        "4. Existing objects keep their old encryption: copy them in place (or with S3 Batch Operations) to re-encrypt them with the key.",
    ].join("\n"),
    check: ({ props, type }) => {
        const defaults = sseDefaults(type, props);
        const isBucket = BUCKET_TYPES.includes(type);
        if (defaults === UNKNOWN) {
            return [unknownFinding(isBucket ? "serverSideEncryptionConfiguration" : "rules", FIX)];
        }
        if (defaults.length === 0) {
            // A bucket without the inline block may be configured by a separate resource (s3-sse-kms-cmk-linked).
            return isBucket ? [] : [violation("rules", `No rule sets \`applyServerSideEncryptionByDefault\`, so S3 uses SSE-S3 (AES256), which any principal with s3:GetObject can read through. ${FIX}`)];
        }
        const findings: Finding[] = [];
        for (const entry of defaults) {
            const algorithmPath = `${entry.path}.sseAlgorithm`;
            const keyPath = `${entry.path}.kmsMasterKeyId`;
            const algorithm = asString(entry.algorithm);
            if (algorithm === UNKNOWN) {
                findings.push(unknownFinding(algorithmPath, FIX));
                continue;
            }
            if (algorithm === undefined || algorithm === INVALID || !KMS_ALGORITHMS.includes(algorithm.trim().toLowerCase())) {
                const state = algorithm === undefined ? "is not set" : algorithm === INVALID ? "is not a string" : "is not aws:kms or aws:kms:dsse (SSE-S3 or an unsupported value)";
                findings.push(violation(algorithmPath, `\`sseAlgorithm\` ${state}, so objects are not protected by a KMS key policy. ${FIX}`));
                continue;
            }
            findings.push(
                ...keyFindings(entry.key, keyPath, {
                    label: "kmsMasterKeyId",
                    whenAbsent: "SSE-KMS uses the AWS-managed key `aws/s3`, whose key policy lets every principal in the account that can read the bucket decrypt",
                    fix: FIX,
                }),
            );
        }
        return findings;
    },
});

