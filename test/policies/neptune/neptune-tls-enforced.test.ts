import { describe, expect, it } from "vitest";
import { neptuneTlsEnforced as policy } from "../../../policies/neptune/neptune-tls-enforced";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (parameters: unknown) => evaluateResource(policy, { type: "aws:neptune/clusterParameterGroup:ClusterParameterGroup", props: { family: "neptune1.3", parameters } });

describe("neptune-tls-enforced", () => {
    it("passes a group that leaves the setting at its default or sets it to 1", () => {
        expect(run(undefined).diagnostics).toEqual([]);
        expect(run([{ name: "neptune_enforce_ssl", value: "1" }]).diagnostics).toEqual([]);
        expect(run([{ name: "neptune_enable_audit_log", value: "1" }]).diagnostics).toEqual([]);
    });

    it.each(["0", 0, "false", "off"])("flags neptune_enforce_ssl = %j at advisory level", (value) => {
        const result = run([{ name: "neptune_enforce_ssl", value }]);
        expect(violatedProperties(result)).toEqual(["parameters.0.value"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("is undecided on a computed value", () => {
        const result = run([{ name: "neptune_enforce_ssl", value: UNKNOWN }]);
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["parameters.0.value"]);
    });
});
