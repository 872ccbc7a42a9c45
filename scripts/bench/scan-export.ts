// The scanner end to end on a generated stack export: `npx tsx scripts/bench/scan-export.ts 10000`.
// Writes .bench/synthetic-<n>.json (a `pulumi stack export` v3 file) and times `aws-key-material-guard scan` on it
// (and, for 10,000 resources or fewer, the floor it is compared with: see main).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PolicyEngine } from "../../scanner/engine/engine";
import { encodeForAnalyzer } from "../../scanner/engine/values";
import { loadInput } from "../../scanner/inputs";
import { stackExportText } from "../../test/harness/stack-export";
import { makeEmptyPack } from "./packs";
import { captureStacks, ROOT, synthesizeStack, type Captures } from "./synth";

export interface ScanTiming {
    resources: number;
    file: string;
    fileMB: number;
    seconds: number;
    /** Why the scan produced no report (it crashed, e.g. out of memory). */
    failure?: string;
    /** The scanner process's peak resident set, MB. */
    peakMB?: number;
    summary?: Record<string, unknown>;
}

/** A preload that writes the process's peak resident set (KB) to the file named by BENCH_MAX_RSS_FILE at exit. */
function maxRssPreload(): string {
    const file = join(ROOT, ".bench", "max-rss.js");
    writeFileSync(
        file,
        `process.on("exit", () => require("node:fs").writeFileSync(process.env.BENCH_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
    );
    return file;
}

/** When the programs and the generator the exports are made from last changed: an older export is made again. */
function newestInput(): number {
    const inputs = [
        join(__dirname, "synth.ts"),
        join(__dirname, "stores-program", "index.ts"),
        join(ROOT, "stacks", "hardened", "index.ts"),
        join(ROOT, "stacks", "exposed-wallet-db", "index.ts"),
    ];
    return Math.max(...inputs.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

/** Writes a generated export of `size` resources (unless a current one exists) and times the scanner's CLI on it, end to end. */
export function timeScan(captures: Captures, size: number, cli = join(ROOT, "scanner", "bin", "cli.js")): ScanTiming {
    const file = join(ROOT, ".bench", `synthetic-${size}.json`);
    mkdirSync(join(ROOT, ".bench"), { recursive: true });
    if (!existsSync(file) || statSync(file).mtimeMs < newestInput()) {
        const deployment = synthesizeStack(captures, size);
        writeFileSync(file, stackExportText({ ...deployment, programDir: ROOT, config: {}, stackOutputs: {}, durationMs: 0 }));
    }
    const rssFile = join(ROOT, ".bench", "max-rss.txt");
    rmSync(rssFile, { force: true });
    const started = performance.now();
    let output = "";
    let stderr = "";
    const args = ["--require", maxRssPreload(), cli, "scan", "--format", "json", "--progress", file];
    const env = { ...process.env, BENCH_MAX_RSS_FILE: rssFile };
    try {
        output = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        // Exit code 1 means mandatory findings: the scan itself worked.
        output = String((error as { stdout?: string }).stdout ?? "");
        stderr = String((error as { stderr?: string }).stderr ?? "");
    }
    const seconds = (performance.now() - started) / 1000;
    let report: { summary?: Record<string, unknown> } = {};
    let failure: string | undefined;
    try {
        report = JSON.parse(output) as typeof report;
    } catch {
        failure = /heap out of memory/.test(stderr) ? "out of memory (the JavaScript heap limit)" : `no report (${stderr.trim().split("\n").pop() ?? "no output"})`;
    }
    const peakMB = existsSync(rssFile) ? Math.round(Number(readFileSync(rssFile, "utf8")) / 1024) : undefined;
    return { resources: size, file, fileMB: +(statSync(file).size / 1e6).toFixed(1), seconds: +seconds.toFixed(2), peakMB, summary: report.summary, ...(failure ? { failure } : {}) };
}

/**
 * The floor a scan is compared with: read and parse the export, start the empty pack (Configure included) and send it
 * one AnalyzeStack of every resource (request built and serialized in JavaScript, as the scanner must). Seconds.
 */
export async function timeFloor(file: string, emptyPackDir: string): Promise<number> {
    const started = performance.now();
    const input = loadInput(file);
    const engine = await PolicyEngine.boot({ packDir: emptyPackDir, rpcTimeoutMs: 30 * 60_000 });
    try {
        await engine.pack.configure(engine.reconcile());
        await engine.pack.analyzeStack(
            input.deployment.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                properties: encodeForAnalyzer(r.outputs, { skipInternalKeys: true }),
                options: { ...r.options, parent: r.parent },
                parent: r.parent,
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies,
            })),
        );
    } finally {
        await engine.close();
    }
    return (performance.now() - started) / 1000;
}

/**
 * `scan-export.ts [SIZE] [--floor|--no-floor]`: the scan's timing, and with the floor (default up to 10,000
 * resources: building the floor's AnalyzeStack with google-protobuf takes gigabytes beyond that) the ratio to it,
 * measured right after the scan, on the same machine load.
 */
async function main(): Promise<void> {
    const size = Number(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? 10000);
    const withFloor = process.argv.includes("--floor") || (size <= 10_000 && !process.argv.includes("--no-floor"));
    const scan = timeScan(await captureStacks(), size);
    if (!withFloor) {
        console.log(JSON.stringify(scan, null, 2));
        return;
    }
    const emptyPack = makeEmptyPack();
    try {
        const floorSeconds = +(await timeFloor(scan.file, emptyPack)).toFixed(2);
        console.log(JSON.stringify({ ...scan, floorSeconds, scanVsFloor: +(scan.seconds / floorSeconds).toFixed(2) }, null, 2));
    } finally {
        rmSync(emptyPack, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
