import { describe, expect, it } from "vitest";
import { block, expectFlagValue, replicaEntries } from "../../../../policies/dynamodb/lib/dynamodb";
import { INVALID, snapshot, UNKNOWN } from "../../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../../support/evaluate";

describe("block", () => {
    it("reads a nested block as an object, a one-element list as its element, and marks other shapes", () => {
        expect(block(snapshot({ sse: { enabled: true } }), "sse")).toEqual({ enabled: true });
        expect(block(snapshot({ sse: [{ enabled: true }] }), "sse")).toEqual({ enabled: true });
        expect(block(snapshot({ sse: [SENTINEL] }), "sse")).toBe(UNKNOWN);
        expect(block(snapshot({ sse: SENTINEL }), "sse")).toBe(UNKNOWN);
        expect(block(snapshot({ sse: [null] }), "sse")).toBeUndefined();
        expect(block(snapshot({}), "sse")).toBeUndefined();
        expect(block(snapshot({ sse: "on" }), "sse")).toBe(INVALID);
        expect(block(snapshot({ sse: [{ enabled: true }, { enabled: false }] }), "sse")).toBe(INVALID);
        expect(block(snapshot({ sse: [] }), "sse")).toBe(INVALID);
    });
});

describe("replicaEntries", () => {
    it("lists replicas with dotted paths, keeping unknown and malformed elements", () => {
        expect(replicaEntries(snapshot({}))).toEqual([]);
        expect(replicaEntries(snapshot({ replicas: SENTINEL }))).toBe(UNKNOWN);
        expect(replicaEntries(snapshot({ replicas: [{ regionName: "eu-west-1" }, SENTINEL, "us-east-1"] }))).toEqual([
            { index: 0, path: "replicas.0", value: { regionName: "eu-west-1" } },
            { index: 1, path: "replicas.1", value: UNKNOWN },
            { index: 2, path: "replicas.2", value: INVALID },
        ]);
        expect(replicaEntries(snapshot({ replicas: { regionName: "eu-west-1" } }))).toEqual([{ index: 0, path: "replicas.0", value: { regionName: "eu-west-1" } }]);
    });
});

describe("expectFlagValue", () => {
    const spec = { expected: true, defaultValue: false, fix: "Enable it." };

    it("passes the secure value and a secure default, flags the rest, leaves unknowns undecided", () => {
        expect(expectFlagValue(true, "replicas.0.pointInTimeRecovery", spec)).toEqual([]);
        expect(expectFlagValue("true", "p", spec)).toEqual([]);
        expect(expectFlagValue(undefined, "p", { ...spec, defaultValue: true })).toEqual([]);
        for (const value of [false, undefined, "yes", 1]) {
            const findings = expectFlagValue(value, "p", spec);
            expect(findings).toHaveLength(1);
            expect(findings[0]).toMatchObject({ property: "p" });
            expect(findings[0]?.undecided).toBeUndefined();
            expect(findings[0]?.message).toContain("Enable it.");
        }
        expect(expectFlagValue(UNKNOWN, "p", spec)).toEqual([expect.objectContaining({ property: "p", undecided: true })]);
    });
});
