// The scan result as a human table, JSON, SARIF 2.1.0 (GitHub code scanning) and JUnit XML.

import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { PolicyInfo } from "./engine/pack";
import { FORMAT_NAMES } from "./inputs";
import { describeLocation, programPath } from "./locations";
import type { StackExposure } from "./exposure";
import { formatHtml } from "./report-html";
import type { Finding, ScanResult } from "./scan";

export const FORMATS = ["table", "json", "sarif", "junit", "html"] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface ToolInfo {
    name: string;
    version: string;
    informationUri?: string;
}

export interface ReportContext {
    tool: ToolInfo;
    /** Where file paths are made relative to (the repository checkout in CI). */
    cwd: string;
    /** Each input's text, to find the line of a resource. */
    texts: ReadonlyMap<string, string>;
    color: boolean;
    /** Where the Pulumi project lives, relative to `cwd` (`--source-root`); program paths are resolved from it. */
    sourceRoot?: string;
    /** The findings that fail the run (baseline.ts failingFindings); default: every mandatory finding. */
    failing?: ReadonlySet<Finding>;
    /** The exposure paths of each input's key-material stores (exposure.ts), for `html`. */
    exposures?: readonly StackExposure[];
}

function failingOf(result: ScanResult, context: ReportContext): ReadonlySet<Finding> {
    return context.failing ?? new Set(result.findings.filter((f) => f.level === "mandatory"));
}

/** The program file of a finding relative to the checkout, with its location; undefined when unknown. */
function programLocation(f: Finding, context: ReportContext): { path: string; line: number; column?: number } | undefined {
    if (!f.source) {
        return undefined;
    }
    const path = programPath(f.source, context.sourceRoot ?? ".", context.cwd);
    return path === undefined ? undefined : { path, line: f.source.line, ...(f.source.column ? { column: f.source.column } : {}) };
}

/** "index.ts:42" beside the resource (the project-relative path when the project is outside the checkout). */
export function locationText(f: Finding, context: ReportContext): string | undefined {
    if (!f.source) {
        return undefined;
    }
    return describeLocation(programLocation(f, context)?.path ?? f.source.path, f.source);
}

function waiverText(waiver: NonNullable<Finding["waiver"]>): string {
    return `waived until ${waiver.expires}: ${waiver.reason}`;
}

function gateSummary(result: ScanResult, context: ReportContext): string {
    const failing = failingOf(result, context).size;
    const waived = result.findings.filter((f) => f.waiver).length;
    const existing = result.findings.filter((f) => f.baseline === "existing").length;
    const parts = [`${failing} fail the run`];
    if (waived) {
        parts.push(`${waived} waived`);
    }
    if (result.findings.some((f) => f.baseline !== undefined)) {
        parts.push(`${existing} already in the baseline`);
    }
    return parts.join(", ");
}

const SEVERITY_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, "": 4 };

/** Mandatory first, then by severity, policy and resource. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
    return [...findings].sort(
        (a, b) =>
            a.file.localeCompare(b.file) ||
            (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1) ||
            (SEVERITY_ORDER[a.severity] ?? 4) - (SEVERITY_ORDER[b.severity] ?? 4) ||
            a.policy.localeCompare(b.policy) ||
            a.resourceName.localeCompare(b.resourceName) ||
            a.message.localeCompare(b.message),
    );
}

// ---- table ------------------------------------------------------------------------------------------------

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", bold: "\u001b[1m", dim: "\u001b[2m", green: "\u001b[32m", reset: "\u001b[0m" };

function paint(color: boolean, code: keyof typeof ANSI, text: string): string {
    return color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
}

function pad(text: string, width: number): string {
    return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function describeInput(input: ScanResult["inputs"][number]): string {
    const format = `${FORMAT_NAMES[input.format]}${input.version !== undefined ? ` v${input.version}` : ""}`;
    const skipped = input.skipped ? `, ${input.skipped} skipped` : "";
    return `${input.file} (${format}, project ${input.project}, stack ${input.stack}, ${input.resources} resources${skipped})`;
}

export function formatTable(result: ScanResult, context: ReportContext): string {
    const { color } = context;
    const lines: string[] = [];
    for (const input of result.inputs) {
        lines.push(paint(color, "bold", describeInput(input)));
        const findings = sortedFindings(result.findings.filter((f) => f.file === input.file));
        if (findings.length === 0) {
            lines.push(`  ${paint(color, "green", "no findings")}`, "");
            continue;
        }
        const rows = findings.map((f) => {
            const at = locationText(f, context);
            const resource = f.resourceType ? `${f.resourceName} (${f.resourceType})` : f.resourceName;
            return {
                level: f.waiver ? "WAIVED" : f.level.toUpperCase(),
                severity: f.severity || "-",
                policy: f.policy,
                resource: `${resource}${at ? ` at ${at}` : ""}${f.baseline === "existing" ? " [in baseline]" : ""}`,
                finding: f,
            };
        });
        const width = {
            level: Math.max(5, ...rows.map((r) => r.level.length)),
            severity: Math.max(8, ...rows.map((r) => r.severity.length)),
            policy: Math.max(6, ...rows.map((r) => r.policy.length)),
        };
        lines.push(paint(color, "dim", `  ${pad("LEVEL", width.level)}  ${pad("SEVERITY", width.severity)}  ${pad("POLICY", width.policy)}  RESOURCE`));
        for (const row of rows) {
            const level = paint(color, row.finding.level === "mandatory" ? "red" : "yellow", pad(row.level, width.level));
            lines.push(`  ${level}  ${pad(row.severity, width.severity)}  ${pad(row.policy, width.policy)}  ${row.resource}`);
            const indent = " ".repeat(2 + width.level + 2);
            if (row.finding.waiver) {
                lines.push(`${indent}${waiverText(row.finding.waiver)}`);
            }
            for (const messageLine of row.finding.message.split("\n")) {
                if (messageLine.trim()) {
                    lines.push(`${indent}${paint(color, "dim", messageLine.trim())}`);
                }
            }
        }
        for (const warning of input.warnings) {
            lines.push(`  warning: ${warning}`);
        }
        lines.push("");
    }
    const summary = `${result.mandatory} mandatory, ${result.advisory} advisory finding(s) in ${result.inputs.length} input(s), ${result.inputs.reduce(
        (n, i) => n + i.resources,
        0,
    )} resources, ${result.pack.policies.length} policies of ${result.pack.name} ${result.pack.version}; ${gateSummary(result, context)}`;
    lines.push(paint(color, failingOf(result, context).size > 0 ? "red" : "green", summary));
    return `${lines.join("\n")}\n`;
}

// ---- JSON -------------------------------------------------------------------------------------------------

export function formatJson(result: ScanResult, context: ReportContext): string {
    const document = {
        tool: { name: context.tool.name, version: context.tool.version },
        pack: { name: result.pack.name, version: result.pack.version, policies: result.pack.policies.length },
        summary: {
            inputs: result.inputs.length,
            resources: result.inputs.reduce((n, i) => n + i.resources, 0),
            mandatory: result.mandatory,
            advisory: result.advisory,
            waived: result.findings.filter((f) => f.waiver).length,
            failing: failingOf(result, context).size,
            blocked: failingOf(result, context).size > 0,
        },
        inputs: result.inputs.map((input) => ({
            file: input.file,
            format: input.format,
            version: input.version ?? null,
            project: input.project,
            stack: input.stack,
            resources: input.resources,
            skipped: input.skipped,
            mandatory: input.mandatory,
            advisory: input.advisory,
            warnings: input.warnings,
        })),
        findings: sortedFindings(result.findings).map((f) => ({
            file: f.file,
            policy: f.policy,
            level: f.level,
            severity: f.severity || null,
            resource: { urn: f.resourceUrn, name: f.resourceName, type: f.resourceType || null, source: locationText(f, context) ?? null },
            message: f.message,
            description: f.description,
            fingerprint: f.fingerprint,
            waived: f.waiver ? { expires: f.waiver.expires, reason: f.waiver.reason } : null,
            baseline: f.baseline ?? null,
            failsRun: failingOf(result, context).has(f),
        })),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
}

// ---- SARIF ------------------------------------------------------------------------------------------------

/** GitHub code scanning reads `security-severity` (critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0). */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function sarifLevel(level: string): "error" | "warning" | "note" | "none" {
    return level === "mandatory" || level === "remediate" ? "error" : level === "advisory" ? "warning" : "none";
}

/** A URI for an input: relative to the checkout (so GitHub can show the file) when it is inside it. */
function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
    const absolute = isAbsolute(file) ? file : resolve(cwd, file);
    const rel = relative(cwd, absolute);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) {
        return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
    }
    return { uri: pathToFileURL(absolute).href };
}

/** The 1-based line of the first `"urn": "<urn>"` of each resource in a pretty-printed input. */
export function urnLines(text: string): Map<string, number> {
    const lines = new Map<string, number>();
    const pattern = /"urn"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
    let line = 1;
    let last = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        for (let i = last; i < match.index; i++) {
            if (text.charCodeAt(i) === 10) {
                line++;
            }
        }
        last = match.index;
        let urn: string;
        try {
            urn = JSON.parse(`"${match[1]}"`) as string;
        } catch {
            continue;
        }
        if (!lines.has(urn)) {
            lines.set(urn, line);
        }
    }
    return lines;
}

function ruleOf(policy: PolicyInfo, level: string, packName: string) {
    const help = policy.remediationSteps || policy.description;
    const rule: Record<string, unknown> = {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: policy.displayName || policy.name },
        fullDescription: { text: policy.description || policy.name },
        help: {
            text: help,
            markdown: policy.remediationSteps ? `**${policy.description}**\n\nRemediation:\n\n${policy.remediationSteps}` : policy.description,
        },
        defaultConfiguration: { level: sarifLevel(level), enabled: level !== "disabled" },
        properties: {
            tags: [...new Set(["security", ...policy.tags])],
            precision: "high",
            "problem.severity": level === "mandatory" ? "error" : "warning",
            ...(SECURITY_SEVERITY[policy.severity] ? { "security-severity": SECURITY_SEVERITY[policy.severity] } : {}),
            severity: policy.severity || undefined,
            enforcementLevel: level,
            policyPack: packName,
        },
    };
    if (/^https?:\/\//.test(policy.url)) {
        rule.helpUri = policy.url;
    }
    return rule;
}

export function formatSarif(result: ScanResult, context: ReportContext): string {
    const policies = [...result.pack.policies];
    // Findings of names the pack does not list (none expected) still get a rule.
    for (const finding of result.findings) {
        if (!policies.some((p) => p.name === finding.policy)) {
            policies.push({
                name: finding.policy,
                displayName: finding.policy,
                description: finding.description,
                message: "",
                enforcementLevel: finding.level,
                severity: finding.severity,
                policyType: "unknown",
                tags: [],
                remediationSteps: "",
                url: "",
            });
        }
    }
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const artifacts = result.inputs.map((input) => ({ location: artifactUri(input.file, context.cwd), roles: ["analysisTarget"] }));
    const artifactIndex = new Map(result.inputs.map((input, i) => [input.file, i]));
    const lineMaps = new Map<string, Map<string, number>>();
    const lineOf = (file: string, urn: string): number => {
        let map = lineMaps.get(file);
        if (!map) {
            map = urnLines(context.texts.get(file) ?? "");
            lineMaps.set(file, map);
        }
        return map.get(urn) ?? 1;
    };
    const failing = failingOf(result, context);
    const results = sortedFindings(result.findings).map((f) => {
        // The state of the resource in the scanned file.
        const inExport = {
            artifactLocation: { ...artifactUri(f.file, context.cwd), index: artifactIndex.get(f.file) ?? 0 },
            region: { startLine: lineOf(f.file, f.resourceUrn) },
        };
        const program = programLocation(f, context);
        const logicalLocations = [{ name: f.resourceName, fullyQualifiedName: f.resourceUrn, kind: "resource" }];
        return {
            ruleId: f.policy,
            ruleIndex: ruleIndex.get(f.policy)!,
            level: sarifLevel(f.level),
            message: { text: `${f.resourceName}: ${f.message}` },
            // Where the program registered the resource, when the state records it: that is the line to fix.
            locations: [
                program
                    ? {
                          physicalLocation: {
                              artifactLocation: { uri: program.path.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" },
                              region: { startLine: program.line, ...(program.column ? { startColumn: program.column } : {}) },
                          },
                          logicalLocations,
                      }
                    : { physicalLocation: inExport, logicalLocations },
            ],
            ...(program ? { relatedLocations: [{ id: 1, physicalLocation: inExport, message: { text: `the state of ${f.resourceName} in ${f.file}` } }] } : {}),
            partialFingerprints: { "policyResourceProperty/v1": f.fingerprint },
            ...(f.waiver ? { suppressions: [{ kind: "external", justification: waiverText(f.waiver) }] } : {}),
            ...(f.baseline ? { baselineState: f.baseline === "existing" ? "unchanged" : "new" } : {}),
            properties: {
                enforcementLevel: f.level,
                severity: f.severity || undefined,
                resourceType: f.resourceType || undefined,
                resourceUrn: f.resourceUrn,
                failsRun: failing.has(f),
            },
        };
    });
    const warnings = result.inputs.flatMap((input) =>
        input.warnings.map((warning) => ({ level: "warning", message: { text: `${input.file}: ${warning}` } })),
    );
    const sarif = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: context.tool.name,
                        version: context.tool.version,
                        semanticVersion: context.tool.version,
                        ...(context.tool.informationUri ? { informationUri: context.tool.informationUri } : {}),
                        rules: policies.map((p) => ruleOf(p, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel, result.pack.name)),
                    },
                },
                automationDetails: { id: `${context.tool.name}/` },
                originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(context.cwd + sep).href } },
                artifacts,
                invocations: [{ executionSuccessful: true, toolExecutionNotifications: warnings }],
                results,
            },
        ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
}

// ---- JUnit ------------------------------------------------------------------------------------------------

export function escapeXml(text: string): string {
    return (
        text
            // Characters XML 1.0 cannot carry at all.
            // eslint-disable-next-line no-control-regex
            .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&apos;")
    );
}

/**
 * One test suite per input, one test case per active policy: a case fails when the policy has mandatory
 * findings (one line per resource in the failure); advisory findings are listed in the case's system-out.
 */
export function formatJunit(result: ScanResult, context: ReportContext): string {
    const active = result.pack.policies.filter((p) => (result.config[p.name]?.enforcementLevel ?? p.enforcementLevel) !== "disabled");
    const failing = failingOf(result, context);
    const suites: string[] = [];
    let totalTests = 0;
    let totalFailures = 0;
    let totalSkipped = 0;
    for (const input of result.inputs) {
        const findings = sortedFindings(result.findings.filter((f) => f.file === input.file));
        const names = [...new Set([...active.map((p) => p.name), ...findings.map((f) => f.policy)])];
        const cases: string[] = [];
        let failures = 0;
        let skipped = 0;
        const line = (f: Finding) => `${f.resourceUrn}: ${f.message.replace(/\s*\n\s*/g, " ")}`;
        for (const name of names) {
            const own = findings.filter((f) => f.policy === name && !f.waiver);
            const failed = own.filter((f) => failing.has(f));
            const passed = own.filter((f) => !failing.has(f));
            let body = "";
            if (failed.length > 0) {
                failures++;
                body += `\n      <failure type="mandatory" message="${escapeXml(
                    `${failed.length} mandatory violation(s) of ${name}`,
                )}">${escapeXml(failed.map(line).join("\n"))}</failure>`;
            }
            if (passed.length > 0) {
                const label = (f: Finding) =>
                    f.level === "advisory" ? "advisory" : f.baseline === "existing" ? "mandatory, in the baseline" : "mandatory, below --fail-on";
                body += `\n      <system-out>${escapeXml(passed.map((f) => `${label(f)}: ${line(f)}`).join("\n"))}</system-out>`;
            }
            cases.push(
                `    <testcase classname="${escapeXml(`${context.tool.name}.${input.file}`)}" name="${escapeXml(name)}" time="0"${
                    body ? `>${body}\n    </testcase>` : " />"
                }`,
            );
        }
        // A waived finding is a skipped case of its own, with the waiver as the reason.
        for (const f of findings.filter((finding) => finding.waiver)) {
            skipped++;
            cases.push(
                `    <testcase classname="${escapeXml(`${context.tool.name}.${input.file}`)}" name="${escapeXml(`${f.policy} ${f.resourceName}`)}" time="0">\n      <skipped message="${escapeXml(
                    waiverText(f.waiver!),
                )}">${escapeXml(line(f))}</skipped>\n    </testcase>`,
            );
        }
        const tests = names.length + skipped;
        totalTests += tests;
        totalFailures += failures;
        totalSkipped += skipped;
        suites.push(
            `  <testsuite name="${escapeXml(input.file)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${(
                input.durationMs / 1000
            ).toFixed(3)}">\n${cases.join("\n")}\n  </testsuite>`,
        );
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(context.tool.name)}" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}">\n${suites.join(
        "\n",
    )}\n</testsuites>\n`;
}

export function formatReport(format: OutputFormat, result: ScanResult, context: ReportContext): string {
    switch (format) {
        case "table":
            return formatTable(result, context);
        case "json":
            return formatJson(result, context);
        case "sarif":
            return formatSarif(result, context);
        case "junit":
            return formatJunit(result, context);
        case "html":
            return formatHtml(result, {
                tool: context.tool,
                exposures: context.exposures ?? [],
                locationOf: (f) => locationText(f, context),
                failing: failingOf(result, context),
            });
    }
}
