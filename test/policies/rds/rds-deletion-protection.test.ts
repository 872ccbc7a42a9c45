import { describe, expect, it } from "vitest";
import { rdsDeletionProtection as policy } from "../../../policies/rds/rds-deletion-protection";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

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

describe("rds-deletion-protection remediation", () => {
    it.each(["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"])("turns deletion protection on for %s (omitted, false, wrong type or unknown)", (type) => {
        for (const value of [undefined, false, "false", UNKNOWN]) {
            expect(remediationChanges(policy, { type, props: value === undefined ? {} : { deletionProtection: value } })).toEqual({ deletionProtection: true });
        }
        expect(remediationChanges(policy, { type, props: { deletionProtection: true } })).toBeUndefined();
    });

    it("leaves global clusters to the check", () => {
        expect(remediationChanges(policy, { type: "aws:rds/globalCluster:GlobalCluster", props: {} })).toBeUndefined();
    });
});
