import { describe, expect, it } from "vitest";
import { docdbDeletionProtectionBackups as policy } from "../../../policies/docdb/docdb-deletion-protection-backups";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const CLUSTER = "aws:docdb/cluster:Cluster";
const GLOBAL = "aws:docdb/globalCluster:GlobalCluster";
const ELASTIC = "aws:docdb/elasticCluster:ElasticCluster";
const cluster = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props, config });

describe("docdb-deletion-protection-backups", () => {
    it("passes a protected cluster with 7+ days of backups", () => {
        expect(cluster({ deletionProtection: true, backupRetentionPeriod: 7 }).diagnostics).toEqual([]);
        expect(cluster({ deletionProtection: "true", backupRetentionPeriod: "35" }).diagnostics).toEqual([]);
    });

    it("flags the defaults (false / 1 day) at advisory level", () => {
        const result = cluster({});
        expect(violatedProperties(result)).toEqual(["backupRetentionPeriod", "deletionProtection"]);
        expect(result.violations.every((d) => d.level === "advisory")).toBe(true);
    });

    it("flags short retention and wrong types, and honours the configured minimum", () => {
        expect(violatedProperties(cluster({ deletionProtection: true, backupRetentionPeriod: 3 }))).toEqual(["backupRetentionPeriod"]);
        expect(violatedProperties(cluster({ deletionProtection: "yes", backupRetentionPeriod: "a week" }))).toEqual(["backupRetentionPeriod", "deletionProtection"]);
        expect(cluster({ deletionProtection: true, backupRetentionPeriod: 3 }, { minimumRetentionDays: 3 }).diagnostics).toEqual([]);
        expect(violatedProperties(cluster({ deletionProtection: true, backupRetentionPeriod: 10 }, { minimumRetentionDays: 14 }))).toEqual(["backupRetentionPeriod"]);
    });

    it("checks deletion protection on global clusters and retention on elastic clusters", () => {
        expect(violatedProperties(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g" } }))).toEqual(["deletionProtection"]);
        expect(violatedProperties(evaluateResource(policy, { type: ELASTIC, props: {} }))).toEqual(["backupRetentionPeriod"]);
        expect(evaluateResource(policy, { type: ELASTIC, props: { backupRetentionPeriod: 14 } }).diagnostics).toEqual([]);
    });

    it("reports unknowns as undecided", () => {
        const result = cluster({ deletionProtection: UNKNOWN, backupRetentionPeriod: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property).sort()).toEqual(["backupRetentionPeriod", "deletionProtection"]);
    });
});

describe("docdb-deletion-protection-backups remediation", () => {
    const fix = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
        remediationChanges(policy, { type: CLUSTER, props: { clusterIdentifier: "keys", masterUsername: "admin", storageEncrypted: true, ...props }, config });

    it("turns deletion protection on and raises a short or omitted retention to the minimum", () => {
        expect(fix({})).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: false, backupRetentionPeriod: 3 })).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: "false", backupRetentionPeriod: "lots" })).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: true, backupRetentionPeriod: 5 }, { minimumRetentionDays: 14 })).toEqual({ backupRetentionPeriod: 14 });
        expect(fix({ backupRetentionPeriod: 30 })).toEqual({ deletionProtection: true });
        // The remediated cluster passes the check.
        const props = { backupRetentionPeriod: 2 };
        expect(cluster({ ...props, ...fix(props) }).diagnostics).toEqual([]);
    });

    it("leaves a compliant cluster alone and never lowers a retention", () => {
        expect(fix({ deletionProtection: true, backupRetentionPeriod: 7 })).toBeUndefined();
        expect(fix({ deletionProtection: "true", backupRetentionPeriod: 35 })).toBeUndefined();
        // With a minimum of 1 the omitted retention (default 1) is compliant.
        expect(fix({ deletionProtection: true }, { minimumRetentionDays: 1 })).toBeUndefined();
    });

    it("changes nothing that is unknown (preview), each property on its own", () => {
        expect(fix({ deletionProtection: UNKNOWN, backupRetentionPeriod: UNKNOWN })).toBeUndefined();
        expect(fix({ deletionProtection: UNKNOWN, backupRetentionPeriod: 1 })).toEqual({ backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: false, backupRetentionPeriod: UNKNOWN })).toEqual({ deletionProtection: true });
    });

    it("leaves global and elastic clusters to the check", () => {
        expect(remediationChanges(policy, { type: GLOBAL, props: {} })).toBeUndefined();
        expect(remediationChanges(policy, { type: ELASTIC, props: { backupRetentionPeriod: 1 } })).toBeUndefined();
    });
});
