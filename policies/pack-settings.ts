// The `pack-settings` policy: carries the pack-wide settings (see lib/settings.ts) as its configuration.
// It is listed first, so in every Analyze and AnalyzeStack call it runs before the other policies and makes
// its configuration the active settings; in AnalyzeStack it also reports problems with the settings.

import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { displayName } from "./lib/display-name";
import { parseSettings, setActiveSettings, SETTINGS_POLICY_NAME, SETTINGS_SCHEMA } from "./lib/settings";

function load(getConfig: () => unknown) {
    let raw: unknown = {};
    try {
        raw = getConfig();
    } catch {
        raw = {};
    }
    const settings = parseSettings(raw);
    setActiveSettings(settings);
    return settings;
}

export const packSettingsPolicy: ResourceValidationPolicy & StackValidationPolicy = {
    name: SETTINGS_POLICY_NAME,
    displayName: displayName(SETTINGS_POLICY_NAME),
    description: "Pack-wide settings (key-material classification, waivers, framework and severity selection, preview handling) must be valid.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
        "1. Fix the `pack-settings` entry of the --policy-pack-config file as the message says.",
        "2. Every waiver needs `policy`, `resource`, a `reason` of at least 10 characters and an `expires` date (YYYY-MM-DD) in the future.",
        "3. Renew an expired waiver only after a new review, or fix the finding it waived.",
    ].join("\n"),
    tags: ["category:configuration"],
    configSchema: { properties: SETTINGS_SCHEMA as PolicyConfigSchema["properties"] },
    validateResource: (args: ResourceValidationArgs) => {
        load(() => args.getConfig());
    },
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const settings = load(() => args.getConfig());
        for (const problem of settings.problems) {
            reportViolation(`[${problem.property}] ${problem.message}`);
        }
    },
};
