import { describe, expect, it } from "vitest";
import { isClassifiedKeyMaterial as isKeyMaterial } from "../../../policies/lib/aws/key-material";
import { DEFAULT_SETTINGS, findWaiver, isSelected, parseSettings, severityAtLeast, today } from "../../../policies/lib/core/settings";
import { UNKNOWN } from "../../../policies/lib/readers/values";
import { snapshot } from "../../../policies/lib/readers/values";

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
