import { describe, expect, it } from "vitest";
import { kmsDeletionWindow as policy } from "../../../policies/kms/kms-deletion-window";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>, config?: Record<string, unknown>, type = "aws:kms/key:Key") => evaluateResource(policy, { type, props, config });

describe("kms-deletion-window", () => {
    it("passes the default (omitted = 30) and 30", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ deletionWindowInDays: 30 }).diagnostics).toEqual([]);
        expect(run({ deletionWindowInDays: "30" }).diagnostics).toEqual([]);
    });

    it.each([7, 10, 29, "7"])("flags deletionWindowInDays = %j", (value) => {
        const result = run({ deletionWindowInDays: value });
        expect(violatedProperties(result)).toEqual(["deletionWindowInDays"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags a value of the wrong type", () => {
        expect(violatedProperties(run({ deletionWindowInDays: "a month" }))).toEqual(["deletionWindowInDays"]);
        expect(violatedProperties(run({ deletionWindowInDays: true }))).toEqual(["deletionWindowInDays"]);
    });

    it("honours a configured minimum and rejects one below 7", () => {
        expect(run({ deletionWindowInDays: 14 }, { minimumDays: 14 }).diagnostics).toEqual([]);
        expect(violatedProperties(run({ deletionWindowInDays: 10 }, { minimumDays: 14 }))).toEqual(["deletionWindowInDays"]);
        expect(violatedProperties(run({}, { minimumDays: 3 }))).toEqual(["config.minimumDays"]);
    });

    it.each(["aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"])("applies to %s", (type) => {
        expect(violatedProperties(run({ deletionWindowInDays: 7 }, undefined, type))).toEqual(["deletionWindowInDays"]);
    });

    it("reports a computed window as undecided", () => {
        const result = run({ deletionWindowInDays: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["deletionWindowInDays"]);
    });

    it("does not apply to key policies", () => {
        expect(run({}, undefined, "aws:kms/keyPolicy:KeyPolicy").notApplicable).toBeDefined();
    });
});
