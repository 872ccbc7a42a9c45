// Adopting the scanner on an estate that already has findings: a stable fingerprint per finding, a baseline (a
// previous `--format json` report) whose findings are reported as existing and do not fail the run, and the
// severity threshold (`--fail-on`) below which mandatory findings do not fail it either.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Severity } from "./engine/pack";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type FailOn = (typeof SEVERITIES)[number];

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * Does a finding of this severity reach the `--fail-on` threshold? A finding without a severity counts as
 * critical: the pack gives every policy one, and an unknown severity must not let a mandatory finding through.
 */
export function reachesThreshold(severity: Severity | "", failOn: FailOn | undefined): boolean {
    if (failOn === undefined) {
        return true;
    }
    return (RANK[severity] ?? RANK.critical!) >= RANK[failOn]!;
}

/** The property a finding names (`[ingress.0.cidrBlocks.0] ...`), part of its identity; "" when there is none. */
export function findingProperty(message: string): string {
    // "Cannot verify during preview: " is how earlier versions led an undecided finding; baselines keep it.
    const text = message.replace(/^Cannot verify (?:yet|during preview): /, "");
    const match = /^\[([^\]]*)\]/.exec(text);
    return match ? match[1]! : "";
}

/**
 * Stable across runs, message wording and report order: the policy, the resource URN and the property the
 * finding names. Several findings of one policy on one property of a resource (two public CIDRs) share it.
 */
export function fingerprint(policy: string, resourceUrn: string, property: string): string {
    return createHash("sha256").update(`${policy}\u0000${resourceUrn}\u0000${property}`).digest("hex").slice(0, 32);
}

export interface BaselineEntry {
    fingerprint: string;
    message: string;
}

/** A previous `--format json` report's findings. */
export function loadBaseline(file: string): BaselineEntry[] {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new BaselineError(`--baseline ${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`}`);
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch {
        throw new BaselineError(`--baseline ${file}: not valid JSON (a report written with --format json is expected)`);
    }
    const findings = (document as { findings?: unknown } | null)?.findings;
    if (!Array.isArray(findings)) {
        throw new BaselineError(`--baseline ${file}: not a --format json report of this scanner (no \`findings\` list)`);
    }
    const entries: BaselineEntry[] = [];
    for (const finding of findings as unknown[]) {
        const f = finding as { fingerprint?: unknown; message?: unknown };
        if (typeof f?.fingerprint !== "string") {
            throw new BaselineError(`--baseline ${file}: a finding has no \`fingerprint\` (the report is from an older scanner; write it again)`);
        }
        entries.push({ fingerprint: f.fingerprint, message: typeof f.message === "string" ? f.message : "" });
    }
    return entries;
}

export class BaselineError extends Error {}

/**
 * Which findings the baseline already has. Per fingerprint, the baseline accounts for as many findings as it
 * held: findings with the same message first, then any others; a finding beyond that count is new (a second
 * public CIDR on a property that already had one).
 */
export function matchBaseline<T extends { fingerprint: string; message: string }>(findings: readonly T[], baseline: readonly BaselineEntry[]): Set<T> {
    const existing = new Set<T>();
    const byFingerprint = new Map<string, string[]>();
    for (const entry of baseline) {
        byFingerprint.set(entry.fingerprint, [...(byFingerprint.get(entry.fingerprint) ?? []), entry.message]);
    }
    const unmatched: T[] = [];
    for (const finding of findings) {
        const messages = byFingerprint.get(finding.fingerprint);
        const at = messages?.indexOf(finding.message) ?? -1;
        if (messages && at >= 0) {
            messages.splice(at, 1);
            existing.add(finding);
        } else {
            unmatched.push(finding);
        }
    }
    for (const finding of unmatched) {
        const messages = byFingerprint.get(finding.fingerprint);
        if (messages && messages.length > 0) {
            messages.pop();
            existing.add(finding);
        }
    }
    return existing;
}

export interface Gate {
    failOn?: FailOn;
    baseline?: readonly BaselineEntry[];
}

interface Gated {
    level: string;
    severity: Severity | "";
    fingerprint: string;
    message: string;
    baseline?: "new" | "existing";
}

/**
 * Marks findings new or existing (with a baseline) and returns those that fail the run: mandatory, at or above
 * the --fail-on severity, and not in the baseline. Waived findings are advisory, so they never fail it.
 */
export function failingFindings<T extends Gated>(findings: readonly T[], gate: Gate): Set<T> {
    const existing = gate.baseline ? matchBaseline(findings, gate.baseline) : new Set<T>();
    const failing = new Set<T>();
    for (const finding of findings) {
        if (gate.baseline) {
            finding.baseline = existing.has(finding) ? "existing" : "new";
        }
        if (finding.level === "mandatory" && !existing.has(finding) && reachesThreshold(finding.severity, gate.failOn)) {
            failing.add(finding);
        }
    }
    return failing;
}
