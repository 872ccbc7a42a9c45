import { describe, expect, it } from "vitest";
import { kmsKeyRotation as policy } from "../../../policies/kms/kms-key-rotation";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const type = "aws:kms/key:Key";
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("kms-key-rotation", () => {
    it("passes a symmetric key with rotation on and the default or a shorter period", () => {
        expect(run({ enableKeyRotation: true }).diagnostics).toEqual([]);
        expect(run({ enableKeyRotation: true, rotationPeriodInDays: 180, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }).diagnostics).toEqual([]);
        expect(run({ enableKeyRotation: "true", rotationPeriodInDays: 365 }).diagnostics).toEqual([]);
    });

    it("flags rotation omitted (documented default false) at advisory level", () => {
        const result = run({ description: "wallet keys" });
        expect(violatedProperties(result)).toEqual(["enableKeyRotation"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/defaults to false/);
    });

    it.each([false, "false", "yes", 1])("flags enableKeyRotation = %j", (value) => {
        expect(violatedProperties(run({ enableKeyRotation: value }))).toEqual(["enableKeyRotation"]);
    });

    it("flags a rotation period above the configured maximum, and honours the config", () => {
        expect(violatedProperties(run({ enableKeyRotation: true, rotationPeriodInDays: 730 }))).toEqual(["rotationPeriodInDays"]);
        expect(violatedProperties(run({ enableKeyRotation: true, rotationPeriodInDays: "2560" }))).toEqual(["rotationPeriodInDays"]);
        expect(violatedProperties(run({ enableKeyRotation: true, rotationPeriodInDays: "soon" }))).toEqual(["rotationPeriodInDays"]);
        expect(run({ enableKeyRotation: true, rotationPeriodInDays: 730 }, { maximumRotationPeriodDays: 730 }).diagnostics).toEqual([]);
        expect(violatedProperties(run({ enableKeyRotation: true, rotationPeriodInDays: 200 }, { maximumRotationPeriodDays: 180 }))).toEqual(["rotationPeriodInDays"]);
    });

    it("reports a bad config value and falls back to the default", () => {
        expect(violatedProperties(run({ enableKeyRotation: true }, { maximumRotationPeriodDays: 10 }))).toEqual(["config.maximumRotationPeriodDays"]);
    });

    it.each([
        { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
        { customerMasterKeySpec: "ECC_SECG_P256K1", keyUsage: "SIGN_VERIFY" },
        { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
        { keyUsage: "GENERATE_VERIFY_MAC" },
        { customKeyStoreId: "cks-1234567890abcdef0" },
        { customKeyStoreId: "cks-1", xksKeyId: "ext-key-1" },
    ])("exempts keys that cannot rotate automatically: %j", (props) => {
        expect(run(props).diagnostics).toEqual([]);
    });

    it("does not exempt an empty custom key store id", () => {
        expect(violatedProperties(run({ customKeyStoreId: "" }))).toEqual(["enableKeyRotation"]);
    });

    describe("preview (unknown values)", () => {
        it("reports an unknown enableKeyRotation as undecided, never as can't-run", () => {
            const result = run({ enableKeyRotation: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["enableKeyRotation", "advisory"]]);
        });

        it("is undecided when a computed custom key store could exempt a non-rotating key", () => {
            const result = run({ customKeyStoreId: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["customKeyStoreId"]);
        });

        it("decides when rotation is on even if the key store is computed, and checks a computed period", () => {
            expect(run({ enableKeyRotation: true, customKeyStoreId: UNKNOWN }).diagnostics).toEqual([]);
            const result = run({ enableKeyRotation: true, rotationPeriodInDays: UNKNOWN });
            expect(result.undecided.map((d) => d.property)).toEqual(["rotationPeriodInDays"]);
        });

        it("still decides from a known asymmetric spec", () => {
            expect(run({ customerMasterKeySpec: "RSA_4096", customKeyStoreId: UNKNOWN }).diagnostics).toEqual([]);
        });
    });

    it("does not apply to imported-material keys", () => {
        const result = evaluateResource(policy, { type: "aws:kms/externalKey:ExternalKey", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});

describe("kms-key-rotation remediation", () => {
    it("turns rotation on for symmetric keys in the default key store, leaving the period alone", () => {
        expect(remediationChanges(policy, { type: "aws:kms/key:Key", props: {} })).toEqual({ enableKeyRotation: true });
        expect(remediationChanges(policy, { type: "aws:kms/key:Key", props: { enableKeyRotation: false, rotationPeriodInDays: 180 } })).toEqual({ enableKeyRotation: true });
    });

    it("leaves asymmetric, HMAC, custom-key-store and undetermined keys alone", () => {
        for (const props of [
            { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
            { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
            { customKeyStoreId: "cks-1234" },
            { customerMasterKeySpec: UNKNOWN },
            { enableKeyRotation: true },
        ]) {
            expect(remediationChanges(policy, { type: "aws:kms/key:Key", props })).toBeUndefined();
        }
    });
});
