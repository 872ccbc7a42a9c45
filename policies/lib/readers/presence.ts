// Is this input set? One rule for every policy: absent, null and blank (empty or whitespace-only) strings are not
// set; an unknown is being supplied (a value computed from another resource), only its content is not known yet;
// anything else, of whatever type, is set. `presence` adds what list-valued references need (a list of blank
// strings is not set; an element of the wrong type is invalid).

import { asList, read, UNKNOWN, type PlainObject } from "./values";

/** Whether one value is supplied. */
export type ValuePresence = "set" | "absent" | "unknown";

/**
 * Whether an input is supplied at all, for inputs whose presence (not content) decides a check: a source
 * identifier that makes a resource a replica or restore, a password, a subnet group name.
 */
export function presenceOf(value: unknown): ValuePresence {
    if (value === UNKNOWN) {
        return "unknown";
    }
    if (value === null || value === undefined) {
        return "absent";
    }
    if (typeof value === "string" && value.trim() === "") {
        return "absent";
    }
    return "set";
}

/** True when a value is set or being supplied (unknown): `presenceOf(value) !== "absent"`. */
export function isSet(value: unknown): boolean {
    return presenceOf(value) !== "absent";
}

/** Whether an optional reference (subnet group, user group, token, log destination) is set. */
export type Presence = ValuePresence | "invalid";

/**
 * Whether an optional reference input is set: a non-blank string, a list with at least one non-blank string, or
 * an unknown. With `shape: "string"`, a list is a value of the wrong type; so is a number, boolean or object.
 */
export function presence(props: PlainObject, property: string, shape: "any" | "string" = "any"): Presence {
    const value = read(props, property);
    if (typeof value === "string" || value === UNKNOWN || value === null || value === undefined) {
        return presenceOf(value);
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
            const state = presenceOf(item);
            if (state === "unknown") {
                unknown = true;
            } else if (typeof item === "string") {
                set ||= state === "set";
            } else if (state === "set") {
                return "invalid";
            }
        }
        return set ? "set" : unknown ? "unknown" : "absent";
    }
    return "invalid";
}

/** True when the input is set or computed (`set`/`unknown`). */
export function isProvided(props: PlainObject, property: string): boolean {
    const p = presence(props, property);
    return p === "set" || p === "unknown";
}
