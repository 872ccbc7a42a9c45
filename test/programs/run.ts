// Runs one realistic program (test/fixtures/programs/<name>) through the compiled pack, as `pulumi preview` and
// `pulumi up` of a new stack would: both captures, one pack process, one engine run per mode.

import { join } from "node:path";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import { PolicyEngine, type RunResult } from "../../scanner/engine/engine";
import { builtPackDir } from "../e2e/built-pack";

export type Mode = "preview" | "update";

export interface ProgramRun {
    captures: Record<Mode, Capture>;
    runs: Record<Mode, RunResult>;
}

export const programsDir = join(__dirname, "..", "fixtures", "programs");

export async function runProgram(name: string): Promise<ProgramRun> {
    const programDir = join(programsDir, name);
    const stack = { project: readProjectName(programDir), stack: "dev", config: { "aws:region": "us-east-1" } };
    const [engine, preview, update] = await Promise.all([
        PolicyEngine.boot({ packDir: builtPackDir(), stack }),
        captureProgram({ programDir, preview: true }),
        captureProgram({ programDir, preview: false }),
    ]);
    try {
        return { captures: { preview, update }, runs: { preview: await engine.run(preview), update: await engine.run(update) } };
    } finally {
        await engine.close();
    }
}
