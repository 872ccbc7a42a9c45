// Runs the pack in policies/ (compiled to policies/bin) over loaded inputs, through the engine emulator: the same
// Analyzer calls as `pulumi preview --policy-pack policies`, so the findings are the pack's own. By default the pack
// is loaded into this process and each call goes straight to its own gRPC handlers (engine/in-process.ts: no
// round trip per resource); AWS_KEY_MATERIAL_GUARD_SCAN_ENGINE=process starts it as a process and speaks to it over
// gRPC, as the CLI does (test/scanner/in-process.test.ts holds both to the same findings). No policy logic lives here.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PolicyConfigError, type PolicyConfigEntry, type UserPolicyConfig } from "./engine/config";
import { PolicyEngine } from "./engine/engine";
import { isObject, type JsonObject } from "./engine/values";
import type { AnalyzerInfo, AnalyzerStub, Severity } from "./engine/pack";
import { InputError, type LoadedInput } from "./inputs";
import { findingProperty, fingerprint } from "./baseline";
import { parseSourcePosition, type SourceLocation } from "./locations";
import { redactQuotedSecrets, secretsInScope } from "./redact";
import { loadWaiverParser, type Waiver } from "./waivers";

export type FindingLevel = "mandatory" | "advisory";

export interface Finding {
    /** The input file, as given on the command line. */
    file: string;
    policy: string;
    level: FindingLevel;
    severity: Severity;
    resourceUrn: string;
    resourceName: string;
    resourceType: string;
    message: string;
    /** The policy's description (the first line of the SDK's message). */
    description: string;
    /** Stable across runs: policy, resource URN and the property the finding names (baseline.ts). */
    fingerprint: string;
    /** Set when a waiver of the pack settings turned the finding advisory. */
    waiver?: Waiver;
    /** Where the program registered the resource, when the input records it. */
    source?: SourceLocation;
    /** With --baseline: whether the baseline already had the finding. */
    baseline?: "new" | "existing";
}

export interface InputSummary {
    file: string;
    format: LoadedInput["format"];
    version?: number;
    project: string;
    stack: string;
    resources: number;
    skipped: number;
    warnings: string[];
    mandatory: number;
    advisory: number;
    durationMs: number;
}

export interface ScanResult {
    pack: AnalyzerInfo;
    /** The configuration sent to the pack (levels and properties per policy). */
    config: Record<string, PolicyConfigEntry>;
    inputs: InputSummary[];
    findings: Finding[];
    mandatory: number;
    advisory: number;
    timings: { bootMs: number; scanMs: number };
}

export interface ScanOptions {
    packDir: string;
    config?: UserPolicyConfig;
    onProgress?: (input: LoadedInput, done: number, total: number) => void;
    /** The input's AnalyzeStack (the whole stack at once) sent, and answered. */
    onStackProgress?: (input: LoadedInput, state: "started" | "finished") => void;
    /** Resources analyzed at once (the engine also analyzes steps in parallel). */
    concurrency?: number;
    rpcTimeoutMs?: number;
    /** How the pack runs: loaded into this process (default) or as its own process over gRPC. */
    engine?: ScanEngine;
}

export type ScanEngine = "in-process" | "process";

/** The environment variable that makes the scanner start the pack as a process (`process`) instead of loading it. */
export const SCAN_ENGINE_ENV = "AWS_KEY_MATERIAL_GUARD_SCAN_ENGINE";

/** The engine `scan` uses: the option, else the environment variable, else in process. */
export function scanEngine(option?: ScanEngine, env: NodeJS.ProcessEnv = process.env): ScanEngine {
    const value = option ?? env[SCAN_ENGINE_ENV]?.trim().toLowerCase();
    if (value === undefined || value === "" || value === "in-process") {
        return "in-process";
    }
    if (value === "process") {
        return "process";
    }
    throw new UsageError(`${SCAN_ENGINE_ENV}=${JSON.stringify(value)}: must be "process" or "in-process"`);
}

/** A usage or set-up problem (exit status 2), as opposed to findings. */
export class UsageError extends Error {}

/** The repository root of this scanner (the folder holding policies/ and scanner/). */
export function repoRoot(): string {
    let dir = __dirname;
    for (let i = 0; i < 6; i++) {
        if (existsSync(join(dir, "policies", "PulumiPolicy.yaml")) && existsSync(join(dir, "package.json"))) {
            return dir;
        }
        dir = dirname(dir);
    }
    throw new UsageError("cannot find the policy pack (policies/PulumiPolicy.yaml) next to the scanner");
}

/** policies/, checked to be built. */
export function defaultPackDir(): string {
    const packDir = join(repoRoot(), "policies");
    if (!existsSync(join(packDir, "bin", "index.js"))) {
        throw new UsageError(`the policy pack is not built (${join(packDir, "bin", "index.js")} is missing): run \`npm run build\``);
    }
    return packDir;
}

function readJsonObject(file: string, what: string): JsonObject {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(`${what} ${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new UsageError(`${what} ${file}: not valid JSON`);
    }
    if (!isObject(parsed)) {
        throw new UsageError(`${what} ${file}: must be a JSON object of policy names to levels or settings`);
    }
    return parsed;
}

/** policies/config/<name>.json (profiles of the pack); a clear error when there is no such profile. */
export function loadProfile(name: string, root = repoRoot()): UserPolicyConfig {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes("..")) {
        throw new UsageError(`--profile ${JSON.stringify(name)}: a profile name is a file name in policies/config/ without .json`);
    }
    const dir = join(root, "policies", "config");
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) {
        const available = existsSync(dir)
            ? readdirSync(dir)
                  .filter((f) => f.endsWith(".json"))
                  .map((f) => f.slice(0, -".json".length))
            : [];
        throw new UsageError(
            `--profile ${name}: no such profile (policies/config/${name}.json does not exist; ${
                available.length ? `available: ${available.join(", ")}` : "this pack ships no profiles"
            })`,
        );
    }
    return readJsonObject(file, "profile") as UserPolicyConfig;
}

export function loadPolicyPackConfig(file: string): UserPolicyConfig {
    return readJsonObject(resolve(file), "--policy-pack-config") as UserPolicyConfig;
}

/** The profile, then the config file on top of it (per policy: the file's level wins, properties are merged). */
export function mergeConfigs(base: UserPolicyConfig | undefined, top: UserPolicyConfig | undefined): UserPolicyConfig | undefined {
    if (!base || !top) {
        return top ?? base;
    }
    const merged: UserPolicyConfig = { ...base };
    for (const [name, value] of Object.entries(top)) {
        const previous = merged[name];
        if (isObject(previous) && isObject(value)) {
            merged[name] = { ...previous, ...value } as UserPolicyConfig[string];
        } else if (isObject(previous) && typeof value === "string") {
            merged[name] = { ...previous, enforcementLevel: value } as UserPolicyConfig[string];
        } else {
            merged[name] = value;
        }
    }
    return merged;
}

/** The policy's own text: the SDK prefixes the description to the message. */
function splitMessage(message: string, description: string): string {
    const trimmed = message.trim();
    if (description && trimmed.startsWith(description)) {
        const rest = trimmed.slice(description.length).trim();
        return rest || trimmed;
    }
    return trimmed;
}

/**
 * A scan reads deployed state and changes nothing, so a policy at level `remediate` must report what it would fix:
 * the scan configures such policies as `mandatory`, and their findings say why.
 */
export const REMEDIATE_NOTE =
    " (Would be remediated at the next update: the policy's level is `remediate`, but a scan changes nothing, so the deployed stack still has this. At the next `pulumi up` the pack fixes it in place where the policy can remediate it, and blocks it otherwise.)";

function withoutRemediation(config: UserPolicyConfig | undefined): UserPolicyConfig | undefined {
    if (!config) {
        return config;
    }
    const out: UserPolicyConfig = {};
    for (const [name, value] of Object.entries(config)) {
        if (value === "remediate") {
            out[name] = "mandatory";
        } else if (isObject(value) && value.enforcementLevel === "remediate") {
            out[name] = { ...value, enforcementLevel: "mandatory" };
        } else {
            out[name] = value;
        }
    }
    return out;
}

function remediatingPolicies(config: Record<string, PolicyConfigEntry>): Set<string> {
    return new Set(Object.entries(config).filter(([, entry]) => entry.enforcementLevel === "remediate").map(([name]) => name));
}

/** The policy that reports problems with the configuration itself (lib/core/settings.ts in the pack). */
export const SETTINGS_POLICY = "pack-settings";

export async function scan(inputs: readonly LoadedInput[], options: ScanOptions): Promise<ScanResult> {
    const first = inputs[0]?.deployment;
    const bootStarted = Date.now();
    const bootOptions = {
        packDir: options.packDir,
        // What the engine would tell the pack about the stack; the policies do not depend on it.
        stack: first ? { project: first.project, stack: first.stack, dryRun: first.preview } : undefined,
        // AnalyzeStack over thousands of resources takes longer than a test's RPC deadline.
        rpcTimeoutMs: options.rpcTimeoutMs ?? 30 * 60_000,
    };
    const engine: PolicyEngine<AnalyzerStub> = scanEngine(options.engine) === "process" ? await PolicyEngine.boot(bootOptions) : await PolicyEngine.bootInProcess(bootOptions);
    const bootMs = Date.now() - bootStarted;
    try {
        const parseWaived = loadWaiverParser(options.packDir);
        // The Pulumi engine accepts a level for a policy name the pack does not have and configures nothing
        // (a typo silently disables nothing); the scanner refuses it.
        const known = new Set(engine.info.policies.map((p) => p.name));
        const unknownNames = Object.keys(options.config ?? {}).filter((name) => name !== "all" && !known.has(name));
        if (unknownNames.length > 0) {
            throw new UsageError(`policy pack config names ${unknownNames.map((n) => JSON.stringify(n)).join(", ")}, which ${unknownNames.length === 1 ? "is" : "are"} not a policy of ${engine.info.name} (see the README catalog)`);
        }
        let config: Record<string, PolicyConfigEntry>;
        let remediating: ReadonlySet<string>;
        try {
            remediating = remediatingPolicies(engine.reconcile(options.config));
            config = engine.reconcile(withoutRemediation(options.config));
        } catch (error) {
            if (error instanceof PolicyConfigError || error instanceof Error) {
                throw new UsageError(error.message.replace(/\s*\n\s*/g, "; "));
            }
            throw error;
        }
        if (!Object.entries(config).some(([name, entry]) => known.has(name) && entry.enforcementLevel !== "disabled")) {
            throw new UsageError("the policy pack config disables every policy, so nothing would be checked");
        }
        const findings: Finding[] = [];
        const summaries: InputSummary[] = [];
        const scanStarted = Date.now();
        for (const input of inputs) {
            const started = Date.now();
            const run = await engine.run(input.deployment, {
                config: withoutRemediation(options.config),
                concurrency: options.concurrency ?? 8,
                // A scan configures `remediate` as `mandatory` (withoutRemediation): Remediate would answer nothing.
                skipEmptyRemediate: true,
                // A copy of every resource's properties, which the scan never reads (100,000 resources: gigabytes).
                keepAnalyzedProperties: false,
                // Ninety entries per resource, which the scan never reads: neither decoded nor kept.
                readNotApplicable: false,
                onProgress: options.onProgress ? (done, total) => options.onProgress!(input, done, total) : undefined,
                onStackAnalysis: options.onStackProgress ? (state) => options.onStackProgress!(input, state) : undefined,
            });
            const types = new Map(input.deployment.resources.map((r) => [r.urn, r.type]));
            const urnOfName = new Map<string, string[]>();
            for (const resource of input.deployment.resources) {
                urnOfName.set(resource.name, [...(urnOfName.get(resource.name) ?? []), resource.urn]);
            }
            const own: Finding[] = [];
            for (const d of run.diagnostics) {
                if (d.enforcementLevel !== "mandatory" && d.enforcementLevel !== "advisory") {
                    continue;
                }
                const text = splitMessage(d.message, d.description);
                const message = redactQuotedSecrets(text, secretsInScope(text, d.urn, input.secretsByUrn, urnOfName));
                const waiver = parseWaived(message);
                const source = parseSourcePosition(input.sourcePositions.get(d.urn));
                own.push({
                    file: input.file,
                    policy: d.policyName,
                    level: d.enforcementLevel,
                    severity: d.severity,
                    resourceUrn: d.urn,
                    resourceName: d.resourceName,
                    resourceType: types.get(d.urn) ?? "",
                    message: message + (remediating.has(d.policyName) ? REMEDIATE_NOTE : ""),
                    description: d.description,
                    fingerprint: fingerprint(d.policyName, d.urn, findingProperty(waiver ? waiver.text : message)),
                    ...(waiver && d.enforcementLevel === "advisory" ? { waiver: { expires: waiver.expires, reason: waiver.reason } } : {}),
                    ...(source ? { source } : {}),
                });
            }
            findings.push(...own);
            summaries.push({
                file: input.file,
                format: input.format,
                version: input.version,
                project: input.deployment.project,
                stack: input.deployment.stack,
                resources: input.deployment.resources.length,
                skipped: input.skipped,
                warnings: input.warnings,
                mandatory: own.filter((f) => f.level === "mandatory").length,
                advisory: own.filter((f) => f.level === "advisory").length,
                durationMs: Date.now() - started,
            });
        }
        return {
            pack: engine.info,
            config,
            inputs: summaries,
            findings,
            mandatory: findings.filter((f) => f.level === "mandatory").length,
            advisory: findings.filter((f) => f.level === "advisory").length,
            timings: { bootMs, scanMs: Date.now() - scanStarted },
        };
    } finally {
        // A failed shutdown must not hide the result or the real error.
        await engine.close().catch(() => undefined);
    }
}

export { InputError };
