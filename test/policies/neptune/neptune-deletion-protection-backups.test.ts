import { describe, expect, it } from "vitest";
import { neptuneDeletionProtectionBackups as policy } from "../../../policies/neptune/neptune-deletion-protection-backups";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const CLUSTER = "aws:neptune/cluster:Cluster";
const cluster = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props, config });

describe("neptune-deletion-protection-backups", () => {
    it("passes a protected cluster with 7+ days of backups", () => {
        expect(cluster({ deletionProtection: true, backupRetentionPeriod: 14 }).diagnostics).toEqual([]);
    });

    it("flags the defaults (disabled / 1 day) at advisory level", () => {
        const result = cluster({});
        expect(violatedProperties(result)).toEqual(["backupRetentionPeriod", "deletionProtection"]);
        expect(result.violations.every((d) => d.level === "advisory")).toBe(true);
    });

    it("flags short retention and wrong types, and honours the config", () => {
        expect(violatedProperties(cluster({ deletionProtection: false, backupRetentionPeriod: 1 }))).toEqual(["backupRetentionPeriod", "deletionProtection"]);
        expect(violatedProperties(cluster({ deletionProtection: true, backupRetentionPeriod: [7] }))).toEqual(["backupRetentionPeriod"]);
        expect(cluster({ deletionProtection: true, backupRetentionPeriod: 2 }, { minimumRetentionDays: 2 }).diagnostics).toEqual([]);
    });

    it("checks deletion protection on global clusters", () => {
        expect(violatedProperties(evaluateResource(policy, { type: "aws:neptune/globalCluster:GlobalCluster", props: { globalClusterIdentifier: "g" } }))).toEqual(["deletionProtection"]);
    });

    it("reports unknowns as undecided", () => {
        const result = cluster({ deletionProtection: UNKNOWN, backupRetentionPeriod: 30 });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["deletionProtection"]);
    });
});

describe("neptune-deletion-protection-backups remediation", () => {
    const fix = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
        remediationChanges(policy, { type: CLUSTER, props: { clusterIdentifier: "graph", storageEncrypted: true, ...props }, config });

    it("turns deletion protection on and raises a short or omitted retention to the minimum", () => {
        expect(fix({})).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: false, backupRetentionPeriod: 1 })).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: 1, backupRetentionPeriod: null })).toEqual({ deletionProtection: true, backupRetentionPeriod: 7 });
        expect(fix({ deletionProtection: true, backupRetentionPeriod: "10" }, { minimumRetentionDays: 21 })).toEqual({ backupRetentionPeriod: 21 });
        const props = { deletionProtection: false, backupRetentionPeriod: 3 };
        expect(cluster({ ...props, ...fix(props) }).diagnostics).toEqual([]);
    });

    it("leaves a compliant cluster alone and never lowers a retention", () => {
        expect(fix({ deletionProtection: true, backupRetentionPeriod: 14 })).toBeUndefined();
        expect(fix({ deletionProtection: true, backupRetentionPeriod: 35 }, { minimumRetentionDays: 30 })).toBeUndefined();
    });

    it("changes nothing that is unknown (preview), each property on its own", () => {
        expect(fix({ deletionProtection: UNKNOWN, backupRetentionPeriod: UNKNOWN })).toBeUndefined();
        expect(fix({ deletionProtection: UNKNOWN })).toEqual({ backupRetentionPeriod: 7 });
        expect(fix({ backupRetentionPeriod: UNKNOWN })).toEqual({ deletionProtection: true });
    });

    it("leaves global clusters to the check", () => {
        expect(remediationChanges(policy, { type: "aws:neptune/globalCluster:GlobalCluster", props: {} })).toBeUndefined();
    });
});
