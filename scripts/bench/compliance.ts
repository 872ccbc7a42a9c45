// pulumi/compliance-policies (the AWS vendor's 97 policies, `vendor-aws/aws`) as a second reference pack for the
// bench, built on first use in a folder of its own outside the repository:
//
//   ~/.cache/aws-key-material-guard/bench/compliance-policies/<commit>/
//
// The source comes from a local git mirror of github.com/pulumi/compliance-policies at the pinned commit
// (COMPLIANCE_POLICIES_GIT_DIR, default /work/.mirror/pulumi+compliance-policies/repo); its dependencies come from npm.
// The TypeScript is transpiled without type checking (tsc on @pulumi/aws' declarations takes minutes and gigabytes);
// the pack runs on the same @pulumi/policy and @pulumi/pulumi versions as this pack, so the empty pack is its floor
// too. Nothing of it is committed here.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as ts from "typescript";

/** The commit the bench measures (the newest in the mirror on 2026-12-06). */
export const COMPLIANCE_POLICIES_COMMIT = "712a901751b66642c0824c0a445197a3c64e10e3";

export interface CompliancePack {
    dir?: string;
    policies?: number;
    error?: string;
}

function git(gitDir: string, args: string[]): Buffer {
    return execFileSync("git", [`--git-dir=${gitDir}`, ...args], { maxBuffer: 256 * 1024 * 1024 });
}

function transpileTree(gitDir: string, commit: string, prefix: string, outDir: string, rename: (path: string) => string): number {
    const files = git(gitDir, ["ls-tree", "-r", "--name-only", commit, prefix])
        .toString()
        .split("\n")
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
    for (const file of files) {
        const source = git(gitDir, ["show", `${commit}:${file}`]).toString();
        const { outputText } = ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: false },
            fileName: file,
        });
        const out = join(outDir, rename(file).replace(/\.ts$/, ".js"));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, outputText);
    }
    return files.length;
}

/** Builds the pack on first use; returns its directory (a PulumiPolicy.yaml pack selecting every AWS policy, mandatory). */
export function makeCompliancePack(): CompliancePack {
    const gitDir = process.env.COMPLIANCE_POLICIES_GIT_DIR ?? "/work/.mirror/pulumi+compliance-policies/repo";
    const root = join(homedir(), ".cache", "aws-key-material-guard", "bench", "compliance-policies");
    try {
        const commit = git(gitDir, ["rev-parse", `${COMPLIANCE_POLICIES_COMMIT}^{commit}`]).toString().trim();
        const dir = join(root, commit);
        const done = join(dir, ".built");
        if (!existsSync(done)) {
            rmSync(dir, { recursive: true, force: true });
            mkdirSync(dir, { recursive: true });
            const ours = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { dependencies: Record<string, string> };
            const vendor = JSON.parse(git(gitDir, ["show", `${commit}:vendor-aws/package.json`]).toString()) as { dependencies: Record<string, string> };
            const manager = JSON.parse(git(gitDir, ["show", `${commit}:policy-manager/package.json`]).toString()) as { dependencies: Record<string, string> };
            writeFileSync(
                join(dir, "package.json"),
                JSON.stringify({
                    name: "compliance-policies-bench",
                    version: "0.0.0",
                    private: true,
                    main: "index.js",
                    dependencies: {
                        "@pulumi/aws": vendor.dependencies["@pulumi/aws"],
                        "findup-sync": manager.dependencies["findup-sync"],
                        micromatch: manager.dependencies.micromatch,
                        // The same SDK as this pack and the empty pack: the floor is the same for all three.
                        "@pulumi/policy": ours.dependencies["@pulumi/policy"],
                        "@pulumi/pulumi": ours.dependencies["@pulumi/pulumi"],
                    },
                }),
            );
            execFileSync("npm", ["install", "--no-audit", "--no-fund", "--omit=dev", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
            const managerDir = join(dir, "node_modules", "@pulumi", "compliance-policy-manager");
            transpileTree(gitDir, commit, "policy-manager/", managerDir, (f) => f.slice("policy-manager/".length));
            writeFileSync(join(managerDir, "package.json"), JSON.stringify({ name: "@pulumi/compliance-policy-manager", version: "0.0.0", main: "index.js" }));
            const vendorDir = join(dir, "vendor-aws");
            transpileTree(gitDir, commit, "vendor-aws/aws/", vendorDir, (f) => f.slice("vendor-aws/".length));
            transpileTree(gitDir, commit, "vendor-aws/version.ts", vendorDir, (f) => f.slice("vendor-aws/".length));
            writeFileSync(join(vendorDir, "package.json"), JSON.stringify({ name: "@pulumi/aws-compliance-policies", version: "0.0.0" }));
            writeFileSync(join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
            writeFileSync(
                join(dir, "index.js"),
                [
                    `const { PolicyPack } = require("@pulumi/policy");`,
                    `const { policyManager } = require("@pulumi/compliance-policy-manager");`,
                    `require("./vendor-aws/version");`,
                    `require("./vendor-aws/aws");`,
                    `new PolicyPack("compliance-policies-aws", { policies: policyManager.selectPolicies({ vendors: ["aws"] }, "mandatory") });`,
                    "",
                ].join("\n"),
            );
            writeFileSync(done, commit);
        }
        const count = Number(execFileSync(process.execPath, ["-e", `const { policyManager } = require("@pulumi/compliance-policy-manager"); require("./vendor-aws/version"); require("./vendor-aws/aws"); console.log(policyManager.selectPolicies({ vendors: ["aws"] }, "mandatory").length)`], { cwd: dir }).toString().trim());
        return { dir, policies: count };
    } catch (error) {
        return { error: error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : String(error) };
    }
}

if (require.main === module) {
    console.log(makeCompliancePack());
}
