// Policy configuration the way the engine builds it before `Configure`
// (pulumi/pulumi pkg/resource/analyzer/config.go ReconcilePolicyPackConfig): every policy gets an entry with
// its enforcement level and its schema defaults, then the pack's initial config is applied, then the user's
// (`--policy-pack-config`), where the key `all` sets the level of every policy. The result is validated
// against each policy's schema; the engine refuses to run with an invalid config.

import type { JsonObject, JsonValue } from "./values";
import { isObject } from "./values";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    /** Always present on the wire (the engine sends an empty Struct when there is nothing). */
    properties: JsonObject;
}

/** What a user writes in a `--policy-pack-config` file: a level, or an object with an optional level. */
export type UserPolicyConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & JsonObject)>;

export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    /** The JSON schema properties of the policy's config, if it has any. */
    configSchema?: { properties: JsonObject; required: string[] };
}

interface ParsedEntry {
    enforcementLevel?: EnforcementLevel;
    properties?: JsonObject;
}

/** The engine's parsePolicyPackConfig: strings are levels, objects may carry `enforcementLevel`. */
export function parseUserConfig(config: UserPolicyConfig): Map<string, ParsedEntry> {
    const parsed = new Map<string, ParsedEntry>();
    for (const [name, value] of Object.entries(config)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw new Error(`parsing enforcement level for "${name}": "${String(value)}" is not a valid enforcement level`);
            }
            parsed.set(name, { enforcementLevel: value });
            continue;
        }
        if (!isObject(value)) {
            throw new Error(`parsing "${name}": must be a string or object`);
        }
        const { enforcementLevel, ...properties } = value;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            throw new Error(`parsing enforcement level for "${name}": "${String(enforcementLevel)}" is not a valid enforcement level`);
        }
        const entry: ParsedEntry = {};
        if (enforcementLevel !== undefined) {
            entry.enforcementLevel = enforcementLevel;
        }
        if (Object.keys(properties).length > 0) {
            entry.properties = properties as JsonObject;
        }
        if (entry.enforcementLevel !== undefined || entry.properties !== undefined) {
            parsed.set(name, entry);
        }
    }
    return parsed;
}

function applyConfig(result: Map<string, ParsedEntry>, toApply: Map<string, ParsedEntry>): void {
    const all = toApply.get("all");
    if (all?.enforcementLevel) {
        for (const [name, entry] of result) {
            result.set(name, { enforcementLevel: all.enforcementLevel, properties: entry.properties });
        }
    }
    // As in the engine, `all` itself also lands in the map (the SDK ignores names it does not serve).
    for (const [name, given] of toApply) {
        const current = result.get(name);
        const properties = current?.properties || given.properties ? { ...current?.properties, ...given.properties } : undefined;
        result.set(name, { enforcementLevel: given.enforcementLevel ?? current?.enforcementLevel, properties });
    }
}

function typeMatches(type: string, value: JsonValue): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        case "number":
            return typeof value === "number";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "array":
            return Array.isArray(value);
        case "object":
            return isObject(value);
        case "null":
            return value === null;
        default:
            return true;
    }
}

/**
 * A small subset of JSON schema (type, enum, minimum, maximum, items.type, required): enough to reject the
 * mistakes the engine's gojsonschema validation rejects for this pack's schemas.
 */
function validateProperties(policy: PolicySchemaInfo, properties: JsonObject): string[] {
    const errors: string[] = [];
    const schema = policy.configSchema;
    if (!schema) {
        return errors;
    }
    for (const required of schema.required) {
        if (!(required in properties)) {
            errors.push(`${policy.name}: ${required} is required`);
        }
    }
    for (const [key, value] of Object.entries(properties)) {
        const property = schema.properties[key];
        if (!isObject(property)) {
            continue;
        }
        const types = Array.isArray(property.type) ? property.type : property.type === undefined ? [] : [property.type];
        if (types.length > 0 && !types.some((type) => typeof type === "string" && typeMatches(type, value))) {
            errors.push(`${policy.name}: ${key}: Invalid type. Expected: ${types.join(" or ")}`);
            continue;
        }
        if (Array.isArray(property.enum) && !property.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
            errors.push(`${policy.name}: ${key}: must be one of the enum values`);
        }
        if (typeof value === "number") {
            if (typeof property.minimum === "number" && value < property.minimum) {
                errors.push(`${policy.name}: ${key}: Must be greater than or equal to ${property.minimum}`);
            }
            if (typeof property.maximum === "number" && value > property.maximum) {
                errors.push(`${policy.name}: ${key}: Must be less than or equal to ${property.maximum}`);
            }
        }
        const items = property.items;
        if (Array.isArray(value) && isObject(items) && typeof items.type === "string") {
            const itemType = items.type;
            value.forEach((item, index) => {
                if (!typeMatches(itemType, item)) {
                    errors.push(`${policy.name}: ${key}.${index}: Invalid type. Expected: ${itemType}`);
                }
            });
        }
    }
    return errors;
}

export class PolicyConfigError extends Error {
    constructor(readonly errors: string[]) {
        super(`policy pack configuration is invalid:\n  ${errors.join("\n  ")}`);
    }
}

/** The config sent in `Configure`: one entry per policy (plus any extra names given), defaults filled in. */
export function reconcilePolicyConfig(
    policies: readonly PolicySchemaInfo[],
    initialConfig: Readonly<Record<string, PolicyConfigEntry>>,
    userConfig: UserPolicyConfig = {},
): Record<string, PolicyConfigEntry> {
    const result = new Map<string, ParsedEntry>();
    for (const policy of policies) {
        let properties: JsonObject | undefined;
        for (const [key, property] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (isObject(property) && "default" in property) {
                properties ??= {};
                properties[key] = property.default!;
            }
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties });
    }
    const initial = new Map<string, ParsedEntry>();
    for (const [name, entry] of Object.entries(initialConfig)) {
        initial.set(name, {
            enforcementLevel: entry.enforcementLevel,
            properties: Object.keys(entry.properties).length > 0 ? entry.properties : undefined,
        });
    }
    applyConfig(result, initial);
    applyConfig(result, parseUserConfig(userConfig));

    const errors: string[] = [];
    for (const policy of policies) {
        errors.push(...validateProperties(policy, result.get(policy.name)?.properties ?? {}));
    }
    const out: Record<string, PolicyConfigEntry> = {};
    for (const [name, entry] of result) {
        if (!entry.enforcementLevel) {
            errors.push(`${name}: invalid enforcement level ""`);
            continue;
        }
        out[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(errors);
    }
    return out;
}
