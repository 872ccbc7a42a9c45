import { describe, expect, it } from "vitest";
import { rdsBackupRetention as policy } from "../../../policies/rds/rds-backup-retention";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("rds-backup-retention", () => {
    it.each([instance, cluster])("passes %s keeping backups for 7 days or more", (type) => {
        expect(run(type, { backupRetentionPeriod: 7 }).diagnostics).toEqual([]);
        expect(run(type, { backupRetentionPeriod: "35" }).diagnostics).toEqual([]);
    });

    it("flags omitted retention with each resource's documented default (instance 0, cluster 1), advisory", () => {
        const onInstance = run(instance, {});
        expect(violatedProperties(onInstance)).toEqual(["backupRetentionPeriod"]);
        expect(onInstance.violations[0]!.level).toBe("advisory");
        expect(onInstance.violations[0]!.message).toMatch(/defaults to 0/);
        expect(run(cluster, {}).violations[0]!.message).toMatch(/defaults to 1/);
    });

    it.each([0, 1, 6, "3", "seven", true])("flags backupRetentionPeriod = %j", (value) => {
        expect(violatedProperties(run(cluster, { backupRetentionPeriod: value }))).toEqual(["backupRetentionPeriod"]);
    });

    it("exempts instance read replicas, not cluster replicas", () => {
        expect(run(instance, { replicateSourceDb: "primary" }).diagnostics).toEqual([]);
        expect(run(instance, { replicateSourceDb: UNKNOWN }).diagnostics).toEqual([]);
        expect(violatedProperties(run(cluster, { replicationSourceIdentifier: "arn:aws:rds:us-east-1:1:cluster:a" }))).toEqual(["backupRetentionPeriod"]);
    });

    it("uses the configured minimumRetentionDays", () => {
        expect(run(instance, { backupRetentionPeriod: 7 }, { minimumRetentionDays: 14 }).violations[0]!.message).toMatch(/14/);
        expect(run(instance, { backupRetentionPeriod: 3 }, { minimumRetentionDays: 3 }).diagnostics).toEqual([]);
    });

    it("reports an invalid config value and falls back to the default", () => {
        const result = run(instance, { backupRetentionPeriod: 7 }, { minimumRetentionDays: 0 });
        expect(violatedProperties(result)).toEqual(["config.minimumRetentionDays"]);
    });

    it("reports an unknown retention as undecided during preview", () => {
        const result = run(cluster, { backupRetentionPeriod: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["backupRetentionPeriod", "advisory"]]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/cluster:Cluster", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});

describe("rds-backup-retention remediation", () => {
    const INSTANCE_TYPE = "aws:rds/instance:Instance";
    it("raises an omitted, too-short or invalid retention to the configured minimum", () => {
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: {} })).toEqual({ backupRetentionPeriod: 7 });
        expect(remediationChanges(policy, { type: "aws:rds/cluster:Cluster", props: { backupRetentionPeriod: 1 } })).toEqual({ backupRetentionPeriod: 7 });
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: { backupRetentionPeriod: "lots" } })).toEqual({ backupRetentionPeriod: 7 });
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: { backupRetentionPeriod: 3 }, config: { minimumRetentionDays: 14 } })).toEqual({ backupRetentionPeriod: 14 });
    });

    it("never lowers a longer retention, never guesses over an unknown, and skips read replicas", () => {
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: { backupRetentionPeriod: 30 } })).toBeUndefined();
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: { backupRetentionPeriod: UNKNOWN } })).toBeUndefined();
        expect(remediationChanges(policy, { type: INSTANCE_TYPE, props: { replicateSourceDb: "source-db" } })).toBeUndefined();
    });
});
