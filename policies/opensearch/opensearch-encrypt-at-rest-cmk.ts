import { expectCustomerManagedKey, expectFlag, keyUnlessUnencrypted } from "../lib/readers/checks";
import { DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy } from "../lib/core/policy";

const KEY_FIX = "Set `encryptAtRest.kmsKeyId` to the ARN of a customer-managed KMS key so its key policy decides who can decrypt the indices and snapshots.";

export const opensearchEncryptAtRestCmk = resourcePolicy({
    name: "opensearch-encrypt-at-rest-cmk",
    description: "OpenSearch and Elasticsearch domains must encrypt their indices at rest with a customer-managed KMS key.",
    controls: [61],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["OpenSearch.1", "ES.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-28", "SC-12"],
        checkov: ["CKV_AWS_5", "CKV_AWS_247"],
        trivy: ["AVD-AWS-0048"],
        cdkNag: ["AwsSolutions-OS8"],
    },
    resourceTypes: DOMAIN_TYPES,
    remediationSteps: [
        "1. Create (or reuse) a customer-managed aws.kms.Key whose key policy lets only the domain's administrators and the OpenSearch service use it.",
        "2. Set `encryptAtRest: { enabled: true, kmsKeyId: key.arn }` on the domain (use the key ARN, not the key id, to avoid a perpetual diff).",
        "3. Encryption at rest and its key cannot be changed on an existing domain: create a new domain, restore a snapshot into it, and switch clients over.",
    ].join("\n"),
    check: ({ props }) =>
        keyUnlessUnencrypted(
            expectFlag(props, "encryptAtRest.enabled", {
                expected: true,
                defaultValue: false,
                fix: "Set `encryptAtRest.enabled: true` with `encryptAtRest.kmsKeyId` set to the ARN of a customer-managed KMS key, so indices, logs, swap files and automated snapshots (which often contain logged payloads with key material) are encrypted under a key policy you control.",
            }),
            () => expectCustomerManagedKey(props, "encryptAtRest.kmsKeyId", { protects: "the domain's data", defaultKey: "aws/es", expected: "a key ARN", fix: KEY_FIX }),
        ),
});
