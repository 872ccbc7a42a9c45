// The packs the benchmark compares: this pack (policies/, compiled), an empty pack built on the same
// @pulumi/policy, and Pulumi's AWSGuard (installed on first use under .bench/awsguard).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./synth";

export function buildOwnPack(): string {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(ROOT, "policies", "tsconfig.json")], { stdio: "inherit" });
    return join(ROOT, "policies");
}

/** A pack with zero policies in a fresh temp dir, resolving @pulumi/policy from this repository's node_modules. */
export function makeEmptyPack(): string {
    const dir = mkdtempSync(join(tmpdir(), "empty-pack-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "empty-pack", version: "0.0.1", main: "index.js" }));
    writeFileSync(join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    writeFileSync(join(dir, "index.js"), `const { PolicyPack } = require("@pulumi/policy");\nnew PolicyPack("empty-pack", { policies: [] });\n`);
    return dir;
}

export interface AwsGuardPack {
    dir?: string;
    version?: string;
    error?: string;
}

/** `new AwsGuard({ all: "mandatory" })` in .bench/awsguard/pack, installing @pulumi/awsguard there on first use. */
export function makeAwsGuardPack(): AwsGuardPack {
    const prefix = join(ROOT, ".bench", "awsguard");
    const installed = join(prefix, "node_modules", "@pulumi", "awsguard", "package.json");
    try {
        if (!existsSync(installed)) {
            mkdirSync(prefix, { recursive: true });
            execFileSync("npm", ["install", "--prefix", prefix, "@pulumi/awsguard"], { stdio: "inherit" });
        }
        const dir = join(prefix, "pack");
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "awsguard-bench", version: "0.0.1", main: "index.js" }));
        writeFileSync(join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        writeFileSync(join(dir, "index.js"), `const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "mandatory" });\n`);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const version = (require(installed) as { version: string }).version;
        return { dir, version };
    } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
    }
}
