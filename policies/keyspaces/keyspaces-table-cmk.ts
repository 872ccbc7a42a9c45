import { keyFindings, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, isObject, read, UNKNOWN } from "../lib/readers/values";
import { KEYSPACES_TABLE } from "../lib/aws/types";

const FIX =
    'Set `encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: key.arn }` with a customer-managed aws.kms.Key, whose key policy decides who can decrypt the rows and whose use CloudTrail records.';

export const keyspacesTableCmk = resourcePolicy({
    name: "keyspaces-table-cmk",
    description: "Amazon Keyspaces tables should be encrypted with a customer-managed KMS key, not the default AWS-owned key.",
    controls: [114],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-28"], pciDss: ["3.6.1"] },
    resourceTypes: [KEYSPACES_TABLE],
    remediationSteps: [
        "1. Create an aws.kms.Key whose key policy allows Keyspaces (kms:ViaService cassandra.<region>.amazonaws.com) for the roles that use the table.",
        '2. Set `encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: key.arn }` on the aws.keyspaces.Table (Keyspaces switches the key in place).',
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const spec = read(props, "encryptionSpecification");
        if (spec === UNKNOWN) {
            return [unknownFinding("encryptionSpecification", FIX)];
        }
        if (spec !== undefined && spec !== null && !isObject(spec)) {
            return [violation("encryptionSpecification", `\`encryptionSpecification\` is not an object. ${FIX}`)];
        }
        // TableEncryptionSpecification.type: "The default value is `AWS_OWNED_KMS_KEY`."
        const type = asString(read(props, "encryptionSpecification.type"));
        if (type === UNKNOWN) {
            return [unknownFinding("encryptionSpecification.type", FIX)];
        }
        if (type === undefined) {
            return [violation("encryptionSpecification.type", `\`encryptionSpecification.type\` is not set, so the table is encrypted with an AWS-owned key (the default), whose use you can neither restrict nor see in CloudTrail. ${FIX}`)];
        }
        if (type === INVALID) {
            return [violation("encryptionSpecification.type", `\`encryptionSpecification.type\` is not a string. ${FIX}`)];
        }
        if (type.trim().toUpperCase() !== "CUSTOMER_MANAGED_KMS_KEY") {
            return [violation("encryptionSpecification.type", `\`encryptionSpecification.type\` is not CUSTOMER_MANAGED_KMS_KEY, so the table is encrypted with an AWS-owned key, whose use you can neither restrict nor see in CloudTrail. ${FIX}`)];
        }
        return keyFindings(read(props, "encryptionSpecification.kmsKeyIdentifier"), "encryptionSpecification.kmsKeyIdentifier", {
            whenAbsent: "no key is named for a customer-managed encryption (Keyspaces rejects the table)",
            expected: "a KMS key ARN",
            fix: FIX,
        });
    },
});
