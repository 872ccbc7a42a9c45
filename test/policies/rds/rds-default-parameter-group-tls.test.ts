import { describe, expect, it } from "vitest";
import { rdsDefaultParameterGroupTls as policy } from "../../../policies/rds/rds-default-parameter-group-tls";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const runInstance = (props: Record<string, unknown>) => evaluateResource(policy, { type: instance, props: { instanceClass: "db.t4g.micro", ...props } });
const runCluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: cluster, props });

describe("rds-default-parameter-group-tls", () => {
    describe("instances on the default parameter group that does not force TLS", () => {
        it.each([
            ["mysql", "8.0.36", "mysql 8.0", "require_secure_transport", "OFF"],
            ["mysql", "5.7.44", "mysql 5.7", "require_secure_transport", "OFF"],
            ["mysql", "8.4", "mysql 8.4", "require_secure_transport", "OFF"],
            ["mariadb", "10.11.6", "mariadb 10.11", "require_secure_transport", "OFF"],
            ["mariadb", "11.4.3", "mariadb 11.4", "require_secure_transport", "OFF"],
            ["postgres", "14.12", "postgres 14", "rds.force_ssl", "0"],
            ["sqlserver-se", "15.00.4345.5.v1", "sqlserver-se 15.0", "rds.force_ssl", "0"],
            ["db2-se", "11.5.9.0.sb00000000.r1", "db2-se 11.5", "DB2COMM", "TCPIP"],
        ])("flags %s %s without parameterGroupName", (engine, engineVersion, family, parameter, value) => {
            const result = runInstance({ engine, engineVersion });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
            const finding = result.violations[0]!;
            expect(finding.level).toBe("mandatory");
            expect(finding.message).toContain("`parameterGroupName` is not set, so the instance uses the default parameter group");
            expect(finding.message).toContain(`of ${family}, where \`${parameter}\` is ${value}`);
            expect(finding.message).toContain("without TLS");
            expect(finding.message).toContain("aws.rds.ParameterGroup");
        });

        it("flags SQL Server whatever the version says, even without engineVersion", () => {
            expect(violatedProperties(runInstance({ engine: "sqlserver-ee" }))).toEqual(["parameterGroupName"]);
            expect(violatedProperties(runInstance({ engine: "sqlserver-ex", engineVersion: UNKNOWN }))).toEqual(["parameterGroupName"]);
        });

        it.each(["", "   ", null])("treats parameterGroupName = %j as not set", (value) => {
            const result = runInstance({ engine: "mysql", engineVersion: "8.0", parameterGroupName: value });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
            expect(result.violations[0]!.message).toContain("is not set");
        });

        it("flags `default.mysql8.0` named explicitly, taking the version from the group's family", () => {
            const result = runInstance({ engine: "mysql", parameterGroupName: "default.mysql8.0" });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
            expect(result.violations[0]!.message).toContain("names a default parameter group (`default.*`)");
            expect(result.violations[0]!.message).toContain("mysql 8.0");
            // The family decides even when the version input is unknown.
            expect(violatedProperties(runInstance({ engine: "mysql", engineVersion: UNKNOWN, parameterGroupName: " Default.Postgres14 " }))).toEqual([
                "parameterGroupName",
            ]);
        });

        it("flags a restore from a snapshot, which gets the default group unless one is named", () => {
            expect(violatedProperties(runInstance({ engine: "postgres", engineVersion: "13.15", snapshotIdentifier: "wallet-snap" }))).toEqual(["parameterGroupName"]);
        });

        it("flags a cross-region read replica (source named by ARN), which gets the engine's default group", () => {
            const result = runInstance({ engine: "mysql", engineVersion: "8.0", replicateSourceDb: "arn:aws:rds:us-east-1:111122223333:db:primary" });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
        });
    });

    describe("clusters on the default cluster parameter group", () => {
        it.each([
            ["aurora-postgresql", "16.4", "aurora-postgresql 16", "rds.force_ssl", "0"],
            ["aurora-postgresql", "17.4", "aurora-postgresql 17", "rds.force_ssl", "0"],
            ["aurora-mysql", "8.0.mysql_aurora.3.05.2", "aurora-mysql 8.0", "require_secure_transport", "OFF"],
            ["aurora-mysql", "5.7.mysql_aurora.2.12.0", "aurora-mysql 5.7", "require_secure_transport", "OFF"],
            ["mysql", "8.0.39", "mysql 8.0", "require_secure_transport", "OFF"],
        ])("flags %s %s without dbClusterParameterGroupName", (engine, engineVersion, family, parameter, value) => {
            const result = runCluster({ engine, engineVersion });
            expect(violatedProperties(result)).toEqual(["dbClusterParameterGroupName"]);
            expect(result.violations[0]!.message).toContain("`dbClusterParameterGroupName` is not set, so the cluster uses the default parameter group");
            expect(result.violations[0]!.message).toContain(`of ${family}, where \`${parameter}\` is ${value}`);
            expect(result.violations[0]!.message).toContain("aws.rds.ClusterParameterGroup");
        });

        it("flags Aurora without engineVersion (no Aurora default forces TLS) and `default.aurora-mysql8.0`", () => {
            expect(violatedProperties(runCluster({ engine: "aurora-postgresql" }))).toEqual(["dbClusterParameterGroupName"]);
            expect(violatedProperties(runCluster({ engine: "aurora-mysql", dbClusterParameterGroupName: "default.aurora-mysql8.0" }))).toEqual([
                "dbClusterParameterGroupName",
            ]);
        });

        it("ignores the instance parameter group of a cluster (`dbInstanceParameterGroupName` cannot force TLS there)", () => {
            const result = runCluster({ engine: "aurora-mysql", engineVersion: "8.0", dbInstanceParameterGroupName: "custom-instance-params" });
            expect(violatedProperties(result)).toEqual(["dbClusterParameterGroupName"]);
            expect(runCluster({ engine: "aurora-mysql", dbClusterParameterGroupName: "wallet-cluster-params", dbInstanceParameterGroupName: "default.aurora-mysql8.0" }).diagnostics).toEqual([]);
        });
    });

    describe("must not block", () => {
        it.each([
            ["postgres", "15.7"],
            ["postgres", "16.4"],
            ["postgres", "17"],
            ["mysql", "9.7.0"],
            ["mariadb", "11.8.2"],
        ])("passes %s %s on its default group, which forces TLS by default", (engine, engineVersion) => {
            expect(runInstance({ engine, engineVersion }).diagnostics).toEqual([]);
            expect(runInstance({ engine, engineVersion, parameterGroupName: "" }).diagnostics).toEqual([]);
        });

        it("passes `default.postgres16` and a Multi-AZ PostgreSQL 16 cluster on its default group", () => {
            expect(runInstance({ engine: "postgres", parameterGroupName: "default.postgres16" }).diagnostics).toEqual([]);
            expect(runCluster({ engine: "postgres", engineVersion: "16.4" }).diagnostics).toEqual([]);
        });

        it("leaves a custom parameter group to rds-parameter-group-tls", () => {
            expect(runInstance({ engine: "mysql", engineVersion: "8.0", parameterGroupName: "wallet-mysql-params" }).diagnostics).toEqual([]);
            expect(runCluster({ engine: "aurora-mysql", dbClusterParameterGroupName: "wallet-cluster-params" }).diagnostics).toEqual([]);
        });

        it("does not report an Aurora instance (a cluster member), which takes TLS from the cluster parameter group", () => {
            expect(runInstance({ engine: "aurora-postgresql", engineVersion: "16.4" }).diagnostics).toEqual([]);
            expect(runInstance({ engine: "aurora-mysql", parameterGroupName: "default.aurora-mysql8.0" }).diagnostics).toEqual([]);
            // aws.rds.ClusterInstance members are not in scope at all.
            const member = evaluateResource(policy, { type: "aws:rds/clusterInstance:ClusterInstance", props: { engine: "aurora-mysql", clusterIdentifier: "wallet-cluster" } });
            expect(member.diagnostics).toEqual([]);
        });

        it("does not report Oracle (TLS is the SSL option of an option group) nor RDS Custom engines", () => {
            expect(runInstance({ engine: "oracle-ee", engineVersion: "19.0.0.0.ru-2024-10.rur-2024-10.r1" }).diagnostics).toEqual([]);
            expect(runInstance({ engine: "oracle-se2-cdb", parameterGroupName: "default.oracle-se2-cdb-21" }).diagnostics).toEqual([]);
            expect(runInstance({ engine: "custom-sqlserver-ee", engineVersion: "15.00" }).diagnostics).toEqual([]);
        });

        it("does not report a same-region read replica, which inherits its source's parameter group", () => {
            expect(runInstance({ engine: "mysql", engineVersion: "8.0", replicateSourceDb: "wallet-db" }).diagnostics).toEqual([]);
            expect(runInstance({ replicateSourceDb: "wallet-db" }).diagnostics).toEqual([]);
        });
    });

    describe("what it cannot place is undecided, never safe", () => {
        it.each([
            [{ engine: "mysql" }, "engineVersion"],
            [{ engine: "postgres" }, "engineVersion"],
            [{ engine: "mariadb" }, "engineVersion"],
            [{ engine: "mysql", engineVersion: "9.1.0" }, "engineVersion"],
            [{ engine: "mariadb", engineVersion: "11.6" }, "engineVersion"],
            [{ engine: "postgres", engineVersion: "latest" }, "engineVersion"],
            [{ engine: "cockroachdb", engineVersion: "23.1" }, "engine"],
            [{ engineVersion: "8.0" }, "engine"],
        ])("reports %j as undecided on %s", (props, property) => {
            const result = runInstance(props);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([[property, "advisory"]]);
        });

        it("says which versions decide when engineVersion is missing", () => {
            const message = runInstance({ engine: "mysql" }).undecided[0]!.message;
            expect(message).toContain("`engineVersion` is not set");
            expect(message).toContain("forces TLS only from some major versions on");
            expect(message).toContain('`require_secure_transport` = "1"');
        });
    });

    describe("wrong types", () => {
        it.each([42, true, { name: "default.mysql8.0" }, ["default.mysql8.0"]])("flags parameterGroupName = %j", (value) => {
            const result = runInstance({ engine: "postgres", engineVersion: "16.4", parameterGroupName: value });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
            expect(result.violations[0]!.message).toContain("is not a parameter group name");
        });

        it("flags a cluster group name of the wrong type", () => {
            expect(violatedProperties(runCluster({ engine: "aurora-mysql", dbClusterParameterGroupName: 7 }))).toEqual(["dbClusterParameterGroupName"]);
        });

        it("flags an engine or a deciding engineVersion of the wrong type", () => {
            expect(violatedProperties(runInstance({ engine: { name: "mysql" }, engineVersion: "8.0" }))).toEqual(["engine"]);
            expect(violatedProperties(runInstance({ engine: "mysql", engineVersion: ["8.0"] }))).toEqual(["engineVersion"]);
            // A version that does not decide is not read: SQL Server's default never forces TLS.
            expect(violatedProperties(runInstance({ engine: "sqlserver-web", engineVersion: ["15"] }))).toEqual(["parameterGroupName"]);
        });

        it("reads a number the engine may send as a version string, and an unplaceable engine as undecided", () => {
            expect(violatedProperties(runInstance({ engine: "postgres", engineVersion: 14 }))).toEqual(["parameterGroupName"]);
            expect(runInstance({ engine: "postgres", engineVersion: 16 }).diagnostics).toEqual([]);
            expect(runInstance({ engine: 5, engineVersion: "8.0" }).undecided.map((d) => d.property)).toEqual(["engine"]);
        });
    });

    describe("preview (unknown values)", () => {
        it("treats an unknown parameter group name as a supplied (custom) group: no finding", () => {
            const result = runInstance({ engine: "mysql", engineVersion: "8.0", parameterGroupName: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
            expect(runCluster({ engine: "aurora-mysql", dbClusterParameterGroupName: UNKNOWN }).diagnostics).toEqual([]);
        });

        it("is undecided when an unknown engineVersion decides, not a violation", () => {
            const result = runInstance({ engine: "postgres", engineVersion: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["engineVersion", "advisory"]]);
            expect(result.undecided[0]!.message).toContain("not known yet");
        });

        it("is undecided when the engine is unknown", () => {
            const result = runInstance({ engine: UNKNOWN, engineVersion: "8.0" });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["engine"]);
        });

        it("is undecided when a replica's source is computed (same-region inherits, cross-region gets the default)", () => {
            const result = runInstance({ engine: "mysql", engineVersion: "8.0", replicateSourceDb: UNKNOWN });
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["replicateSourceDb"]);
            expect(runInstance({ replicateSourceDb: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["replicateSourceDb"]);
            // Where the default group forces TLS anyway, the source does not matter.
            expect(runInstance({ engine: "postgres", engineVersion: "16.4", replicateSourceDb: UNKNOWN }).diagnostics).toEqual([]);
        });

        it("still decides when only unrelated inputs are unknown", () => {
            const result = runInstance({ engine: "mariadb", engineVersion: "10.11", dbSubnetGroupName: UNKNOWN, vpcSecurityGroupIds: [UNKNOWN] });
            expect(violatedProperties(result)).toEqual(["parameterGroupName"]);
        });
    });
});
