import { afterEach, describe, expect, it } from "vitest";
import { rdsDeletionProtection } from "../policies/rds/rds-deletion-protection";
import { rdsInstanceStorageEncrypted } from "../policies/rds/rds-instance-storage-encrypted";
import { isClassifiedKeyMaterial as isKeyMaterial } from "../policies/lib/aws/key-material";
import { DEFAULT_SETTINGS, findWaiver, parseSettings, setActiveSettings } from "../policies/lib/core/settings";
import { s3Versioning } from "../policies/s3/s3-versioning";
import { snapshot } from "../policies/lib/readers/values";
import { evaluateResource, evaluateStack, UNKNOWN, urnOf } from "./support/evaluate";

const INSTANCE = "aws:rds/instance:Instance";
const TODAY = "2026-11-25";

afterEach(() => setActiveSettings(DEFAULT_SETTINGS));

describe("parseSettings", () => {
    it("accepts a complete waiver and rejects expired, reason-less and undated ones", () => {
        const settings = parseSettings(
            {
                waivers: [
                    { policy: "rds-deletion-protection", resource: "scratch-*", reason: "ephemeral test databases", expires: "2027-01-31" },
                    { policy: "rds-deletion-protection", resource: "old", reason: "migration in progress", expires: "2026-01-01" },
                    { policy: "rds-deletion-protection", resource: "lazy", reason: "", expires: "2027-01-01" },
                    { policy: "rds-deletion-protection", resource: "forever", reason: "we accept this risk", expires: "never" },
                    { policy: "rds-deletion-protection", resource: "bad-date", reason: "we accept this risk", expires: "2027-02-30" },
                    "not an object",
                ],
            },
            TODAY,
        );
        expect(settings.waivers.map((w) => w.resource)).toEqual(["scratch-*"]);
        expect(settings.problems.map((p) => p.property)).toEqual([
            "config.waivers[1].expires",
            "config.waivers[2].reason",
            "config.waivers[3].expires",
            "config.waivers[4].expires",
            "config.waivers[5]",
        ]);
    });

    it("reports config values of the wrong type and invalid name patterns", () => {
        const settings = parseSettings({ minimumSeverity: "severe", keyMaterialNamePatterns: ["wallet", "(unclosed"], waivers: "none" }, TODAY);
        expect(settings.problems.map((p) => p.property).sort()).toEqual(["config.keyMaterialNamePatterns[1]", "config.minimumSeverity", "config.waivers"]);
        expect(settings.minimumSeverity).toBe("low");
    });

    it("classifies key material by tag (case-insensitive) or by name", () => {
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders-db", snapshot({ tags: { "Data-Class": "Key-Material" } }))).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "hot-wallet-db", snapshot({}))).toBe(true);
        expect(isKeyMaterial(DEFAULT_SETTINGS, "orders-db", snapshot({ tags: { team: "payments" } }))).toBe(false);
    });

    it("escalates a bucket classified only through tagsAll, as the S3 policies' own scope does", () => {
        // `tags: {}` with the classification in the provider's default tags (tagsAll): the bucket is in the scope of
        // s3-versioning (advisory), and the pack-wide escalation must see the same classification.
        const bucket = { type: "aws:s3/bucket:Bucket", name: "orders", props: { tags: {}, tagsAll: { "data-class": "key-material" } } };
        const result = evaluateStack(s3Versioning, [bucket]);
        expect(result.violations.map((v) => [v.urn, v.property, v.level])).toEqual([[urnOf(bucket.type, "orders"), "versioning", "mandatory"]]);
        expect(result.violations[0]!.message).toMatch(/Key-material resource/);
        const other = evaluateStack(s3Versioning, [{ ...bucket, props: { tags: {}, tagsAll: { team: "payments" } } }], { scope: "all-buckets" });
        expect(other.violations.map((v) => v.level)).toEqual(["advisory"]);
    });

    it("matches waivers by exact URN, name or glob, and ignores tags unless allowed", () => {
        const settings = parseSettings({ waivers: [{ policy: "*", resource: "urn:pulumi:*::reporting-*", reason: "read replica of public data", expires: "2030-01-01" }] }, TODAY);
        expect(findWaiver(settings, "rds-deletion-protection", "reporting-db", "urn:pulumi:dev::p::aws:rds/instance:Instance::reporting-db")).toBeDefined();
        expect(findWaiver(settings, "rds-deletion-protection", "wallet-db", "urn:pulumi:dev::p::aws:rds/instance:Instance::wallet-db")).toBeUndefined();
        const tagged = snapshot({ tags: { "guard-waiver": "rds-deletion-protection: scratch database for load tests until 2030-01-01" } });
        expect(findWaiver(settings, "rds-deletion-protection", "scratch", "urn:x", tagged)).toBeUndefined();
        const allowTags = parseSettings({ allowTagWaivers: true }, TODAY);
        expect(findWaiver(allowTags, "rds-deletion-protection", "scratch", "urn:x", tagged)?.reason).toMatch(/scratch database/);
        const viaTagsAll = snapshot({ tags: {}, tagsAll: { "Guard-Waiver": "rds-deletion-protection: scratch database for load tests until 2030-01-01" } });
        expect(findWaiver(allowTags, "rds-deletion-protection", "scratch", "urn:x", viaTagsAll)?.reason).toMatch(/scratch database/);
    });
});

describe("settings applied by every policy", () => {
    it("reports a waived finding as advisory with the reason instead of dropping it", () => {
        setActiveSettings(parseSettings({ waivers: [{ policy: "rds-instance-storage-encrypted", resource: "legacy-db", reason: "decommissioned in Q1, no key data", expires: "2030-01-01" }] }));
        const result = evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, name: "legacy-db", props: {} });
        expect(result.diagnostics).toHaveLength(1);
        expect(result.diagnostics[0]!.level).toBe("advisory");
        expect(result.diagnostics[0]!.message).toMatch(/Waived until 2030-01-01 \(decommissioned in Q1/);
        const other = evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, name: "wallet-db", props: {} });
        expect(other.violations[0]!.level).toBe("mandatory");
    });

    it("raises advisory findings on key-material resources to mandatory", () => {
        const plain = evaluateResource(rdsDeletionProtection, { type: INSTANCE, name: "orders-db", props: {} });
        expect(plain.violations.map((d) => d.level)).toEqual(["advisory"]);
        const tagged = evaluateResource(rdsDeletionProtection, { type: INSTANCE, name: "orders-db", props: { tags: { "data-class": "key-material" } } });
        expect(tagged.violations.map((d) => d.level)).toEqual(["mandatory"]);
        setActiveSettings(parseSettings({ keyMaterialEnforcement: "as-configured" }));
        const asConfigured = evaluateResource(rdsDeletionProtection, { type: INSTANCE, name: "orders-db", props: { tags: { "data-class": "key-material" } } });
        expect(asConfigured.violations.map((d) => d.level)).toEqual(["advisory"]);
    });

    it("runs only the selected frameworks and severities", () => {
        setActiveSettings(parseSettings({ minimumSeverity: "high" }));
        expect(evaluateResource(rdsDeletionProtection, { type: INSTANCE, props: {} }).notApplicable).toMatch(/not selected/);
        expect(evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, props: {} }).violations).toHaveLength(1);
        setActiveSettings(parseSettings({ frameworks: ["cis-aws-5.0"] }));
        expect(evaluateResource(rdsDeletionProtection, { type: INSTANCE, props: {} }).notApplicable).toMatch(/not selected/);
        expect(evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, props: {} }).violations).toHaveLength(1);
    });

    it("reports undecided findings at the configured previewUnknowns level", () => {
        expect(evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, props: { storageEncrypted: UNKNOWN } }).undecided[0]!.level).toBe("advisory");
        setActiveSettings(parseSettings({ previewUnknowns: "mandatory" }));
        expect(evaluateResource(rdsInstanceStorageEncrypted, { type: INSTANCE, props: { storageEncrypted: UNKNOWN } }).undecided[0]!.level).toBe("mandatory");
    });
});
