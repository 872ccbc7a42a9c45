// The scanner end to end on a generated stack export: `npx tsx scripts/bench/scan-export.ts 10000`.
// Writes .bench/synthetic-<n>.json (a `pulumi stack export` v3 file) and times `aws-key-material-guard scan` on it.

import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stackExportText } from "../../test/harness/stack-export";
import { captureStacks, ROOT, synthesizeStack, type Captures } from "./synth";

export interface ScanTiming {
    resources: number;
    fileMB: number;
    seconds: number;
    summary?: Record<string, unknown>;
}

/** Writes a generated export of `size` resources and times the scanner's CLI on it, end to end. */
export function timeScan(captures: Captures, size: number): ScanTiming {
    const deployment = synthesizeStack(captures, size);
    const file = join(ROOT, ".bench", `synthetic-${size}.json`);
    mkdirSync(join(ROOT, ".bench"), { recursive: true });
    writeFileSync(file, stackExportText({ ...deployment, programDir: ROOT, config: {}, stackOutputs: {}, durationMs: 0 }));
    const started = performance.now();
    let output = "";
    try {
        output = execFileSync(process.execPath, [join(ROOT, "scanner", "bin", "cli.js"), "scan", "--format", "json", file], { encoding: "utf8", maxBuffer: 1 << 30 });
    } catch (error) {
        // Exit code 1 means mandatory findings: the scan itself worked.
        output = String((error as { stdout?: string }).stdout ?? "");
    }
    const seconds = (performance.now() - started) / 1000;
    const report = JSON.parse(output) as { summary?: Record<string, unknown> };
    return { resources: size, fileMB: +(statSync(file).size / 1e6).toFixed(1), seconds: +seconds.toFixed(2), summary: report.summary };
}

async function main(): Promise<void> {
    const size = Number(process.argv[2] ?? 10000);
    console.log(JSON.stringify(timeScan(await captureStacks(), size), null, 2));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
