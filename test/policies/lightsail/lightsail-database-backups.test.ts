import { describe, expect, it } from "vitest";
import { lightsailDatabaseBackups as policy } from "../../../policies/lightsail/lightsail-database-backups";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:lightsail/database:Database";
const base = { relationalDatabaseName: "orders", blueprintId: "postgres_16", bundleId: "micro_2_0", masterDatabaseName: "app", masterUsername: "app", masterPassword: "x" };
const run = (props: Record<string, unknown>, name = "orders") => evaluateResource(policy, { type, name, props: { ...base, ...props } });

describe("lightsail-database-backups", () => {
    it("passes the defaults (automatic backups on, final snapshot taken) and explicit good values", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ backupRetentionEnabled: true, skipFinalSnapshot: false, finalSnapshotName: "orders-final" }).diagnostics).toEqual([]);
    });

    it("advises on turned-off backups and a skipped final snapshot", () => {
        const result = run({ backupRetentionEnabled: false, skipFinalSnapshot: "true" });
        expect(violatedProperties(result)).toEqual(["backupRetentionEnabled", "skipFinalSnapshot"]);
        expect(result.violations.every((d) => d.level === "advisory")).toBe(true);
        expect(result.violations[0]!.message).toMatch(/automatic snapshots/);
    });

    it("is mandatory on a key-material database", () => {
        const result = run({ backupRetentionEnabled: false }, "wallet-db");
        expect(result.violations.map((d) => d.level)).toEqual(["mandatory"]);
    });

    it("leaves computed settings undecided", () => {
        const result = run({ backupRetentionEnabled: UNKNOWN, skipFinalSnapshot: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["backupRetentionEnabled", "skipFinalSnapshot"]);
    });
});
