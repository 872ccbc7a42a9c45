// Reading the engine's event stream (the CLI's --event-log, which the Automation API tails for onEvent).

import type { EngineEvent } from "@pulumi/pulumi/automation";
import { sortFindings, type FindingKey } from "../harness/report";
import { urnName } from "../../scanner/engine/values";

export interface PolicyFinding {
    policy: string;
    resource: string;
    /** As the engine reports it: advisory, mandatory, or remediate (a remediation that was applied). */
    level: string;
    urn: string;
    message: string;
}

/** Every policyEvent as (policy, resource name, level); a finding without a URN belongs to the root stack. */
export function policyFindings(events: readonly EngineEvent[], rootStack: string): PolicyFinding[] {
    const findings = events.flatMap((event) => {
        const policy = event.policyEvent;
        if (!policy) {
            return [];
        }
        const urn = policy.resourceUrn ?? "";
        return [{ policy: policy.policyName, resource: urn ? urnName(urn) : rootStack, level: policy.enforcementLevel, urn, message: policy.message }];
    });
    return findings.sort((a, b) => a.policy.localeCompare(b.policy) || a.resource.localeCompare(b.resource) || a.level.localeCompare(b.level));
}

/** (policy, resource, level) once each, sorted: the shape of the emulator's tables (test/harness/report.ts). */
export function findingKeys(findings: readonly PolicyFinding[], levels: readonly FindingKey["level"][] = ["mandatory", "advisory"]): FindingKey[] {
    const keys = new Map<string, FindingKey>();
    for (const { policy, resource, level } of findings) {
        const known = levels.find((l) => l === level);
        if (known) {
            keys.set(`${policy}|${resource}|${level}`, { policy, resource, level: known });
        }
    }
    return sortFindings([...keys.values()]);
}

/** The engine's per-policy outcome for one resource (urn set) or for the stack (AnalyzeStack, no urn). */
export interface PolicySummary {
    urn?: string;
    passed: string[];
    failed: string[];
}

/**
 * The engine's policy summaries (CLI >= 3.197; not in the Automation API's EngineEvent type of @pulumi/pulumi
 * 3.248): one `policyAnalyzeSummaryEvent` per analyzed resource, one `policyAnalyzeStackSummaryEvent`.
 */
export function policySummaries(events: readonly EngineEvent[]): { resources: PolicySummary[]; stack: PolicySummary[] } {
    type Raw = { resourceUrn?: string; passed?: string[]; failed?: string[] };
    const read = (raw: Raw): PolicySummary => ({ urn: raw.resourceUrn, passed: raw.passed ?? [], failed: raw.failed ?? [] });
    const resources: PolicySummary[] = [];
    const stack: PolicySummary[] = [];
    for (const event of events as readonly (EngineEvent & { policyAnalyzeSummaryEvent?: Raw; policyAnalyzeStackSummaryEvent?: Raw })[]) {
        if (event.policyAnalyzeSummaryEvent) {
            resources.push(read(event.policyAnalyzeSummaryEvent));
        }
        if (event.policyAnalyzeStackSummaryEvent) {
            stack.push(read(event.policyAnalyzeStackSummaryEvent));
        }
    }
    return { resources, stack };
}

/** The SDK's replacement of a whole policy by "can't run ... during preview" (an unknown was read). */
export function cantRun(findings: readonly PolicyFinding[]): PolicyFinding[] {
    return findings.filter((f) => /^can't run (policy|remediation) '.*' from policy pack '.*' during preview/.test(f.message));
}

export function formatFindings(findings: readonly PolicyFinding[]): string {
    return findings.map((f) => `${f.level.padEnd(9)} ${f.policy} on ${f.resource}: ${f.message.replace(/\s+/g, " ").slice(0, 200)}`).join("\n");
}

/** The events `pulumi policy analyze --json` prints, one JSON object per line. */
export function jsonLines(stdout: string): EngineEvent[] {
    return stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as EngineEvent);
}

/** Diagnostics the CLI printed at warning or error severity (policy violations are policyEvents, not these). */
export function warnings(events: readonly EngineEvent[]): string[] {
    return events.flatMap((event) => {
        const diagnostic = event.diagnosticEvent;
        return diagnostic && /^(warning|error)/.test(diagnostic.severity) ? [`${diagnostic.severity}: ${diagnostic.message.trim()}`] : [];
    });
}
