import { describe, expect, it } from "vitest";
import { rdsIamAuthEnabled as policy } from "../../../policies/rds/rds-iam-auth-enabled";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-iam-auth-enabled", () => {
    it.each(["mysql", "mariadb", "postgres"])("passes a %s instance with IAM auth on", (engine) => {
        expect(run(instance, { engine, iamDatabaseAuthenticationEnabled: true }).diagnostics).toEqual([]);
        expect(run(instance, { engine, iamDatabaseAuthenticationEnabled: "true" }).diagnostics).toEqual([]);
    });

    it.each([
        [instance, "mysql"],
        [instance, "MariaDB"],
        [instance, "postgres"],
        [cluster, "aurora-mysql"],
        [cluster, "aurora-postgresql"],
        [cluster, "aurora"],
        [cluster, "postgres"],
    ])("flags %s with engine %s and IAM auth omitted (default off) at the advisory level", (type, engine) => {
        const result = run(type, { engine });
        expect(violatedProperties(result)).toEqual(["iamDatabaseAuthenticationEnabled"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([false, "false", "enabled", 0])("flags iamDatabaseAuthenticationEnabled = %j", (value) => {
        expect(violatedProperties(run(cluster, { engine: "aurora-postgresql", iamDatabaseAuthenticationEnabled: value }))).toEqual([
            "iamDatabaseAuthenticationEnabled",
        ]);
    });

    it.each(["oracle-ee", "sqlserver-se", "db2-se", "custom-oracle-ee"])("does not require IAM auth on %s, which does not support it", (engine) => {
        expect(run(instance, { engine }).diagnostics).toEqual([]);
    });

    it("does not require IAM auth on Aurora Serverless v1, which does not support it", () => {
        expect(run(cluster, { engine: "aurora-mysql", engineMode: "serverless" }).diagnostics).toEqual([]);
    });

    it("passes a read replica without engine (it runs the source's engine, checked on the source)", () => {
        expect(run(instance, { replicateSourceDb: "primary" }).diagnostics).toEqual([]);
    });

    it("decides a replica that states its engine", () => {
        expect(violatedProperties(run(instance, { replicateSourceDb: "primary", engine: "postgres" }))).toEqual(["iamDatabaseAuthenticationEnabled"]);
    });

    it("reports a snapshot restore without engine as undecided", () => {
        const result = run(instance, { snapshotIdentifier: "snap" });
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["engine"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on an unknown engine unless IAM auth is on", () => {
            const result = run(instance, { engine: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["engine", "advisory"]]);
            expect(run(instance, { engine: UNKNOWN, iamDatabaseAuthenticationEnabled: true }).diagnostics).toEqual([]);
        });

        it("is undecided on an unknown flag for a supported engine, and silent for an unsupported one", () => {
            const result = run(cluster, { engine: "aurora-mysql", iamDatabaseAuthenticationEnabled: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["iamDatabaseAuthenticationEnabled"]);
            expect(run(instance, { engine: "oracle-se2", iamDatabaseAuthenticationEnabled: UNKNOWN }).diagnostics).toEqual([]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:neptune/cluster:Cluster", props: { engine: "neptune" } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});

describe("rds-iam-auth-enabled remediation", () => {
    it("enables IAM authentication for engines that support it", () => {
        expect(remediationChanges(policy, { type: "aws:rds/instance:Instance", props: { engine: "postgres" } })).toEqual({ iamDatabaseAuthenticationEnabled: true });
        expect(remediationChanges(policy, { type: "aws:rds/cluster:Cluster", props: { engine: "aurora-mysql", iamDatabaseAuthenticationEnabled: false } })).toEqual({
            iamDatabaseAuthenticationEnabled: true,
        });
    });

    it("leaves unsupported, unknown or missing engines and Serverless v1 alone", () => {
        for (const props of [{ engine: "oracle-ee" }, { engine: UNKNOWN }, {}, { engine: "postgres", iamDatabaseAuthenticationEnabled: true }]) {
            expect(remediationChanges(policy, { type: "aws:rds/instance:Instance", props })).toBeUndefined();
        }
        expect(remediationChanges(policy, { type: "aws:rds/cluster:Cluster", props: { engine: "aurora-mysql", engineMode: "serverless" } })).toBeUndefined();
        expect(remediationChanges(policy, { type: "aws:rds/cluster:Cluster", props: { engine: "aurora-mysql", engineMode: UNKNOWN } })).toBeUndefined();
    });
});
