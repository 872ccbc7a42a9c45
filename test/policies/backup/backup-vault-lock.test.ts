import { describe, expect, it } from "vitest";
import { backupVaultLock as policy } from "../../../policies/backup/backup-vault-lock";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

describe("backup-vault-lock", () => {
    it("passes a vault with a compliance-mode lock (linked by dependency or by name)", () => {
        const result = evaluateStack(policy, [
            { type: VAULT, name: "a", props: { name: UNKNOWN } },
            { type: LOCK, name: "a-lock", props: { backupVaultName: UNKNOWN, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 35 }, propertyDependencies: { backupVaultName: ["a"] } },
            { type: VAULT, name: "b", props: { name: "keys-vault" } },
            { type: LOCK, name: "b-lock", props: { backupVaultName: "keys-vault", changeableForDays: "3", minRetentionDays: 30 } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a vault without a lock, a governance-mode lock and a short retention", () => {
        const result = evaluateStack(policy, [
            { type: VAULT, name: "bare", props: { name: "bare" } },
            { type: VAULT, name: "gov", props: { name: "gov" } },
            { type: LOCK, name: "gov-lock", props: { backupVaultName: "gov", minRetentionDays: 1 } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(LOCK, "gov-lock"), "changeableForDays"],
            [urnOf(LOCK, "gov-lock"), "minRetentionDays"],
            [urnOf(VAULT, "bare"), "vaultLockConfiguration"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("honours the configured minimum", () => {
        const resources = [
            { type: VAULT, name: "v", props: { name: "v" } },
            { type: LOCK, name: "l", props: { backupVaultName: "v", changeableForDays: 3, minRetentionDays: 14 } },
        ];
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
        expect(pairs(evaluateStack(policy, resources, { minimumRetentionDays: 30 }))).toEqual([[urnOf(LOCK, "l"), "minRetentionDays"]]);
    });

    it("is undecided for computed lock settings and untraceable vault names", () => {
        const result = evaluateStack(policy, [
            { type: VAULT, name: "v", props: { name: "v" } },
            { type: LOCK, name: "l", props: { backupVaultName: UNKNOWN, changeableForDays: UNKNOWN, minRetentionDays: 7 } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([
            [urnOf(LOCK, "l"), "changeableForDays"],
            [urnOf(VAULT, "v"), "vaultLockConfiguration"],
        ]);
    });
});
