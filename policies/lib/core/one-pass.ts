// All stack policies in one pass: one SDK stack policy runs every stack policy over one copy of the stack, each at
// the level and with the properties the engine configured for it (core/engine-config.ts).

import type { EnforcementLevel, Policy, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { ConfigValues } from "./config";
import { policyTags, sdkMetadata } from "./metadata";
import type { StackPolicyDefinition } from "./policy";
import { namedEmitter, report, stackSubjects } from "./report";
import { runStackCheck } from "./run";
import { effectiveLevel } from "./sdk-internals";
import { activeSettings, isSelected } from "./settings";
import { stackSnapshot } from "./stack-snapshot";

type Configured = (name: string) => { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> } | undefined;

/** The level the SDK applies to a policy (sdk-internals.ts effectiveLevel). */
function levelOf(policy: { name: string; enforcementLevel?: EnforcementLevel }, configured: Configured): EnforcementLevel | undefined {
    return effectiveLevel(configured(policy.name)?.enforcementLevel, policy.enforcementLevel);
}

/**
 * Runs every stack policy over one copy of the stack, each at the level and with the properties the engine
 * configured for it (lib/core/engine-config.ts; the policy's defaults when the engine sent none), and reports each
 * finding under the policy's own name, level and severity, exactly as the SDK would if the policy ran on its own.
 */
export function stackPolicyRunner(definitions: readonly StackPolicyDefinition<ConfigValues>[], configured: Configured) {
    const plan = definitions.map((definition) => ({ definition, tags: policyTags(definition) }));
    return (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const settings = activeSettings();
        const resources = stackSnapshot(args.resources);
        const subjectOf = stackSubjects(resources);
        for (const { definition, tags } of plan) {
            const entry = configured(definition.name);
            const configuredLevel = effectiveLevel(entry?.enforcementLevel, definition.enforcementLevel);
            if (configuredLevel === "disabled" || !isSelected(settings, definition.severity, tags)) {
                continue;
            }
            // Stack policies cannot remediate: the SDK treats `remediate` as mandatory for them.
            const level = configuredLevel === "remediate" ? "mandatory" : configuredLevel;
            const findings = runStackCheck(definition, resources, entry?.properties ?? {}, settings);
            report(namedEmitter(reportViolation, definition, level), definition, findings, subjectOf, settings);
        }
    };
}

type StackValidate = StackValidationPolicy["validateStack"];

/**
 * The stack policies as the SDK gets them when they run in one pass. @pulumi/policy 1.21 rebuilds the whole stack
 * before each stack policy it calls (about 0.3 ms per resource per policy: 8 s for 26 policies on 10,000
 * resources), so only one policy, the host, carries a `validateStack`, and it runs them all (stackPolicyRunner).
 * After Configure the other stack policies are listed (name, level, severity, schema, framework) without a validate
 * function, which the SDK skips at no cost. The host is `settingsPolicy` (pack-settings, which loads the settings
 * first) when it is enabled, else the first stack policy the configuration leaves enabled; `rehost` chooses again at
 * every Configure, so any combination of levels (`all: disabled` plus one stack policy) runs exactly what it enables.
 *
 * Before the first Configure every stack policy carries a placeholder that does nothing. The SDK types a policy by
 * its validate function in GetAnalyzerInfo, and the engine calls GetAnalyzerInfo once, before Configure, and keeps
 * the answer (pulumi/pulumi analyzer_plugin.go): listed without one, the stack policies reached the engine untyped,
 * and its per-policy summaries counted them as passed on every resource. The placeholders change no result (the
 * default host, pack-settings, runs every stack policy); they only cost the SDK's per-policy stack copy should an
 * AnalyzeStack ever come before Configure, which the engine never does.
 */
export function stackPoliciesInOnePass(
    definitions: readonly StackPolicyDefinition<ConfigValues>[],
    configured: Configured,
    settingsPolicy: Policy & { validateStack: StackValidate },
) {
    const runAll = stackPolicyRunner(definitions, configured);
    const loadSettings = settingsPolicy.validateStack;
    const settingsHost: StackValidationPolicy = {
        ...settingsPolicy,
        validateStack: async (args, reportViolation) => {
            await loadSettings(args, reportViolation);
            runAll(args, reportViolation);
        },
    };
    const entries = definitions.map((definition) => ({ definition, sdk: sdkMetadata(definition) as Policy & { validateStack?: StackValidate } }));
    const rehost = (): void => {
        const settingsEnabled = levelOf(settingsPolicy, configured) !== "disabled";
        const host = settingsEnabled ? undefined : entries.find((e) => levelOf(e.definition, configured) !== "disabled");
        for (const entry of entries) {
            if (entry === host) {
                entry.sdk.validateStack = runAll;
            } else {
                delete entry.sdk.validateStack;
            }
        }
    };
    const listedAsStackPolicy: StackValidate = () => undefined;
    for (const entry of entries) {
        entry.sdk.validateStack = listedAsStackPolicy;
    }
    return { settingsPolicy: settingsHost, policies: entries.map((e) => e.sdk) as Policy[], rehost };
}

