import { undecided, violation } from "../lib/readers/checks";
import { recordsManagementEvent, selectorMode, TRAIL_TYPE, type SampleEvent } from "./lib/cloudtrail";
import type { Tri } from "../lib/aws/iam";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, asList, asString, isObject, read, UNKNOWN, type Plain } from "../lib/readers/values";

const management = (eventSource: string, eventName: string, readOnly: boolean): SampleEvent => ({ eventCategory: "Management", eventSource, eventName, readOnly });

const KMS = "kms.amazonaws.com";
const RDS_DATA = "rdsdata.amazonaws.com";

/** The events the trail must record: KMS reads (the theft signal), KMS writes (key sabotage), RDS Data API calls. */
const REQUIRED: SampleEvent[] = [
    management(KMS, "Decrypt", true),
    management(KMS, "GenerateDataKey", true),
    management(KMS, "ScheduleKeyDeletion", false),
    management(KMS, "DisableKey", false),
    management(RDS_DATA, "ExecuteStatement", false),
    management(RDS_DATA, "ExecuteStatement", true),
];

const FIX = "Record all management events (readWriteType `All`, includeManagementEvents not false, no kms.amazonaws.com or rdsdata.amazonaws.com in excludeManagementEventSources).";

function describe(event: SampleEvent): string {
    return `${event.eventSource.split(".")[0]}:${event.eventName}`;
}

/** The legacy-selector properties responsible for dropping management events. */
function legacyCulprits(selectors: Plain[]): string[] {
    const out: string[] = [];
    const managementSelectors = selectors.map((s, i) => [s, i] as const).filter(([s]) => isObject(s) && asBool(read(s, "includeManagementEvents")) !== false);
    if (managementSelectors.length === 0) {
        return selectors.map((_, i) => `eventSelectors.${i}.includeManagementEvents`);
    }
    for (const [selector, i] of managementSelectors) {
        const rw = asString(read(selector, "readWriteType"));
        if (rw !== undefined && rw !== "All" && rw !== UNKNOWN) {
            out.push(`eventSelectors.${i}.readWriteType`);
        }
        const excluded = asList(read(selector, "excludeManagementEventSources"));
        if (excluded !== UNKNOWN && excluded.some((s) => typeof s === "string" && (s.trim() === KMS || s.trim() === RDS_DATA))) {
            out.push(`eventSelectors.${i}.excludeManagementEventSources`);
        }
        const include = asBool(read(selector, "includeManagementEvents"));
        if (include !== undefined && include !== true && include !== UNKNOWN) {
            out.push(`eventSelectors.${i}.includeManagementEvents`);
        }
    }
    return out.length > 0 ? out : ["eventSelectors"];
}

export const cloudtrailKmsEventsNotExcluded = resourcePolicy({
    name: "cloudtrail-kms-events-not-excluded",
    description: "CloudTrail trails must record KMS and RDS Data API management events, reads included.",
    controls: [102],
    category: "monitoring",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
    },
    resourceTypes: [TRAIL_TYPE],
    remediationSteps: [
        "1. Remove `kms.amazonaws.com` and `rdsdata.amazonaws.com` from `eventSelectors[].excludeManagementEventSources`.",
        "2. Set `readWriteType: \"All\"` (or omit it) and leave `includeManagementEvents` unset or `true` on the management selector.",
        "3. With `advancedEventSelectors`, keep one selector with `eventCategory` equals `Management` and no `readOnly`, `eventSource` or other filter that drops KMS events.",
        "4. If cost is the concern, keep this trail complete and filter a second, cheaper trail instead.",
    ].join("\n"),
    check: ({ props }) => {
        const mode = selectorMode(props);
        if (mode.kind === "default") {
            return [];
        }
        const results: [SampleEvent, Tri][] = REQUIRED.map((e) => [e, recordsManagementEvent(props, e)]);
        const missing = [...new Set(results.filter(([, r]) => r === false).map(([e]) => describe(e)))];
        const unknown = results.some(([, r]) => r === UNKNOWN);
        const findings: Finding[] = [];
        if (missing.length > 0) {
            const properties = mode.kind === "legacy" ? legacyCulprits(mode.selectors) : ["advancedEventSelectors"];
            for (const property of properties) {
                findings.push(
                    violation(
                        property,
                        `The trail's event selectors drop ${missing.join(", ")} events (\`${property}\`): KMS Decrypt and GenerateDataKey are read management events and the only record of who decrypted key material. ${FIX}`,
                    ),
                );
            }
        } else if (unknown) {
            const property = mode.kind === "advanced" ? "advancedEventSelectors" : "eventSelectors";
            findings.push(undecided(property, `\`${property}\` is only known at update time; the policy re-checks it then. Requirement: ${FIX}`));
        }
        return findings;
    },
});
