import { unknownFinding, violation } from "../lib/readers/checks";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, asNumber, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { KMS_KEY } from "../lib/aws/types";

const FIX = "Set `enableKeyRotation: true` (and leave `rotationPeriodInDays` at its 365-day default or lower) so each backing key encrypts a bounded amount of key material.";

type Applies = "yes" | "no" | typeof UNKNOWN;

/**
 * Automatic rotation exists only for symmetric ENCRYPT_DECRYPT keys in the default key store. Returns which
 * input makes the key exempt, or UNKNOWN (with the property) when a computed input decides.
 */
function rotationApplies(props: PlainObject): { applies: Applies; property?: string } {
    const checks: [string, (value: string) => boolean][] = [
        ["customerMasterKeySpec", (v) => v.trim().toUpperCase() === "SYMMETRIC_DEFAULT"],
        ["keyUsage", (v) => v.trim().toUpperCase() === "ENCRYPT_DECRYPT"],
        ["customKeyStoreId", (v) => v.trim() === ""],
        ["xksKeyId", (v) => v.trim() === ""],
    ];
    let unknownProperty: string | undefined;
    for (const [property, supported] of checks) {
        const value = asString(read(props, property));
        if (value === UNKNOWN) {
            unknownProperty ??= property;
        } else if (typeof value === "string" && !supported(value)) {
            return { applies: "no", property };
        }
    }
    return unknownProperty ? { applies: UNKNOWN, property: unknownProperty } : { applies: "yes" };
}

function checkPeriod(props: PlainObject, maximum: number): Finding[] {
    const value = asNumber(read(props, "rotationPeriodInDays"));
    const fix = `Set \`rotationPeriodInDays\` to at most ${maximum} (or omit it for the 365-day default).`;
    if (value === UNKNOWN) {
        return [unknownFinding("rotationPeriodInDays", fix)];
    }
    if (value === INVALID) {
        return [violation("rotationPeriodInDays", `\`rotationPeriodInDays\` is not a number. ${fix}`)];
    }
    if (value === undefined || value <= maximum) {
        return [];
    }
    return [violation("rotationPeriodInDays", `\`rotationPeriodInDays\` is ${value}, longer than the allowed ${maximum} days between rotations. ${fix}`)];
}

export const kmsKeyRotation = resourcePolicy<{ maximumRotationPeriodDays: number }>({
    name: "kms-key-rotation",
    description: "Symmetric customer-managed KMS keys in the default key store must rotate their backing key at least yearly.",
    controls: [67],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["KMS.4"],
        cis: ["3.6"],
        pciDss: ["3.7.4"],
        nist: ["SC-12"],
        checkov: ["CKV_AWS_7"],
        trivy: ["AVD-AWS-0065"],
        cdkNag: ["AwsSolutions-KMS5", "KMSBackingKeyRotationEnabled"],
    },
    resourceTypes: [KMS_KEY],
    remediationSteps: [
        "1. Set `enableKeyRotation: true` on the aws.kms.Key; it is updated in place and old backing keys stay available for decryption.",
        "2. Leave `rotationPeriodInDays` unset (365 days) or set it between 90 and the configured maximum.",
        "3. Asymmetric, HMAC, imported-material and custom/external key-store keys cannot rotate automatically: rotate them by creating a new key and re-encrypting.",
    ].join("\n"),
    config: {
        maximumRotationPeriodDays: {
            type: "integer",
            default: 365,
            minimum: 90,
            maximum: 2560,
            description: "The longest allowed `rotationPeriodInDays` (AWS accepts 90-2560; 365 is the AWS default).",
        },
    },
    check: ({ props, config }) => {
        const { applies, property } = rotationApplies(props);
        if (applies === "no") {
            return [];
        }
        const enabled = asBool(read(props, "enableKeyRotation"));
        if (enabled === true) {
            return checkPeriod(props, config.maximumRotationPeriodDays);
        }
        if (enabled === UNKNOWN) {
            return [unknownFinding("enableKeyRotation", FIX)];
        }
        if (applies === UNKNOWN) {
            return [unknownFinding(property!, `if this is a symmetric ENCRYPT_DECRYPT key in the default key store, ${FIX}`)];
        }
        if (enabled === undefined) {
            return [violation("enableKeyRotation", `\`enableKeyRotation\` is not set, so it defaults to false. ${FIX}`)];
        }
        if (enabled === INVALID) {
            return [violation("enableKeyRotation", `\`enableKeyRotation\` is not a boolean. ${FIX}`)];
        }
        return [violation("enableKeyRotation", `\`enableKeyRotation\` is false. ${FIX}`)];
    },
    // In place (enable_key_rotation is not ForceNew), and only for keys known to be symmetric ENCRYPT_DECRYPT keys in
    // the default key store; the rotation period is left alone (its default, 365 days, is compliant).
    remediate: ({ props }) =>
        rotationApplies(props).applies === "yes" && asBool(read(props, "enableKeyRotation")) !== true ? { enableKeyRotation: true } : undefined,
});
