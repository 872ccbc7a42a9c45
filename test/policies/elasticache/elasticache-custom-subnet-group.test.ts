import { describe, expect, it } from "vitest";
import { elasticacheCustomSubnetGroup as policy } from "../../../policies/elasticache/elasticache-custom-subnet-group";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

describe("elasticache-custom-subnet-group", () => {
    it.each([RG, CLUSTER])("passes %s with a subnet group and security groups", (type) => {
        expect(evaluateResource(policy, { type, props: { subnetGroupName: "private-cache", securityGroupIds: ["sg-123"] } }).diagnostics).toEqual([]);
    });

    it.each([RG, CLUSTER])("flags %s on default networking at the advisory level", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["securityGroupIds", "subnetGroupName"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags empty strings and lists as not set", () => {
        expect(violatedProperties(evaluateResource(policy, { type: RG, props: { subnetGroupName: " ", securityGroupIds: [] } }))).toEqual([
            "securityGroupIds",
            "subnetGroupName",
        ]);
    });

    it("accepts security group names on replication groups", () => {
        expect(evaluateResource(policy, { type: RG, props: { subnetGroupName: "private-cache", securityGroupNames: ["cache-sg"] } }).diagnostics).toEqual([]);
    });

    it("checks serverless caches' subnets and security groups", () => {
        expect(evaluateResource(policy, { type: SERVERLESS, props: { engine: "valkey", subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }).diagnostics).toEqual([]);
        expect(violatedProperties(evaluateResource(policy, { type: SERVERLESS, props: { engine: "valkey" } }))).toEqual(["securityGroupIds", "subnetIds"]);
    });

    it("skips replication-group members", () => {
        expect(evaluateResource(policy, { type: CLUSTER, props: { replicationGroupId: "keys" } }).diagnostics).toEqual([]);
    });

    it("treats computed references as set during preview", () => {
        const result = evaluateResource(policy, { type: RG, props: { subnetGroupName: UNKNOWN, securityGroupIds: [UNKNOWN] } });
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });
});
