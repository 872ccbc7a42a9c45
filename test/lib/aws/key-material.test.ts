import { describe, expect, it } from "vitest";
import { DB_HOST_CONFIG, isDbHost } from "../../../policies/ec2/lib/ec2";
import {
    DEFAULT_KEY_MATERIAL_NAME_PATTERNS,
    DEFAULT_KEY_MATERIAL_TAGS,
    isKeyMaterial,
    knownNames,
    matchesNames,
    matchesTags,
    nameTokens,
    tagsOf,
} from "../../../policies/lib/aws/key-material";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

const CONFIG = { keyMaterialTags: DEFAULT_KEY_MATERIAL_TAGS, keyMaterialNamePatterns: DEFAULT_KEY_MATERIAL_NAME_PATTERNS };
const DB_CONFIG = { dbHostTags: DB_HOST_CONFIG.dbHostTags.default, dbHostNamePatterns: DB_HOST_CONFIG.dbHostNamePatterns.default };

describe("tagsOf", () => {
    it("merges tags, tagsAll and extra maps, stringifying scalars and keeping unknown values", () => {
        expect(tagsOf(snapshot({ tags: { a: "1", n: 2, b: true, o: { x: 1 } }, tagsAll: { c: "3", u: SENTINEL } }))).toEqual({ a: "1", n: "2", b: "true", c: "3", u: UNKNOWN });
        expect(tagsOf(snapshot({ tags: "x" }), [snapshot({ t: { d: "4" } }).t!])).toEqual({ d: "4" });
        expect(tagsOf(snapshot({ tags: SENTINEL }))).toBe(UNKNOWN);
        expect(tagsOf(snapshot({ tagsAll: SENTINEL }))).toBe(UNKNOWN);
        expect(tagsOf(snapshot({}), [UNKNOWN])).toBe(UNKNOWN);
    });
});

describe("matchesTags", () => {
    it("matches key=value and bare-key selectors with globs, case-insensitively and trimmed", () => {
        expect(matchesTags({ "Data-Class": " Key-Material " }, ["data-class=key-material"])).toBe(true);
        expect(matchesTags({ role: "database-primary" }, ["role=database*"])).toBe(true);
        expect(matchesTags({ "key-material": "anything" }, ["key-material"])).toBe(true);
        expect(matchesTags({ "team-db": "x" }, ["*-db"])).toBe(true);
        expect(matchesTags({ role: "web" }, ["role=database"])).toBe(false);
        expect(matchesTags({ other: "key-material" }, ["data-class=key-material"])).toBe(false);
        expect(matchesTags({ role: "x" }, ["=x", " "])).toBe(false);
        expect(matchesTags({}, ["role"])).toBe(false);
    });

    it("is undecided only when an unknown value of a matching key could decide", () => {
        expect(matchesTags(UNKNOWN, ["role"])).toBe(UNKNOWN);
        expect(matchesTags({ role: UNKNOWN }, ["role=database"])).toBe(UNKNOWN);
        expect(matchesTags({ role: UNKNOWN, other: "x" }, ["other=y"])).toBe(false);
        expect(matchesTags({ role: UNKNOWN, "data-class": "key-material" }, ["role=db", "data-class=key-material"])).toBe(true);
    });
});

describe("names", () => {
    it("splits names into lower-case word tokens", () => {
        expect(nameTokens("walletKeys-prod_2")).toEqual(["wallet", "keys", "prod"]);
        expect(nameTokens("HSM")).toEqual(["hsm"]);
        expect(nameTokens("--")).toEqual([]);
    });

    it("matches single-token globs and multi-token sequences, not substrings", () => {
        expect(matchesNames(["prod-backups"], ["backup*"])).toBe(true);
        expect(matchesNames(["orders", "wallet-db"], ["wallet*"])).toBe(true);
        expect(matchesNames(["monkey"], ["key"])).toBe(false);
        expect(matchesNames(["app-key-material-2"], ["key-material"])).toBe(true);
        expect(matchesNames(["material-key"], ["key-material"])).toBe(false);
        expect(matchesNames(["key"], ["key-material"])).toBe(false);
        expect(matchesNames(["anything"], ["-", ""])).toBe(false);
        expect(matchesNames(["Key-Material"], ["KEY-MATERIAL"])).toBe(true);
        expect(matchesNames([], ["key"])).toBe(false);
    });

    it("collects known, non-blank name inputs after the given names", () => {
        expect(knownNames(snapshot({ name: "db", namePrefix: "  ", bucket: SENTINEL, other: "x" }), ["name", "namePrefix", "bucket"], ["logical"])).toEqual(["logical", "db"]);
        expect(knownNames(snapshot({ name: 5 }), ["name"])).toEqual([]);
    });
});

describe("isKeyMaterial and isDbHost", () => {
    it("decides by name first, then by tags", () => {
        expect(isKeyMaterial({}, ["wallet-keys"], CONFIG)).toBe(true);
        expect(isKeyMaterial(UNKNOWN, ["wallet-keys"], CONFIG)).toBe(true);
        expect(isKeyMaterial({ "data-class": "key-material" }, ["orders"], CONFIG)).toBe(true);
        expect(isKeyMaterial({ "data-class": UNKNOWN }, ["orders"], CONFIG)).toBe(UNKNOWN);
        expect(isKeyMaterial({}, ["orders"], CONFIG)).toBe(false);
    });

    it("recognises DB hosts by Pulumi name, name inputs, the Name tag and launch-template tag specifications", () => {
        expect(isDbHost("postgres-primary", snapshot({}), DB_CONFIG)).toBe(true);
        expect(isDbHost("i1", snapshot({ tags: { Name: "mysql-replica" } }), DB_CONFIG)).toBe(true);
        expect(isDbHost("lt", snapshot({ namePrefix: "redis-" }), DB_CONFIG)).toBe(true);
        expect(isDbHost("lt", snapshot({ tagSpecifications: [{ resourceType: "instance", tags: { role: "db" } }] }), DB_CONFIG)).toBe(true);
        expect(isDbHost("lt", snapshot({ tagSpecifications: [SENTINEL] }), DB_CONFIG)).toBe(UNKNOWN);
        expect(isDbHost("lt", snapshot({ tagSpecifications: SENTINEL }), DB_CONFIG)).toBe(UNKNOWN);
        expect(isDbHost("web", snapshot({ tagSpecifications: [{ tags: { role: "web" } }, "x"], tags: { Name: 5 } }), DB_CONFIG)).toBe(false);
        expect(isDbHost("web", snapshot({ tags: SENTINEL }), DB_CONFIG)).toBe(UNKNOWN);
    });
});
