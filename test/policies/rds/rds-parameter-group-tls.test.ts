import { describe, expect, it } from "vitest";
import { rdsParameterGroupTls as policy } from "../../../policies/rds/rds-parameter-group-tls";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const group = "aws:rds/parameterGroup:ParameterGroup";
const clusterGroup = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
// Aurora enforces TLS in the cluster parameter group, so Aurora families are tested there.
const groupFor = (family: unknown) => (typeof family === "string" && family.startsWith("aurora") ? clusterGroup : group);
const run = (family: unknown, parameters: unknown, type = groupFor(family)) => evaluateResource(policy, { type, props: { family, parameters } });
const param = (name: unknown, value: unknown) => ({ name, value });

describe("rds-parameter-group-tls", () => {
    it.each([
        ["postgres14", "rds.force_ssl", "1"],
        ["aurora-postgresql16", "rds.force_ssl", "1"],
        ["sqlserver-se-15.0", "rds.force_ssl", "1"],
        ["mysql8.0", "require_secure_transport", "1"],
        ["mariadb10.11", "require_secure_transport", "ON"],
        ["aurora-mysql8.0", "require_secure_transport", "on"],
        ["db2-se-11.5", "db2comm", "SSL"],
        ["db2-ae-11.5", "DB2COMM", "ssl"],
    ])("passes %s with %s = %s", (family, name, value) => {
        expect(run(family, [param("max_connections", "100"), param(name, value)]).diagnostics).toEqual([]);
        expect(run(family, [param(name, value)], clusterGroup).diagnostics).toEqual([]);
    });

    it("matches parameter names case-insensitively and with surrounding spaces", () => {
        expect(run("aurora-mysql8.0", [param(" Require_Secure_Transport ", "1")], clusterGroup).diagnostics).toEqual([]);
        expect(run("postgres13", [param("RDS.FORCE_SSL", "1")]).diagnostics).toEqual([]);
    });

    it.each(["mysql8.0", "aurora-postgresql15", "sqlserver-ee-16.0", "db2-se-11.5", "postgres14"])("flags %s without its TLS parameter", (family) => {
        const result = run(family, [param("max_connections", "100")]);
        expect(violatedProperties(result)).toEqual(["parameters"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(violatedProperties(run(family, undefined))).toEqual(["parameters"]);
    });

    it.each([
        ["postgres16", "rds.force_ssl", "0"],
        ["aurora-postgresql15", "rds.force_ssl", "on"],
        ["mysql8.0", "require_secure_transport", "OFF"],
        ["aurora-mysql3", "require_secure_transport", "0"],
        ["db2-se-11.5", "db2comm", "TCPIP"],
        ["db2-se-11.5", "db2comm", "TCPIP,SSL"],
    ])("flags %s with %s = %s at the parameter's value", (family, name, value) => {
        expect(violatedProperties(run(family, [param("a", "b"), param(name, value)]))).toEqual(["parameters.1.value"]);
    });

    it("flags a non-compliant duplicate even when another entry complies", () => {
        expect(violatedProperties(run("mysql8.0", [param("require_secure_transport", "1"), param("require_secure_transport", "0")]))).toEqual([
            "parameters.1.value",
        ]);
    });

    it("passes RDS for PostgreSQL 15+ without the parameter (rds.force_ssl defaults to 1 there) but not Aurora", () => {
        expect(run("postgres15", []).diagnostics).toEqual([]);
        expect(run("postgres17", [param("log_connections", "1")]).diagnostics).toEqual([]);
        expect(violatedProperties(run("aurora-postgresql17", []))).toEqual(["parameters"]);
    });

    it("does not flag Aurora DB (instance) parameter groups, which cannot enforce TLS", () => {
        expect(run("aurora-postgresql16", [param("log_min_duration_statement", "1000")], group).diagnostics).toEqual([]);
        expect(violatedProperties(run("aurora-postgresql16", [param("log_min_duration_statement", "1000")], clusterGroup))).toEqual(["parameters"]);
    });

    it("does not flag families without a TLS parameter (Oracle uses an option group)", () => {
        expect(run("oracle-ee-19", []).diagnostics).toEqual([]);
        expect(run("custom-sqlserver-ee-15.0", []).diagnostics).toEqual([]);
    });

    it("flags a family of the wrong type", () => {
        expect(violatedProperties(run({ name: "mysql8.0" }, []))).toEqual(["family"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided when the decisive value is unknown", () => {
            const result = run("mysql8.0", [param("require_secure_transport", UNKNOWN)]);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["parameters.0.value", "advisory"]]);
        });

        it("is undecided when the list or an element of it is unknown and the parameter is not found", () => {
            expect(run("mysql8.0", UNKNOWN).undecided.map((d) => d.property)).toEqual(["parameters"]);
            expect(run("mysql8.0", [param("a", "b"), UNKNOWN]).undecided.map((d) => d.property)).toEqual(["parameters.1"]);
            expect(run("mysql8.0", [param(UNKNOWN, "1")]).undecided.map((d) => d.property)).toEqual(["parameters.0"]);
        });

        it("still decides from known entries next to unknown ones", () => {
            expect(run("mysql8.0", [UNKNOWN, param("require_secure_transport", "1")]).diagnostics).toEqual([]);
            const result = run("mysql8.0", [UNKNOWN, param("require_secure_transport", "0")]);
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["parameters.1.value"]);
        });

        it("is undecided on an unknown family unless a TLS parameter is already forced", () => {
            expect(run(UNKNOWN, [param("a", "b")]).undecided.map((d) => d.property)).toEqual(["family"]);
            expect(run(UNKNOWN, [param("rds.force_ssl", "1")]).diagnostics).toEqual([]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup", props: { family: "docdb5.0" } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
