import { describe, expect, it } from "vitest";
import { readConfig, type ConfigProperties } from "../../../policies/lib/core/config";

type Config = {
    name: string;
    enabled: boolean;
    ratio: number;
    days: number;
    tags: string[];
    anything: string[];
    options: { [key: string]: string };
    level: string;
};

const SCHEMA: ConfigProperties<Config> = {
    name: { type: "string", default: "db", description: "a name" },
    enabled: { type: "boolean", default: true, description: "a switch" },
    ratio: { type: "number", default: 0.5, maximum: 1, description: "a ratio" },
    days: { type: "integer", default: 7, minimum: 1, maximum: 35, description: "retention days" },
    tags: { type: "array", items: { type: "string" }, default: ["a"], description: "tags" },
    anything: { type: "array", default: [], description: "untyped list" },
    options: { type: "object", default: {}, description: "an object" },
    level: { type: "string", enum: ["low", "high"], default: "low", description: "a level" },
};

const DEFAULTS = { name: "db", enabled: true, ratio: 0.5, days: 7, tags: ["a"], anything: [], options: {}, level: "low" };

describe("readConfig", () => {
    it("applies every default when no configuration is given, or it is not an object", () => {
        for (const raw of [undefined, null, [], "text", 5]) {
            expect(readConfig(SCHEMA, raw)).toEqual({ values: DEFAULTS, problems: [] });
        }
        expect(readConfig(SCHEMA, { name: null }).values.name).toBe("db");
        expect(readConfig(undefined, { name: "x" })).toEqual({ values: {}, problems: [] });
    });

    it("accepts values of the right type, within range and among the options", () => {
        const given = { name: "x", enabled: false, ratio: 1, days: 35, tags: ["b", "c"], anything: [1, "x"], options: { a: "b" }, level: "high" };
        expect(readConfig(SCHEMA, given)).toEqual({ values: given, problems: [] });
        expect(readConfig(SCHEMA, { days: 1, ratio: -3 }).values).toMatchObject({ days: 1, ratio: -3 });
    });

    it.each([
        ["name", 5],
        ["enabled", "false"],
        ["ratio", "0.1"],
        ["ratio", Number.NaN],
        ["ratio", 1.5],
        ["days", 7.5],
        ["days", "7"],
        ["days", 0],
        ["days", 36],
        ["tags", "a"],
        ["tags", ["a", 1]],
        ["anything", { a: 1 }],
        ["options", ["a"]],
        ["options", "a"],
        ["level", "medium"],
    ])("replaces %s = %j by the default and reports it", (key, value) => {
        const { values, problems } = readConfig(SCHEMA, { ...DEFAULTS, [key]: value });
        expect(values).toEqual(DEFAULTS);
        expect(problems).toHaveLength(1);
        expect(problems[0]?.property).toBe(`config.${key}`);
        expect(problems[0]?.undecided).toBeUndefined();
    });

    it("names the lower bound when one applies", () => {
        expect(readConfig(SCHEMA, { days: 0 }).problems[0]?.message).toContain(">= 1");
    });
});
