// The scanner as users run it: compiled JS in scanner/bin (and the pack in policies/bin). A test against a stale
// build would test old code, so this refuses to run when a source file is newer than the build.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtPackDir } from "../e2e/built-pack";

export const repoDir = join(__dirname, "..", "..");
export const fixturesDir = join(__dirname, "fixtures");
export const cliPath = join(repoDir, "scanner", "bin", "cli.js");

function newestSource(dir: string): { file: string; mtimeMs: number } {
    let newest = { file: "", mtimeMs: 0 };
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "bin" && entry.name !== "node_modules") {
                const inner = newestSource(path);
                newest = inner.mtimeMs > newest.mtimeMs ? inner : newest;
            }
        } else if (entry.name.endsWith(".ts")) {
            const mtimeMs = statSync(path).mtimeMs;
            newest = mtimeMs > newest.mtimeMs ? { file: path, mtimeMs } : newest;
        }
    }
    return newest;
}

/** scanner/bin/cli.js, after checking that it (and the pack) is built and fresh. */
export function builtCli(): string {
    builtPackDir();
    if (!existsSync(cliPath)) {
        throw new Error(`${cliPath} does not exist: run npm run build`);
    }
    const source = newestSource(join(repoDir, "scanner"));
    if (source.mtimeMs > statSync(cliPath).mtimeMs) {
        throw new Error(`${source.file} is newer than the compiled scanner: run npm run build`);
    }
    return cliPath;
}

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the compiled CLI in the repository root, as `npx aws-key-material-guard ...` would. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
    const cli = builtCli();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], {
            cwd: repoDir,
            env: { ...process.env, NO_COLOR: undefined, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
