import { describe, expect, it } from "vitest";
import { redshiftInVpc as policy } from "../../../policies/redshift/redshift-in-vpc";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:redshift/cluster:Cluster";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { clusterIdentifier: "wh", nodeType: "ra3.xlplus", ...props } });

describe("redshift-in-vpc", () => {
    it("passes a cluster with a subnet group and security groups", () => {
        expect(run({ clusterSubnetGroupName: "private-wh", vpcSecurityGroupIds: ["sg-1"] }).diagnostics).toEqual([]);
    });

    it("flags default networking at mandatory level", () => {
        const result = run({});
        expect(violatedProperties(result)).toEqual(["clusterSubnetGroupName", "vpcSecurityGroupIds"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags empty values and wrong types", () => {
        expect(violatedProperties(run({ clusterSubnetGroupName: "", vpcSecurityGroupIds: [] }))).toEqual(["clusterSubnetGroupName", "vpcSecurityGroupIds"]);
        expect(violatedProperties(run({ clusterSubnetGroupName: ["a"], vpcSecurityGroupIds: [1] }))).toEqual(["clusterSubnetGroupName", "vpcSecurityGroupIds"]);
    });

    it("treats computed references as set during preview", () => {
        const result = run({ clusterSubnetGroupName: UNKNOWN, vpcSecurityGroupIds: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });
});
