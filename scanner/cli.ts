#!/usr/bin/env node
// aws-key-material-guard scan FILE... : run the pack over stack exports, DIY checkpoints and preview digests.
//
// Exit status: 0 no mandatory finding (advisory findings allowed, or --no-fail), 1 mandatory findings,
// 2 usage or input errors (one line on stderr, never a stack trace).

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { UserPolicyConfig } from "./engine/config";
import { FORMAT_NAMES, InputError, loadInput, type LoadedInput } from "./inputs";
import { FORMATS, formatReport, type OutputFormat, type ToolInfo } from "./reports";
import { BaselineError, failingFindings, loadBaseline, SEVERITIES, type FailOn } from "./baseline";
import { loadPackModel, stackExposure, type StackExposure } from "./exposure";
import { defaultPackDir, loadPolicyPackConfig, loadProfile, mergeConfigs, repoRoot, scan, SETTINGS_POLICY, UsageError } from "./scan";

export const EXIT_CLEAN = 0;
export const EXIT_MANDATORY = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: aws-key-material-guard scan [options] FILE...

Runs the aws-key-material-guard policy pack over existing stacks, exactly as \`pulumi preview --policy-pack\`
would, and reports the findings. FILE is any of (auto-detected):
  - a \`pulumi stack export [--show-secrets]\` file (deployment versions 3 and 4)
  - a DIY backend checkpoint (.pulumi/stacks/<project>/<stack>.json)
  - a \`pulumi preview --json [--show-sames]\` digest

Options:
  --format FORMAT              table (default), json, sarif, junit or html (a self-contained page: the paths
                               that expose each key-material store, drawn as graphs, with the findings)
  --output FILE                write the report to FILE instead of stdout; several reports in one run:
                               --format sarif --output a.sarif --format junit --output b.xml (each --output
                               belongs to the --format before it; one --format without --output goes to stdout)
  --fail-on SEVERITY           exit 1 only for mandatory findings of SEVERITY or higher: critical, high, medium
                               or low (default: any mandatory finding); all findings are still reported
  --baseline FILE              a previous --format json report: its findings are reported as existing and do not
                               fail the run; only new ones do
  --source-root DIR            where the Pulumi project (Pulumi.yaml) is, relative to the current directory
                               (default .): program locations from the state are resolved from it
  --policy-pack-config FILE    policy levels and settings, the same JSON as \`pulumi --policy-pack-config\`
  --profile NAME               start from the pack's profile policies/config/NAME.json (the config file wins)
  --no-fail                    exit 0 even when there are mandatory findings (report only)
  --progress                   show progress on stderr (default: only on a terminal, for large inputs)
  --no-color                   no colours in the table (also NO_COLOR=1); colours only on a terminal
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 no mandatory finding that fails the run (see --fail-on, --baseline), 1 mandatory findings,
2 usage or input error (including a policy pack config that the pack cannot honour as written: an unknown
policy, property or framework id, a blanket waiver). A closed output (\`... | head\`) ends the scan quietly
with the same status.
`;

interface ReportRequest {
    format: OutputFormat;
    /** undefined: stdout. */
    output?: string;
}

type ArgToken = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

/**
 * The reports asked for: each --output belongs to the --format before it. A single --format and --output pair in
 * any order; no --format is a table.
 */
export function reportRequests(tokens: readonly ArgToken[]): ReportRequest[] {
    const options = tokens.filter((t): t is Extract<ArgToken, { kind: "option" }> => t.kind === "option" && (t.name === "format" || t.name === "output"));
    const check = (value: string | undefined): OutputFormat => {
        if (!FORMATS.includes(value as OutputFormat)) {
            throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
        }
        return value as OutputFormat;
    };
    const formats = options.filter((t) => t.name === "format");
    const outputs = options.filter((t) => t.name === "output");
    if (formats.length <= 1 && outputs.length <= 1) {
        return [{ format: formats[0] ? check(formats[0].value) : "table", output: outputs[0]?.value }];
    }
    const requests: ReportRequest[] = [];
    for (const token of options) {
        if (token.name === "format") {
            requests.push({ format: check(token.value) });
        } else {
            const last = requests[requests.length - 1];
            if (!last || last.output !== undefined) {
                throw new UsageError(`--output ${token.value ?? ""} has no --format before it (with several reports, give --format FORMAT --output FILE pairs)`);
            }
            last.output = token.value;
        }
    }
    if (requests.filter((r) => r.output === undefined).length > 1) {
        throw new UsageError("only one report can go to stdout: give each --format but one an --output FILE");
    }
    const files = requests.flatMap((r) => (r.output === undefined ? [] : [r.output]));
    if (new Set(files).size !== files.length) {
        throw new UsageError("two reports are written to the same --output file");
    }
    return requests;
}

function failOnOption(value: string | undefined): FailOn | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (!SEVERITIES.includes(value as FailOn)) {
        throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}`);
    }
    return value as FailOn;
}

interface Io {
    stdout: { write(text: string): unknown; isTTY?: boolean };
    stderr: { write(text: string): unknown; isTTY?: boolean };
    env: NodeJS.ProcessEnv;
    cwd: string;
}

function toolInfo(): ToolInfo {
    try {
        const manifest = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { name?: string; version?: string; homepage?: string };
        return { name: manifest.name ?? "aws-key-material-guard", version: manifest.version ?? "0.0.0", informationUri: manifest.homepage };
    } catch {
        return { name: "aws-key-material-guard", version: "0.0.0" };
    }
}

/** A one-line error for anything thrown (never a stack trace). */
function oneLine(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/\s*\n\s*/g, "; ");
}

/** A file this large takes a noticeable time to read (about a second per 60 MB): shown on a terminal. */
const LARGE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Progress on stderr: reading a large file, the resources analyzed (an updating line on a terminal, a line per 10%
 * otherwise), then the whole-stack analysis (AnalyzeStack), which takes seconds on a large stack.
 */
function progressReporter(io: Io, forced: boolean) {
    const tty = io.stderr.isTTY === true;
    let lastTenth = -1;
    let lastDraw = 0;
    let stackStarted = 0;
    return {
        enabledFor(input: LoadedInput): boolean {
            return forced || (tty && input.deployment.resources.length >= 200);
        },
        reading(file: string) {
            let bytes: number;
            try {
                bytes = statSync(file).size;
            } catch {
                // loadInput reports what is wrong with the file.
                return;
            }
            if (forced || (tty && bytes >= LARGE_FILE_BYTES)) {
                io.stderr.write(`reading ${file} (${bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`})\n`);
            }
        },
        stack(input: LoadedInput, state: "started" | "finished") {
            if (!this.enabledFor(input)) {
                return;
            }
            const total = input.deployment.resources.length;
            if (state === "started") {
                stackStarted = Date.now();
                io.stderr.write(`scanning ${input.file}: the whole stack (${total} resources)${tty ? "..." : "\n"}`);
            } else {
                const seconds = ((Date.now() - stackStarted) / 1000).toFixed(1);
                io.stderr.write(tty ? ` done in ${seconds} s\n` : `scanning ${input.file}: the whole stack analyzed in ${seconds} s\n`);
            }
        },
        update(input: LoadedInput, done: number, total: number) {
            if (!this.enabledFor(input)) {
                return;
            }
            if (tty) {
                const now = Date.now();
                if (done === total || now - lastDraw > 100) {
                    lastDraw = now;
                    io.stderr.write(`\r\u001b[2Kscanning ${input.file}: ${done}/${total} resources`);
                    if (done === total) {
                        io.stderr.write("\n");
                    }
                }
                return;
            }
            const tenth = Math.floor((done / total) * 10);
            if (tenth !== lastTenth || done === total) {
                lastTenth = done === total ? -1 : tenth;
                io.stderr.write(`scanning ${input.file}: ${done}/${total} resources\n`);
            }
        },
    };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            tokens: true,
            options: {
                format: { type: "string", short: "f", multiple: true },
                output: { type: "string", short: "o", multiple: true },
                "fail-on": { type: "string" },
                baseline: { type: "string" },
                "source-root": { type: "string" },
                "policy-pack-config": { type: "string" },
                profile: { type: "string" },
                "no-fail": { type: "boolean" },
                progress: { type: "boolean" },
                "no-color": { type: "boolean" },
                help: { type: "boolean", short: "h" },
                version: { type: "boolean", short: "v" },
            },
        });
    } catch (error) {
        io.stderr.write(`error: ${oneLine(error)}\n${USAGE}`);
        return EXIT_ERROR;
    }
    const { values, positionals, tokens } = parsed;
    if (values.help) {
        io.stdout.write(USAGE);
        return EXIT_CLEAN;
    }
    if (values.version) {
        io.stdout.write(`${toolInfo().version}\n`);
        return EXIT_CLEAN;
    }
    const [command, ...files] = positionals;
    if (command !== "scan") {
        io.stderr.write(`error: ${command === undefined ? "no command given" : `unknown command ${JSON.stringify(command)}`}\n${USAGE}`);
        return EXIT_ERROR;
    }
    if (files.length === 0) {
        io.stderr.write(`error: no input file given\n${USAGE}`);
        return EXIT_ERROR;
    }
    let reports: ReportRequest[];
    let failOn: FailOn | undefined;
    try {
        reports = reportRequests(tokens);
        failOn = failOnOption(values["fail-on"]);
    } catch (error) {
        io.stderr.write(`error: ${oneLine(error)}\n`);
        return EXIT_ERROR;
    }

    try {
        let config: UserPolicyConfig | undefined;
        if (values.profile !== undefined) {
            config = loadProfile(values.profile);
        }
        if (values["policy-pack-config"] !== undefined) {
            config = mergeConfigs(config, loadPolicyPackConfig(values["policy-pack-config"]));
        }
        const packDir = defaultPackDir();
        // Only SARIF points into the scanned file (the line of each resource); otherwise its text is not kept.
        const keepText = reports.some((r) => r.format === "sarif");
        const progress = progressReporter(io, values.progress === true);
        const inputs = files.map((file) => {
            progress.reading(file);
            return loadInput(file, undefined, { keepText });
        });
        for (const input of inputs) {
            for (const warning of input.warnings) {
                io.stderr.write(`warning: ${input.file}: ${warning}\n`);
            }
        }
        const baseline = values.baseline !== undefined ? loadBaseline(values.baseline) : undefined;
        const result = await scan(inputs, {
            packDir,
            config,
            onProgress: (input, done, total) => progress.update(input, done, total),
            onStackProgress: (input, state) => progress.stack(input, state),
        });
        const failing = failingFindings(result.findings, { failOn, baseline });
        let exposures: StackExposure[] | undefined;
        if (reports.some((r) => r.format === "html")) {
            const model = loadPackModel(packDir);
            exposures = inputs.map((input) => stackExposure(model, input, result.config, result.findings));
        }
        for (const { format, output } of reports) {
            const color = format === "table" && output === undefined && io.stdout.isTTY === true && !values["no-color"] && !io.env.NO_COLOR;
            const report = formatReport(format, result, {
                tool: toolInfo(),
                cwd: io.cwd,
                texts: new Map(inputs.map((input) => [input.file, input.text ?? ""])),
                color,
                sourceRoot: values["source-root"] ?? ".",
                failing,
                exposures,
            });
            if (output !== undefined) {
                try {
                    writeFileSync(output, report);
                } catch (error) {
                    throw new UsageError(`--output ${output}: cannot be written (${(error as NodeJS.ErrnoException).code ?? oneLine(error)})`);
                }
                io.stderr.write(
                    `wrote ${format} report to ${output}: ${result.mandatory} mandatory, ${result.advisory} advisory finding(s) in ${inputs
                        .map((i) => `${i.file} (${FORMAT_NAMES[i.format]})`)
                        .join(", ")}\n`,
                );
            } else {
                io.stdout.write(report);
            }
        }
        const configProblems = result.findings.filter((f) => f.policy === SETTINGS_POLICY);
        if (configProblems.length > 0) {
            // A configuration the pack cannot honour as written is a usage error, even with --no-fail: the run
            // did not check what the file asked for.
            for (const problem of configProblems) {
                io.stderr.write(`error: policy pack config: ${oneLine(problem.message)}\n`);
            }
            return EXIT_ERROR;
        }
        if (failing.size > 0 && !values["no-fail"]) {
            return EXIT_MANDATORY;
        }
        return EXIT_CLEAN;
    } catch (error) {
        if (error instanceof InputError || error instanceof UsageError || error instanceof BaselineError) {
            io.stderr.write(`error: ${oneLine(error)}\n`);
        } else {
            io.stderr.write(`error: the scan failed: ${oneLine(error)}\n`);
        }
        return EXIT_ERROR;
    }
}

/**
 * A reader that stops early (`scan ... | head`) closes the pipe: the pending writes fail with EPIPE. That is not
 * an error of the scan: it ends quietly, with the exit status the scan has (or will have).
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
    stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
            return;
        }
        process.exitCode = EXIT_ERROR;
    });
}

if (require.main === module) {
    quietOnClosedPipe(process.stdout);
    quietOnClosedPipe(process.stderr);
    main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`error: ${oneLine(error)}\n`);
            process.exitCode = EXIT_ERROR;
        },
    );
}
