// The scanner end to end on a generated stack export: `npx tsx scripts/bench/scan-export.ts 10000`.
// Writes .bench/synthetic-<n>.json (a `pulumi stack export` v3 file) and times `aws-key-material-guard scan` on it.

import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stackExportText } from "../../test/harness/stack-export";
import { captureStacks, ROOT, synthesizeStack } from "./synth";

async function main(): Promise<void> {
    const size = Number(process.argv[2] ?? 10000);
    const deployment = synthesizeStack(await captureStacks(), size);
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
    console.log(JSON.stringify({ resources: size, fileMB: +(statSync(file).size / 1e6).toFixed(1), seconds: +seconds.toFixed(2), summary: report.summary }, null, 2));
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
