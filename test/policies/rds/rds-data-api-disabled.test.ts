import { describe, expect, it } from "vitest";
import { rdsDataApiDisabled as policy } from "../../../policies/rds/rds-data-api-disabled";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:rds/cluster:Cluster";
const run = (props: Record<string, unknown>, config?: Record<string, unknown>, name = "reporting-db") =>
    evaluateResource(policy, { type, props: { engine: "aurora-postgresql", ...props }, config, name });

describe("rds-data-api-disabled", () => {
    it("passes a cluster with the Data API off or omitted (default off)", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ enableHttpEndpoint: false }).diagnostics).toEqual([]);
        expect(run({ enableHttpEndpoint: "false" }).diagnostics).toEqual([]);
    });

    it.each([true, "true", "TRUE"])("flags enableHttpEndpoint = %j (advisory)", (value) => {
        const result = run({ enableHttpEndpoint: value });
        expect(violatedProperties(result)).toEqual(["enableHttpEndpoint"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/security groups/);
    });

    it("flags a non-boolean enableHttpEndpoint", () => {
        expect(violatedProperties(run({ enableHttpEndpoint: "on" }))).toEqual(["enableHttpEndpoint"]);
    });

    it("allows clusters listed in allowedResourceNames", () => {
        expect(run({ enableHttpEndpoint: true }, { allowedResourceNames: ["reporting-db"] }, "reporting-db").diagnostics).toEqual([]);
        expect(violatedProperties(run({ enableHttpEndpoint: true }, { allowedResourceNames: ["reporting-db"] }, "orders-db"))).toEqual(["enableHttpEndpoint"]);
    });

    it("reports an unknown enableHttpEndpoint as undecided during preview", () => {
        const result = run({ enableHttpEndpoint: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["enableHttpEndpoint"]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/instance:Instance", props: { enableHttpEndpoint: true } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
