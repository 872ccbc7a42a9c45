// The `pack-settings` policy: carries the pack-wide settings (see lib/core/settings.ts) as its configuration.
// It is listed first, so in every Analyze and AnalyzeStack call it runs before the other policies and makes
// its configuration the active settings; in AnalyzeStack it also reports problems with the settings and with the
// rest of the configuration (names and properties that configure nothing), checked against the whole pack.

import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { displayName } from "./lib/core/display-name";
import type { PolicyConfigEntry } from "./lib/core/engine-config";
import { configurationProblems, parseSettings, setActiveSettings, SETTINGS_POLICY_NAME, SETTINGS_SCHEMA, today, type PackIndex, type Settings } from "./lib/core/settings";

/** When the current UTC day ends, in epoch milliseconds. */
function nextUtcMidnight(): number {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

function readRaw(getConfig: () => unknown): unknown {
    try {
        return getConfig();
    } catch {
        return {};
    }
}

/**
 * The pack-settings policy for a pack of `pack`'s policies. `configured` is the engine's whole configuration
 * (lib/core/engine-config.ts), or undefined where it cannot be read (then only the settings themselves are checked).
 */
export function packSettingsPolicy(
    pack: PackIndex,
    configured: () => ReadonlyMap<string, PolicyConfigEntry> | undefined,
): ResourceValidationPolicy & StackValidationPolicy {
    // Analyze runs pack-settings before every resource: parse each distinct configuration once a day (waivers
    // expire by date). What the engine configured changes only at Configure, which replaces the recorded map, so
    // while the map and the day are the same the settings are too, and the call costs a comparison; without a
    // recorded map (before Configure, or the fallback) the configuration's text decides.
    let last: { source: unknown; day: string; dayEndsAt: number; settings: Settings } | undefined;
    const load = (getConfig: () => unknown): Settings => {
        const engineConfig = configured();
        if (engineConfig && last?.source === engineConfig && Date.now() < last.dayEndsAt) {
            setActiveSettings(last.settings);
            return last.settings;
        }
        const raw = readRaw(getConfig);
        const source = engineConfig ?? JSON.stringify(raw) ?? "";
        const day = today();
        if (last?.source !== source || last.day !== day) {
            last = { source, day, dayEndsAt: nextUtcMidnight(), settings: parseSettings(raw, day, pack) };
        }
        setActiveSettings(last.settings);
        return last.settings;
    };
    return {
        name: SETTINGS_POLICY_NAME,
        displayName: displayName(SETTINGS_POLICY_NAME),
        description: "Pack-wide settings (key-material classification, waivers, framework and severity selection, preview handling) and the policy configuration must be valid.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: [
            "1. Fix the entry of the --policy-pack-config file that the message names.",
            "2. Policy names, property names and framework ids must be ones this pack has (see the README catalog); a misspelt one configures nothing.",
            "3. Every waiver needs a known `policy` (or `*`), a `resource` narrower than every resource, a `reason` of at least 10 characters and an `expires` date (YYYY-MM-DD) in the future.",
            "4. Renew an expired waiver only after a new review, or fix the finding it waived.",
        ].join("\n"),
        tags: ["category:configuration"],
        configSchema: { properties: SETTINGS_SCHEMA as PolicyConfigSchema["properties"] },
        validateResource: (args: ResourceValidationArgs) => {
            load(() => args.getConfig());
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const settings = load(() => args.getConfig());
            const engineConfig = configured();
            const problems = [...settings.problems, ...(engineConfig ? configurationProblems(pack, engineConfig, settings) : [])];
            for (const problem of problems) {
                reportViolation(`[${problem.property}] ${problem.message}`);
            }
        },
    };
}
