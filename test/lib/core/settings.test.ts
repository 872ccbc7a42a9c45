import { describe, expect, it } from "vitest";
import { isClassifiedKeyMaterial as isKeyMaterial } from "../../../policies/lib/aws/key-material";
import {
    configurationProblems,
    DEFAULT_SETTINGS,
    didYouMean,
    findWaiver,
    isBlanketResourcePattern,
    isSelected,
    knownFrameworks,
    parseSettings,
    severityAtLeast,
    today,
    type PackIndex,
} from "../../../policies/lib/core/settings";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";

const NOW = "2026-11-25";
const waiver = (extra: Record<string, unknown>) => ({ policy: "rds-deletion-protection", resource: "db", reason: "accepted by the DBA team", expires: "2027-01-01", ...extra });

describe("parseSettings", () => {
    it("has safe defaults: key material enforced as mandatory, unknowns advisory, every policy selected", () => {
        expect(DEFAULT_SETTINGS).toMatchObject({
            keyMaterialEnforcement: "mandatory",
            previewUnknowns: "advisory",
            minimumSeverity: "low",
            frameworks: [],
            waivers: [],
            allowTagWaivers: false,
            problems: [],
        });
        expect(DEFAULT_SETTINGS.keyMaterialTagKeys).toContain("data-class");
        expect(DEFAULT_SETTINGS.keyMaterialTagValues).toContain("key-material");
    });

    it("normalises tag keys, values and frameworks to lower case and keeps the chosen levels", () => {
        const settings = parseSettings(
            {
                keyMaterialTagKeys: ["DataClass"],
                keyMaterialTagValues: ["Wallet-Keys"],
                frameworks: ["PCI-DSS-4.0"],
                keyMaterialEnforcement: "as-configured",
                previewUnknowns: "mandatory",
                minimumSeverity: "high",
                allowTagWaivers: true,
            },
            NOW,
        );
        expect(settings).toMatchObject({
            keyMaterialTagKeys: ["dataclass"],
            keyMaterialTagValues: ["wallet-keys"],
            frameworks: ["pci-dss-4.0"],
            keyMaterialEnforcement: "as-configured",
            previewUnknowns: "mandatory",
            minimumSeverity: "high",
            allowTagWaivers: true,
            problems: [],
        });
    });

    it("applies a waiver through its expiry day, trimmed, and rejects incomplete ones", () => {
        const settings = parseSettings(
            {
                waivers: [
                    waiver({ expires: NOW, policy: " * ", resource: " db " }),
                    waiver({ policy: "" }),
                    waiver({ resource: 5 }),
                    waiver({ reason: "too short" }),
                    waiver({ reason: "  exactly-10  " }),
                    waiver({ expires: "2026-11-24" }),
                    waiver({ expires: "2027-1-01" }),
                    waiver({ expires: " 2027-13-01" }),
                ],
            },
            NOW,
        );
        expect(settings.waivers).toEqual([
            { policy: "*", resource: "db", reason: "accepted by the DBA team", expires: NOW },
            { policy: "rds-deletion-protection", resource: "db", reason: "exactly-10", expires: "2027-01-01" },
        ]);
        expect(settings.problems.map((p) => p.property)).toEqual([
            "config.waivers[1]",
            "config.waivers[2]",
            "config.waivers[3].reason",
            "config.waivers[5].expires",
            "config.waivers[6].expires",
            "config.waivers[7].expires",
        ]);
    });

    it("uses today's UTC date by default", () => {
        expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseSettings({ waivers: [waiver({ expires: "2000-01-01" })] }).waivers).toEqual([]);
        expect(parseSettings({ waivers: [waiver({ expires: "2999-01-01" })] }).waivers).toHaveLength(1);
    });
});

describe("severity and framework selection", () => {
    it("orders severities", () => {
        expect(severityAtLeast("high", "high")).toBe(true);
        expect(severityAtLeast("critical", "low")).toBe(true);
        expect(severityAtLeast("medium", "high")).toBe(false);
    });

    it("keeps a policy at or above the minimum severity that maps to a selected framework", () => {
        const all = parseSettings({}, NOW);
        expect(isSelected(all, "low", [])).toBe(true);
        const high = parseSettings({ minimumSeverity: "high" }, NOW);
        expect(isSelected(high, "medium", ["aws-fsbp:RDS.3"])).toBe(false);
        expect(isSelected(high, "critical", [])).toBe(true);
        const pci = parseSettings({ frameworks: ["pci-dss-4.0"] }, NOW);
        expect(isSelected(pci, "high", ["aws-fsbp:RDS.3", "PCI-DSS-4.0:3.5.1"])).toBe(true);
        expect(isSelected(pci, "high", ["aws-fsbp:RDS.3"])).toBe(false);
        expect(isSelected(pci, "high", [])).toBe(false);
    });
});

describe("key-material classification", () => {
    it("reads tags and tagsAll together, matching configured keys and values in any case", () => {
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tagsAll: { Classification: " SECRET " } }))).toBe(true);
        // tagsAll carries the provider's default tags: a classification there counts even when `tags` has others.
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: { team: "x" }, tagsAll: { classification: "secret" } }))).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: {}, tagsAll: { "data-class": "key-material" } }))).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: { classification: 5 } }))).toBe(false);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: { other: "secret" } }))).toBe(false);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: { classification: "public" } }))).toBe(false);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "Cold-WALLET", snapshot({}))).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", snapshot({ tags: "classification=secret" }))).toBe(false);
    });

    it("decides from the known tags when one map is unknown (preview)", () => {
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", { tags: { "data-class": "key-material" }, tagsAll: UNKNOWN })).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", { tags: UNKNOWN, tagsAll: { "data-class": "key-material" } })).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders", { tags: { "data-class": UNKNOWN }, tagsAll: UNKNOWN })).toBe(false);
    });
});

describe("findWaiver", () => {
    const URN = "urn:pulumi:dev::app::aws:rds/instance:Instance::db.prod";

    it("matches the policy or *, and the resource by name, URN or glob with literal dots", () => {
        const settings = parseSettings({ waivers: [waiver({ resource: "db.prod" }), waiver({ policy: "*", resource: "cache-?" })] }, NOW);
        expect(findWaiver(settings, "rds-deletion-protection", "db.prod", URN)?.resource).toBe("db.prod");
        expect(findWaiver(settings, "rds-backup-retention", "db.prod", URN)).toBeUndefined();
        expect(findWaiver(settings, "rds-deletion-protection", "dbxprod", "urn:x")).toBeUndefined();
        expect(findWaiver(settings, "any-policy", "cache-1", "urn:y")?.resource).toBe("cache-?");
        expect(findWaiver(settings, "any-policy", "cache-12", "urn:y")).toBeUndefined();
        const byUrn = parseSettings({ waivers: [waiver({ resource: URN })] }, NOW);
        expect(findWaiver(byUrn, "rds-deletion-protection", "other-name", URN)).toBeDefined();
        const globUrn = parseSettings({ waivers: [waiver({ resource: "urn:pulumi:dev::*" })] }, NOW);
        expect(findWaiver(globUrn, "rds-deletion-protection", "db.prod", URN)).toBeDefined();
        expect(findWaiver(globUrn, "rds-deletion-protection", "db.prod", "urn:pulumi:prod::x")).toBeUndefined();
    });

    it("accepts a well-formed, unexpired waiver tag only when tag waivers are allowed", () => {
        const allow = parseSettings({ allowTagWaivers: true }, NOW);
        const tag = (value: string) => snapshot({ tags: { "Guard-Waiver": value } });
        const found = findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2999-01-01"));
        expect(found).toMatchObject({ policy: "rds-deletion-protection", resource: "db", expires: "2999-01-01" });
        expect(found?.reason).toContain("scratch copy for load tests");
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("*: scratch copy for load tests until 2999-01-01"))).toBeDefined();
        expect(findWaiver(allow, "rds-backup-retention", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2999-01-01"))).toBeUndefined();
        // A tag reason needs 10 characters like a configured one; the padding around it does not count.
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: too short until 2999-01-01"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection:exactly-10 until 2999-01-01"))?.reason).toContain("exactly-10");
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2000-01-01"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2999-02-30"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("x rds-deletion-protection: scratch copy for load tests until 2999-01-01"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2999-01-01 x"))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN, snapshot({}))).toBeUndefined();
        expect(findWaiver(allow, "rds-deletion-protection", "db", URN)).toBeUndefined();
        expect(findWaiver(DEFAULT_SETTINGS, "rds-deletion-protection", "db", URN, tag("rds-deletion-protection: scratch copy for load tests until 2999-01-01"))).toBeUndefined();
    });

    it("prefers a configured waiver over a tag", () => {
        const settings = parseSettings({ allowTagWaivers: true, waivers: [waiver({})] }, NOW);
        const found = findWaiver(settings, "rds-deletion-protection", "db", URN, snapshot({ tags: { "guard-waiver": "*: scratch copy for load tests until 2999-01-01" } }));
        expect(found?.reason).toBe("accepted by the DBA team");
    });
});

// A made-up pack: what parseSettings checks names, frameworks and selections against.
const PACK: PackIndex = {
    policies: [
        { name: "db-encrypted", severity: "critical", tags: ["category:encryption-at-rest", "catalog:1", "aws-fsbp:RDS.3", "pci-dss-4.0:3.5.1"], enforcementLevel: "mandatory", configKeys: [] },
        { name: "db-backups", severity: "medium", tags: ["category:resilience", "aws-fsbp:RDS.11"], enforcementLevel: "advisory", configKeys: ["minimumRetentionDays"] },
        { name: "trail-on", severity: "low", tags: ["category:monitoring", "cis-aws-5.0:3.1"], enforcementLevel: "advisory", configKeys: [] },
    ],
};
const problemsOf = (raw: unknown) => parseSettings(raw, NOW, PACK).problems;

describe("a typo never switches the guard off: settings checked against the pack", () => {
    it("knows the framework ids the pack's policies map to, not categories or catalog rows", () => {
        expect(knownFrameworks(PACK)).toEqual(["aws-fsbp", "cis-aws-5.0", "pci-dss-4.0"]);
    });

    it("an unknown framework id is a violation naming the entry, and the selection is ignored so every policy runs", () => {
        for (const spelling of ["aws-fsbp ", "cis-aws-5", "nist", "", "category", "catalog"]) {
            const settings = parseSettings({ frameworks: ["pci-dss-4.0", spelling] }, NOW, PACK);
            expect(settings.problems.map((p) => p.property)).toEqual(["config.frameworks[1]"]);
            expect(settings.problems[0]!.message).toContain("is not a framework this pack maps policies to");
            expect(settings.problems[0]!.message).toContain("every policy runs");
            expect(settings.frameworks).toEqual([]);
            expect(PACK.policies.every((p) => isSelected(settings, p.severity, p.tags))).toBe(true);
        }
    });

    it("suggests the id a near miss meant, and nothing for a far one", () => {
        expect(problemsOf({ frameworks: ["aws-fsbp "] })[0]!.message).toContain('did you mean "aws-fsbp"?');
        expect(problemsOf({ frameworks: ["CIS-AWS-5"] })[0]!.message).toContain('did you mean "cis-aws-5.0"?');
        expect(problemsOf({ frameworks: ["iso-27001"] })[0]!.message).not.toContain("did you mean");
    });

    it("keeps a valid selection, in any case", () => {
        const settings = parseSettings({ frameworks: ["PCI-DSS-4.0"], minimumSeverity: "high" }, NOW, PACK);
        expect(settings.problems).toEqual([]);
        expect(settings.frameworks).toEqual(["pci-dss-4.0"]);
        expect(settings.minimumSeverity).toBe("high");
    });

    it("a selection that selects no policy is a violation and is ignored", () => {
        const settings = parseSettings({ frameworks: ["cis-aws-5.0"], minimumSeverity: "critical" }, NOW, PACK);
        expect(settings.problems.map((p) => p.property)).toEqual(["config.frameworks"]);
        expect(settings.problems[0]!.message).toContain("selects no policy of this pack");
        expect(settings).toMatchObject({ frameworks: [], minimumSeverity: "low" });
        const severityOnly = parseSettings({ minimumSeverity: "critical" }, NOW, { policies: PACK.policies.slice(1) });
        expect(severityOnly.problems.map((p) => p.property)).toEqual(["config.minimumSeverity"]);
        expect(severityOnly.minimumSeverity).toBe("low");
    });

    it("a setting pack-settings does not have is a violation, with the near name", () => {
        // enforcementLevel sits beside the settings in a config file and is not a typo.
        const problems = parseSettings({ framework: ["aws-fsbp"], waivers: [], enforcementLevel: "mandatory" }, NOW).problems;
        expect(problems.map((p) => p.property)).toEqual(["config.framework"]);
        expect(problems[0]!.message).toContain('did you mean "frameworks"?');
    });

    it("a waiver naming no policy of the pack waives nothing and says so", () => {
        const settings = parseSettings({ waivers: [waiver({ policy: "db-encryptd" }), waiver({ policy: "db-backups" })] }, NOW, PACK);
        expect(settings.problems.map((p) => p.property)).toEqual(["config.waivers[0].policy"]);
        expect(settings.problems[0]!.message).toContain('did you mean "db-encrypted"?');
        expect(settings.waivers.map((w) => w.policy)).toEqual(["db-backups"]);
    });

    it("a blanket waiver (every resource) is refused, whatever the policy; narrower globs are kept", () => {
        for (const resource of ["*", "**", "?*", "*?", "urn:*", "urn:pulumi:*", "urn:pulumi:*::*"]) {
            for (const policy of ["*", "db-backups"]) {
                const settings = parseSettings({ waivers: [waiver({ policy, resource })] }, NOW, PACK);
                expect(settings.waivers).toEqual([]);
                expect(settings.problems.map((p) => p.property)).toEqual(["config.waivers[0].resource"]);
                expect(settings.problems[0]!.message).toContain("matches every resource");
            }
        }
        for (const resource of ["scratch-*", "urn:pulumi:dev::*", "urn:pulumi:*::reporting-*", "*-replica", "db"]) {
            expect(isBlanketResourcePattern(resource)).toBe(false);
            expect(parseSettings({ waivers: [waiver({ policy: "*", resource })] }, NOW, PACK).waivers).toHaveLength(1);
        }
    });
});

describe("configurationProblems: the engine's whole configuration against the pack", () => {
    const entry = (enforcementLevel: string, properties: Record<string, unknown> = {}) => ({ enforcementLevel, properties });
    const everyPolicy = () => new Map(PACK.policies.map((p) => [p.name, entry(p.enforcementLevel)]));

    it("is silent for a configuration of known names and properties, `all` and pack-settings included", () => {
        const configured = everyPolicy();
        configured.set("db-backups", entry("mandatory", { minimumRetentionDays: 7 }));
        configured.set("all", entry("mandatory"));
        configured.set("pack-settings", entry("mandatory", { frameworks: [] }));
        expect(configurationProblems(PACK, configured, DEFAULT_SETTINGS)).toEqual([]);
    });

    it("names an entry that is no policy of the pack, with the near name", () => {
        const configured = everyPolicy();
        configured.set("db-backup", entry("disabled"));
        const problems = configurationProblems(PACK, configured, DEFAULT_SETTINGS);
        expect(problems.map((p) => p.property)).toEqual(['policyConfig["db-backup"]']);
        expect(problems[0]!.message).toContain('did you mean "db-backups"?');
        expect(problems[0]!.message).toContain("configure nothing");
    });

    it("names a property the policy does not have", () => {
        const configured = everyPolicy();
        configured.set("db-backups", entry("advisory", { minimumRetentionDays: 7, minimumRetentionDayz: 3 }));
        configured.set("trail-on", entry("advisory", { threshold: 1 }));
        const problems = configurationProblems(PACK, configured, DEFAULT_SETTINGS);
        expect(problems.map((p) => p.property)).toEqual(['policyConfig["db-backups"].minimumRetentionDayz', 'policyConfig["trail-on"].threshold']);
        expect(problems[0]!.message).toContain('did you mean "minimumRetentionDays"?');
        expect(problems[1]!.message).toContain("it has no properties");
    });

    it("reports a configuration that leaves nothing to check", () => {
        const disabled = new Map(PACK.policies.map((p) => [p.name, entry("disabled")]));
        expect(configurationProblems(PACK, disabled, DEFAULT_SETTINGS).map((p) => p.message)).toEqual([
            "The configuration disables every policy of this pack, so nothing is checked. Enable the policies you rely on.",
        ]);
        const onlyBackups = new Map([...disabled, ["db-backups", entry("advisory")]]);
        const pciOnly = parseSettings({ frameworks: ["pci-dss-4.0"] }, NOW, PACK);
        expect(configurationProblems(PACK, onlyBackups, pciOnly).map((p) => p.property)).toEqual(["config.frameworks"]);
        expect(configurationProblems(PACK, onlyBackups, DEFAULT_SETTINGS)).toEqual([]);
    });

    it("didYouMean picks the closest candidate within a small distance", () => {
        expect(didYouMean("rds-deletion-protecton", ["rds-deletion-protection", "rds-backup-retention"])).toBe(' (did you mean "rds-deletion-protection"?)');
        expect(didYouMean("zzz", ["rds-deletion-protection"])).toBe("");
        expect(didYouMean("x", [])).toBe("");
    });
});
