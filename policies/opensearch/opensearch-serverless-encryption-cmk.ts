import { keyFindings, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, INVALID, UNKNOWN } from "../lib/readers/values";
import { OPENSEARCH_SERVERLESS_SECURITY_POLICY } from "../lib/aws/types";
import { serverlessDocument, serverlessPolicyType } from "./lib/serverless";

const FIX =
    "Set `AWSOwnedKey: false` and `KmsARN` to a customer-managed aws.kms.Key, whose key policy decides who can decrypt the collections' data and whose use CloudTrail records. The key of a collection cannot be changed after it is created.";

export const opensearchServerlessEncryptionCmk = resourcePolicy({
    name: "opensearch-serverless-encryption-cmk",
    description: "OpenSearch Serverless encryption policies must encrypt collections with a customer-managed KMS key, not an AWS-owned key.",
    controls: [109],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-28"], pciDss: ["3.6.1"] },
    resourceTypes: [OPENSEARCH_SERVERLESS_SECURITY_POLICY],
    remediationSteps: [
        "1. Create an aws.kms.Key whose key policy lets OpenSearch Serverless use it only for your collections (kms:ViaService aoss.<region>.amazonaws.com).",
        '2. In the encryption policy (`type: "encryption"`), set `AWSOwnedKey: false` and `KmsARN: key.arn`.',
        "3. A collection keeps the key it was created with: create new collections under the new policy and reindex into them.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const type = serverlessPolicyType(props);
        if (type === UNKNOWN) {
            return [unknownFinding("type", `when the policy is an encryption policy: ${FIX}`)];
        }
        if (type !== "encryption") {
            return [];
        }
        const document = serverlessDocument(props);
        if (document.kind === "unknown") {
            return [unknownFinding("policy", FIX)];
        }
        if (document.kind === "malformed" || document.entries.length !== 1) {
            const reason = document.kind === "malformed" ? document.reason : "an encryption policy is one JSON object, not a list";
            return [violation("policy", `\`policy\` cannot be read: ${reason}, so which key encrypts the collections cannot be told. ${FIX}`)];
        }
        const entry = document.entries[0]!;
        const awsOwned = asBool(entry["AWSOwnedKey"]);
        if (awsOwned === UNKNOWN) {
            return [unknownFinding("policy", FIX)];
        }
        if (awsOwned === true) {
            return [violation("policy", `\`policy\` sets \`AWSOwnedKey\` to true: the collections are encrypted with a key owned by AWS, whose use you can neither restrict nor see in CloudTrail. ${FIX}`)];
        }
        if (awsOwned === INVALID) {
            return [violation("policy", `\`policy\` has an \`AWSOwnedKey\` that is not a boolean. ${FIX}`)];
        }
        // AWSOwnedKey false (or absent, which AWS accepts only with a KmsARN): the key named must be a customer-managed one.
        return keyFindings(entry["KmsARN"], "policy", {
            label: "KmsARN",
            whenAbsent: "no key is named for the collections (AWS rejects such a policy, or falls back to an AWS-owned key)",
            expected: "a KMS key ARN",
            fix: FIX,
        });
    },
});
