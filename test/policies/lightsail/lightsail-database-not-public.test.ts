import { describe, expect, it } from "vitest";
import { lightsailDatabaseNotPublic as policy } from "../../../policies/lightsail/lightsail-database-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:lightsail/database:Database";
const base = { relationalDatabaseName: "orders", blueprintId: "postgres_16", bundleId: "micro_2_0", masterDatabaseName: "app", masterUsername: "app", masterPassword: "x" };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { ...base, ...props } });

describe("lightsail-database-not-public", () => {
    it("passes a private database, and one that leaves public mode at its default (off)", () => {
        expect(run({ publiclyAccessible: false }).diagnostics).toEqual([]);
        expect(run({}).diagnostics).toEqual([]);
    });

    it.each([true, "true"])("blocks public mode (%j)", (value) => {
        const result = run({ publiclyAccessible: value });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/publiclyAccessible.*is true.*internet/);
    });

    it("treats a value of the wrong type as a violation", () => {
        expect(violatedProperties(run({ publiclyAccessible: "yes" }))).toEqual(["publiclyAccessible"]);
    });

    it("leaves a computed setting undecided during preview", () => {
        const result = run({ publiclyAccessible: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["publiclyAccessible"]);
    });
});
