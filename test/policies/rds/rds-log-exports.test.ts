import { describe, expect, it } from "vitest";
import { rdsLogExports as policy } from "../../../policies/rds/rds-log-exports";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-log-exports", () => {
    it.each([
        [instance, "mysql", ["audit", "error", "general", "slowquery"]],
        [instance, "mariadb", ["general"]],
        [instance, "postgres", ["postgresql", "upgrade"]],
        [instance, "sqlserver-se", ["agent", "error"]],
        [instance, "oracle-ee", ["alert", "audit", "listener", "trace"]],
        [instance, "db2-se", ["diag.log", "notify.log"]],
        [cluster, "aurora-mysql", ["audit", "error"]],
        [cluster, "aurora-postgresql", ["postgresql"]],
        [cluster, "mysql", ["error", "general", "slowquery"]],
    ])("passes %s %s exporting its engine's logs", (type, engine, exports) => {
        expect(run(type, { engine, enabledCloudwatchLogsExports: exports }).diagnostics).toEqual([]);
    });

    it("matches log types case-insensitively", () => {
        expect(run(cluster, { engine: "Aurora-PostgreSQL", enabledCloudwatchLogsExports: ["PostgreSQL"] }).diagnostics).toEqual([]);
    });

    it.each([undefined, null, [], [""]])("flags enabledCloudwatchLogsExports = %j (advisory)", (value) => {
        const result = run(instance, { engine: "postgres", enabledCloudwatchLogsExports: value });
        expect(violatedProperties(result)).toEqual(["enabledCloudwatchLogsExports"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([
        [cluster, "aurora-postgresql", ["iam-db-auth-error"]],
        [cluster, "aurora-mysql", ["error", "slowquery"]],
        [instance, "postgres", ["audit"]],
        [instance, "sqlserver-ex", ["agent"]],
        [instance, "oracle-se2", ["alert", "trace"]],
    ])("flags %s %s exporting only logs that miss who connected and what ran", (type, engine, exports) => {
        const result = run(type, { engine, enabledCloudwatchLogsExports: exports });
        expect(violatedProperties(result)).toEqual(["enabledCloudwatchLogsExports"]);
        expect(result.violations[0]!.message).toMatch(/does not include/);
    });

    it("accepts any export when the engine is inherited (replica) and skips RDS Custom", () => {
        expect(run(instance, { replicateSourceDb: "p", enabledCloudwatchLogsExports: ["error"] }).diagnostics).toEqual([]);
        expect(violatedProperties(run(instance, { replicateSourceDb: "p" }))).toEqual(["enabledCloudwatchLogsExports"]);
        expect(run(instance, { engine: "custom-oracle-ee" }).diagnostics).toEqual([]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on an unknown list, and on unknown elements when the required log is missing", () => {
            const whole = run(instance, { engine: "mysql", enabledCloudwatchLogsExports: UNKNOWN });
            expect(whole.cantRun).toBe(false);
            expect(whole.violations).toEqual([]);
            expect(whole.undecided.map((d) => [d.property, d.level])).toEqual([["enabledCloudwatchLogsExports", "advisory"]]);
            expect(run(instance, { engine: "mysql", enabledCloudwatchLogsExports: [UNKNOWN] }).undecided.map((d) => d.property)).toEqual([
                "enabledCloudwatchLogsExports",
            ]);
            expect(run(instance, { engine: "mysql", enabledCloudwatchLogsExports: [UNKNOWN, "audit"] }).diagnostics).toEqual([]);
        });

        it("is undecided on an unknown engine with exports, and flags an empty list whatever the engine", () => {
            expect(run(cluster, { engine: UNKNOWN, enabledCloudwatchLogsExports: ["error"] }).undecided.map((d) => d.property)).toEqual(["engine"]);
            const empty = run(cluster, { engine: UNKNOWN });
            expect(empty.cantRun).toBe(false);
            expect(violatedProperties(empty)).toEqual(["enabledCloudwatchLogsExports"]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/clusterInstance:ClusterInstance", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
