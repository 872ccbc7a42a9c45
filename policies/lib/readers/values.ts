// Unknown-aware reading of resource properties.
//
// The policy SDK hands policies a proxy that throws as soon as a preview-time unknown is read, and the
// SDK then turns the whole policy into a "can't run during preview" advisory. Policies here never read
// that proxy directly: `snapshot` copies the raw values out through property descriptors (which the
// proxy does not trap) and replaces every unknown sentinel with the `UNKNOWN` marker, so each policy
// decides for itself what an unknown means.

/**
 * What a check sees for a value that is computed by another resource and cannot be known during preview. On the
 * wire (and in the engine emulator, scanner/engine/values.ts) the same value is the string `UNKNOWN_SENTINEL`.
 */
export const UNKNOWN: unique symbol = Symbol.for("aws-key-material-guard.unknown");
export type Unknown = typeof UNKNOWN;

/** Three-valued answers: true, false, or UNKNOWN when the answer depends on a value computed at update time. */
export type Tri = boolean | Unknown;

/** False when any is false, else UNKNOWN when any is unknown, else true (true for none). */
export function and(...values: Tri[]): Tri {
    if (values.some((v) => v === false)) {
        return false;
    }
    return values.some((v) => v === UNKNOWN) ? UNKNOWN : true;
}

/** True when any is true, else UNKNOWN when any is unknown, else false (false for none). */
export function or(...values: Tri[]): Tri {
    if (values.some((v) => v === true)) {
        return true;
    }
    return values.some((v) => v === UNKNOWN) ? UNKNOWN : false;
}

/** The sentinels the engine uses for values that are not known yet (pulumi sdk/go/common/resource/sig). */
const UNKNOWN_SENTINELS = new Set<string>([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the one the engine actually sends)
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The string the engine sends for an unknown value (@pulumi/pulumi runtime `unknownValue`); `snapshot` turns it into `UNKNOWN`. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && value.length === 36 && UNKNOWN_SENTINELS.has(value);
}

/** Deeper structures than this are cut off (reported as unknown) so hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 48;

/** A plain, proxy-free copy of a property bag. Unknowns become `UNKNOWN`. */
export type Plain = null | undefined | boolean | number | string | Unknown | Plain[] | PlainObject | OpaqueValue;
export interface PlainObject {
    [key: string]: Plain;
}
/** Values the copy keeps as they are (assets, archives, functions): policies treat them as opaque. */
export interface OpaqueValue {
    readonly __opaque?: never;
}

function ownValue(source: object, key: string | number): unknown {
    // getOwnPropertyDescriptor is not trapped by the SDK's unknown-checking proxy, and returns the raw value.
    const descriptor = Object.getOwnPropertyDescriptor(source, key);
    if (!descriptor) {
        return undefined;
    }
    return "value" in descriptor ? descriptor.value : undefined;
}

function isSecretWrapper(source: object, prototype: unknown): boolean {
    const constructor = (prototype as { constructor?: { name?: string } } | null)?.constructor;
    return constructor?.name === "Secret" && Object.prototype.hasOwnProperty.call(source, "value");
}

function copy(value: unknown, depth: number): Plain {
    if (value === null || value === undefined) {
        return value;
    }
    switch (typeof value) {
        case "string":
            return isUnknownSentinel(value) ? UNKNOWN : value;
        case "boolean":
        case "number":
            return value;
        case "bigint":
            return Number(value);
        case "symbol":
            return value === UNKNOWN ? UNKNOWN : undefined;
        case "function":
            return undefined;
        default:
            break;
    }
    if (depth >= MAX_DEPTH) {
        return UNKNOWN;
    }
    const source = value as object;
    if (Array.isArray(source)) {
        const length = ownValue(source, "length");
        const n = typeof length === "number" ? length : 0;
        const out: Plain[] = new Array<Plain>(n);
        for (let i = 0; i < n; i++) {
            out[i] = copy(ownValue(source, i), depth + 1);
        }
        return out;
    }
    const prototype: unknown = Object.getPrototypeOf(source);
    if (isSecretWrapper(source, prototype)) {
        // Remediate receives secrets wrapped in the SDK's Secret class; policies judge the plain value.
        return copy(ownValue(source, "value"), depth + 1);
    }
    if (prototype !== Object.prototype && prototype !== null) {
        // Assets, archives and other class instances carry no policy-relevant settings.
        return source as OpaqueValue;
    }
    const out: PlainObject = {};
    for (const key of Object.keys(source)) {
        out[key] = copy(ownValue(source, key), depth + 1);
    }
    return out;
}

/** Copies a (possibly proxied) property bag into plain data with explicit unknowns. Never throws. */
export function snapshot(props: unknown): PlainObject {
    try {
        const copied = copy(props, 0);
        return isObject(copied) ? copied : {};
    } catch {
        return {};
    }
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

export function isObject(value: unknown): value is PlainObject {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Absent means "not set": the provider's documented default applies. */
export function isAbsent(value: unknown): value is null | undefined {
    return value === null || value === undefined;
}

/**
 * Reads a dotted path (`a.b.c`; numeric segments index arrays). An unknown anywhere on the way makes the
 * result unknown: the parent may be computed, so the child cannot be known either.
 */
export function read(root: unknown, path: string): Plain {
    let current: unknown = root;
    // Segment by segment without splitting the path: the stack policies read some millions of paths per call.
    let start = 0;
    for (;;) {
        const dot = path.indexOf(".", start);
        const segment = dot === -1 ? (start === 0 ? path : path.slice(start)) : path.slice(start, dot);
        if (current === UNKNOWN) {
            return UNKNOWN;
        }
        if (Array.isArray(current)) {
            const index = Number(segment);
            current = Number.isInteger(index) ? current[index] : undefined;
        } else if (isObject(current)) {
            current = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
        } else {
            return undefined;
        }
        if (dot === -1) {
            return current as Plain;
        }
        start = dot + 1;
    }
}

/** Marks a value that is set, but to something of the wrong type (a policy never treats it as secure). */
export const INVALID: unique symbol = Symbol.for("aws-key-material-guard.invalid");
export type Invalid = typeof INVALID;

export type BoolReading = boolean | undefined | Unknown | Invalid;

/** Booleans arrive as booleans, or as strings where the provider types them so (Redshift `encrypted`). */
export function asBool(value: unknown): BoolReading {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return undefined;
    }
    if (typeof value === "boolean") {
        return value;
    }
    if (typeof value === "string") {
        const normalized = value.trim().toLowerCase();
        if (normalized === "true") {
            return true;
        }
        if (normalized === "false") {
            return false;
        }
    }
    return INVALID;
}

export type NumberReading = number | undefined | Unknown | Invalid;

/** Numbers may arrive as numeric strings (engine-side conversions, JSON exports). */
export function asNumber(value: unknown): NumberReading {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return undefined;
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : INVALID;
    }
    if (typeof value === "string" && value.trim() !== "") {
        const parsed = Number(value.trim());
        return Number.isFinite(parsed) ? parsed : INVALID;
    }
    return INVALID;
}

export type StringReading = string | undefined | Unknown | Invalid;

export function asString(value: unknown): StringReading {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return undefined;
    }
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return INVALID;
}

/** A string value, or undefined when absent, unknown or not a string. */
export function str(value: unknown): string | undefined {
    if (typeof value === "string" && !isUnknownSentinel(value)) {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return undefined;
}

/** A list value: arrays as they are, a single value as a one-element list, absent as empty. */
export function asList(value: unknown): Plain[] | Unknown {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return [];
    }
    return Array.isArray(value) ? (value as Plain[]) : [value as Plain];
}

/** True when a value, or anything nested inside it, is unknown. */
export function containsUnknown(value: unknown, depth = 0): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (depth > MAX_DEPTH) {
        return false;
    }
    if (Array.isArray(value)) {
        return value.some((v) => containsUnknown(v, depth + 1));
    }
    if (isObject(value)) {
        return Object.values(value).some((v) => containsUnknown(v, depth + 1));
    }
    return false;
}
