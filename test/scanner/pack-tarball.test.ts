// The pack as it is published: `npm pack` of policies/ holds exactly what a published pack needs (the manifest,
// PulumiPolicy.yaml, the compiled JS and the profiles; no TypeScript sources or build config), and the tarball,
// installed in an empty folder, boots and answers GetAnalyzerInfo with the pack metadata Pulumi Cloud shows.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import { PolicyEngine } from "../../scanner/engine/engine";
import { builtPackDir } from "../e2e/built-pack";
import { repoDir } from "./built-cli";

function compiledFiles(dir: string, root = dir): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? compiledFiles(path, root) : [relative(root, path).split(sep).join("/")];
    });
}

describe("the published pack (npm pack of policies/)", () => {
    const tmp = mkdtempSync(join(tmpdir(), "akmg-tarball-"));
    let tarball = "";
    let files: string[] = [];

    it("holds the manifest, PulumiPolicy.yaml, the compiled JS and the profiles, and nothing else", () => {
        const packDir = builtPackDir();
        const out = execFileSync("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: packDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
        tarball = join(tmp, packed!.filename);
        files = packed!.files.map((f) => f.path).sort();
        const expected = [
            "PulumiPolicy.yaml",
            "package.json",
            ...readdirSync(join(packDir, "config")).map((f) => `config/${f}`),
            ...compiledFiles(join(packDir, "bin")).filter((f) => f.endsWith(".js")).map((f) => `bin/${f}`),
        ].sort();
        expect(files).toEqual(expected);
        expect(files).toContain("bin/index.js");
        expect(files).toContain("bin/lib/core/waiver-text.js");
        expect(files.filter((f) => f.endsWith(".ts") || f.endsWith("tsconfig.json"))).toEqual([]);
    });

    it("installed in an empty folder, boots and answers GetAnalyzerInfo with the pack metadata", async () => {
        expect(tarball, "the npm pack test runs first").not.toBe("");
        const project = join(tmp, "install");
        mkdirSync(project);
        writeFileSync(join(project, "package.json"), JSON.stringify({ private: true }));
        // From the npm cache (npm ci filled it); --offline needs cached registry metadata too, which npm ci does
        // not leave, so --prefer-offline asks the registry only for what the cache lacks.
        let installed = false;
        for (const mode of ["--offline", "--prefer-offline"]) {
            const result = spawnSync("npm", ["install", mode, "--no-audit", "--no-fund", "--no-package-lock", tarball], { cwd: project, encoding: "utf8", timeout: 240_000 });
            if (result.status === 0) {
                installed = true;
                break;
            }
        }
        let packDir = join(project, "node_modules", "aws-key-material-guard-policies");
        if (!installed) {
            // No registry at all: unpack the tarball and reuse this checkout's dependencies (said in the output).
            console.warn("npm install of the pack tarball failed offline; booting the unpacked tarball with the repository's node_modules");
            execFileSync("tar", ["-xzf", tarball, "-C", project]);
            packDir = join(project, "package");
            symlinkSync(join(repoDir, "node_modules"), join(packDir, "node_modules"));
        }
        const engine = await PolicyEngine.boot({ packDir, stack: { project: "p", stack: "dev" } });
        try {
            const info = engine.info;
            expect(info.name).toBe("aws-key-material-guard");
            expect(info.displayName).toBe("AWS Key Material Guard");
            expect(info.provider).toBe("aws");
            expect(info.tags).toEqual(expect.arrayContaining(["aws", "security"]));
            expect(info.readme).toMatch(/^# AWS Key Material Guard\n/);
            expect(info.policies.length).toBe(allPolicies.length + 1);
            const names = info.policies.map((p) => p.displayName);
            expect(names.every((n) => n.length > 0 && n === n.trim())).toBe(true);
            expect(new Set(names).size).toBe(names.length);
            expect(info.policies.find((p) => p.name === "rds-storage-cmk")!.displayName).toBe("RDS storage CMK");
        } finally {
            await engine.close();
        }
    }, 300_000);
});
