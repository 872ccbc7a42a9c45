// Runs one of the bundled programs (stacks/<name>) through the compiled pack the way `pulumi preview` and
// `pulumi up` of a new stack would: both captures, one pack process, one engine run per mode.

import { join } from "node:path";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import { PolicyEngine, type RunResult } from "../../scanner/engine/engine";
import { builtPackDir } from "./built-pack";

export type Mode = "preview" | "update";

export interface BundledStackRun {
    engine: PolicyEngine;
    captures: Record<Mode, Capture>;
    runs: Record<Mode, RunResult>;
}

export async function runBundledStack(name: string): Promise<BundledStackRun> {
    const programDir = join(__dirname, "..", "..", "stacks", name);
    // What the engine tells the pack about the stack (PULUMI_NODEJS_* / PULUMI_CONFIG, ConfigureStack).
    const stack = { project: readProjectName(programDir), stack: "dev", config: { "aws:region": "us-east-1" } };
    const [engine, preview, update] = await Promise.all([
        PolicyEngine.boot({ packDir: builtPackDir(), stack }),
        captureProgram({ programDir, preview: true }),
        captureProgram({ programDir, preview: false }),
    ]);
    return { engine, captures: { preview, update }, runs: { preview: await engine.run(preview), update: await engine.run(update) } };
}
