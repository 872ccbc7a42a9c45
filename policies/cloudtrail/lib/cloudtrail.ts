// CloudTrail event-selector evaluation shared by the policies in policies/cloudtrail/: would a trail record a
// given event? Legacy `eventSelectors` and `advancedEventSelectors` are both simulated against concrete
// sample events, with unknowns (preview) kept as UNKNOWN.

import { and, asBool, asList, asString, INVALID, isObject, or, read, UNKNOWN, type Plain, type PlainObject, type Tri } from "../../lib/readers/values";
import { CLOUDTRAIL_TRAIL } from "../../lib/aws/types";

export const TRAIL_TYPE = CLOUDTRAIL_TRAIL;

export interface SampleEvent {
    eventCategory: "Management" | "Data";
    eventSource: string;
    eventName: string;
    readOnly: boolean;
    /** resources.type / resources.ARN for data events. */
    resourceType?: string;
    resourceArn?: string | typeof UNKNOWN;
}

function strings(value: Plain): (string | typeof UNKNOWN)[] | typeof UNKNOWN {
    const items = asList(value);
    if (items === UNKNOWN) {
        return UNKNOWN;
    }
    return items.map((i) => (i === UNKNOWN ? UNKNOWN : typeof i === "string" ? i : String(i)));
}

function fieldValue(event: SampleEvent, field: string): string | typeof UNKNOWN | undefined {
    switch (field) {
        case "eventCategory":
            return event.eventCategory;
        case "eventSource":
            return event.eventSource;
        case "eventName":
            return event.eventName;
        case "readOnly":
            return String(event.readOnly);
        case "resources.type":
            return event.resourceType;
        case "resources.ARN":
            return event.resourceArn;
        default:
            return undefined;
    }
}

const OPERATORS: [string, (actual: string, expected: string) => boolean, boolean][] = [
    ["equals", (a, e) => a === e, true],
    ["startsWiths", (a, e) => a.startsWith(e), true],
    ["endsWiths", (a, e) => a.endsWith(e), true],
    ["notEquals", (a, e) => a === e, false],
    ["notStartsWiths", (a, e) => a.startsWith(e), false],
    ["notEndsWiths", (a, e) => a.endsWith(e), false],
];

/** Does one advanced field selector admit the event? Positive lists: any value matches; negative: none does. */
function fieldMatches(selector: PlainObject, event: SampleEvent): Tri {
    const field = asString(read(selector, "field"));
    if (field === UNKNOWN) {
        return UNKNOWN;
    }
    if (field === undefined || field === INVALID) {
        return false;
    }
    const actual = fieldValue(event, field);
    if (actual === undefined) {
        // A field this simulation does not model (userIdentity.arn, errorCode, ...) may filter the event out.
        return false;
    }
    const results: Tri[] = [];
    for (const [name, test, positive] of OPERATORS) {
        const raw = read(selector, name);
        if (raw === undefined || raw === null) {
            continue;
        }
        const values = strings(raw);
        if (values === UNKNOWN || actual === UNKNOWN) {
            results.push(UNKNOWN);
            continue;
        }
        const hits = values.map((v) => (v === UNKNOWN ? UNKNOWN : test(actual, v)));
        const any = or(...hits);
        results.push(positive ? any : any === UNKNOWN ? UNKNOWN : !any);
    }
    return and(...results);
}

/** Does an advanced event selector (all field selectors ANDed) record the event? */
export function advancedSelectorRecords(selector: Plain, event: SampleEvent): Tri {
    if (selector === UNKNOWN) {
        return UNKNOWN;
    }
    if (!isObject(selector)) {
        return false;
    }
    const fields = asList(read(selector, "fieldSelectors"));
    if (fields === UNKNOWN) {
        return UNKNOWN;
    }
    if (fields.length === 0) {
        return false;
    }
    return and(...fields.map((f) => (f === UNKNOWN ? UNKNOWN : isObject(f) ? fieldMatches(f, event) : false)));
}

/** Does a legacy event selector record the management event? */
export function eventSelectorRecordsManagement(selector: Plain, event: SampleEvent): Tri {
    if (selector === UNKNOWN) {
        return UNKNOWN;
    }
    if (!isObject(selector)) {
        return false;
    }
    const include = asBool(read(selector, "includeManagementEvents"));
    const includeOk: Tri = include === UNKNOWN ? UNKNOWN : include === undefined || include === true;
    const rw = asString(read(selector, "readWriteType"));
    let rwOk: Tri;
    if (rw === UNKNOWN) {
        rwOk = UNKNOWN;
    } else if (rw === undefined || rw === "All") {
        rwOk = true;
    } else if (rw === "ReadOnly") {
        rwOk = event.readOnly;
    } else if (rw === "WriteOnly") {
        rwOk = !event.readOnly;
    } else {
        rwOk = false;
    }
    const excluded = strings(read(selector, "excludeManagementEventSources"));
    let notExcluded: Tri = UNKNOWN;
    if (excluded !== UNKNOWN) {
        const hit = or(...excluded.map((s) => (s === UNKNOWN ? UNKNOWN : s.trim() === event.eventSource)));
        notExcluded = hit === UNKNOWN ? UNKNOWN : !hit;
    }
    return and(includeOk, rwOk, notExcluded);
}

export type SelectorMode = { kind: "default" } | { kind: "legacy"; selectors: Plain[] } | { kind: "advanced"; selectors: Plain[] } | { kind: "unknown" };

export function selectorMode(trail: PlainObject): SelectorMode {
    const advanced = asList(read(trail, "advancedEventSelectors"));
    const legacy = asList(read(trail, "eventSelectors"));
    if (advanced === UNKNOWN || legacy === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (advanced.length > 0) {
        return { kind: "advanced", selectors: advanced };
    }
    if (legacy.length > 0) {
        return { kind: "legacy", selectors: legacy };
    }
    return { kind: "default" };
}

/** Does the trail record the management event? With no selectors, CloudTrail records all management events. */
export function recordsManagementEvent(trail: PlainObject, event: SampleEvent): Tri {
    const mode = selectorMode(trail);
    switch (mode.kind) {
        case "unknown":
            return UNKNOWN;
        case "default":
            return true;
        case "legacy":
            return or(...mode.selectors.map((s) => eventSelectorRecordsManagement(s, event)));
        case "advanced":
            return or(...mode.selectors.map((s) => advancedSelectorRecords(s, event)));
    }
}
