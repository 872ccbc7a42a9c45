import { describe, expect, it } from "vitest";
import { neptuneInstanceNotPublic as policy } from "../../../policies/neptune/neptune-instance-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>) =>
    evaluateResource(policy, { type: "aws:neptune/clusterInstance:ClusterInstance", props: { clusterIdentifier: "graph", instanceClass: "db.r6g.large", ...props } });

describe("neptune-instance-not-public", () => {
    it("passes an instance that is private (omitted or false)", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ publiclyAccessible: false }).diagnostics).toEqual([]);
        expect(run({ publiclyAccessible: "false" }).diagnostics).toEqual([]);
    });

    it.each([true, "true", "yes"])("flags publiclyAccessible = %j at mandatory level", (value) => {
        const result = run({ publiclyAccessible: value });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("is undecided on a computed flag", () => {
        const result = run({ publiclyAccessible: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["publiclyAccessible"]);
    });
});
