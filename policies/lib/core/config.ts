// Policy configuration: a JSON schema per policy (sent to the engine, which validates `--policy-pack-config`
// files against it and fills in defaults) plus a tolerant reader. The reader applies the defaults itself
// too, so a policy behaves the same when the engine sent no `Configure` (unit tests, other hosts).

import type { Finding } from "../readers/finding";

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type ConfigValues = Record<string, JsonValue>;

export interface ConfigProperty<T extends JsonValue = JsonValue> {
    type: "string" | "number" | "integer" | "boolean" | "array" | "object";
    description: string;
    default: T;
    minimum?: number;
    maximum?: number;
    enum?: readonly T[];
    items?: { type: "string" | "number" | "integer" | "boolean" | "object" };
}

export type ConfigProperties<C extends ConfigValues> = { [K in keyof C]: ConfigProperty<C[K]> };

function matchesType(property: ConfigProperty, value: unknown): boolean {
    switch (property.type) {
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        case "array":
            return (
                Array.isArray(value) &&
                (!property.items || value.every((item) => matchesType({ ...property, type: property.items!.type, items: undefined }, item)))
            );
    }
}

function inRange(property: ConfigProperty, value: unknown): boolean {
    if (typeof value !== "number") {
        return true;
    }
    return (property.minimum === undefined || value >= property.minimum) && (property.maximum === undefined || value <= property.maximum);
}

/**
 * Reads a policy's configuration. A value of the wrong type or out of range is replaced by the default
 * and reported as a finding, so a typo in a config file is seen instead of silently weakening a check.
 */
export function readConfig<C extends ConfigValues>(
    properties: ConfigProperties<C> | undefined,
    raw: unknown,
): { values: C; problems: Finding[] } {
    const values: ConfigValues = {};
    const problems: Finding[] = [];
    const given = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    for (const [key, property] of Object.entries(properties ?? {}) as [string, ConfigProperty][]) {
        const value = given[key];
        if (value === undefined || value === null) {
            values[key] = property.default;
            continue;
        }
        const allowed = !property.enum || property.enum.some((option) => option === value);
        if (matchesType(property, value) && inRange(property, value) && allowed) {
            values[key] = value as JsonValue;
        } else {
            values[key] = property.default;
            problems.push({
                property: `config.${key}`,
                message: `The policy config value for "${key}" is not a valid ${property.type}${property.minimum !== undefined ? ` >= ${property.minimum}` : ""}; the default is used instead. Fix the --policy-pack-config file.`,
            });
        }
    }
    return { values: values as C, problems };
}
