// Condensed views of a run, for tables in tests and for a CLI.

import type { Diagnostic, RunResult } from "../../scanner/engine/engine";

export type Level = Diagnostic["enforcementLevel"];

/** One finding as "policy | resource | level", the shape of the expectation tables. */
export interface FindingKey {
    policy: string;
    resource: string;
    level: Level;
}

export function findingKeys(result: RunResult, levels: readonly Level[] = ["mandatory", "advisory"]): FindingKey[] {
    const seen = new Set<string>();
    const keys: FindingKey[] = [];
    for (const d of result.diagnostics) {
        if (!levels.includes(d.enforcementLevel)) {
            continue;
        }
        const key = `${d.policyName}|${d.resourceName}|${d.enforcementLevel}`;
        if (!seen.has(key)) {
            seen.add(key);
            keys.push({ policy: d.policyName, resource: d.resourceName, level: d.enforcementLevel });
        }
    }
    return sortFindings(keys);
}

export function sortFindings(keys: readonly FindingKey[]): FindingKey[] {
    return [...keys].sort((a, b) => a.policy.localeCompare(b.policy) || a.resource.localeCompare(b.resource) || a.level.localeCompare(b.level));
}

/** The SDK's replacement of a whole policy by "can't run ... during preview" (an unknown was read). */
export function cantRunDiagnostics(result: RunResult): Diagnostic[] {
    return result.diagnostics.filter((d) => /^can't run (policy|remediation) '.*' from policy pack '.*' during preview/.test(d.message));
}

/** A readable listing, one diagnostic per line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
    return diagnostics
        .map((d) => `${d.enforcementLevel.padEnd(9)} ${d.policyName} on ${d.resourceName}: ${d.message.replace(/\s+/g, " ").slice(0, 240)}`)
        .join("\n");
}
