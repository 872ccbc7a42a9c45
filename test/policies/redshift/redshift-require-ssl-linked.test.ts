import { describe, expect, it } from "vitest";
import { redshiftRequireSslLinked as policy } from "../../../policies/redshift/redshift-require-ssl-linked";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const CLUSTER = "aws:redshift/cluster:Cluster";
const GROUP = "aws:redshift/parameterGroup:ParameterGroup";

const cluster = (name: string, props: Record<string, unknown>, deps?: Record<string, string[]>): StackInputResource => ({
    type: CLUSTER,
    name,
    props: { clusterIdentifier: name, nodeType: "ra3.xlplus", ...props },
    propertyDependencies: deps,
});
const group = (name: string, parameters: unknown, extra: Record<string, unknown> = {}): StackInputResource => ({
    type: GROUP,
    name,
    props: { family: "redshift-1.0", name, id: name, parameters, ...extra },
});
const SSL = [{ name: "require_ssl", value: "true" }];

const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]).sort();

describe("redshift-require-ssl-linked", () => {
    it("passes a cluster whose group (by name or by dependency) requires SSL", () => {
        expect(evaluateStack(policy, [group("tls", SSL), cluster("wh", { clusterParameterGroupName: "tls" })]).diagnostics).toEqual([]);
        const preview = evaluateStack(policy, [
            group("tls", SSL, { name: UNKNOWN, id: UNKNOWN }),
            cluster("wh", { clusterParameterGroupName: UNKNOWN }, { clusterParameterGroupName: ["tls"] }),
        ]);
        expect(preview.cantRun).toBe(false);
        expect(preview.diagnostics).toEqual([]);
    });

    it("flags a cluster on the default parameter group (omitted or default.*) at mandatory level", () => {
        const result = evaluateStack(policy, [cluster("a", {}), cluster("b", { clusterParameterGroupName: "default.redshift-1.0" })]);
        expect(pairs(result)).toEqual([
            [urnOf(CLUSTER, "a"), "clusterParameterGroupName"],
            [urnOf(CLUSTER, "b"), "clusterParameterGroupName"],
        ]);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it("flags a cluster whose in-stack group does not require SSL, and not the compliant one", () => {
        const result = evaluateStack(policy, [
            group("tls", SSL),
            group("plain", [{ name: "require_ssl", value: "false" }]),
            group("silent", undefined),
            cluster("ok", { clusterParameterGroupName: "tls" }),
            cluster("bad", { clusterParameterGroupName: "plain" }),
            cluster("unset", { clusterParameterGroupName: UNKNOWN }, { clusterParameterGroupName: ["silent"] }),
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(CLUSTER, "bad"), "clusterParameterGroupName"],
            [urnOf(CLUSTER, "unset"), "clusterParameterGroupName"],
        ]);
    });

    it("reports groups outside the stack, unresolvable names and computed parameters as undecided", () => {
        const result = evaluateStack(policy, [
            group("computed", UNKNOWN),
            cluster("ext", { clusterParameterGroupName: "shared-tls-group" }),
            cluster("unk", { clusterParameterGroupName: UNKNOWN }),
            cluster("cmp", { clusterParameterGroupName: "computed" }),
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.urn).sort()).toEqual([urnOf(CLUSTER, "cmp"), urnOf(CLUSTER, "ext"), urnOf(CLUSTER, "unk")].sort());
    });

    it("does nothing in a stack without Redshift clusters", () => {
        expect(evaluateStack(policy, [group("plain", undefined)]).diagnostics).toEqual([]);
    });
});
