// DynamoDB tables: the nested blocks (`serverSideEncryption`, `pointInTimeRecovery`) and the inline global-table
// replicas (`replicas[]`) read the same way by every DynamoDB policy, with the same treatment of unknowns and of
// values of the wrong type.

import { unknownFinding, violation } from "../../lib/readers/checks";
import type { Finding } from "../../lib/core/policy";
import { asBool, INVALID, isAbsent, isObject, read, UNKNOWN, type Invalid, type Plain, type PlainObject, type Unknown } from "../../lib/readers/values";

/**
 * A nested configuration block: an object, absent, unknown, or INVALID (a string, number, ...). A one-element
 * list is read as its element (the shape state exports and older SDKs use for single blocks).
 */
export function block(root: PlainObject, property: string): PlainObject | undefined | Unknown | Invalid {
    let value = read(root, property);
    if (Array.isArray(value) && value.length === 1) {
        value = value[0];
    }
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return undefined;
    }
    return isObject(value) ? value : INVALID;
}

export interface ReplicaEntry {
    index: number;
    /** The display path of the replica, e.g. `replicas.1` (no brackets: findings are printed as `[property]`). */
    path: string;
    /** The replica block, UNKNOWN when the element is computed, INVALID when it is not an object. */
    value: PlainObject | Unknown | Invalid;
}

/** The inline replicas of a table (`replicas[]`); UNKNOWN when the whole list is computed. */
export function replicaEntries(props: PlainObject): ReplicaEntry[] | Unknown {
    const value = read(props, "replicas");
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return [];
    }
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, index) => ({
        index,
        path: `replicas.${index}`,
        value: item === UNKNOWN ? UNKNOWN : isObject(item) ? item : INVALID,
    }));
}

interface FlagValueSpec {
    expected: boolean;
    defaultValue: boolean;
    fix: string;
}

/** `expectFlag` for a value already read (nested in a list element): omitted means the documented default. */
export function expectFlagValue(value: Plain, property: string, spec: FlagValueSpec): Finding[] {
    const reading = asBool(value);
    if (reading === UNKNOWN) {
        return [unknownFinding(property, spec.fix)];
    }
    if (reading === spec.expected || (reading === undefined && spec.defaultValue === spec.expected)) {
        return [];
    }
    const state =
        reading === undefined ? `is not set, so it defaults to ${spec.defaultValue}` : reading === INVALID ? "is not a boolean" : `is ${reading}`;
    return [violation(property, `\`${property}\` ${state}. ${spec.fix}`)];
}
