import { violation } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { isAbsent, read, UNKNOWN } from "../lib/readers/values";
import { KMS_EXTERNAL_KEY } from "../lib/aws/types";

export const kmsNoImportedKeyMaterialInCode = resourcePolicy({
    name: "kms-no-imported-key-material-in-code",
    description: "Imported KMS key material must not be passed through the Pulumi program, where it is stored in state.",
    controls: [73],
    category: "secrets-handling",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["SC-12", "SC-28"],
    },
    resourceTypes: [KMS_EXTERNAL_KEY],
    remediationSteps: [
        "1. Remove `keyMaterialBase64` from the aws.kms.ExternalKey (the key is then created in PendingImport state).",
        "2. Import the material out of band: GetParametersForImport, wrap the material with the returned public key, then ImportKeyMaterial, from a controlled host.",
        "3. Treat the material that was in the program as exposed: it is in Pulumi state, its backups and possibly CI logs. Create a new key with fresh material and re-encrypt under it.",
    ].join("\n"),
    check: ({ props }) => {
        const value = read(props, "keyMaterialBase64");
        if (isAbsent(value) || (typeof value === "string" && value.trim() === "")) {
            return [];
        }
        const origin = value === UNKNOWN ? "is computed in the program (for example from config or another resource)" : "is set";
        return [
            violation(
                "keyMaterialBase64",
                `\`keyMaterialBase64\` ${origin}, so the raw key material is stored in Pulumi state (even as a secret, it is decrypted for every preview and policy run). Remove it and import the material out of band with ImportKeyMaterial.`,
            ),
        ];
    },
});
