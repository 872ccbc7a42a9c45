// A scratch Pulumi environment around one pinned CLI build: its own PULUMI_HOME, a file:// backend, no update
// check, no plugin downloads, the stand-in AWS provider installed with `pulumi plugin install --file`, and the
// launcher through which the engine starts the policy pack. Nothing here touches the network or ~/.pulumi.

import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { readProjectName } from "../harness/capture";
import { PROVIDER_VERSION } from "./plugins/version";
import type { DriverRequest, Operation, OperationResult } from "./protocol";

const run = promisify(execFile);

export const repoRoot = join(__dirname, "..", "..");
export const packDir = join(repoRoot, "policies");
const cliModulesDir = join(__dirname, "cli");

/** The CLI versions the suite verifies: one wrapper module per version under test/engine/cli/. */
export const CLI_VERSIONS: readonly string[] = readdirSync(cliModulesDir)
    .filter((entry) => existsSync(join(cliModulesDir, entry, "go.mod")))
    .sort();

/** Where scripts/engine/build-cli.sh puts a version's build (`<root>/bin/pulumi`). */
export function cliRoot(version: string): string {
    return join(process.env.AKMG_CLI_CACHE ?? join(homedir(), ".cache", "aws-key-material-guard", "pulumi"), version);
}

export function cliPath(version: string): string {
    return join(cliRoot(version), "bin", "pulumi");
}

/** Whether the suite may skip a missing CLI: only outside CI, where building it is the developer's choice. */
export function mustRun(): boolean {
    return process.env.CI === "true" || process.env.CI === "1";
}

const tsxLoader = pathToFileURL(require.resolve("tsx", { paths: [repoRoot] })).href;

function writeExecutable(path: string, text: string): void {
    writeFileSync(path, text);
    chmodSync(path, 0o755);
}

/**
 * How the engine starts a Node.js policy pack, per CLI version, and what the suite installs for it:
 * - "analyzer-plugin": when no `nodejs` language plugin is installed, CLI 3.221 to 3.2xx falls back to an analyzer
 *   plugin named `pulumi-analyzer-policy-nodejs`, run with cwd = the pack directory and the arguments
 *   `<engine address> .` (NewPolicyAnalyzer, sdk/go/common/resource/plugin/analyzer_plugin.go@v3.248.0). The
 *   launcher is the shim Pulumi shipped as `pulumi-analyzer-policy` up to 3.220.
 * - "language-host": the engine asks the `nodejs` language plugin to RunPlugin(kind "analyzer") the pack directory,
 *   the only way left in 3.277 (pkg/resource/plugin/analyzer_plugin.go@v3.277.0). The real host cannot be built
 *   offline, so a stand-in (plugins/language-host.ts) takes its place.
 * Both launchers are installed into the scratch PULUMI_HOME's plugin cache (not PATH, which makes the engine
 * print a "using ... from $PATH" warning on the stack) and log each launch to $AKMG_LAUNCH_LOG.
 */
export type Launcher = "analyzer-plugin" | "language-host";

export const LAUNCHERS: Readonly<Record<string, Launcher>> = {
    "v3.248.0": "analyzer-plugin",
    "v3.277.0": "language-host",
};

interface PluginFile {
    kind: "analyzer" | "language";
    name: string;
    version: string;
    file: string;
}

function launcherPlugins(version: string, dir: string): PluginFile[] {
    const launcher = LAUNCHERS[version];
    if (launcher === undefined) {
        throw new Error(`no launcher chosen for CLI ${version}: add it to LAUNCHERS in test/engine/session.ts`);
    }
    if (launcher === "language-host") {
        const file = join(dir, "plugin-src", "pulumi-language-nodejs");
        writeExecutable(file, `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${join(__dirname, "plugins", "language-host.ts")}" "$@"\n`);
        return [{ kind: "language", name: "nodejs", version: version.slice(1), file }];
    }
    const file = join(dir, "plugin-src", "pulumi-analyzer-policy-nodejs");
    writeExecutable(
        file,
        [
            "#!/bin/sh",
            'printf "%s %s\\n" "$PWD" "$*" >> "$AKMG_LAUNCH_LOG"',
            `exec "${process.execPath}" "$("${process.execPath}" -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")" "$@"`,
            "",
        ].join("\n"),
    );
    return [{ kind: "analyzer", name: "policy-nodejs", version: version.slice(1), file }];
}

export interface CommandResult {
    code: number;
    stdout: string;
    stderr: string;
}

export class EngineSession {
    readonly env: Record<string, string>;
    /** Every launch of the pack by the engine: "<cwd> <argv...>" (analyzer plugin) or "<pack dir> language-host <argv...>". */
    readonly launcherLog: string;
    private stackCount = 0;
    private driverRuns = 0;

    private constructor(
        readonly version: string,
        readonly dir: string,
    ) {
        const bin = join(dir, "bin");
        this.launcherLog = join(dir, "analyzer-launches.log");
        this.env = {
            PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
            HOME: process.env.HOME ?? homedir(),
            TMPDIR: tmpdir(),
            PULUMI_HOME: join(dir, "home"),
            PULUMI_BACKEND_URL: pathToFileURL(join(dir, "state")).href,
            PULUMI_CONFIG_PASSPHRASE: "engine-suite",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            AKMG_LAUNCH_LOG: this.launcherLog,
        };
    }

    /** Creates the scratch directory, the launchers and the provider plugin for one CLI version. */
    static async create(version: string): Promise<EngineSession> {
        const dir = mkdtempSync(join(tmpdir(), `akmg-engine-${version}-`));
        const session = new EngineSession(version, dir);
        for (const sub of ["bin", "home", "state", "plugin-src", "workspaces", "configs"]) {
            mkdirSync(join(dir, sub), { recursive: true });
        }
        // The stand-in provider: a wrapper the engine executes, which starts the TypeScript server under tsx.
        const providerWrapper = join(dir, "plugin-src", "pulumi-resource-aws");
        writeExecutable(
            providerWrapper,
            `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${join(__dirname, "plugins", "aws-provider.ts")}" "$@"\n`,
        );
        for (const plugin of launcherPlugins(version, dir)) {
            if (plugin.kind === "language") {
                // `pulumi plugin install` refuses a bundled language ("the nodejs language plugin is bundled with
                // Pulumi, and cannot be directly installed"), but the engine still looks in the plugin cache
                // (workspace.GetPluginPath), so the stand-in is copied to where the install would put it.
                const target = join(session.env.PULUMI_HOME!, "plugins", `language-${plugin.name}-v${plugin.version}`);
                mkdirSync(target, { recursive: true });
                copyFileSync(plugin.file, join(target, `pulumi-language-${plugin.name}`));
                continue;
            }
            const installed = await session.pulumi(["plugin", "install", plugin.kind, plugin.name, plugin.version, "--file", plugin.file]);
            if (installed.code !== 0) {
                throw new Error(`pulumi plugin install ${plugin.kind} ${plugin.name} failed (${installed.code}):\n${installed.stdout}\n${installed.stderr}`);
            }
        }
        const install = await session.pulumi(["plugin", "install", "resource", "aws", PROVIDER_VERSION, "--file", providerWrapper]);
        if (install.code !== 0) {
            throw new Error(`pulumi plugin install failed (${install.code}):\n${install.stdout}\n${install.stderr}`);
        }
        return session;
    }

    /** Runs the CLI itself (e.g. `policy analyze`), never throwing on a non-zero exit. */
    async pulumi(args: string[], cwd: string = this.dir): Promise<CommandResult> {
        try {
            const { stdout, stderr } = await run(cliPath(this.version), [...args, "--non-interactive"], {
                cwd,
                env: this.env,
                maxBuffer: 64 * 1024 * 1024,
            });
            return { code: 0, stdout, stderr };
        } catch (error) {
            const failed = error as { code?: number; stdout?: string; stderr?: string };
            return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? String(error) };
        }
    }

    /** Writes a `--policy-pack-config` file into the scratch directory and returns its path. */
    writeConfig(name: string, config: unknown): string {
        const path = join(this.dir, "configs", `${name}.json`);
        writeFileSync(path, JSON.stringify(config, null, 2));
        return path;
    }

    /**
     * Runs operations on stack "dev" of stacks/<program>, in one driver process: a new stack in its own workspace
     * directory, or the stack of `workDir` (a directory an earlier call returned). Returns the workspace directory
     * (the CLI's cwd for `pulumi policy analyze`) and the results.
     */
    async stack(program: string, operations: Operation[], existingWorkDir?: string): Promise<{ workDir: string; results: OperationResult[] }> {
        const programDir = join(repoRoot, "stacks", program);
        const workDir = existingWorkDir ?? join(this.dir, "workspaces", `${program}-${++this.stackCount}`);
        mkdirSync(workDir, { recursive: true });
        const request: DriverRequest = {
            pulumiRoot: cliRoot(this.version),
            env: this.env,
            workDir,
            programDir,
            projectName: `${readProjectName(programDir)}`,
            stackName: "dev",
            config: { "aws:region": "us-east-1" },
            operations,
        };
        const requestFile = join(this.dir, `driver-request-${++this.driverRuns}.json`);
        const resultFile = join(this.dir, `driver-result-${this.driverRuns}.json`);
        writeFileSync(requestFile, JSON.stringify(request));
        try {
            await run(process.execPath, ["--import", tsxLoader, join(__dirname, "driver.ts"), requestFile, resultFile], {
                cwd: repoRoot,
                env: { ...this.env, NODE_OPTIONS: "" },
                maxBuffer: 64 * 1024 * 1024,
            });
        } catch (error) {
            const failed = error as { stdout?: string; stderr?: string };
            throw new Error(`engine driver failed: ${failed.stderr ?? String(error)}\n${failed.stdout ?? ""}`);
        }
        return { workDir, results: JSON.parse(readFileSync(resultFile, "utf8")) as OperationResult[] };
    }

    launches(): string[] {
        return existsSync(this.launcherLog) ? readFileSync(this.launcherLog, "utf8").split("\n").filter(Boolean) : [];
    }

    dispose(): void {
        if (!process.env.AKMG_KEEP_ENGINE_SCRATCH) {
            rmSync(this.dir, { recursive: true, force: true });
        }
    }
}
