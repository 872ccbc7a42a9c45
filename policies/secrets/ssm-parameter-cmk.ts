import { classifyKey, expectCustomerManagedKey, unknownFinding } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, UNKNOWN } from "../lib/readers/values";
import { SSM_PARAMETER } from "../lib/aws/types";

const FIX = "Set `keyId` to the ARN of a customer-managed KMS key whose key policy allows kms:Decrypt only to the parameter's readers.";

export const ssmParameterCmk = resourcePolicy({
    name: "ssm-parameter-cmk",
    description: "SecureString SSM parameters must be encrypted with a customer-managed KMS key instead of alias/aws/ssm.",
    controls: [81],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: { pciDss: ["3.6.1"], nist: ["SC-12", "SC-28"], checkov: ["CKV_AWS_337"] },
    resourceTypes: [SSM_PARAMETER],
    remediationSteps: [
        "1. Create a customer-managed aws.kms.Key whose key policy grants kms:Decrypt only to the roles that read the parameter.",
        "2. Set `keyId: key.arn` on every SecureString aws.ssm.Parameter.",
        "3. Rewrite the value after the change (bump `valueWoVersion`) so the stored version is encrypted under the new key.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const type = asString(props.type);
        if (type === UNKNOWN) {
            // A supplied key (literal CMK or computed reference) satisfies the rule whatever the type turns out to be.
            const key = classifyKey(props.keyId);
            if (key === "customer-managed" || key === "unknown") {
                return [];
            }
            return [unknownFinding("type", `If this parameter is a SecureString, \`keyId\` must name a customer-managed key. ${FIX}`)];
        }
        if (typeof type !== "string" || type.trim().toLowerCase() !== "securestring") {
            // String/StringList parameters are not encrypted at all; ssm-parameter-securestring decides whether they must be.
            return [];
        }
        return expectCustomerManagedKey(props, "keyId", { protects: "the parameter", defaultKey: "alias/aws/ssm", fix: FIX });
    },
});
