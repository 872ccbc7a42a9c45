import { describe, expect, it } from "vitest";
import { redshiftEnhancedVpcRouting as policy } from "../../../policies/redshift/redshift-enhanced-vpc-routing";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:redshift/cluster:Cluster", "aws:redshiftserverless/workgroup:Workgroup"];

describe("redshift-enhanced-vpc-routing", () => {
    it.each(types)("passes %s with enhanced VPC routing", (type) => {
        expect(evaluateResource(policy, { type, props: { enhancedVpcRouting: true } }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without it (default false) at advisory level", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["enhancedVpcRouting"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([false, "false", "enabled"])("flags enhancedVpcRouting = %j", (value) => {
        expect(violatedProperties(evaluateResource(policy, { type: types[0]!, props: { enhancedVpcRouting: value } }))).toEqual(["enhancedVpcRouting"]);
    });

    it("reports an unknown flag as undecided", () => {
        const result = evaluateResource(policy, { type: types[0]!, props: { enhancedVpcRouting: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["enhancedVpcRouting"]);
    });
});
