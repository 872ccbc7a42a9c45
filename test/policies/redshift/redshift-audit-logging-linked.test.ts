import { describe, expect, it } from "vitest";
import { redshiftAuditLoggingLinked as policy } from "../../../policies/redshift/redshift-audit-logging-linked";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const CLUSTER = "aws:redshift/cluster:Cluster";
const GROUP = "aws:redshift/parameterGroup:ParameterGroup";
const LOGGING = "aws:redshift/logging:Logging";

const ACTIVITY = [
    { name: "require_ssl", value: "true" },
    { name: "enable_user_activity_logging", value: "true" },
];
const group = (name: string, parameters: unknown): StackInputResource => ({ type: GROUP, name, props: { family: "redshift-1.0", name, id: name, parameters } });
const cluster = (name: string, props: Record<string, unknown> = {}): StackInputResource => ({
    type: CLUSTER,
    name,
    props: { clusterIdentifier: name, nodeType: "ra3.xlplus", clusterParameterGroupName: "audit", ...props },
});
const logging = (name: string, clusterIdentifier: unknown, deps?: string[]): StackInputResource => ({
    type: LOGGING,
    name,
    props: { clusterIdentifier, logDestinationType: "s3", bucketName: "audit-logs" },
    propertyDependencies: deps ? { clusterIdentifier: deps } : undefined,
});

const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]).sort();

describe("redshift-audit-logging-linked", () => {
    it("passes clusters with a Logging resource (by identifier or dependency) and activity logging on", () => {
        const result = evaluateStack(policy, [group("audit", ACTIVITY), cluster("a"), cluster("b"), logging("log-a", "a"), logging("log-b", UNKNOWN, ["b"])]);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a cluster without any Logging resource at advisory level", () => {
        const result = evaluateStack(policy, [group("audit", ACTIVITY), cluster("a"), cluster("b"), logging("log-a", "a")]);
        expect(pairs(result)).toEqual([[urnOf(CLUSTER, "b"), "logging"]]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags clusters whose parameter group does not enable user-activity logging, including the default group", () => {
        const result = evaluateStack(policy, [
            group("quiet", [{ name: "enable_user_activity_logging", value: "false" }]),
            cluster("a", { clusterParameterGroupName: "quiet" }),
            cluster("b", { clusterParameterGroupName: undefined }),
            logging("log-a", "a"),
            logging("log-b", "b"),
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(CLUSTER, "a"), "clusterParameterGroupName"],
            [urnOf(CLUSTER, "b"), "clusterParameterGroupName"],
        ]);
        const relaxed = evaluateStack(policy, [cluster("b", { clusterParameterGroupName: undefined }), logging("log-b", "b")], { requireUserActivityLogging: false });
        expect(relaxed.diagnostics).toEqual([]);
    });

    it("is undecided when a Logging resource names a computed cluster it cannot be tied to", () => {
        const result = evaluateStack(policy, [group("audit", ACTIVITY), cluster("a"), logging("log-x", UNKNOWN)]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(CLUSTER, "a"), "logging"]]);
    });
});
