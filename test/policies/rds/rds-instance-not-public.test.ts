import { describe, expect, it } from "vitest";
import { rdsInstanceNotPublic as policy } from "../../../policies/rds/rds-instance-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const type = "aws:rds/instance:Instance";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-instance-not-public", () => {
    it("passes an instance with publiclyAccessible false or omitted (default false)", () => {
        expect(run({ instanceClass: "db.t4g.micro", publiclyAccessible: false }).diagnostics).toEqual([]);
        expect(run({ instanceClass: "db.t4g.micro", publiclyAccessible: "false" }).diagnostics).toEqual([]);
        expect(run({ instanceClass: "db.t4g.micro" }).diagnostics).toEqual([]);
    });

    it.each([true, "true", "TRUE", " true "])("flags publiclyAccessible = %j at the mandatory level", (value) => {
        const result = run({ publiclyAccessible: value });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each(["yes", 1, {}])("flags a non-boolean publiclyAccessible %j", (value) => {
        expect(violatedProperties(run({ publiclyAccessible: value }))).toEqual(["publiclyAccessible"]);
    });

    it("reports an unknown publiclyAccessible as undecided during preview", () => {
        const result = run({ publiclyAccessible: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["publiclyAccessible", "advisory"]]);
    });

    it("does not apply to cluster instances (a separate policy)", () => {
        const result = evaluateResource(policy, { type: "aws:rds/clusterInstance:ClusterInstance", props: { publiclyAccessible: true } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});

describe("rds-instance-not-public remediation", () => {
    it("sets publiclyAccessible to false when it is true, a string, or unknown", () => {
        for (const value of [true, "true", UNKNOWN]) {
            expect(remediationChanges(policy, { type: "aws:rds/instance:Instance", props: { publiclyAccessible: value, allocatedStorage: 20 } })).toEqual({ publiclyAccessible: false });
        }
    });

    it("changes nothing on a private instance", () => {
        expect(remediationChanges(policy, { type: "aws:rds/instance:Instance", props: { publiclyAccessible: false } })).toBeUndefined();
    });
});
