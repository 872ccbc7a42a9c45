import { describe, expect, it } from "vitest";
import { kmsNoImportedKeyMaterialInCode as policy } from "../../../policies/kms/kms-no-imported-key-material-in-code";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:kms/externalKey:ExternalKey";
const MATERIAL = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("kms-no-imported-key-material-in-code", () => {
    it("passes an external key whose material is imported out of band", () => {
        expect(run({ description: "imported", deletionWindowInDays: 30 }).diagnostics).toEqual([]);
        expect(run({ keyMaterialBase64: "" }).diagnostics).toEqual([]);
    });

    it("flags key material in the program as mandatory, without echoing it", () => {
        const result = run({ keyMaterialBase64: MATERIAL });
        expect(violatedProperties(result)).toEqual(["keyMaterialBase64"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).not.toContain(MATERIAL);
        expect(result.violations[0]!.message).not.toContain(MATERIAL.slice(0, 8));
    });

    it("flags key material computed in the program during preview (a value is supplied either way)", () => {
        const result = run({ keyMaterialBase64: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(violatedProperties(result)).toEqual(["keyMaterialBase64"]);
        expect(result.undecided).toEqual([]);
    });

    it("does not apply to regular keys", () => {
        expect(evaluateResource(policy, { type: "aws:kms/key:Key", props: {} }).notApplicable).toBeDefined();
    });
});
