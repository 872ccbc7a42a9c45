import { keyFindings, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { QLDB_LEDGER } from "../lib/aws/types";

const FIX =
    "Set `kmsKey` to the ARN of a customer-managed symmetric aws.kms.Key, whose key policy decides who can decrypt the journal and whose use CloudTrail records.";

const AWS_OWNED = "AWS_OWNED_KMS_KEY";

export const qldbLedgerCmk = resourcePolicy({
    name: "qldb-ledger-cmk",
    description: "QLDB ledgers should be encrypted with a customer-managed KMS key, not the default AWS-owned key.",
    controls: [114],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-28"], pciDss: ["3.6.1"] },
    resourceTypes: [QLDB_LEDGER],
    remediationSteps: [
        "1. Create a symmetric aws.kms.Key whose key policy allows QLDB (kms:ViaService qldb.<region>.amazonaws.com) for the roles that use the ledger.",
        "2. Set `kmsKey: key.arn` on the aws.qldb.Ledger (QLDB switches the key in place).",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const value = read(props, "kmsKey");
        const reading = asString(value);
        if (reading === UNKNOWN) {
            // A computed key reference is a key being supplied (classifyKey): the stack policies check the key itself.
            return [];
        }
        // CreateLedger: without KmsKey the ledger is encrypted with an AWS-owned key, the same as "AWS_OWNED_KMS_KEY".
        if (reading === undefined || (typeof reading === "string" && reading.trim().toUpperCase() === AWS_OWNED)) {
            const state = reading === undefined ? "is not set, so the ledger is encrypted with an AWS-owned key (the default)" : `is ${AWS_OWNED}, an AWS-owned key`;
            return [violation("kmsKey", `\`kmsKey\` ${state}, whose use you can neither restrict nor see in CloudTrail. ${FIX}`)];
        }
        return keyFindings(value, "kmsKey", { whenAbsent: "the ledger is encrypted with an AWS-owned key", expected: "a KMS key ARN", fix: FIX });
    },
});
