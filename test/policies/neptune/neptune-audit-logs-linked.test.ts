import { describe, expect, it } from "vitest";
import { neptuneAuditLogsLinked as policy } from "../../../policies/neptune/neptune-audit-logs-linked";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const CLUSTER = "aws:neptune/cluster:Cluster";
const GROUP = "aws:neptune/clusterParameterGroup:ClusterParameterGroup";
const group = (name: string, parameters: unknown) => ({ type: GROUP, name, props: { family: "neptune1.3", name, parameters } });
const cluster = (name: string, props: Record<string, unknown> = {}) => ({ type: CLUSTER, name, props: { enableCloudwatchLogsExports: ["audit"], ...props } });
const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]);

describe("neptune-audit-logs-linked", () => {
    it("passes a cluster whose group sets neptune_enable_audit_log to 1 (string or number)", () => {
        expect(evaluateStack(policy, [group("audit", [{ name: "neptune_enable_audit_log", value: "1" }]), cluster("graph", { neptuneClusterParameterGroupName: "audit" })]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [group("audit", [{ name: "neptune_enable_audit_log", value: 1 }]), cluster("graph", { neptuneClusterParameterGroupName: "audit" })]).diagnostics).toEqual([]);
    });

    it("flags a cluster on the default group (audit log off by default) at advisory level", () => {
        const result = evaluateStack(policy, [cluster("graph"), cluster("named", { neptuneClusterParameterGroupName: "default.neptune1.3" })]);
        expect(pairs(result)).toEqual([
            [urnOf(CLUSTER, "graph"), "neptuneClusterParameterGroupName"],
            [urnOf(CLUSTER, "named"), "neptuneClusterParameterGroupName"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([[[{ name: "neptune_enable_audit_log", value: "0" }]], [[{ name: "neptune_enable_audit_log", value: "true" }]], [[{ name: "neptune_query_timeout", value: "120000" }]]])(
        "flags a cluster whose group does not turn the audit log on: %j",
        (parameters) => {
            const result = evaluateStack(policy, [group("g", parameters), cluster("graph", { neptuneClusterParameterGroupName: "g" })]);
            expect(pairs(result)).toEqual([[urnOf(CLUSTER, "graph"), "neptuneClusterParameterGroupName"]]);
        },
    );

    it("links through propertyDependencies during a preview and stays undecided on computed values", () => {
        const linked = evaluateStack(policy, [
            group("g", [{ name: "neptune_enable_audit_log", value: "0" }]),
            { ...cluster("graph", { neptuneClusterParameterGroupName: UNKNOWN }), propertyDependencies: { neptuneClusterParameterGroupName: ["g"] } },
        ]);
        expect(linked.cantRun).toBe(false);
        expect(pairs(linked)).toEqual([[urnOf(CLUSTER, "graph"), "neptuneClusterParameterGroupName"]]);
        const unresolved = evaluateStack(policy, [cluster("graph", { neptuneClusterParameterGroupName: UNKNOWN })]);
        expect(unresolved.violations).toEqual([]);
        expect(unresolved.undecided.map((d) => d.urn)).toEqual([urnOf(CLUSTER, "graph")]);
    });
});
