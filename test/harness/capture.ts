// Captures a Pulumi program's resources as the engine would see them, in a fresh Node process per run.
//
// The program runs in a child process (capture-worker.cjs → capture-runtime.ts) because the Pulumi runtime's
// state is global and a program's module registers its resources only when first required: each capture
// needs its own module cache and runtime. Preview runs see what `pulumi preview` of a new stack sees
// (computed values unknown); update runs see realistic IDs and ARNs.

import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { Deployment, ResourceState } from "../../scanner/engine/model";
import type { OutputLine } from "../../scanner/engine/pack";
import type { JsonObject } from "../../scanner/engine/values";

export interface CaptureOptions {
    /** The directory holding Pulumi.yaml and the program. */
    programDir: string;
    /** true: `pulumi preview` of a new stack; false: `pulumi up`. */
    preview: boolean;
    stack?: string;
    /** Defaults to `name` in Pulumi.yaml. */
    project?: string;
    organization?: string;
    /** Stack config (`{"aws:region": "us-east-1"}`). `aws:region` defaults to us-east-1. */
    config?: Record<string, string>;
    secretKeys?: string[];
    timeoutMs?: number;
}

/** What the worker receives. */
export interface CaptureRequest {
    programDir: string;
    preview: boolean;
    stack: string;
    project: string;
    organization: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export interface Capture extends Deployment {
    programDir: string;
    config: Record<string, string>;
    resources: ResourceState[];
    stackOutputs: JsonObject;
    /** Time spent in the worker running the program. */
    durationMs: number;
    /** The program's own stdout/stderr (filled in by the parent). */
    programOutput?: OutputLine[];
    /** Wall-clock time including the process start. */
    wallMs?: number;
}

type WorkerMessage = { ok: true; capture: Capture } | { ok: false; error: string };

/** The project name from Pulumi.yaml (`name: ...`). */
export function readProjectName(programDir: string): string {
    const file = join(programDir, "Pulumi.yaml");
    if (!existsSync(file)) {
        throw new Error(`${file} does not exist: not a Pulumi project`);
    }
    const match = /^name:\s*["']?([^"'\s#]+)/m.exec(readFileSync(file, "utf8"));
    if (!match?.[1]) {
        throw new Error(`${file} has no name`);
    }
    return match[1];
}

export function captureProgram(options: CaptureOptions): Promise<Capture> {
    const programDir = isAbsolute(options.programDir) ? options.programDir : resolve(options.programDir);
    const request: CaptureRequest = {
        programDir,
        preview: options.preview,
        stack: options.stack ?? "dev",
        project: options.project ?? readProjectName(programDir),
        organization: options.organization ?? "organization",
        config: { "aws:region": "us-east-1", ...options.config },
        secretKeys: options.secretKeys ?? [],
    };
    const started = Date.now();
    const output: OutputLine[] = [];
    const child = fork(join(__dirname, "capture-worker.cjs"), [], {
        cwd: programDir,
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        // Never inherit a loader or inspector from the caller (vitest, a debugger).
        execArgv: [],
        env: { ...process.env, PULUMI_TEST_MODE: undefined, NODE_OPTIONS: undefined },
    });
    for (const stream of ["stdout", "stderr"] as const) {
        child[stream]!.setEncoding("utf8");
        child[stream]!.on("data", (chunk: string) => {
            for (const line of chunk.split("\n")) {
                if (line !== "") {
                    output.push({ stream, line, at: Date.now() - started });
                }
            }
        });
    }
    return new Promise((resolveCapture, reject) => {
        let settled = false;
        const finish = (error: Error | undefined, capture?: Capture) => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            if (child.exitCode === null) {
                child.kill("SIGKILL");
            }
            if (error) {
                const log = output.map((l) => `  ${l.stream}: ${l.line}`).join("\n");
                error.message += log ? `\nprogram output:\n${log}` : "";
                reject(error);
            } else {
                resolveCapture({ ...capture!, programOutput: output, wallMs: Date.now() - started });
            }
        };
        const timer = setTimeout(() => finish(new Error(`capturing ${programDir} timed out`)), options.timeoutMs ?? 120_000);
        child.on("message", (message: WorkerMessage) => {
            if (message.ok) {
                finish(undefined, message.capture);
            } else {
                finish(new Error(`capturing ${programDir} (${options.preview ? "preview" : "update"}) failed: ${message.error}`));
            }
        });
        child.on("error", (error) => finish(error));
        child.on("exit", (code, signal) => {
            // Give a message sent just before exit the chance to arrive.
            setTimeout(() => finish(new Error(`the capture worker exited without a result (${signal ?? `exit status ${code}`})`)), 100);
        });
        child.send(request);
    });
}
