// `npm run bench`: how fast the pack is over the real Analyzer protocol, next to an empty pack and AWSGuard.
// Results go between the bench markers of BENCHMARKS.md (the rest of the file is kept).
//
//   npm run bench                 full run
//   npm run bench -- --quick      fewer repetitions (smoke test of the script)

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
import { buildOwnPack, makeAwsGuardPack, makeEmptyPack } from "./packs";
import { timeScan } from "./scan-export";
import { captureStacks, ROOT, synthesizeStack, type Captures } from "./synth";

const quick = process.argv.includes("--quick");
const STARTUP_RUNS = quick ? 3 : 9;
const ANALYZE_ROUNDS = quick ? 3 : 20;
const STACK_SIZES = [100, 1_000, 10_000];
const STACK_RUNS = quick ? 1 : 3;
const SCAN_SIZES = [1_000, 10_000];

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

interface PackResults {
    analyze: number[];
    /** AnalyzeStack with the request encoded beforehand: transport, the pack's decoding and analysis, the response. */
    stack: Map<number, number[]>;
    /** The same call including the emulator's building and serializing of the request (google-protobuf in JS). */
    roundTrip: Map<number, number[]>;
    findings: Map<number, number>;
}

async function measurePack(packDir: string, mix: AnalyzeRequestMessage[], stacks: Map<number, AnalyzerResourceMessage[]>): Promise<PackResults> {
    const engine = await PolicyEngine.boot({ packDir, stack: { project: "bench", stack: "dev", dryRun: false } });
    try {
        await engine.pack.configure(engine.reconcile());
        for (const request of mix) {
            await engine.pack.analyze(request); // warm-up
        }
        const analyze: number[] = [];
        for (let round = 0; round < ANALYZE_ROUNDS; round++) {
            for (const request of mix) {
                const t = performance.now();
                await engine.pack.analyze(request);
                analyze.push(performance.now() - t);
            }
        }
        const stack = new Map<number, number[]>();
        const roundTrip = new Map<number, number[]>();
        const findings = new Map<number, number>();
        for (const [size, messages] of stacks) {
            const runs: number[] = [];
            const fullRuns: number[] = [];
            await engine.pack.analyzeStack(messages.slice(0, 50)); // warm-up
            const encoded = engine.pack.encodeAnalyzeStack(messages);
            for (let i = 0; i < STACK_RUNS; i++) {
                let t = performance.now();
                const result = await engine.pack.analyzeStackEncoded(encoded);
                runs.push(performance.now() - t);
                findings.set(size, result.diagnostics.length);
                t = performance.now();
                await engine.pack.analyzeStack(messages);
                fullRuns.push(performance.now() - t);
            }
            stack.set(size, runs);
            roundTrip.set(size, fullRuns);
        }
        return { analyze, stack, roundTrip, findings };
    } finally {
        await engine.close();
    }
}

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
    const captures: Captures = await captureStacks();

    // Start-up.
    out("### Pack start-up (spawn to port line)");
    out();
    out(`Median of ${STARTUP_RUNS} runs, alternating packs; target: within 1.3x of an empty pack on the same @pulumi/policy.`);
    out();
    const startup: Record<string, number[]> = { own: [], empty: [], awsguard: [] };
    for (let i = 0; i < STARTUP_RUNS; i++) {
        startup.empty!.push(...(await startupMs(emptyPack, 1)));
        startup.own!.push(...(await startupMs(ownPack, 1)));
        if (awsguard.dir) {
            startup.awsguard!.push(...(await startupMs(awsguard.dir, 1)));
        }
    }
    const emptyMedian = median(startup.empty!);
    const ownMedian = median(startup.own!);
    out("| Pack | median ms | min ms | max ms | vs empty |");
    out("|---|---|---|---|---|");
    const startupRow = (label: string, t: number[]) =>
        out(`| ${label} | ${fmt(median(t), 0)} | ${fmt(Math.min(...t), 0)} | ${fmt(Math.max(...t), 0)} | ${(median(t) / emptyMedian).toFixed(2)}x |`);
    startupRow("empty pack (0 policies)", startup.empty!);
    startupRow("aws-key-material-guard", startup.own!);
    if (awsguard.dir) {
        startupRow(`@pulumi/awsguard ${awsguard.version} (all mandatory)`, startup.awsguard!);
    }
    out();
    out(`Target within 1.3x: **${ownMedian / emptyMedian <= 1.3 ? "met" : "missed"}** (${(ownMedian / emptyMedian).toFixed(2)}x).`);
    out();

    // Inputs.
    const mix = [
        ...analyzeRequests(captures.hardened),
        ...analyzeRequests(captures.exposed),
        ...analyzeRequests(captures.hardenedPreview),
        ...analyzeRequests(captures.exposedPreview),
    ];
    const deployments = new Map(STACK_SIZES.map((size) => [size, synthesizeStack(captures, size)]));
    const stacks = new Map([...deployments].map(([size, d]) => [size, stackMessages(d)]));

    out(`Load average before the protocol runs: ${load()}`);
    out();
    const own = await measurePack(ownPack, mix, stacks);
    const guard = awsguard.dir ? await measurePack(awsguard.dir, mix, stacks).catch((e: Error) => e) : new Error(awsguard.error);

    out("### Analyze latency (one resource per call, over gRPC)");
    out();
    out(
        `Resource mix: every resource of the bundled stacks as captured by test/harness/capture.ts (stacks/hardened and ` +
            `stacks/exposed-wallet-db, update and preview: ${mix.length} requests, the root stack and provider included), ` +
            `${ANALYZE_ROUNDS} rounds after a warm-up round.`,
    );
    out();
    out("| Pack | p50 ms | p90 ms | p99 ms | max ms |");
    out("|---|---|---|---|---|");
    const latencyRow = (label: string, t: number[]) =>
        out(`| ${label} | ${fmt(percentile(t, 50), 2)} | ${fmt(percentile(t, 90), 2)} | ${fmt(percentile(t, 99), 2)} | ${fmt(Math.max(...t), 2)} |`);
    latencyRow("aws-key-material-guard", own.analyze);
    if (!(guard instanceof Error)) {
        latencyRow("@pulumi/awsguard", guard.analyze);
        out();
        out(`Ratio (ours / AWSGuard): p50 ${(percentile(own.analyze, 50) / percentile(guard.analyze, 50)).toFixed(2)}x, p99 ${(percentile(own.analyze, 99) / percentile(guard.analyze, 99)).toFixed(2)}x.`);
    }
    out();

    out("### AnalyzeStack on generated stacks");
    out();
    out(
        "Stacks built by cloning the captured bundled stacks under fresh names and IDs (4 hardened : 1 exposed; VPCs, subnets, " +
            "route tables, security groups with separate ingress/egress rule resources, RDS instances, Aurora clusters and proxies, " +
            "KMS keys and aliases, IAM roles/policies/attachments, secrets), keeping every propertyDependency. " +
            `Median of ${STACK_RUNS} call(s), timed at the engine side. "ours ms" is the call with the request encoded beforehand ` +
            "(transport, the pack's protobuf decoding, the SDK and every stack policy, the response), as the Go engine, which " +
            "marshals natively, would see it; the next column adds the emulator's building and serializing of the request with " +
            "google-protobuf in JavaScript. Target: 10,000 resources under 2 s, linear growth.",
    );
    out();
    out("| Resources | ours ms | ours ms/resource | incl. emulator encoding ms | ours findings | AWSGuard ms | AWSGuard ms/resource | ours / AWSGuard |");
    out("|---|---|---|---|---|---|---|---|");
    for (const size of STACK_SIZES) {
        const o = median(own.stack.get(size)!);
        const full = median(own.roundTrip.get(size)!);
        const g = guard instanceof Error ? undefined : median(guard.stack.get(size)!);
        out(
            `| ${size.toLocaleString("en-US")} | ${fmt(o, 0)} | ${fmt(o / size, 3)} | ${fmt(full, 0)} | ${own.findings.get(size)} | ${g === undefined ? "n/a" : fmt(g, 0)} | ` +
                `${g === undefined ? "n/a" : fmt(g / size, 3)} | ${g === undefined ? "n/a" : `${(o / g).toFixed(2)}x`} |`,
        );
    }
    const big = median(own.stack.get(10_000)!);
    out();
    out(`Target 10,000 under 2 s: **${big < 2000 ? "met" : "missed"}** (${fmt(big, 0)} ms).`);
    out();
    if (guard instanceof Error) {
        out(`AWSGuard could not be measured: ${guard.message.split("\n")[0]}`);
        out();
    }

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
        "`aws-key-material-guard scan --format json` on generated `pulumi stack export` files (scripts/bench/scan-export.ts): " +
            "pack start, one Remediate and Analyze per resource, one AnalyzeStack, the report. One run each.",
    );
    out();
    out("| Resources | export MB | seconds | mandatory | advisory |");
    out("|---|---|---|---|---|");
    for (const size of SCAN_SIZES) {
        const scan = timeScan(captures, size);
        const count = (key: string) => String(scan.summary?.[key] ?? "n/a");
        out(`| ${size.toLocaleString("en-US")} | ${scan.fileMB} | ${scan.seconds.toFixed(1)} | ${count("mandatory")} | ${count("advisory")} |`);
    }
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
