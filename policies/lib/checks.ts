// Building blocks shared by the checks: the common questions ("is this flag on?", "is this a customer-managed
// key?", "is this number at least N?") answered once, with the same treatment of defaults, unknowns and
// values of the wrong type everywhere.

import type { Finding } from "./policy";
import { asBool, asList, asNumber, asString, INVALID, read, UNKNOWN, type PlainObject, type StringReading } from "./values";

export function violation(property: string, message: string, urn?: string): Finding {
    return urn ? { property, message, urn } : { property, message };
}

export function undecided(property: string, message: string, urn?: string): Finding {
    return urn ? { property, message, undecided: true, urn } : { property, message, undecided: true };
}

/** Advice reported as advisory whatever the policy's level (see Finding.advisory). */
export function advice(property: string, message: string, urn?: string): Finding {
    return urn ? { property, message, advisory: true, urn } : { property, message, advisory: true };
}

const UNKNOWN_NOTE = "is computed from another resource, so it is only known at update time; the policy re-checks it then.";

export function unknownFinding(property: string, requirement: string, urn?: string): Finding {
    return undecided(property, `\`${property}\` ${UNKNOWN_NOTE} Requirement: ${requirement}`, urn);
}

interface FlagSpec {
    /** The secure value. */
    expected: boolean;
    /** The provider's documented default when the input is omitted. */
    defaultValue: boolean;
    /** The requirement and the fix, e.g. "Set `storageEncrypted: true`; ...". */
    fix: string;
    urn?: string;
}

/** A boolean input must have the secure value; omitted means the documented default. */
export function expectFlag(props: PlainObject, property: string, spec: FlagSpec): Finding[] {
    const value = asBool(read(props, property));
    if (value === UNKNOWN) {
        return [unknownFinding(property, spec.fix, spec.urn)];
    }
    if (value === spec.expected) {
        return [];
    }
    if (value === undefined) {
        if (spec.defaultValue === spec.expected) {
            return [];
        }
        return [violation(property, `\`${property}\` is not set, so it defaults to ${spec.defaultValue}. ${spec.fix}`, spec.urn)];
    }
    if (value === INVALID) {
        return [violation(property, `\`${property}\` is not a boolean. ${spec.fix}`, spec.urn)];
    }
    return [violation(property, `\`${property}\` is ${value}. ${spec.fix}`, spec.urn)];
}

interface MinimumSpec {
    minimum: number;
    /** The provider's documented default when omitted. */
    defaultValue: number;
    fix: string;
    urn?: string;
}

/** A numeric input must be at least `minimum`; omitted means the documented default. */
export function expectAtLeast(props: PlainObject, property: string, spec: MinimumSpec): Finding[] {
    const value = asNumber(read(props, property));
    if (value === UNKNOWN) {
        return [unknownFinding(property, spec.fix, spec.urn)];
    }
    if (value === INVALID) {
        return [violation(property, `\`${property}\` is not a number. ${spec.fix}`, spec.urn)];
    }
    const effective = value ?? spec.defaultValue;
    if (effective >= spec.minimum) {
        return [];
    }
    const state = value === undefined ? `is not set, so it defaults to ${spec.defaultValue}` : `is ${value}`;
    return [violation(property, `\`${property}\` ${state}, below the required ${spec.minimum}. ${spec.fix}`, spec.urn)];
}

export type KeyKind = "customer-managed" | "aws-managed" | "absent" | "unknown" | "invalid";

/**
 * Classifies a KMS key reference. An unknown reference is computed from a key resource or a lookup in
 * the program, which means a key is being supplied: it counts as customer-managed here, and the stack
 * policies check the key itself. AWS-managed keys are the `aws/<service>` aliases, by name or ARN.
 */
export function classifyKey(value: unknown): KeyKind {
    if (typeof value === "number" || typeof value === "boolean") {
        return "invalid";
    }
    const reading = asString(value);
    if (reading === UNKNOWN) {
        return "unknown";
    }
    if (reading === INVALID) {
        return "invalid";
    }
    if (reading === undefined || reading.trim() === "") {
        return "absent";
    }
    const text = reading.trim();
    if (/(^|:)alias\/aws\//i.test(text)) {
        return "aws-managed";
    }
    // A key ARN, an alias ARN, a key id or an alias name; anything else (`"none"`, `"default"`) names no key.
    return KEY_REFERENCE.test(text) ? "customer-managed" : "invalid";
}

const KEY_REFERENCE = new RegExp(
    [
        "^arn:aws[a-z-]*:kms:[a-z0-9-]*:\\d{12}:(key|alias)/\\S+$",
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        "^mrk-[0-9a-f]{32}$",
        "^alias/\\S+$",
    ].join("|"),
    "i",
);

interface KeySpec {
    /** What the key protects, e.g. "the storage". */
    protects: string;
    /** The AWS-managed key used when the input is omitted, e.g. "aws/rds". */
    awsManagedDefault: string;
    fix: string;
    urn?: string;
}

/** The input must name a customer-managed KMS key. */
export function expectCustomerManagedKey(props: PlainObject, property: string, spec: KeySpec): Finding[] {
    switch (classifyKey(read(props, property))) {
        case "customer-managed":
        case "unknown":
            return [];
        case "absent":
            return [
                violation(
                    property,
                    `\`${property}\` is not set, so ${spec.protects} is encrypted with ${spec.awsManagedDefault.startsWith("aws/") ? `the AWS-managed key \`${spec.awsManagedDefault}\`` : spec.awsManagedDefault}, whose key policy you cannot restrict. ${spec.fix}`,
                    spec.urn,
                ),
            ];
        case "aws-managed":
            return [
                violation(property, `\`${property}\` names an AWS-managed key (alias/aws/...), whose key policy you cannot restrict. ${spec.fix}`, spec.urn),
            ];
        case "invalid":
            return [violation(property, `\`${property}\` is not a key id, ARN or alias. ${spec.fix}`, spec.urn)];
    }
}

/** The engine names of a resource, lower-cased; undefined when absent or unknown. */
export function engineOf(props: PlainObject, property = "engine"): string | undefined | typeof UNKNOWN {
    const reading = asString(read(props, property));
    if (reading === UNKNOWN) {
        return UNKNOWN;
    }
    if (reading === INVALID || reading === undefined) {
        return undefined;
    }
    return reading.trim().toLowerCase();
}

export type Presence = "set" | "absent" | "unknown";

/**
 * Whether an input is supplied at all, for inputs whose presence (not content) decides a check: a source
 * identifier that makes a resource a replica or restore, a password, a subnet group name. Absent, null and
 * blank strings are "absent"; an unknown is "unknown" (a value is being supplied, only its content is not
 * known yet); anything else, of whatever type, is "set".
 */
export function presenceOf(value: unknown): Presence {
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

/**
 * A list of strings, element by element: each element read with `asString` (so unknown elements stay
 * `UNKNOWN` and non-strings are `INVALID`). A whole-list unknown is `UNKNOWN`; absent is the empty list;
 * a single string is read as a one-element list.
 */
export function asStringList(value: unknown): StringReading[] | typeof UNKNOWN {
    const list = asList(value);
    if (list === UNKNOWN) {
        return UNKNOWN;
    }
    return list.map((item) => asString(item));
}
