import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { isSet } from "../lib/readers/presence";
import { looksSecret, SECRET_DETECTION_CONFIG, type SecretDetectionConfig } from "./lib/secrets";
import { asString, INVALID, UNKNOWN } from "../lib/readers/values";
import { SSM_PARAMETER } from "../lib/aws/types";

const FIX = "Set `type: \"SecureString\"` (with a customer-managed `keyId`) and supply the value through `valueWo`; changing the type replaces the parameter.";

export const ssmParameterSecurestring = resourcePolicy<SecretDetectionConfig>({
    name: "ssm-parameter-securestring",
    description: "SSM parameters whose name, description, tags or value mark them as credentials or key material must be SecureString parameters.",
    controls: [80],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["3.5.1"], nist: ["SC-28"], checkov: ["CKV2_AWS_34"] },
    resourceTypes: [SSM_PARAMETER],
    config: SECRET_DETECTION_CONFIG,
    remediationSteps: [
        "1. Set `type: \"SecureString\"` and `keyId` to a customer-managed KMS key on every parameter that holds a password, token, API key, private key, seed or mnemonic.",
        "2. Replace `value`/`insecureValue` with `valueWo` + `valueWoVersion` so the value is not stored in the Pulumi state.",
        "3. Changing the type recreates the parameter: rotate the credential afterwards, because the old String value stays in the parameter history of the deleted parameter until it expires.",
        "4. If a parameter is wrongly matched (e.g. it only stores a secret's ARN), rename it to end in -arn/-id/-name or adjust the nonSecretNamePatterns config.",
    ].join("\n"),
    check: ({ props, name, config }): Finding[] => {
        const verdict = looksSecret(props, name, config, ["value", "insecureValue"]);
        if (verdict.secret === false) {
            return [];
        }
        const type = asString(props.type);
        if (typeof type === "string" && type.trim().toLowerCase() === "securestring") {
            return [];
        }
        const findings: Finding[] = [];
        if (verdict.secret === UNKNOWN) {
            if (type !== UNKNOWN) {
                findings.push(undecided("type", `This parameter is not a SecureString and its name is computed, so whether it holds a secret is decided at update time. ${FIX}`));
            }
        } else if (type === UNKNOWN) {
            findings.push(unknownFinding("type", `This parameter looks like a credential or key material (${verdict.reason}). ${FIX}`));
        } else {
            const state = type === undefined || type === INVALID ? "is not set to a valid parameter type" : "is not SecureString";
            findings.push(
                violation(
                    "type",
                    `\`type\` ${state}, but this parameter looks like a credential or key material (${verdict.reason}): its value is stored unencrypted and returned in clear by ssm:GetParameter* and the parameter history. ${FIX}`,
                ),
            );
        }
        if (verdict.secret === true && isSet(props.insecureValue)) {
            findings.push(violation("insecureValue", "`insecureValue` is never masked in previews and cannot be used with SecureString. Remove it and use `valueWo` on a SecureString parameter."));
        }
        return findings;
    },
});
