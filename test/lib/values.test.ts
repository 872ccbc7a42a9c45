import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { asBool, asList, asNumber, containsUnknown, INVALID, read, snapshot, UNKNOWN } from "../../policies/lib/values";
import { UNKNOWN as SENTINEL } from "../support/evaluate";

describe("snapshot", () => {
    it("copies through the SDK's unknown-checking proxy without throwing, marking unknowns", () => {
        const props = unknownCheckingProxy({ a: SENTINEL, b: { c: [1, SENTINEL] }, d: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7" });
        const copy = snapshot(props);
        expect(copy.a).toBe(UNKNOWN);
        expect(read(copy, "b.c.1")).toBe(UNKNOWN);
        expect(read(copy, "b.c.0")).toBe(1);
        expect(copy.d).toBe(UNKNOWN);
        expect(containsUnknown(copy.b)).toBe(true);
    });

    it("unwraps remediation secrets and survives hostile input", () => {
        expect(snapshot({ password: new Secret("hunter2") }).password).toBe("hunter2");
        let deep: Record<string, unknown> = {};
        const root = deep;
        for (let i = 0; i < 10_000; i++) {
            deep.next = {};
            deep = deep.next as Record<string, unknown>;
        }
        expect(() => snapshot(root)).not.toThrow();
        expect(snapshot(null)).toEqual({});
        expect(snapshot("text")).toEqual({});
        expect(snapshot({ f: () => 1, s: Symbol("x"), n: 10n }).n).toBe(10);
    });

    it("reads paths through unknown parents as unknown", () => {
        const copy = snapshot({ block: SENTINEL });
        expect(read(copy, "block.enabled")).toBe(UNKNOWN);
        expect(read(copy, "missing.enabled")).toBeUndefined();
    });
});

describe("readers", () => {
    it("reads booleans, including string spellings, and marks wrong types", () => {
        expect(asBool(true)).toBe(true);
        expect(asBool(" TRUE ")).toBe(true);
        expect(asBool("false")).toBe(false);
        expect(asBool(undefined)).toBeUndefined();
        expect(asBool(null)).toBeUndefined();
        expect(asBool(1)).toBe(INVALID);
        expect(asBool("yes")).toBe(INVALID);
        expect(asBool(UNKNOWN)).toBe(UNKNOWN);
    });

    it("reads numbers and numeric strings", () => {
        expect(asNumber(7)).toBe(7);
        expect(asNumber("7")).toBe(7);
        expect(asNumber("seven")).toBe(INVALID);
        expect(asNumber(Number.NaN)).toBe(INVALID);
        expect(asNumber(undefined)).toBeUndefined();
    });

    it("reads lists, wrapping single values", () => {
        expect(asList("a")).toEqual(["a"]);
        expect(asList(undefined)).toEqual([]);
        expect(asList(UNKNOWN)).toBe(UNKNOWN);
    });
});
