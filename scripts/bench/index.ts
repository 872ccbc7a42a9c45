// `npm run bench`: how fast the pack is over the real Analyzer protocol, next to an empty pack and AWSGuard.
// Results go between the bench markers of BENCHMARKS.md (the rest of the file is kept).
//
//   npm run bench                 full run
//   npm run bench -- --quick      fewer repetitions (smoke test of the script)
//
// BENCH_BASELINE=<dir> adds an older build of this repository (a checkout with policies/bin and scanner/bin built,
// e.g. `git archive <commit> | tar -x -C <dir>`, node_modules linked, `npm run build`) as one more pack and one more
// scanner, measured in the same run: before and after side by side. BENCH_BASELINE_LABEL names it.

import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { allPolicies } from "../../policies/catalog";
import { PolicyEngine } from "../../scanner/engine/engine";
import type { Deployment, ResourceState } from "../../scanner/engine/model";
import { PolicyPackProcess, type AnalyzeRequestMessage, type AnalyzerResourceMessage, type ProviderMessage } from "../../scanner/engine/pack";
import { encodeForAnalyzer, unwrapSecrets, type JsonObject, type JsonValue } from "../../scanner/engine/values";
import { evaluateResource, evaluateStack } from "../../test/support/evaluate";
import type { UserPolicyConfig } from "../../scanner/engine/config";
import { COMPLIANCE_POLICIES_COMMIT, makeCompliancePack } from "./compliance";
import { buildOwnPack, makeAwsGuardPack, makeEmptyPack } from "./packs";
import { timeFloor, timeScan, type ScanTiming } from "./scan-export";
import { captureStacks, ROOT, synthesizeStack, type Captures } from "./synth";

const quick = process.argv.includes("--quick");
const STARTUP_RUNS = quick ? 3 : 7;
const ANALYZE_ROUNDS = quick ? 3 : 10;
const STACK_SIZES = [2_500, 10_000];
const STACK_RUNS = quick ? 1 : 3;
const SCAN_SIZES = quick ? [10_000] : [10_000, 100_000];
/** AWSGuard's policy that calls the IAM API during evaluation (fails offline), disabled for the bench. */
const AWSGUARD_CONFIG: UserPolicyConfig = { "mfa-enabled-for-iam-console-access": "disabled" };

const lines: string[] = [];
const out = (line = "") => {
    lines.push(line);
    console.log(line);
};
const fmt = (ms: number, digits = 1) => ms.toFixed(digits);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

// ---- messages as the engine builds them (engine.ts run) ----

function providerMessage(resource: ResourceState, byUrn: Map<string, ResourceState>): ProviderMessage | undefined {
    if (!resource.provider) {
        return undefined;
    }
    const provider = byUrn.get(resource.provider.slice(0, resource.provider.lastIndexOf("::")));
    return provider && { type: provider.type, urn: provider.urn, name: provider.name, properties: encodeForAnalyzer(provider.inputs, { skipInternalKeys: true }) };
}

function analyzeRequests(deployment: Deployment): AnalyzeRequestMessage[] {
    const byUrn = new Map(deployment.resources.map((r) => [r.urn, r]));
    return deployment.resources.map((r) => ({
        urn: r.urn, type: r.type, name: r.name,
        properties: encodeForAnalyzer(r.inputs, { skipInternalKeys: true }),
        options: { ...r.options, parent: r.parent },
        provider: providerMessage(r, byUrn),
    }));
}

function stackMessages(deployment: Deployment): AnalyzerResourceMessage[] {
    const byUrn = new Map(deployment.resources.map((r) => [r.urn, r]));
    return deployment.resources.map((r) => ({
        urn: r.urn, type: r.type, name: r.name,
        properties: encodeForAnalyzer(r.outputs, { skipInternalKeys: true }),
        options: { ...r.options, parent: r.parent },
        provider: providerMessage(r, byUrn),
        parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
    }));
}

// ---- measurements ----

async function startupMs(packDir: string, runs: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const pack = await PolicyPackProcess.start({ packDir });
        times.push(pack.bootMs);
        await pack.shutdown();
    }
    return times;
}

/** A pack in the comparison: its engine (booted and configured once) and what was measured. */
interface Contender {
    label: string;
    engine: PolicyEngine;
    /** Milliseconds per Remediate + Analyze pair, every round. */
    pairs: number[];
    /** AnalyzeStack (request encoded beforehand), by stack size. */
    stack: Map<number, number[]>;
    findings: Map<number, number>;
    error?: string;
}

async function contender(label: string, packDir: string, config?: UserPolicyConfig): Promise<Contender> {
    const engine = await PolicyEngine.boot({ packDir, stack: { project: "bench", stack: "dev", dryRun: false }, rpcTimeoutMs: 30 * 60_000 });
    await engine.pack.configure(engine.reconcile(config));
    return { label, engine, pairs: [], stack: new Map(), findings: new Map() };
}

/**
 * One round of the mix through one pack: Remediate then Analyze per resource, as the engine does, one at a time, each
 * request encoded beforehand and each response left as bytes (callEncoded), as the Go engine would see it.
 */
async function pairRound(c: Contender, mix: readonly Uint8Array[], record: boolean): Promise<void> {
    for (const request of mix) {
        const t = performance.now();
        await c.engine.pack.callEncoded("Remediate", request);
        await c.engine.pack.callEncoded("Analyze", request);
        if (record) {
            c.pairs.push(performance.now() - t);
        }
    }
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

// ---- per-policy cost, in process (the SDK's validate functions, as the Analyze handler calls them) ----

interface PolicyCost {
    name: string;
    kind: string;
    msPerResource: number;
}

function plainProps(value: JsonObject): Record<string, unknown> {
    return unwrapSecrets(value as JsonValue) as Record<string, unknown>;
}

function perPolicyCosts(deployment: Deployment): PolicyCost[] {
    const resources = deployment.resources;
    const asInputs = resources.map((r) => ({ type: r.type, name: r.name, props: plainProps(r.inputs) }));
    const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
    const asStack = resources.map((r) => ({
        type: r.type, name: r.name, props: plainProps(r.outputs),
        dependencies: r.dependencies.map((u) => nameOf.get(u)!).filter(Boolean),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map((u) => nameOf.get(u)!).filter(Boolean)])),
    }));
    // Names must be unique for evaluateStack's lookup: they are (clones carry a suffix).
    const costs: PolicyCost[] = [];
    for (const policy of allPolicies) {
        const samples: number[] = [];
        for (let rep = 0; rep < 3; rep++) {
            const t = performance.now();
            if (policy.kind === "resource") {
                for (const input of asInputs) {
                    evaluateResource(policy, input);
                }
            } else {
                evaluateStack(policy, asStack);
            }
            samples.push(performance.now() - t);
        }
        costs.push({ name: policy.name, kind: policy.kind, msPerResource: Math.min(...samples) / resources.length });
    }
    return costs.sort((a, b) => b.msPerResource - a.msPerResource);
}

// ---- report ----

function machine(): string[] {
    const cpu = cpus();
    return [
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, Node.js ${process.version}, ${process.platform}/${process.arch}`,
        `- Load average (1/5/15 min) at start: ${load()} (other engineers' test runs share this machine)`,
        `- Mode: ${quick ? "quick (--quick)" : "full"}`,
    ];
}

async function main(): Promise<void> {
    out("<!-- bench:start (generated by `npm run bench`; do not edit by hand) -->");
    out();
    out("## Results");
    out();
    machine().forEach((l) => out(l));
    out();

    const ownPack = buildOwnPack();
    const emptyPack = makeEmptyPack();
    const awsguard = makeAwsGuardPack();
    const compliance = makeCompliancePack();
    const captures: Captures = await captureStacks();
    const others = [
        ...(awsguard.dir ? [{ label: `@pulumi/awsguard ${awsguard.version}`, dir: awsguard.dir, config: AWSGUARD_CONFIG }] : []),
        ...(compliance.dir ? [{ label: `pulumi/compliance-policies ${COMPLIANCE_POLICIES_COMMIT.slice(0, 9)} (${compliance.policies} AWS policies)`, dir: compliance.dir, config: undefined }] : []),
    ];
    const baseline = process.env.BENCH_BASELINE ? { dir: process.env.BENCH_BASELINE, label: `aws-key-material-guard ${process.env.BENCH_BASELINE_LABEL ?? "baseline"}` } : undefined;
    const packs = [
        { label: "empty pack (0 policies)", dir: emptyPack, config: undefined },
        { label: "aws-key-material-guard", dir: ownPack, config: undefined },
        ...(baseline ? [{ label: baseline.label, dir: join(baseline.dir, "policies"), config: undefined }] : []),
        ...others,
    ];

    out("Packs, each on @pulumi/policy 1.21.0 and @pulumi/pulumi 3.248.0, each against the empty pack in the same run:");
    out();
    out("- the empty pack: a PolicyPack with no policy, the protocol floor;");
    out("- aws-key-material-guard: this pack, default configuration;");
    if (baseline) {
        out(`- ${baseline.label}: an earlier build of this pack, for before/after;`);
    }
    out(awsguard.dir ? `- @pulumi/awsguard ${awsguard.version}: \`new AwsGuard({ all: "mandatory" })\` with \`mfa-enabled-for-iam-console-access\` disabled (it calls the IAM API during evaluation and fails offline);` : `- @pulumi/awsguard: not measured (${awsguard.error});`);
    out(
        compliance.dir
            ? `- pulumi/compliance-policies at ${COMPLIANCE_POLICIES_COMMIT} (vendor-aws, every AWS policy, mandatory), built on first use in ~/.cache/aws-key-material-guard/bench/compliance-policies (scripts/bench/compliance.ts).`
            : `- pulumi/compliance-policies: could not be built: ${compliance.error}`,
    );
    out();

    // Start-up.
    out("### Pack start-up (spawn to port line)");
    out();
    out(`Median of ${STARTUP_RUNS} runs, the packs alternating; target: within 1.2x of the empty pack.`);
    out();
    const startup = packs.map(() => [] as number[]);
    for (let i = 0; i < STARTUP_RUNS; i++) {
        for (const [index, pack] of packs.entries()) {
            startup[index]!.push(...(await startupMs(pack.dir, 1)));
        }
    }
    const emptyMedian = median(startup[0]!);
    out("| Pack | median ms | min ms | max ms | vs empty |");
    out("|---|---|---|---|---|");
    packs.forEach((pack, index) => {
        const t = startup[index]!;
        out(`| ${pack.label} | ${fmt(median(t), 0)} | ${fmt(Math.min(...t), 0)} | ${fmt(Math.max(...t), 0)} | ${(median(t) / emptyMedian).toFixed(2)}x |`);
    });
    const startupRatio = median(startup[1]!) / emptyMedian;
    out();
    out(`Target within 1.2x: **${startupRatio <= 1.2 ? "met" : "missed"}** (${startupRatio.toFixed(2)}x).`);
    out();

    // Inputs.
    const mix = [
        ...analyzeRequests(captures.hardened),
        ...analyzeRequests(captures.exposed),
        ...analyzeRequests(captures.hardenedPreview),
        ...analyzeRequests(captures.exposedPreview),
        ...analyzeRequests(captures.stores),
        ...analyzeRequests(captures.storesPreview),
    ];
    const stacks = new Map(STACK_SIZES.map((size) => [size, stackMessages(synthesizeStack(captures, size))]));

    out(`Load average before the protocol runs: ${load()}`);
    out();
    const contenders: Contender[] = [];
    for (const pack of packs) {
        contenders.push(await contender(pack.label, pack.dir, pack.config));
    }
    const encodedMix = mix.map((message) => contenders[0]!.engine.pack.encodeAnalyze(message));
    try {
        for (const c of contenders) {
            await pairRound(c, encodedMix, false).catch((e: Error) => (c.error = e.message.split("\n")[0]));
        }
        for (let round = 0; round < ANALYZE_ROUNDS; round++) {
            for (const c of round % 2 ? [...contenders].reverse() : contenders) {
                if (!c.error) {
                    await pairRound(c, encodedMix, true).catch((e: Error) => (c.error = e.message.split("\n")[0]));
                }
            }
        }
        for (const [size, messages] of stacks) {
            const encoded = contenders[0]!.engine.pack.encodeAnalyzeStack(messages);
            for (const c of contenders) {
                await c.engine.pack.analyzeStack(messages.slice(0, 50)).catch(() => undefined); // warm-up
                c.stack.set(size, []);
            }
            for (let run = 0; run < STACK_RUNS; run++) {
                for (const c of run % 2 ? [...contenders].reverse() : contenders) {
                    if (c.error && c.stack.get(size)!.length === 0 && run > 0) {
                        continue;
                    }
                    const t = performance.now();
                    const result = await c.engine.pack.analyzeStackEncoded(encoded).catch((e: Error) => e);
                    if (result instanceof Error) {
                        c.error ??= result.message.split("\n")[0];
                        continue;
                    }
                    c.stack.get(size)!.push(performance.now() - t);
                    c.findings.set(size, result.diagnostics.length);
                }
            }
        }
    } finally {
        await Promise.all(contenders.map((c) => c.engine.close()));
    }
    const [empty, own] = contenders as [Contender, Contender];

    out("### Remediate + Analyze per resource (over gRPC)");
    out();
    out(
        `Resource mix: every resource of the bundled stacks as captured by test/harness/capture.ts (stacks/hardened, ` +
            `stacks/exposed-wallet-db and scripts/bench/stores-program, update and preview: ${mix.length} requests, the root ` +
            "stack and provider included; databases, caches, keys and key policies, IAM, buckets, backups, networks, the " +
            "aws-native and CloudFormation forms of stores). Each request is a Remediate then an " +
            "Analyze, as the engine sends them, timed together at the engine side with the request encoded beforehand " +
            "and the response left as bytes (transport, the pack's decoding, the SDK and every policy, the response's " +
            "encoding), as the Go engine, which marshals natively, would see it; " +
            `${ANALYZE_ROUNDS} rounds after a warm-up round, the packs ` +
            "alternating round by round. Target: the mean within 1.2x of the empty pack's.",
    );
    out();
    out("| Pack | mean ms | p50 ms | p90 ms | p99 ms | mean vs empty | p50 vs empty |");
    out("|---|---|---|---|---|---|---|");
    for (const c of contenders) {
        if (c.pairs.length === 0) {
            out(`| ${c.label} | n/a | n/a | n/a | n/a | n/a | n/a |`);
            continue;
        }
        out(
            `| ${c.label} | ${fmt(mean(c.pairs), 3)} | ${fmt(percentile(c.pairs, 50), 3)} | ${fmt(percentile(c.pairs, 90), 3)} | ${fmt(percentile(c.pairs, 99), 3)} | ` +
                `${(mean(c.pairs) / mean(empty.pairs)).toFixed(2)}x | ${(percentile(c.pairs, 50) / percentile(empty.pairs, 50)).toFixed(2)}x |`,
        );
    }
    const pairRatio = mean(own.pairs) / mean(empty.pairs);
    out();
    out(`Target within 1.2x: **${pairRatio <= 1.2 ? "met" : "missed"}** (${pairRatio.toFixed(2)}x).`);
    out();

    out("### AnalyzeStack on generated stacks");
    out();
    out(
        "Stacks built by cloning the captured bundled stacks and scripts/bench/stores-program under fresh names and IDs " +
            "(4 hardened : 1 exposed : 1 of the other stores: RDS instances, Aurora clusters and proxies, DocumentDB, " +
            "Neptune, ElastiCache, MemoryDB, DAX, Redshift and Redshift Serverless, OpenSearch and OpenSearch Serverless, " +
            "DynamoDB, Keyspaces, QLDB, Lightsail databases, EFS, DMS, KMS keys, aliases and key policies, Secrets " +
            "Manager, SSM, S3 buckets and their settings, AWS Backup vaults and plans, CloudTrail, IAM roles, users, " +
            "policies and attachments, VPCs, subnets, security groups and rules, aws-native buckets, tables and " +
            "databases, a CloudFormation stack), keeping every propertyDependency. Timed at the engine side with the request encoded beforehand " +
            "(transport, the pack's protobuf decoding, the SDK and every stack policy, the response), as the Go engine, " +
            `which marshals natively, would see it. Median of ${STACK_RUNS} calls, the packs alternating. Targets: 10,000 ` +
            "resources within 1.3x of the empty pack; growth from 2,500 to 10,000 resources (4x) at most 4.4x.",
    );
    out();
    out(`| Pack | ${STACK_SIZES.map((n) => `${n.toLocaleString("en-US")} ms`).join(" | ")} | 10,000 vs empty | growth x4 | findings at 10,000 |`);
    out(`|---|${STACK_SIZES.map(() => "---").join("|")}|---|---|---|`);
    const stackMedian = (c: Contender, size: number) => (c.stack.get(size)?.length ? median(c.stack.get(size)!) : undefined);
    for (const c of contenders) {
        const times = STACK_SIZES.map((n) => stackMedian(c, n));
        const big = stackMedian(c, 10_000);
        const small = stackMedian(c, 2_500);
        const emptyBig = stackMedian(empty, 10_000)!;
        out(
            `| ${c.label} | ${times.map((t) => (t === undefined ? "n/a" : fmt(t, 0))).join(" | ")} | ${big === undefined ? "n/a" : `${(big / emptyBig).toFixed(2)}x`} | ` +
                `${big === undefined || small === undefined ? "n/a" : `x${(big / small).toFixed(2)}`} | ${c.findings.get(10_000) ?? "n/a"} |`,
        );
    }
    const stackRatio = stackMedian(own, 10_000)! / stackMedian(empty, 10_000)!;
    const growth = stackMedian(own, 10_000)! / stackMedian(own, 2_500)!;
    out();
    out(`Target within 1.3x at 10,000: **${stackRatio <= 1.3 ? "met" : "missed"}** (${stackRatio.toFixed(2)}x). Growth 2,500 -> 10,000 at most x4.4: **${growth <= 4.4 ? "met" : "missed"}** (x${growth.toFixed(2)}).`);
    out();
    for (const c of contenders.filter((c) => c.error)) {
        out(`${c.label}: ${c.error}`);
        out();
    }

    const deployments = new Map([[1_000, synthesizeStack(captures, 1_000)]]);
    out("### Per-policy cost (in process)");
    out();
    out(
        "Each policy's SDK validate function (policies/catalog.ts allPolicies through toSdkPolicy, called the way the SDK's " +
            "Analyze handler calls it: test/support/evaluate.ts, properties in the SDK's unknown-checking proxy) over the " +
            "1,000-resource generated stack: resource policies once per resource (inputs), stack policies once over the stack " +
            "(outputs). Best of 3, divided by 1,000. Target: no policy above 0.2 ms per resource.",
    );
    out();
    const costs = perPolicyCosts(deployments.get(1_000)!);
    const worst = costs[0]!;
    out("| Policy (10 most expensive) | kind | ms per resource |");
    out("|---|---|---|");
    for (const c of costs.slice(0, 10)) {
        out(`| \`${c.name}\` | ${c.kind} | ${c.msPerResource.toFixed(4)} |`);
    }
    out();
    const total = costs.reduce((s, c) => s + c.msPerResource, 0);
    out(`${costs.length} policies; all together ${total.toFixed(3)} ms per resource. Target: **${worst.msPerResource <= 0.2 ? "met" : "missed"}** (worst: \`${worst.name}\`, ${worst.msPerResource.toFixed(4)} ms).`);
    out();

    out("### Scanner end to end");
    out();
    out(
        "`aws-key-material-guard scan --format json --progress` on generated `pulumi stack export` files (scripts/bench/scan-export.ts): " +
            "the pack loaded in process, one Analyze per resource through its own handlers, one AnalyzeStack, the report; peak " +
            "memory is the scanner process's maximum resident set. The floor, measured beside it: reading and parsing the " +
            "export, starting the empty pack, and one AnalyzeStack of every resource to it (request built and sent from " +
            "JavaScript, as the scanner must). Targets: 10,000 resources within 2x of the floor; 100,000 in under a minute, " +
            "under 2 GB.",
    );
    out();
    out("| Resources | scanner | export MB | scan s | floor s | scan vs floor | peak MB | mandatory | advisory |");
    out("|---|---|---|---|---|---|---|---|---|");
    const verdicts: string[] = [];
    for (const size of SCAN_SIZES) {
        const scan = timeScan(captures, size);
        // The 100,000-resource target is absolute; its floor would build a 100,000-resource google-protobuf request in
        // this process, which takes minutes and gigabytes and measures nothing the target needs.
        const floor = size <= 10_000 ? await timeFloor(scan.file, emptyPack) : undefined;
        const floorText = floor === undefined ? "not measured" : floor.toFixed(1);
        const vsFloor = (seconds: number) => (floor === undefined ? "n/a" : `${(seconds / floor).toFixed(2)}x`);
        const count = (s: ScanTiming, key: string) => String(s.summary?.[key] ?? "n/a");
        const row = (label: string, s: ScanTiming) =>
            s.failure ? out(`| ${size.toLocaleString("en-US")} | ${label} | ${s.fileMB} | failed after ${s.seconds.toFixed(1)} s: ${s.failure} | ${floorText} | n/a | ${s.peakMB ?? "n/a"} | n/a | n/a |`) : out(
                `| ${size.toLocaleString("en-US")} | ${label} | ${s.fileMB} | ${s.seconds.toFixed(1)} | ${floorText} | ${vsFloor(s.seconds)} | ` +
                    `${s.peakMB ?? "n/a"} | ${count(s, "mandatory")} | ${count(s, "advisory")} |`,
            );
        row("this one", scan);
        if (floor !== undefined) {
            const met = !scan.failure && scan.seconds / floor <= 2;
            verdicts.push(`${size.toLocaleString("en-US")} resources within 2x of the floor: **${met ? "met" : "missed"}** (${scan.failure ? "failed" : vsFloor(scan.seconds)}).`);
        } else {
            const met = !scan.failure && scan.seconds < 60 && scan.peakMB !== undefined && scan.peakMB < 2048;
            verdicts.push(`${size.toLocaleString("en-US")} resources under a minute and under 2 GB: **${met ? "met" : "missed"}** (${scan.failure ? "failed" : `${scan.seconds.toFixed(1)} s, ${scan.peakMB ?? "?"} MB`}).`);
        }
        // The baseline on the 100,000-resource export would take many minutes: 10,000 only.
        if (baseline && size <= 10_000) {
            row(baseline.label.replace("aws-key-material-guard ", ""), timeScan(captures, size, join(baseline.dir, "scanner", "bin", "cli.js")));
        }
    }
    out();
    verdicts.forEach((v) => out(`Target: ${v}`));
    out();
    out(`Load average at the end: ${load()}`);
    out();
    out("<!-- bench:end -->");

    rmSync(emptyPack, { recursive: true, force: true });
    const file = join(ROOT, "BENCHMARKS.md");
    const previous = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n";
    const start = previous.indexOf("<!-- bench:start");
    const endMarker = "<!-- bench:end -->";
    const end = previous.indexOf(endMarker);
    const next = start >= 0 && end >= 0 ? previous.slice(0, start) + lines.join("\n") + previous.slice(end + endMarker.length) : `${previous}\n${lines.join("\n")}\n`;
    writeFileSync(file, next);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
