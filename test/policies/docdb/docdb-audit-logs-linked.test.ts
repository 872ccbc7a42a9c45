import { describe, expect, it } from "vitest";
import { docdbAuditLogsLinked as policy } from "../../../policies/docdb/docdb-audit-logs-linked";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const CLUSTER = "aws:docdb/cluster:Cluster";
const GROUP = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
const group = (name: string, parameters: unknown) => ({ type: GROUP, name, props: { family: "docdb5.0", name, parameters } });
const cluster = (name: string, props: Record<string, unknown> = {}) => ({ type: CLUSTER, name, props: { enabledCloudwatchLogsExports: ["audit"], ...props } });
const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]);

describe("docdb-audit-logs-linked", () => {
    it.each(["all", "enabled", "dml_read,dml_write", "DDL"])("passes a cluster whose group sets audit_logs = %j", (value) => {
        const result = evaluateStack(policy, [group("audit", [{ name: "audit_logs", value }]), cluster("keys", { dbClusterParameterGroupName: "audit" })]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a cluster on the default group (audit_logs defaults to disabled), named or omitted, at advisory level", () => {
        const result = evaluateStack(policy, [cluster("a"), cluster("b", { dbClusterParameterGroupName: "default.docdb5.0" })]);
        expect(pairs(result)).toEqual([
            [urnOf(CLUSTER, "a"), "dbClusterParameterGroupName"],
            [urnOf(CLUSTER, "b"), "dbClusterParameterGroupName"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([[[{ name: "tls", value: "enabled" }]], [[{ name: "audit_logs", value: "disabled" }]], [[{ name: "audit_logs", value: "none" }]], [[{ name: "audit_logs", value: "all,none" }]]])(
        "flags a cluster whose group leaves auditing off: %j",
        (parameters) => {
            const result = evaluateStack(policy, [group("g", parameters), cluster("keys", { dbClusterParameterGroupName: "g" })]);
            expect(pairs(result)).toEqual([[urnOf(CLUSTER, "keys"), "dbClusterParameterGroupName"]]);
        },
    );

    it("is undecided on computed parameters and on a group outside the stack", () => {
        const computed = evaluateStack(policy, [group("g", UNKNOWN), cluster("keys", { dbClusterParameterGroupName: UNKNOWN })].map((r, i) => (i === 1 ? { ...r, propertyDependencies: { dbClusterParameterGroupName: ["g"] } } : r)));
        expect(computed.cantRun).toBe(false);
        expect(computed.violations).toEqual([]);
        expect(computed.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(CLUSTER, "keys"), "dbClusterParameterGroupName"]]);
        const external = evaluateStack(policy, [cluster("keys", { dbClusterParameterGroupName: "platform-audit" })]);
        expect(external.violations).toEqual([]);
        expect(external.undecided).toHaveLength(1);
    });
});
