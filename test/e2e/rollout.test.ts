// Rolling the pack out, over the wire: waivers, framework and severity selection, preview unknowns, key-material
// escalation, the generated profiles, and invalid configuration (refused by the engine's schema validation, or
// reported by the pack as a clear violation, never a crash).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import { policyTags } from "../../policies/lib/core/metadata";
import { PolicyConfigError, type UserPolicyConfig } from "../../scanner/engine/config";
import { PolicyEngine, type RunResult } from "../../scanner/engine/engine";
import { findingKeys } from "../harness/report";
import { UNKNOWN_SENTINEL } from "../../scanner/engine/values";
import { deployment, ROOT_URN } from "../data/deployment";
import { builtPackDir } from "./built-pack";

const INSTANCE = "aws:rds/instance:Instance";
const ROOT_NAME = "rollout-dev";

// orders-db: unencrypted (critical, mandatory) and without deletion protection (medium, advisory).
// wallet-db: a key-material name; only the advisory finding, which escalation raises to mandatory.
function stack(preview: boolean, extra: Record<string, unknown> = {}) {
    return deployment(preview, [
        [INSTANCE, "orders-db", { engine: "postgres", storageEncrypted: false, backupRetentionPeriod: 7, iamDatabaseAuthenticationEnabled: true, ...extra }],
        [
            INSTANCE,
            "wallet-db",
            {
                engine: "postgres",
                storageEncrypted: true,
                kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/0f2b1c55-4a39-4a6f-8e0f-2b5a2c6d7e11",
                backupRetentionPeriod: 7,
                iamDatabaseAuthenticationEnabled: true,
            },
        ],
    ]);
}

const settingsDiagnostics = (result: RunResult) => result.diagnostics.filter((d) => d.policyName === "pack-settings");
const settingsProblems = (result: RunResult) => settingsDiagnostics(result).map((d) => [/\[(\S*?)\] /.exec(d.message)?.[1], d.enforcementLevel]);
const settingsMessages = (result: RunResult) => settingsDiagnostics(result).map((d) => d.message);
const withoutSettings = (keys: ReturnType<typeof findingKeys>) => keys.filter((k) => k.policy !== "pack-settings");

const levelOf = (keys: ReturnType<typeof findingKeys>, policy: string, resource: string) =>
    keys.filter((k) => k.policy === policy && k.resource === resource).map((k) => k.level);

describe("rolling the pack out (configuration over the wire)", () => {
    let engine: PolicyEngine;

    beforeAll(async () => {
        engine = await PolicyEngine.boot({ packDir: builtPackDir() });
    });

    afterAll(async () => {
        await engine?.close();
    });

    const run = (config?: UserPolicyConfig, preview = false, extra?: Record<string, unknown>) => engine.run(stack(preview, extra), { config });

    it("by default: the critical finding blocks, escalation raises the key-material store's advisory finding", async () => {
        const keys = findingKeys(await run());
        expect(levelOf(keys, "rds-instance-storage-encrypted", "orders-db")).toEqual(["mandatory"]);
        expect(levelOf(keys, "rds-deletion-protection", "orders-db")).toEqual(["advisory"]);
        expect(levelOf(keys, "rds-deletion-protection", "wallet-db")).toEqual(["mandatory"]);
        expect(keys.filter((k) => k.policy === "pack-settings")).toEqual([]);
    });

    it("a valid waiver turns a mandatory finding into an advisory that carries the reason", async () => {
        const result = await run({
            "pack-settings": { waivers: [{ policy: "rds-instance-storage-encrypted", resource: "orders-*", reason: "migrating to an encrypted copy (SEC-42)", expires: "2099-12-31" }] },
        });
        const diagnostics = result.diagnostics.filter((d) => d.policyName === "rds-instance-storage-encrypted");
        expect(diagnostics.map((d) => [d.resourceName, d.enforcementLevel])).toEqual([["orders-db", "advisory"]]);
        expect(diagnostics[0]!.message).toContain("Waived until 2099-12-31 (migrating to an encrypted copy (SEC-42))");
        expect(result.blocked).toBe(true); // wallet-db's escalated finding still blocks
    });

    it("an expired and a reason-less waiver are mandatory violations of pack-settings and waive nothing", async () => {
        const result = await run({
            "pack-settings": {
                waivers: [
                    { policy: "rds-instance-storage-encrypted", resource: "orders-db", reason: "migrating to an encrypted copy", expires: "2020-01-01" },
                    { policy: "rds-instance-storage-encrypted", resource: "orders-db", reason: "", expires: "2099-01-01" },
                ],
            },
        });
        const settings = result.diagnostics.filter((d) => d.policyName === "pack-settings");
        expect(settings.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [ROOT_URN, "mandatory"],
            [ROOT_URN, "mandatory"],
        ]);
        expect(settings[0]!.message).toMatch(/\[config\.waivers\[0\]\.expires\] .*expired on 2020-01-01/);
        expect(settings[1]!.message).toMatch(/\[config\.waivers\[1\]\.reason\] .*gives no reason/);
        expect(levelOf(findingKeys(result), "rds-instance-storage-encrypted", "orders-db")).toEqual(["mandatory"]);
    });

    it("frameworks: only policies mapped to PCI DSS run", async () => {
        const result = await run({ "pack-settings": { frameworks: ["pci-dss-4.0"] } });
        const pci = new Set(allPolicies.filter((p) => policyTags(p).some((t) => t.startsWith("pci-dss-4.0:"))).map((p) => p.name));
        const reported = new Set(findingKeys(result).map((k) => k.policy));
        expect([...reported].filter((name) => !pci.has(name))).toEqual([]);
        expect(reported.has("rds-instance-storage-encrypted")).toBe(true);
        expect(reported.has("rds-deletion-protection")).toBe(false); // no PCI DSS mapping
        const skipped = result.resources.find((r) => r.name === "orders-db")!.notApplicable.find((n) => n.policyName === "rds-deletion-protection");
        expect(skipped?.reason).toMatch(/framework\/severity selection/);
    });

    it("minimumSeverity: only policies of at least that severity run", async () => {
        const result = await run({ "pack-settings": { minimumSeverity: "critical" } });
        const severities = new Set(result.diagnostics.filter((d) => d.policyName !== "pack-settings").map((d) => d.severity));
        expect([...severities]).toEqual(["critical"]);
        expect(levelOf(findingKeys(result), "rds-instance-storage-encrypted", "orders-db")).toEqual(["mandatory"]);
        expect(levelOf(findingKeys(result), "rds-deletion-protection", "wallet-db")).toEqual([]);
    });

    it("previewUnknowns: an undecided finding is advisory by default and mandatory when configured", async () => {
        const extra = { publiclyAccessible: UNKNOWN_SENTINEL };
        const lax = await run(undefined, true, extra);
        const undecided = lax.diagnostics.filter((d) => d.policyName === "rds-instance-not-public");
        expect(undecided.map((d) => [d.resourceName, d.enforcementLevel])).toEqual([["orders-db", "advisory"]]);
        expect(undecided[0]!.message).toContain("Cannot verify yet: [publiclyAccessible]");
        const strict = await run({ "pack-settings": { previewUnknowns: "mandatory" } }, true, extra);
        expect(levelOf(findingKeys(strict), "rds-instance-not-public", "orders-db")).toEqual(["mandatory"]);
    });

    it("keyMaterialEnforcement: as-configured keeps the key-material store's advisory finding advisory", async () => {
        const keys = findingKeys(await run({ "pack-settings": { keyMaterialEnforcement: "as-configured" } }));
        expect(levelOf(keys, "rds-deletion-protection", "wallet-db")).toEqual(["advisory"]);
    });

    it("the generated profiles run as --policy-pack-config files: baseline changes nothing, strict blocks everything", async () => {
        const load = (name: string) => JSON.parse(readFileSync(join(__dirname, "..", "..", "policies", "config", `${name}.json`), "utf8")) as UserPolicyConfig;
        const defaults = await run();
        const baseline = await run(load("baseline"));
        expect(findingKeys(baseline)).toEqual(findingKeys(defaults));
        const strict = await run(load("strict"));
        expect(levelOf(findingKeys(strict), "rds-deletion-protection", "orders-db")).toEqual(["mandatory"]);
        expect(strict.config["rds-deletion-protection"]!.enforcementLevel).toBe("mandatory");
        expect(strict.config["pack-settings"]!.properties).toMatchObject({ previewUnknowns: "mandatory" });
    });

    describe("invalid configuration", () => {
        it("the engine refuses values that fail a policy's schema before the pack runs", () => {
            expect(() => engine.reconcile({ "pack-settings": { minimumSeverity: 5 } })).toThrow(PolicyConfigError);
            expect(() => engine.reconcile({ "pack-settings": { minimumSeverity: "severe" } })).toThrow(/minimumSeverity: must be one of the enum values/);
            expect(() => engine.reconcile({ "rds-backup-retention": { minimumRetentionDays: "a week" } })).toThrow(/rds-backup-retention: minimumRetentionDays: Invalid type/);
            expect(() => engine.reconcile({ "rds-backup-retention": "strict" as "mandatory" })).toThrow(/not a valid enforcement level/);
        });

        it("a bad waiver date, a non-object waiver and an invalid pattern are clear pack-settings violations, not crashes", async () => {
            const result = await run({
                "pack-settings": {
                    waivers: [{ policy: "rds-instance-storage-encrypted", resource: "orders-db", reason: "migrating to an encrypted copy", expires: "2027-02-30" }, "orders-db"],
                    keyMaterialNamePatterns: ["wallet", "(unclosed"],
                },
            });
            const messages = result.diagnostics.filter((d) => d.policyName === "pack-settings").map((d) => d.message);
            expect(messages.map((m) => /\[(config\.\S*?)\] /.exec(m)?.[1])).toEqual(["config.keyMaterialNamePatterns[1]", "config.waivers[0].expires", "config.waivers[1]"]);
            expect(result.diagnostics.some((d) => /could not evaluate/.test(d.message))).toBe(false);
            // The valid pattern still classifies; the bad date waives nothing.
            expect(levelOf(findingKeys(result), "rds-deletion-protection", "wallet-db")).toEqual(["mandatory"]);
            expect(levelOf(findingKeys(result), "rds-instance-storage-encrypted", "orders-db")).toEqual(["mandatory"]);
        });

        it("an unknown policy name: refused with properties only; with a level, the engine passes it on and pack-settings names it", async () => {
            // The engine gives an entry it cannot match to a policy no level, and refuses the config.
            expect(() => engine.reconcile({ "no-such-policy": { threshold: 3 } })).toThrow(/no-such-policy: invalid enforcement level ""/);
            // A misspelt name with a level configures nothing: the real policy keeps its level, and the typo blocks.
            const result = await run({ "rds-deletion-protecton": "disabled", "no-such-policy": { enforcementLevel: "advisory", threshold: 3 } });
            expect(withoutSettings(findingKeys(result))).toEqual(findingKeys(await run()));
            expect(levelOf(findingKeys(result), "rds-deletion-protection", "orders-db")).toEqual(["advisory"]);
            expect(settingsProblems(result)).toEqual([
                ['policyConfig["no-such-policy"]', "mandatory"],
                ['policyConfig["rds-deletion-protecton"]', "mandatory"],
            ]);
            expect(settingsMessages(result)[1]).toContain('did you mean "rds-deletion-protection"?');
        });
    });

    // Each of these once weakened the guard without a word (every policy not applicable, every finding advisory,
    // a property ignored). Now each is a mandatory pack-settings violation naming the entry, and the guard stays on.
    describe("a typo never switches the guard off", () => {
        const defaults = async () => findingKeys(await run());

        for (const spelling of ["aws-fsbp ", "cis-aws-5", "nist", ""]) {
            it(`frameworks ${JSON.stringify([spelling])}: a violation naming the entry, and every policy still runs`, async () => {
                const result = await run({ "pack-settings": { frameworks: [spelling] } });
                expect(settingsProblems(result)).toEqual([["config.frameworks[0]", "mandatory"]]);
                expect(settingsMessages(result)[0]).toContain("is not a framework this pack maps policies to");
                expect(withoutSettings(findingKeys(result))).toEqual(await defaults());
                expect(result.blocked).toBe(true);
            });
        }

        it("in preview too: the violation blocks the preview and the findings are those of the default selection", async () => {
            const result = await run({ "pack-settings": { frameworks: ["aws-fsbp "] } }, true);
            expect(settingsProblems(result)).toEqual([["config.frameworks[0]", "mandatory"]]);
            expect(withoutSettings(findingKeys(result))).toEqual(findingKeys(await run(undefined, true)));
        });

        it("a framework/severity selection that selects no enabled policy: a violation, nothing silently skipped", async () => {
            // rds-deletion-protection has no PCI DSS mapping; it is the only policy left enabled.
            const result = await run({ all: "disabled", "pack-settings": { enforcementLevel: "mandatory", frameworks: ["pci-dss-4.0"] }, "rds-deletion-protection": "advisory" });
            expect(settingsProblems(result)).toEqual([["config.frameworks", "mandatory"]]);
            expect(result.blocked).toBe(true);
        });

        for (const resource of ["*", "urn:pulumi:*", "?*"]) {
            it(`a blanket waiver (policy "*", resource ${JSON.stringify(resource)}) is refused and waives nothing`, async () => {
                const result = await run({
                    "pack-settings": { waivers: [{ policy: "*", resource, reason: "accepting everything during the migration", expires: "2999-01-01" }] },
                });
                expect(settingsProblems(result)).toEqual([["config.waivers[0].resource", "mandatory"]]);
                expect(settingsMessages(result)[0]).toContain("matches every resource");
                expect(withoutSettings(findingKeys(result))).toEqual(await defaults());
                expect(levelOf(findingKeys(result), "rds-instance-storage-encrypted", "orders-db")).toEqual(["mandatory"]);
            });
        }

        it("a property no policy has (minimumRetentionDayz) is a violation naming policy and property", async () => {
            const result = await run({ "rds-backup-retention": { minimumRetentionDayz: 30 } });
            expect(settingsProblems(result)).toEqual([['policyConfig["rds-backup-retention"].minimumRetentionDayz', "mandatory"]]);
            expect(settingsMessages(result)[0]).toContain('did you mean "minimumRetentionDays"?');
            expect(withoutSettings(findingKeys(result))).toEqual(await defaults());
        });

        it("a setting pack-settings does not have is a violation too", async () => {
            const result = await run({ "pack-settings": { framework: ["pci-dss-4.0"] } });
            expect(settingsProblems(result)).toEqual([["config.framework", "mandatory"]]);
            expect(withoutSettings(findingKeys(result))).toEqual(await defaults());
        });

        it("a valid configuration raises no pack-settings finding", async () => {
            const result = await run({
                "rds-backup-retention": { minimumRetentionDays: 14 },
                "pack-settings": { frameworks: ["aws-fsbp", "PCI-DSS-4.0"], waivers: [{ policy: "*", resource: "orders-*", reason: "legacy orders DB, replaced by Q3", expires: "2999-01-01" }] },
            });
            expect(settingsProblems(result)).toEqual([]);
        });
    });

    it("reports pack-settings problems on the root stack resource", async () => {
        const result = await run({ "pack-settings": { waivers: [{ policy: "*", resource: "*" }] } });
        expect(result.diagnostics.filter((d) => d.policyName === "pack-settings").map((d) => d.resourceName)).toEqual([ROOT_NAME]);
    });
});
