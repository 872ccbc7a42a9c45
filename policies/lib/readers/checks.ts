// Building blocks shared by the checks: the common questions ("is this flag on?", "is this a customer-managed
// key?", "is this number at least N?") answered once, with the same treatment of defaults, unknowns and
// values of the wrong type everywhere.

import type { Finding } from "./finding";
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

/** How a finding on a value not known yet says so (aws-native findings replace it where aws-native's default decides). */
export const UNKNOWN_NOTE = "is computed from another resource and not known yet; the policy decides once it is known.";

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

/** How a key-reference finding reads; every part has a default but what is omitted. */
interface KeyWording {
    /** The requirement and the fix, appended to every message. */
    fix: string;
    urn?: string;
    /** The property name the messages show, when it is not the property reported (`kmsMasterKeyId` of a list entry). */
    label?: string;
    /** What the value must be, after "is not": `a key ARN`. Default: `a key id, ARN or alias`. */
    expected?: string;
    /** What an AWS-managed key means here, after "names": default `an AWS-managed key (alias/aws/...), whose key policy you cannot restrict`. */
    whenAwsManaged?: string;
}

/**
 * What an omitted key means: the data it `protects` is encrypted with the `defaultKey` (an `aws/<service>` alias,
 * i.e. an AWS-managed key in the account, or words such as `a key owned by the ElastiCache service`, a key outside
 * the account that its CloudTrail cannot show either), or, where that sentence does not fit, `whenAbsent` in full.
 */
export type KeySpec = KeyWording & ({ protects: string; defaultKey: string } | { whenAbsent: string });

function absentConsequence(spec: KeySpec): string {
    if ("whenAbsent" in spec) {
        return spec.whenAbsent;
    }
    const alias = /^(alias\/)?aws\//i.test(spec.defaultKey);
    return alias
        ? `${spec.protects} is encrypted with the AWS-managed key \`${spec.defaultKey}\`, whose key policy you cannot restrict`
        : `${spec.protects} is encrypted with ${spec.defaultKey}, whose key policy you cannot restrict or audit`;
}

/**
 * The value must name a customer-managed KMS key: the one answer to "is this a CMK?" for every policy. A computed
 * reference is a key being supplied (see `classifyKey`); absent, AWS-managed and malformed references are findings
 * on `property`, worded by `spec`.
 */
export function keyFindings(value: unknown, property: string, spec: KeySpec): Finding[] {
    const label = spec.label ?? property;
    switch (classifyKey(value)) {
        case "customer-managed":
        case "unknown":
            return [];
        case "absent":
            return [violation(property, `\`${label}\` is not set, so ${absentConsequence(spec)}. ${spec.fix}`, spec.urn)];
        case "aws-managed":
            return [
                violation(
                    property,
                    `\`${label}\` names ${spec.whenAwsManaged ?? "an AWS-managed key (alias/aws/...), whose key policy you cannot restrict"}. ${spec.fix}`,
                    spec.urn,
                ),
            ];
        case "invalid":
            return [violation(property, `\`${label}\` is not ${spec.expected ?? "a key id, ARN or alias"}. ${spec.fix}`, spec.urn)];
    }
}

/**
 * One cause, one blocking finding: when encryption at rest is off (a decided finding on the encryption flag, whose
 * fix names the customer-managed key), the key findings are dropped; no key, AWS-managed or not, is in use then.
 * Undecided and advisory flag findings keep the key findings.
 */
export function keyUnlessUnencrypted(flagFindings: readonly Finding[], keyFindingsIfEncrypted: () => readonly Finding[]): Finding[] {
    const off = flagFindings.some((f) => !f.undecided && !f.advisory);
    return off ? [...flagFindings] : [...flagFindings, ...keyFindingsIfEncrypted()];
}

/** The input at `property` must name a customer-managed KMS key (`keyFindings` over `read(props, property)`). */
export function expectCustomerManagedKey(props: PlainObject, property: string, spec: KeySpec): Finding[] {
    return keyFindings(read(props, property), property, spec);
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
