// All policies in one pass: one SDK resource policy runs every resource policy over one copy of each resource, and
// one SDK stack policy runs every stack policy over one copy of the stack, each policy at the level and with the
// properties the engine configured for it (core/engine-config.ts), each finding under the policy's own name.

import type {
    EnforcementLevel,
    Policy,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { ConfigValues } from "./config";
import { policyTags, sdkMetadata } from "./metadata";
import type { ResourcePolicyDefinition, StackPolicyDefinition } from "./policy";
import { namedEmitter, report, stackSubjects } from "./report";
import { readConfig } from "./config";
import { otherTypeReason, prepareResource, resourceApplicability, runResourcePolicy, runStackCheck } from "./run";
import { toResourcePolicy } from "./sdk";
import { effectiveLevel, reportNotApplicable, type NotApplicableEntry } from "./sdk-internals";
import { activeSettings, isSelected, type Settings } from "./settings";
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
type ResourceValidate = (args: ResourceValidationArgs, reportViolation: ReportViolation) => void;

/**
 * Runs every resource policy over one copy of the resource (core/run.ts prepareResource, made once, and only when
 * some policy applies), each at the level and with the properties the engine configured for it, and reports each
 * finding under the policy's own name, level and severity, and each policy that does not apply (another type, not
 * selected by pack-settings) in the response's not-applicable list, exactly as the SDK would if the policy ran on its
 * own. Policies at level `remediate` are not run here: they are registered on their own (resourcePoliciesInOnePass),
 * because the SDK reports a remediation under the name of the policy that made it.
 */
export function resourcePolicyRunner(definitions: readonly ResourcePolicyDefinition<ConfigValues>[], configured: Configured): ResourceValidate & { reconfigure(): void } {
    // The not-applicable entries are constants, so the relay encodes each once (sdk-internals.ts).
    const plan = definitions.map((definition) => ({
        definition,
        tags: policyTags(definition),
        types: new Set(definition.resourceTypes),
        applies: resourceApplicability(definition),
        otherType: { policyName: definition.name, reason: otherTypeReason(definition) },
        notSelected: { policyName: definition.name, reason: "not selected by the pack-settings framework/severity selection" },
    }));
    // What the configuration makes of each policy, worked out once per Configure (reconfigure), not per resource.
    let active: (ActivePlan & (typeof plan)[number])[] | undefined;
    const activePlan = () =>
        (active ??= plan.flatMap((p) => {
            const entry = configured(p.definition.name);
            const level = effectiveLevel(entry?.enforcementLevel, p.definition.enforcementLevel);
            return level === "disabled" || level === "remediate" ? [] : [{ ...p, level, config: readConfig(p.definition.config, entry?.properties ?? {}) }];
        }));
    // Which policies run on a resource type and which do not apply, worked out once per type and settings: a stack
    // has a few dozen types, and the not-applicable list of a type is then one constant array, whose encoding the
    // relay keeps (sdk-internals.ts).
    let byType = new Map<string, TypePlan<(typeof plan)[number] & ActivePlan>>();
    let planSettings: Settings | undefined;
    const typePlan = (type: string, settings: Settings) => {
        if (planSettings !== settings || byType.size > MAX_PLANNED_TYPES) {
            byType = new Map();
            planSettings = settings;
        }
        let typed = byType.get(type);
        if (!typed) {
            typed = { runs: [], notApplicable: [] };
            for (const p of activePlan()) {
                if (!p.applies(type)) {
                    typed.notApplicable.push(p.otherType);
                } else if (!isSelected(settings, p.definition.severity, p.tags)) {
                    typed.notApplicable.push(p.notSelected);
                } else {
                    typed.runs.push(p);
                }
            }
            byType.set(type, typed);
        }
        return typed;
    };
    const run: ResourceValidate = (args, reportViolation) => {
        const settings = activeSettings();
        const { runs, notApplicable } = typePlan(args.type, settings);
        let subject: ReturnType<typeof prepareResource> | undefined;
        for (const { definition, types, level, config } of runs) {
            subject ??= prepareResource(args);
            for (const judged of runResourcePolicy(definition, types, subject, config)) {
                report(namedEmitter(reportViolation, definition, level), definition, judged.findings, () => judged.subject, settings);
            }
        }
        reportNotApplicable(reportViolation, notApplicable);
    };
    return Object.assign(run, {
        reconfigure: () => {
            active = undefined;
            byType = new Map();
        },
    });
}

/** Beyond this many distinct types (a hostile or generated stack) the per-type plans start over. */
const MAX_PLANNED_TYPES = 2_000;

interface TypePlan<P> {
    runs: P[];
    notApplicable: NotApplicableEntry[];
}

interface ActivePlan {
    level: "advisory" | "mandatory";
    config: ReturnType<typeof readConfig>;
}

/**
 * The resource policies as the SDK gets them when they run in one pass. @pulumi/policy 1.21 deserializes and proxies
 * a resource's properties again for every policy whose validate function is not typed to one resource type (most of
 * this pack's: a store and its cluster, instance and replica types), and builds the call's arguments per policy; so
 * one policy, the host, carries a `validateResource` that runs them all (resourcePolicyRunner), and the others are
 * listed (name, level, severity, schema, framework) without one, which the SDK skips at no cost. The host is
 * `settingsPolicy` (pack-settings, which loads the settings first) when it is enabled, else the first resource policy
 * the configuration leaves enabled; `rehost` chooses again at every Configure. A policy configured at `remediate`
 * is registered on its own (toResourcePolicy: its validate and remediate functions) for as long as it is.
 *
 * Before the first Configure every resource policy carries a placeholder that does nothing, so that GetAnalyzerInfo
 * lists it as a resource policy (see stackPoliciesInOnePass); the default host, pack-settings, runs them all.
 *
 * Needs the not-applicable relay (sdk-internals.ts installNotApplicableRelay) to be installed.
 */
export function resourcePoliciesInOnePass<S extends Policy & { validateResource?: unknown }>(
    definitions: readonly ResourcePolicyDefinition<ConfigValues>[],
    configured: Configured,
    settingsPolicy: S,
) {
    const runAll = resourcePolicyRunner(definitions, configured);
    const loadSettings = settingsPolicy.validateResource as ResourceValidate | undefined;
    const settingsHost: S = {
        ...settingsPolicy,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            loadSettings?.(args, reportViolation);
            runAll(args, reportViolation);
        },
    };
    type Sdk = Policy & { validateResource?: ResourceValidationPolicy["validateResource"]; remediateResource?: ResourceValidationPolicy["remediateResource"] };
    const entries = definitions.map((definition) => ({ definition, sdk: sdkMetadata(definition) as Sdk, own: undefined as ResourceValidationPolicy | undefined }));
    const rehost = (): void => {
        runAll.reconfigure();
        const settingsEnabled = levelOf(settingsPolicy, configured) !== "disabled";
        const runsHere = (e: (typeof entries)[number]) => !["disabled", "remediate"].includes(levelOf(e.definition, configured) ?? "");
        const host = settingsEnabled ? undefined : entries.find(runsHere);
        for (const entry of entries) {
            delete entry.sdk.validateResource;
            delete entry.sdk.remediateResource;
            if (levelOf(entry.definition, configured) === "remediate") {
                entry.own ??= toResourcePolicy(entry.definition);
                entry.sdk.validateResource = entry.own.validateResource;
                if (entry.own.remediateResource) {
                    entry.sdk.remediateResource = entry.own.remediateResource;
                }
            } else if (entry === host) {
                entry.sdk.validateResource = runAll;
            }
        }
    };
    const listedAsResourcePolicy: ResourceValidate = () => undefined;
    for (const entry of entries) {
        entry.sdk.validateResource = listedAsResourcePolicy;
    }
    return { settingsPolicy: settingsHost, policies: entries.map((e) => e.sdk) as Policy[], rehost };
}

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

