// The pack as the CLI runs it: compiled JS in policies/bin. A test against a stale build would test old code,
// so this refuses to hand out the directory when a source file is newer than the build.

import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const packDir = join(__dirname, "..", "..", "policies");

function newestSource(dir: string): { file: string; mtimeMs: number } {
    let newest = { file: "", mtimeMs: 0 };
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "bin" && entry.name !== "node_modules") {
                const inner = newestSource(path);
                newest = inner.mtimeMs > newest.mtimeMs ? inner : newest;
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            const mtimeMs = statSync(path).mtimeMs;
            newest = mtimeMs > newest.mtimeMs ? { file: path, mtimeMs } : newest;
        }
    }
    return newest;
}

/** policies/, after checking that policies/bin is built and not older than any policy source. */
export function builtPackDir(): string {
    const entry = join(packDir, "bin", "index.js");
    const build = "npx tsc -p policies/tsconfig.json (npm test does it first)";
    if (!existsSync(entry)) {
        throw new Error(`${entry} does not exist: build the pack first with ${build}`);
    }
    const source = newestSource(packDir);
    if (source.mtimeMs > statSync(entry).mtimeMs) {
        throw new Error(`${source.file} is newer than the compiled pack: rebuild it with ${build}`);
    }
    return packDir;
}
