import { describe, expect, it } from "vitest";
import { StackGraph } from "../../policies/lib/graph";
import type { StackResource } from "../../policies/lib/policy";
import { snapshot } from "../../policies/lib/values";
import { UNKNOWN as SENTINEL } from "../support/evaluate";

function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${name}`, props: snapshot(props), dependencies: [], propertyDependencies };
}

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("StackGraph", () => {
    it("links by propertyDependencies when ids are unknown (preview of a new stack)", () => {
        const sg = resource(SG, "db-sg", { id: SENTINEL });
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: [SENTINEL] }, { vpcSecurityGroupIds: ["urn:db-sg"] });
        const graph = new StackGraph([sg, db]);
        expect(graph.referenced(db, "vpcSecurityGroupIds", [SG])).toEqual({ resources: [sg], external: [], unresolved: false });
    });

    it("links by id, ARN or name when values are known, and reports external references", () => {
        const sg = resource(SG, "db-sg", { id: "sg-123", arn: "arn:aws:ec2:eu-west-1:1:security-group/sg-123" });
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: ["sg-123", "sg-elsewhere"] });
        const ref = new StackGraph([sg, db]).referenced(db, "vpcSecurityGroupIds", [SG]);
        expect(ref.resources).toEqual([sg]);
        expect(ref.external).toEqual(["sg-elsewhere"]);
    });

    it("flags unknown references it cannot resolve", () => {
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: SENTINEL });
        expect(new StackGraph([db]).referenced(db, "vpcSecurityGroupIds", [SG]).unresolved).toBe(true);
    });

    it("follows nested inputs through their top-level dependency entry", () => {
        const sg = resource(SG, "search-sg", { id: SENTINEL });
        const domain = resource("aws:opensearch/domain:Domain", "search", { vpcOptions: { securityGroupIds: [SENTINEL] } }, { vpcOptions: ["urn:search-sg"] });
        expect(new StackGraph([sg, domain]).referenced(domain, "vpcOptions.securityGroupIds", [SG]).resources).toEqual([sg]);
    });

    it("finds the rule resources that point at a group (reverse lookup), by dependency or by id", () => {
        const sg = resource(SG, "db-sg", { id: "sg-123" });
        const byDep = resource(RULE, "rule-a", { securityGroupId: SENTINEL }, { securityGroupId: ["urn:db-sg"] });
        const byId = resource(RULE, "rule-b", { securityGroupId: "sg-123" });
        const other = resource(RULE, "rule-c", { securityGroupId: "sg-999" });
        expect(new StackGraph([sg, byDep, byId, other]).referencing(sg, [RULE], "securityGroupId").map((r) => r.name)).toEqual(["rule-a", "rule-b"]);
    });
});
