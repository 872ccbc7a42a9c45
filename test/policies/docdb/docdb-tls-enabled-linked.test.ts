import { describe, expect, it } from "vitest";
import { docdbTlsEnabledLinked as policy } from "../../../policies/docdb/docdb-tls-enabled-linked";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:docdb/cluster:Cluster";
const GROUP = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
const group = (name: string, parameters: unknown, props: Record<string, unknown> = {}) => ({ type: GROUP, name, props: { family: "docdb5.0", name, parameters, ...props } });
const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]);

describe("docdb-tls-enabled-linked", () => {
    it("passes a cluster without a parameter group (the default group requires TLS) or on a default.* group", () => {
        expect(evaluateStack(policy, [{ type: CLUSTER, name: "keys", props: {} }]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [{ type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: "default.docdb5.0" } }]).diagnostics).toEqual([]);
    });

    it("passes a cluster whose in-stack group keeps TLS", () => {
        const result = evaluateStack(policy, [group("tls-on", [{ name: "tls", value: "tls1.2+" }]), { type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: "tls-on" } }]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags the cluster (not only the group) whose group disables TLS, linked by name", () => {
        const result = evaluateStack(policy, [
            group("tls-off", [{ name: "tls", value: "disabled" }]),
            { type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: "tls-off" } },
            { type: CLUSTER, name: "other", props: {} },
        ]);
        expect(pairs(result)).toEqual([[urnOf(CLUSTER, "keys"), "dbClusterParameterGroupName"]]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(violatedProperties(result)).toEqual(["dbClusterParameterGroupName"]);
    });

    it("links through propertyDependencies during a preview, when the group name is computed", () => {
        const result = evaluateStack(policy, [
            group("tls-off", [{ name: "tls", value: "disabled" }], { name: UNKNOWN }),
            { type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: UNKNOWN }, propertyDependencies: { dbClusterParameterGroupName: ["tls-off"] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(pairs(result)).toEqual([[urnOf(CLUSTER, "keys"), "dbClusterParameterGroupName"]]);
    });

    it("is undecided on a computed reference it cannot resolve, on computed parameters, and on a group outside the stack", () => {
        const unresolved = evaluateStack(policy, [{ type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: UNKNOWN } }]);
        expect(unresolved.cantRun).toBe(false);
        expect(unresolved.violations).toEqual([]);
        expect(unresolved.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(CLUSTER, "keys"), "dbClusterParameterGroupName"]]);

        const computed = evaluateStack(policy, [group("g", [{ name: "tls", value: UNKNOWN }]), { type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: "g" } }]);
        expect(computed.violations).toEqual([]);
        expect(computed.undecided.map((d) => d.urn)).toEqual([urnOf(CLUSTER, "keys")]);

        const external = evaluateStack(policy, [{ type: CLUSTER, name: "keys", props: { dbClusterParameterGroupName: "shared-from-platform-stack" } }]);
        expect(external.violations).toEqual([]);
        expect(external.undecided.map((d) => d.property)).toEqual(["dbClusterParameterGroupName"]);
    });
});
