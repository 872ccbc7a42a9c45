import { expectCustomerManagedKey, expectFlag } from "../lib/readers/checks";
import { TRAIL_TYPE } from "./lib/cloudtrail";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";

const KEY_FIX = "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key whose key policy lets cloudtrail.amazonaws.com encrypt, so reading the logs also needs kms:Decrypt on that key.";

export const cloudtrailMultiRegionEncryptedValidated = resourcePolicy({
    name: "cloudtrail-multi-region-encrypted-validated",
    description: "CloudTrail trails must be multi-region, logging, integrity-validated and encrypted with a customer-managed KMS key.",
    controls: [101],
    category: "monitoring",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["CloudTrail.1", "CloudTrail.2", "CloudTrail.4"],
        cis: ["3.1", "3.2", "3.5"],
        pciDss: ["10.2.1"],
        nist: ["AU-9", "AU-12"],
        checkov: ["CKV_AWS_67", "CKV_AWS_36", "CKV_AWS_35", "CKV_AWS_251"],
        trivy: ["AVD-AWS-0014", "AVD-AWS-0016", "AVD-AWS-0015"],
        cdkNag: ["CloudTrailEncryptionEnabled", "CloudTrailLogFileValidationEnabled"],
    },
    resourceTypes: [TRAIL_TYPE],
    remediationSteps: [
        "1. Set `isMultiRegionTrail: true` so KMS and Secrets Manager calls in every region are recorded.",
        "2. Set `enableLogFileValidation: true` so deleted or altered log files are detectable.",
        "3. Leave `enableLogging` unset or `true`.",
        "4. Set `kmsKeyId` to a customer-managed KMS key ARN (the key policy must allow cloudtrail.amazonaws.com to GenerateDataKey*).",
    ].join("\n"),
    check: ({ props }) => {
        const findings: Finding[] = [
            ...expectFlag(props, "isMultiRegionTrail", {
                expected: true,
                defaultValue: false,
                fix: "Set `isMultiRegionTrail: true`: a single-region trail misses Decrypt and GetSecretValue calls made in other regions.",
            }),
            ...expectFlag(props, "enableLogFileValidation", {
                expected: true,
                defaultValue: false,
                fix: "Set `enableLogFileValidation: true` so an intruder cannot silently delete or edit the evidence of key access.",
            }),
            ...expectFlag(props, "enableLogging", {
                expected: true,
                defaultValue: true,
                fix: "Remove `enableLogging: false`: a stopped trail records nothing.",
            }),
        ];
        findings.push(
            ...expectCustomerManagedKey(props, "kmsKeyId", {
                whenAbsent: "log files are only encrypted with S3-managed keys and anyone who can read the bucket reads the key-access history",
                whenAwsManaged: "an AWS-managed key alias, which CloudTrail cannot use and whose policy you cannot restrict",
                expected: "a key ARN",
                fix: KEY_FIX,
            }),
        );
        return findings;
    },
});
