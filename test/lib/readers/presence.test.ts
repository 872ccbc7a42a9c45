import { describe, expect, it } from "vitest";
import { isProvided, isSet, presence, presenceOf } from "../../../policies/lib/readers/presence";
import { UNKNOWN } from "../../../policies/lib/readers/values";

describe("presenceOf", () => {
    it("treats blank as absent, unknown as supplied-but-unknown, and any other value as set", () => {
        expect(presenceOf(undefined)).toBe("absent");
        expect(presenceOf(null)).toBe("absent");
        expect(presenceOf("")).toBe("absent");
        expect(presenceOf("  ")).toBe("absent");
        expect(presenceOf(UNKNOWN)).toBe("unknown");
        expect(presenceOf("snap-1")).toBe("set");
        expect(presenceOf(0)).toBe("set");
        expect(presenceOf(false)).toBe("set");
        expect(presenceOf({})).toBe("set");
    });
});

describe("isSet", () => {
    it("is true for a set or computed value, false for absent, null and blank strings", () => {
        expect(isSet("x")).toBe(true);
        expect(isSet(UNKNOWN)).toBe(true);
        expect(isSet(0)).toBe(true);
        expect(isSet(undefined)).toBe(false);
        expect(isSet(null)).toBe(false);
        expect(isSet("")).toBe(false);
        // One blank-string rule for every policy: whitespace names nothing.
        expect(isSet("   ")).toBe(false);
    });
});

describe("presence", () => {
    it("reads a reference input, string or list, with the same blank rule", () => {
        expect(presence({ g: "sg-1" }, "g")).toBe("set");
        expect(presence({ g: " " }, "g")).toBe("absent");
        expect(presence({}, "g")).toBe("absent");
        expect(presence({ g: UNKNOWN }, "g")).toBe("unknown");
        expect(presence({ g: ["", " ", null] }, "g")).toBe("absent");
        expect(presence({ g: ["", "sg-1"] }, "g")).toBe("set");
        expect(presence({ g: [UNKNOWN, ""] }, "g")).toBe("unknown");
        expect(presence({ g: UNKNOWN }, "g.0")).toBe("unknown");
    });

    it("marks values of the wrong type as invalid", () => {
        expect(presence({ g: ["sg-1", 5] }, "g")).toBe("invalid");
        expect(presence({ g: ["sg-1"] }, "g", "string")).toBe("invalid");
        expect(presence({ g: 5 }, "g")).toBe("invalid");
        expect(presence({ g: { id: "x" } }, "g")).toBe("invalid");
    });

    it("isProvided is set or unknown", () => {
        expect(isProvided({ g: "x" }, "g")).toBe(true);
        expect(isProvided({ g: UNKNOWN }, "g")).toBe(true);
        expect(isProvided({ g: "" }, "g")).toBe(false);
        expect(isProvided({ g: 5 }, "g")).toBe(false);
    });
});
