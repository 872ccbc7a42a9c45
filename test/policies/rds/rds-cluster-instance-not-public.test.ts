import { describe, expect, it } from "vitest";
import { rdsClusterInstanceNotPublic as policy } from "../../../policies/rds/rds-cluster-instance-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const type = "aws:rds/clusterInstance:ClusterInstance";
const base = { clusterIdentifier: "c", engine: "aurora-postgresql", instanceClass: "db.serverless" };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { ...base, ...props } });

describe("rds-cluster-instance-not-public", () => {
    it("passes a cluster instance with publiclyAccessible false or omitted (default false)", () => {
        expect(run({ publiclyAccessible: false }).diagnostics).toEqual([]);
        expect(run({}).diagnostics).toEqual([]);
    });

    it.each([true, "true", "True"])("flags publiclyAccessible = %j", (value) => {
        const result = run({ publiclyAccessible: value });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags a non-boolean publiclyAccessible", () => {
        expect(violatedProperties(run({ publiclyAccessible: "public" }))).toEqual(["publiclyAccessible"]);
    });

    it("reports an unknown publiclyAccessible as undecided during preview", () => {
        const result = run({ publiclyAccessible: UNKNOWN, clusterIdentifier: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["publiclyAccessible"]);
    });

    it("does not apply to standalone instances or clusters", () => {
        for (const other of ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"]) {
            const result = evaluateResource(policy, { type: other, props: { publiclyAccessible: true } });
            expect(result.diagnostics).toEqual([]);
            expect(result.notApplicable).toBeDefined();
        }
    });
});

describe("rds-cluster-instance-not-public remediation", () => {
    it("sets publiclyAccessible to false when it is true or unknown, and leaves private instances alone", () => {
        const type = "aws:rds/clusterInstance:ClusterInstance";
        expect(remediationChanges(policy, { type, props: { publiclyAccessible: true, engine: "aurora-postgresql" } })).toEqual({ publiclyAccessible: false });
        expect(remediationChanges(policy, { type, props: { publiclyAccessible: UNKNOWN } })).toEqual({ publiclyAccessible: false });
        expect(remediationChanges(policy, { type, props: { publiclyAccessible: false } })).toBeUndefined();
    });
});
