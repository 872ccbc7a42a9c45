import { describe, expect, it } from "vitest";
import { rdsDeletionProtection as policy } from "../../../policies/rds/rds-deletion-protection";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/globalCluster:GlobalCluster"];

describe("rds-deletion-protection", () => {
    it.each(types)("passes %s with deletionProtection on", (type) => {
        expect(evaluateResource(policy, { type, props: { deletionProtection: true } }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without deletionProtection (default false) at the advisory default level", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["deletionProtection"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags deletionProtection: false", () => {
        expect(violatedProperties(evaluateResource(policy, { type: types[0]!, props: { deletionProtection: false } }))).toEqual(["deletionProtection"]);
    });

    it("reports an unknown deletionProtection as undecided during preview", () => {
        const result = evaluateResource(policy, { type: types[1]!, props: { deletionProtection: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["deletionProtection"]);
        expect(result.violations).toEqual([]);
    });
});
