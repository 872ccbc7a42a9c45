// StackGraph.referencing answers from a reverse index built once per (types, property); it must give exactly
// what a scan of every candidate gives (the definition), in the same order, duplicates included.

import { describe, expect, it } from "vitest";
import { referenceValues, StackGraph } from "../../../policies/lib/aws/graph";
import type { StackResource } from "../../../policies/lib/core/policy";
import { read, snapshot } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const OLD_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${name}`, props: snapshot(props), dependencies: [], propertyDependencies };
}

function naive(graph: StackGraph, target: StackResource, types: string[], property: string): StackResource[] {
    return graph.ofType(...types).filter(
        (c) =>
            (c.propertyDependencies[property.split(".")[0]!] ?? []).includes(target.urn) ||
            referenceValues(read(c.props, property)).some((item) => typeof item === "string" && graph.find(item).includes(target)),
    );
}

describe("StackGraph.referencing (reverse index)", () => {
    const sgs = [0, 1, 2].map((i) => resource(SG, `sg${i}`, { id: `sg-${i}`, arn: `arn:aws:ec2:us-east-1:1:security-group/sg-${i}`, name: `group-${i}` }));
    const rules = [
        resource(RULE, "r0", { securityGroupId: "sg-0" }),
        resource(RULE, "r1", { securityGroupId: SENTINEL }, { securityGroupId: ["urn:sg1"] }),
        resource(OLD_RULE, "r2", { securityGroupId: "arn:aws:ec2:us-east-1:1:security-group/sg-2" }),
        resource(OLD_RULE, "r3", { securityGroupId: "group-0" }, { securityGroupId: ["urn:sg0"] }),
        resource(RULE, "r4", { securityGroupId: "sg-elsewhere" }),
        resource(RULE, "r5", {}),
    ];
    const graph = new StackGraph([...sgs, ...rules]);

    it.each([
        [[RULE, OLD_RULE]],
        [[OLD_RULE]],
        [[RULE, RULE]],
        [[SG]],
    ])("matches a scan of every candidate for types %j", (types) => {
        for (const target of [...sgs, ...rules]) {
            expect(graph.referencing(target, types, "securityGroupId")).toEqual(naive(graph, target, types, "securityGroupId"));
        }
    });

    it("links by propertyDependencies and by id, ARN or name", () => {
        expect(graph.referencing(sgs[0]!, [RULE, OLD_RULE], "securityGroupId").map((r) => r.name)).toEqual(["r0", "r3"]);
        expect(graph.referencing(sgs[1]!, [RULE, OLD_RULE], "securityGroupId").map((r) => r.name)).toEqual(["r1"]);
        expect(graph.referencing(sgs[2]!, [RULE, OLD_RULE], "securityGroupId").map((r) => r.name)).toEqual(["r2"]);
        expect(graph.referencing(sgs[2]!, [RULE], "securityGroupId")).toEqual([]);
    });
});
