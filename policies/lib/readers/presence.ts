// Whether an optional reference (subnet group, user group, token, log destination) is set at all.

import { asList, isAbsent, read, UNKNOWN, type PlainObject } from "./values";

export type Presence = "set" | "unset" | "unknown" | "invalid";

/**
 * Whether an optional input is set: a non-empty string, a non-empty list of non-empty strings, or an
 * unknown (a value computed from another resource, which means something is being supplied). With `shape:
 * "string"`, a list is a value of the wrong type.
 */
export function presence(props: PlainObject, property: string, shape: "any" | "string" = "any"): Presence {
    const value = read(props, property);
    if (value === UNKNOWN) {
        return "unknown";
    }
    if (isAbsent(value)) {
        return "unset";
    }
    if (typeof value === "string") {
        return value.trim() === "" ? "unset" : "set";
    }
    if (Array.isArray(value)) {
        if (shape === "string") {
            return "invalid";
        }
        const items = asList(value);
        if (items === UNKNOWN) {
            return "unknown";
        }
        let unknown = false;
        let set = false;
        for (const item of items) {
            if (item === UNKNOWN) {
                unknown = true;
            } else if (typeof item === "string" && item.trim() !== "") {
                set = true;
            } else if (!isAbsent(item) && typeof item !== "string") {
                return "invalid";
            }
        }
        return set ? "set" : unknown ? "unknown" : "unset";
    }
    return "invalid";
}

/** True when the input is set or computed (`set`/`unknown`). */
export function isProvided(props: PlainObject, property: string): boolean {
    const p = presence(props, property);
    return p === "set" || p === "unknown";
}
