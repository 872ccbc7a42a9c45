import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import {
    asBool,
    asList,
    asNumber,
    asString,
    containsUnknown,
    INVALID,
    isObject,
    isUnknown,
    isUnknownSentinel,
    read,
    snapshot,
    str,
    UNKNOWN,
    UNKNOWN_SENTINEL,
} from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

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

// The other sentinels the engine defines (sdk/go/common/resource/sig): booleans, numbers, arrays, assets,
// archives and objects that are not known yet.
const OTHER_SENTINELS = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

function nested(depth: number, leaf: unknown): Record<string, unknown> {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
        value = { next: value };
    }
    return value as Record<string, unknown>;
}

describe("unknown sentinels", () => {
    it("recognises every engine sentinel, and only those", () => {
        expect(isUnknownSentinel(SENTINEL)).toBe(true);
        expect(UNKNOWN_SENTINEL).toBe(SENTINEL);
        for (const sentinel of OTHER_SENTINELS) {
            expect(isUnknownSentinel(sentinel)).toBe(true);
            expect(snapshot({ v: sentinel }).v).toBe(UNKNOWN);
        }
        // A real value of the same shape (a resource id, a UUID password) is a value, not an unknown.
        const lookalike = "0b3e5a2c-1d4f-4a6b-9c8d-7e6f5a4b3c2d";
        expect(isUnknownSentinel(lookalike)).toBe(false);
        expect(snapshot({ v: lookalike }).v).toBe(lookalike);
        expect(isUnknownSentinel("short")).toBe(false);
        expect(isUnknownSentinel(36)).toBe(false);
    });

    it("uses process-wide markers, so separately loaded copies of this module agree", () => {
        expect(Symbol.for("aws-key-material-guard.unknown")).toBe(UNKNOWN);
        expect(Symbol.for("aws-key-material-guard.invalid")).toBe(INVALID);
        expect(isUnknown(UNKNOWN)).toBe(true);
        expect(isUnknown(SENTINEL)).toBe(false);
        expect(isUnknown(INVALID)).toBe(false);
    });
});

describe("snapshot copies", () => {
    it("keeps null, holes and scalars; drops functions and foreign symbols; keeps the unknown marker", () => {
        // eslint-disable-next-line no-sparse-arrays
        const copy = snapshot({ a: null, b: undefined, list: [1, , "x"], t: true, n: 3, u: UNKNOWN, s: Symbol("x"), f: () => 1 });
        expect(copy.a).toBeNull();
        expect("b" in copy).toBe(true);
        expect(copy.b).toBeUndefined();
        expect(copy.list).toHaveLength(3);
        expect(copy.list).toEqual([1, undefined, "x"]);
        expect(copy.t).toBe(true);
        expect(copy.n).toBe(3);
        expect(copy.u).toBe(UNKNOWN);
        expect(copy.s).toBeUndefined();
        expect(copy.f).toBeUndefined();
    });

    it("does not run getters and copies objects without a prototype", () => {
        const source = Object.create(null) as Record<string, unknown>;
        source.engine = "postgres";
        Object.defineProperty(source, "trap", {
            enumerable: true,
            get() {
                throw new Error("getter ran");
            },
        });
        const copy = snapshot({ resource: source });
        expect(read(copy, "resource.engine")).toBe("postgres");
        expect(read(copy, "resource.trap")).toBeUndefined();
    });

    it("keeps class instances (assets, archives) opaque, and does not mistake a plain `value` field for a secret", () => {
        class Asset {
            constructor(readonly path: string) {}
        }
        const asset = new Asset("./lambda.zip");
        const bare = Object.create(Object.create(null) as object) as object;
        const copy = snapshot({ code: asset, bare, tag: { key: "k", value: "v" } });
        expect(copy.code).toBe(asset);
        expect(copy.bare).toBe(bare);
        expect(copy.tag).toEqual({ key: "k", value: "v" });
    });

    it("cuts off cycles and very deep nesting as unknown instead of failing the whole copy", () => {
        // (One back-reference each: a copy follows every path, so a cycle with several is exponential.)
        const cyclic: Record<string, unknown> = { name: "db" };
        cyclic.self = cyclic;
        const cyclicList: unknown[] = [];
        cyclicList.push(cyclicList);
        const copy = snapshot({ cyclic, cyclicList });
        expect(read(copy, "cyclic.name")).toBe("db");
        expect(containsUnknown(copy.cyclic)).toBe(true);
        expect(containsUnknown(copy.cyclicList)).toBe(true);

        let deepList: unknown = [];
        for (let i = 0; i < 10_000; i++) {
            deepList = [deepList];
        }
        let deepSecret: unknown = "x";
        for (let i = 0; i < 10_000; i++) {
            deepSecret = new Secret(deepSecret);
        }
        const deep = snapshot({ name: "db", deepList, deepSecret, deepObject: nested(10_000, 1) });
        expect(deep.name).toBe("db");
        expect(containsUnknown(deep.deepList)).toBe(true);
        expect(deep.deepSecret).toBe(UNKNOWN);
        expect(containsUnknown(deep.deepObject)).toBe(true);
    });

    it("keeps scalar leaves at the documented depth limit (48 levels) and cuts containers there", () => {
        const copy = snapshot({ flag: nested(47, true), count: nested(47, 5), big: nested(47, 7n), text: nested(47, "x") });
        const path = (key: string) => [key, ...Array<string>(47).fill("next")].join(".");
        expect(read(copy, path("flag"))).toBe(true);
        expect(read(copy, path("count"))).toBe(5);
        expect(read(copy, path("big"))).toBe(7);
        expect(read(copy, path("text"))).toBe("x");
        const containers = snapshot({ fits: nested(46, { leaf: 1 }), cut: nested(47, { leaf: 1 }) });
        expect(read(containers, [...path("fits").split(".").slice(0, 47), "leaf"].join("."))).toBe(1);
        expect(read(containers, path("cut"))).toBe(UNKNOWN);
    });

    it("returns an empty bag for input it cannot read", () => {
        const hostile = new Proxy(
            {},
            {
                ownKeys() {
                    throw new Error("hostile");
                },
            },
        );
        expect(snapshot(hostile)).toEqual({});
    });
});

describe("plain-data helpers", () => {
    it("tells plain objects from null, arrays and class instances", () => {
        expect(isObject({})).toBe(true);
        expect(isObject(null)).toBe(false);
        expect(isObject([])).toBe(false);
        expect(isObject(new Date())).toBe(false);
        expect(isObject("x")).toBe(false);
    });

    it("reads nothing through scalars or non-index array segments", () => {
        expect(read({ a: "text" }, "a.length")).toBeUndefined();
        expect(read({ a: ["x"] }, "a.length")).toBeUndefined();
        expect(read({ a: ["x"] }, "a.0")).toBe("x");
    });

    it("reads numbers strictly: blanks, infinities and other types are invalid", () => {
        expect(asNumber(UNKNOWN)).toBe(UNKNOWN);
        expect(asNumber(null)).toBeUndefined();
        expect(asNumber("   ")).toBe(INVALID);
        expect(asNumber("")).toBe(INVALID);
        expect(asNumber(" 8 ")).toBe(8);
        expect(asNumber(Number.POSITIVE_INFINITY)).toBe(INVALID);
        expect(asNumber("Infinity")).toBe(INVALID);
        expect(asNumber(true)).toBe(INVALID);
        expect(asNumber({})).toBe(INVALID);
    });

    it("reads strings, converting numbers and booleans and marking other types", () => {
        expect(asString(UNKNOWN)).toBe(UNKNOWN);
        expect(asString(undefined)).toBeUndefined();
        expect(asString(null)).toBeUndefined();
        expect(asString("x")).toBe("x");
        expect(asString("")).toBe("");
        expect(asString(5432)).toBe("5432");
        expect(asString(false)).toBe("false");
        expect(asString({})).toBe(INVALID);
        expect(asString(["x"])).toBe(INVALID);
    });

    it("str gives a string only for real values", () => {
        expect(str("x")).toBe("x");
        expect(str(SENTINEL)).toBeUndefined();
        expect(str(UNKNOWN)).toBeUndefined();
        expect(str(5432)).toBe("5432");
        expect(str(true)).toBe("true");
        expect(str(undefined)).toBeUndefined();
        expect(str({})).toBeUndefined();
        expect(str(["x"])).toBeUndefined();
    });

    it("keeps lists as they are", () => {
        const list = ["a", "b"];
        expect(asList(list)).toBe(list);
        expect(asList(null)).toEqual([]);
    });

    it("finds unknowns anywhere in a value, and only there", () => {
        expect(containsUnknown({ a: 1, b: "x" })).toBe(false);
        expect(containsUnknown([1, [2]])).toBe(false);
        expect(containsUnknown("x")).toBe(false);
        expect(containsUnknown({ a: 1, b: { c: UNKNOWN } })).toBe(true);
        expect(containsUnknown([1, [UNKNOWN]])).toBe(true);
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        const cyclicList: unknown[] = [];
        cyclicList.push(cyclicList);
        // As deep as a snapshot nests (its containers stop at 48 levels), an unknown is still found.
        expect(containsUnknown(nested(49, UNKNOWN))).toBe(true);
        expect(containsUnknown(nested(49, 1))).toBe(false);
        expect(containsUnknown(cyclic)).toBe(false);
        expect(containsUnknown(cyclicList)).toBe(false);
    });
});
