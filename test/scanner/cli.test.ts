// The command-line scanner end to end: the compiled CLI, the real pack, every format, exit status and bad input.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile, mergeConfigs, UsageError } from "../../scanner/scan";
import { fixturesDir, runCli, type CliRun } from "./built-cli";

const CANARY = "CANARY-s3cr3t-wallet-seed-7f3a";
const fixture = (name: string) => join("test", "scanner", "fixtures", name);
const ALL = ["export-v3.json", "export-v4-show-secrets.json", "checkpoint.json", "preview-digest.json"].map(fixture);
const tmp = mkdtempSync(join(tmpdir(), "akmg-scan-"));

interface JsonReport {
    summary: { inputs: number; resources: number; mandatory: number; advisory: number; blocked: boolean };
    inputs: { file: string; format: string; version: number | null; project: string; stack: string; resources: number; skipped: number; warnings: string[] }[];
    findings: { file: string; policy: string; level: string; severity: string | null; resource: { urn: string; name: string; type: string | null }; message: string }[];
}

function keys(report: JsonReport, file: string): string[] {
    return report.findings.filter((f) => f.file === file).map((f) => `${f.level} ${f.policy} ${f.resource.name}`);
}

function expectOneLineError(run: CliRun, pattern: RegExp): void {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(pattern);
    // Never a stack trace.
    expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe("aws-key-material-guard scan", () => {
    const runs = {} as Record<"json" | "sarif" | "junit" | "table" | "clean" | "advisory" | "noFail" | "badLevel", CliRun>;
    const files = { json: join(tmp, "all.json"), sarif: join(tmp, "all.sarif") };
    let report: JsonReport;

    beforeAll(async () => {
        const advisoryConfig = join(tmp, "all-advisory.json");
        writeFileSync(advisoryConfig, JSON.stringify({ all: "advisory" }));
        const badLevel = join(tmp, "bad-level.json");
        writeFileSync(badLevel, JSON.stringify({ "rds-storage-cmk": "strict" }));
        [runs.json, runs.sarif, runs.junit, runs.table, runs.clean, runs.advisory, runs.noFail, runs.badLevel] = await Promise.all([
            runCli(["scan", ...ALL, "--format", "json", "--output", files.json]),
            runCli(["scan", ...ALL, "--format", "sarif", "--output", files.sarif]),
            runCli(["scan", ...ALL, "--format", "junit"]),
            runCli(["scan", ...ALL, "--progress"]),
            runCli(["scan", fixture("clean.json")]),
            runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", advisoryConfig, "--format", "json"]),
            runCli(["scan", fixture("export-v3.json"), "--no-fail", "--format", "json"]),
            runCli(["scan", fixture("clean.json"), "--policy-pack-config", badLevel]),
        ]);
        report = JSON.parse(readFileSync(files.json, "utf8")) as JsonReport;
    });

    describe("inputs", () => {
        it("detects each format and version", () => {
            expect(report.inputs.map((i) => [i.format, i.version, i.project, i.stack])).toEqual([
                ["stack-export", 3, "fixture", "dev"],
                ["stack-export", 4, "fixture", "dev"],
                ["checkpoint", 3, "fixture", "prod"],
                ["preview-digest", null, "fixture", "dev"],
            ]);
        });

        it("stack export v3: skips deleted resources, redacts ciphertext, collapses references", () => {
            const findings = keys(report, ALL[0]!);
            expect(findings).toContain("mandatory rds-instance-storage-encrypted plain-db");
            // One cause, one blocking finding: the unencrypted plain-db has no second finding about its key.
            expect(findings).not.toContain("mandatory rds-storage-cmk plain-db");
            // kmsKeyId of cmk-db is a resource reference to a customer-managed key: collapsed to its ARN.
            expect(findings).not.toContain("mandatory rds-storage-cmk cmk-db");
            // old-db is marked delete: true.
            expect(findings.filter((f) => f.endsWith(" old-db"))).toEqual([]);
            expect(report.inputs[0]!.skipped).toBe(1);
            expect(report.inputs[0]!.warnings.join("\n")).toMatch(/encrypted; they were analyzed as "\[secret\]"/);
        });

        it("stack export v4 --show-secrets: policies see the decoded plaintext", () => {
            const findings = keys(report, ALL[1]!);
            // The secret user data holds a literal password: only visible after decoding the plaintext.
            expect(findings).toContain("mandatory ec2-no-secrets-in-user-data signer-host");
            expect(findings).toContain("mandatory secretsmanager-no-plaintext-secret-in-state seed-value");
        });

        it("checkpoint: scans checkpoint.latest", () => {
            expect(keys(report, ALL[2]!)).toContain("mandatory rds-instance-not-public public-db");
        });

        it("preview digest: unknowns decide nothing they cannot decide", () => {
            const findings = report.findings.filter((f) => f.file === ALL[3]);
            const names = findings.map((f) => `${f.level} ${f.policy} ${f.resource.name}`);
            expect(names).toContain("mandatory rds-instance-storage-encrypted new-db");
            // kmsKeyId is unknown: a key is being supplied, so it counts as customer-managed.
            expect(names).not.toContain("mandatory rds-storage-cmk new-db");
            // The rule's source is unknown: undecided, reported as advisory in the policy's own words.
            const undecided = findings.find((f) => f.policy === "sg-no-public-db-port-ingress" && f.resource.name === "db-ingress");
            expect(undecided).toMatchObject({ level: "advisory" });
            expect(undecided!.message).toMatch(/^Cannot verify yet: /);
            expect(names.filter((n) => n.endsWith(" gone-db"))).toEqual([]);
            expect(report.inputs[3]!.warnings.join("\n")).toMatch(/--show-sames/);
        });
    });

    describe("exit status", () => {
        it("is 1 with mandatory findings", () => {
            for (const run of [runs.json, runs.sarif, runs.junit, runs.table]) {
                expect(run.code).toBe(1);
            }
            expect(report.summary).toMatchObject({ inputs: 4, blocked: true });
        });

        it("is 0 for a clean stack", () => {
            expect(runs.clean.code).toBe(0);
            expect(runs.clean.stdout).toMatch(/no findings/);
            expect(runs.clean.stdout).toMatch(/0 mandatory, 0 advisory finding\(s\)/);
        });

        it("is 0 when every finding is advisory (--policy-pack-config)", () => {
            expect(runs.advisory.code).toBe(0);
            const advisory = JSON.parse(runs.advisory.stdout) as JsonReport;
            expect(advisory.summary.mandatory).toBe(0);
            expect(advisory.summary.advisory).toBeGreaterThan(0);
        });

        it("is 0 with --no-fail, which still reports the mandatory findings", () => {
            expect(runs.noFail.code).toBe(0);
            expect((JSON.parse(runs.noFail.stdout) as JsonReport).summary.mandatory).toBeGreaterThan(0);
        });

        it("is 2 for a config the engine would refuse", () => {
            expectOneLineError(runs.badLevel, /"strict" is not a valid enforcement level/);
        });
    });

    describe("formats", () => {
        it("table: one row per finding, no colour when stdout is not a terminal, progress on stderr", () => {
            expect(runs.table.stdout).toMatch(/^test\/scanner\/fixtures\/export-v3\.json \(stack export v3, project fixture, stack dev, 5 resources, 1 skipped\)$/m);
            expect(runs.table.stdout).toMatch(/^ {2}MANDATORY +critical +rds-instance-storage-encrypted +plain-db \(aws:rds\/instance:Instance\)$/m);
            expect(runs.table.stdout).not.toContain("\u001b[");
            expect(runs.table.stderr).toMatch(/scanning test\/scanner\/fixtures\/checkpoint\.json: 3\/3 resources/);
            // Every phase: reading the file, the resources, the whole stack (AnalyzeStack), in that order.
            const stderr = runs.table.stderr;
            const phases = [
                /reading test\/scanner\/fixtures\/checkpoint\.json \(\d+ kB\)/,
                /scanning test\/scanner\/fixtures\/checkpoint\.json: 3\/3 resources/,
                /scanning test\/scanner\/fixtures\/checkpoint\.json: the whole stack \(3 resources\)/,
                /scanning test\/scanner\/fixtures\/checkpoint\.json: the whole stack analyzed in \d+\.\d s/,
            ].map((pattern) => stderr.search(pattern));
            expect(phases.every((index) => index >= 0)).toBe(true);
            expect([...phases].sort((a, b) => a - b)).toEqual(phases);
            expect(runs.table.stdout.trimEnd().split("\n").pop()).toMatch(
                new RegExp(`^${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory finding\\(s\\) in 4 input\\(s\\)`),
            );
        });

        it("json: every finding names the file, policy, level, severity and resource", () => {
            expect(runs.json.stderr).toMatch(/wrote json report to/);
            // Without --progress, and stderr not a terminal: no progress at all.
            expect(runs.json.stderr).not.toMatch(/^(reading|scanning) /m);
            expect(report.findings.length).toBe(report.summary.mandatory + report.summary.advisory);
            for (const finding of report.findings) {
                expect(finding.resource.urn).toMatch(/^urn:pulumi:/);
                expect(["mandatory", "advisory"]).toContain(finding.level);
                expect(finding.message.length).toBeGreaterThan(0);
            }
        });

        it("sarif: valid against the SARIF 2.1.0 schema, with rules from the pack's metadata", () => {
            const schema = JSON.parse(
                readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
            ) as Record<string, unknown>;
            const ajv = new Ajv({ schemaId: "auto", allErrors: true, format: "full" });
            ajv.addMetaSchema(JSON.parse(readFileSync(require.resolve("ajv/lib/refs/json-schema-draft-04.json"), "utf8")) as object);
            const sarif = JSON.parse(readFileSync(files.sarif, "utf8")) as {
                version: string;
                runs: {
                    tool: { driver: { name: string; rules: { id: string; help: { text: string }; properties: Record<string, unknown>; helpUri?: string }[] } };
                    results: {
                        ruleId: string;
                        ruleIndex: number;
                        level: string;
                        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
                    }[];
                }[];
            };
            const valid = ajv.validate(schema, sarif);
            expect(ajv.errorsText(ajv.errors, { separator: "\n" }), "schema errors").toBe("No errors");
            expect(valid).toBe(true);

            const run = sarif.runs[0]!;
            const rules = run.tool.driver.rules;
            expect(run.tool.driver.name).toBe("aws-key-material-guard");
            const rule = rules.find((r) => r.id === "rds-instance-storage-encrypted")!;
            expect(rule.help.text).toMatch(/^1\./);
            expect(rule.properties).toMatchObject({ "security-severity": "9.5", enforcementLevel: "mandatory" });
            expect(rule.properties.tags).toContain("security");

            expect(run.results.length).toBe(report.findings.length);
            const storage = run.results.find((r) => r.ruleId === "rds-instance-storage-encrypted" && r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith("export-v3.json"))!;
            expect(storage.level).toBe("error");
            expect(rules[storage.ruleIndex]!.id).toBe(storage.ruleId);
            expect(storage.locations[0]!.physicalLocation.artifactLocation.uri).toBe("test/scanner/fixtures/export-v3.json");
            const urn = storage.locations[0]!.logicalLocations[0]!.fullyQualifiedName;
            expect(urn).toBe("urn:pulumi:dev::fixture::aws:rds/instance:Instance::plain-db");
            // The region points at the resource's URN in the file.
            const line = readFileSync(join(fixturesDir, "export-v3.json"), "utf8").split("\n")[storage.locations[0]!.physicalLocation.region.startLine - 1];
            expect(line).toContain(`"urn": "${urn}"`);
            expect(run.results.some((r) => r.level === "warning")).toBe(true);
        });

        it("junit: a suite per input, a failing case per policy with mandatory findings", () => {
            const xml = runs.junit.stdout;
            expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
            expect(xml.match(/<testsuite /g)).toHaveLength(4);
            expect(xml).toMatch(/<testcase classname="aws-key-material-guard\.test\/scanner\/fixtures\/export-v3\.json" name="rds-instance-storage-encrypted" time="0">\s*<failure type="mandatory"/);
            expect(xml).toMatch(/<testcase [^>]*name="rds-instance-not-public" time="0" \/>/);
            const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)![1]);
            expect(failures).toBeGreaterThan(0);
            expect(xml.match(/<failure /g)).toHaveLength(failures);
            expect(xml).toMatch(/<\/testsuites>\n$/);
        });
    });

    it("never prints a secret's value, in any format or stream", () => {
        const outputs = [
            ...Object.values(runs).flatMap((run) => [run.stdout, run.stderr]),
            readFileSync(files.json, "utf8"),
            readFileSync(files.sarif, "utf8"),
        ];
        for (const output of outputs) {
            expect(output).not.toContain(CANARY);
        }
    });
});

describe("usage and input errors exit 2 with one line on stderr", () => {
    const dir = mkdtempSync(join(tmpdir(), "akmg-bad-"));
    const write = (name: string, text: string) => {
        const file = join(dir, name);
        writeFileSync(file, text);
        return file;
    };
    const export3 = readFileSync(join(fixturesDir, "export-v3.json"), "utf8");
    const cases: [string, () => string[], RegExp][] = [
        ["missing file", () => ["scan", join(dir, "nope.json")], /nope\.json: no such file$/],
        ["not JSON", () => ["scan", write("text.json", "hello")], /text\.json: not valid JSON$/],
        ["truncated", () => ["scan", write("cut.json", export3.slice(0, 1500))], /cut\.json: not valid JSON \(the file looks truncated\)/],
        ["wrong schema", () => ["scan", write("schema.json", '{"version": 3, "deployment": {"resources": [{"urn": 5}]}}')], /must be a Pulumi URN/],
        ["empty deployment", () => ["scan", write("empty.json", '{"version": 3, "deployment": {"manifest": {}}}')], /no resources to scan/],
        ["unknown version", () => ["scan", write("v9.json", '{"version": 9, "deployment": {"resources": []}}')], /deployment version 9 is not supported/],
        ["unknown format", () => ["scan", write("other.json", '{"Resources": {}}')], /unrecognized input format/],
        ["a directory", () => ["scan", dir], /is a directory/],
        ["a device that never ends", () => ["scan", "/dev/zero"], /\/dev\/zero: is not a regular file/],
        [
            "a FIFO (never opened, so the scan cannot block on it)",
            () => {
                const fifo = join(dir, "fifo.json");
                execFileSync("mkfifo", [fifo]);
                return ["scan", fifo];
            },
            /fifo\.json: is not a regular file/,
        ],
        [
            "a number no protobuf Struct can carry, named before the pack starts",
            () => ["scan", write("inf.json", export3.replace(/"allocatedStorage":\s*\d+/, '"allocatedStorage": 1e999'))],
            /inf\.json: .*property allocatedStorage holds a number too large to represent/,
        ],
        ["no command", () => [], /no command given/],
        ["unknown command", () => ["lint", "x.json"], /unknown command "lint"/],
        ["no input", () => ["scan"], /no input file given/],
        ["unknown option", () => ["scan", "--colour", "x.json"], /Unknown option '--colour'/],
        ["bad format", () => ["scan", "--format", "xml", fixture("clean.json")], /--format must be one of table, json, sarif, junit/],
        ["missing profile", () => ["scan", "--profile", "no-such-profile", fixture("clean.json")], /--profile no-such-profile: no such profile/],
        ["profile path", () => ["scan", "--profile", "../package", fixture("clean.json")], /a profile name is a file name/],
        ["missing config file", () => ["scan", "--policy-pack-config", join(dir, "none.json"), fixture("clean.json")], /--policy-pack-config .*none\.json: no such file/],
        ["config not JSON", () => ["scan", "--policy-pack-config", write("cfg.json", "{"), fixture("clean.json")], /--policy-pack-config .*cfg\.json: not valid JSON/],
        [
            "config naming a policy the pack does not have (a typo must not silently disable nothing)",
            () => ["scan", "--policy-pack-config", write("typo.json", '{"rds-deletion-protecton": "disabled"}'), fixture("clean.json")],
            /"rds-deletion-protecton", which is not a policy of aws-key-material-guard/,
        ],
    ];
    it.each(cases)("%s", async (_name, args, pattern) => {
        expectOneLineError(await runCli(args()), pattern);
    });

    it("prints the help on -h and exits 0", async () => {
        const run = await runCli(["--help"]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Usage: aws-key-material-guard scan/);
    });
});

describe("profiles", () => {
    it("loads policies/config/NAME.json and lets --policy-pack-config win", () => {
        const root = mkdtempSync(join(tmpdir(), "akmg-profile-"));
        mkdirSync(join(root, "policies", "config"), { recursive: true });
        writeFileSync(join(root, "policies", "config", "strict.json"), JSON.stringify({ all: "mandatory", "kms-key-rotation": { enforcementLevel: "advisory", x: 1 } }));
        const profile = loadProfile("strict", root);
        expect(profile).toEqual({ all: "mandatory", "kms-key-rotation": { enforcementLevel: "advisory", x: 1 } });
        expect(mergeConfigs(profile, { "kms-key-rotation": "disabled", "rds-storage-cmk": "advisory" })).toEqual({
            all: "mandatory",
            "kms-key-rotation": { enforcementLevel: "disabled", x: 1 },
            "rds-storage-cmk": "advisory",
        });
        expect(() => loadProfile("lenient", root)).toThrow(UsageError);
        expect(() => loadProfile("lenient", root)).toThrow(/available: strict/);
    });
});
