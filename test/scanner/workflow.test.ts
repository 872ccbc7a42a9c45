// The scanner in a security team's workflow (issue 18): program locations, waived findings as suppressions,
// --fail-on, --baseline, several reports in one run, a closed pipe, and what a report may quote.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { findingProperty, fingerprint, matchBaseline, reachesThreshold } from "../../scanner/baseline";
import { parseSourcePosition, programPath } from "../../scanner/locations";
import { redactQuotedSecrets } from "../../scanner/redact";
import { parseWaived, waivedText } from "../../policies/lib/core/waiver-text";
import { builtCli, repoDir, runCli, type CliRun } from "./built-cli";

const tmp = mkdtempSync(join(tmpdir(), "akmg-workflow-"));
const fixture = (name: string) => join("test", "scanner", "fixtures", name);
const EXPOSED = join("stacks", "exports", "exposed-wallet-db.json");
const CANARY = "CANARY-q9z-ingress-note";
const SECRET_CIDR = "52.94.76.0/22";

interface JsonFinding {
    policy: string;
    level: string;
    severity: string;
    resource: { urn: string; name: string; source: string | null };
    message: string;
    fingerprint: string;
    waived: { expires: string; reason: string } | null;
    baseline: string | null;
    failsRun: boolean;
}
interface JsonReport {
    summary: { mandatory: number; advisory: number; waived: number; failing: number; blocked: boolean };
    findings: JsonFinding[];
}
interface SarifResult {
    ruleId: string;
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn?: number } } }[];
    relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    partialFingerprints: Record<string, string>;
    suppressions?: { kind: string; justification: string }[];
    baselineState?: string;
    message: { text: string };
}
interface Sarif {
    runs: { results: SarifResult[] }[];
}

const read = (file: string) => readFileSync(file, "utf8");
const json = (text: string) => JSON.parse(text) as JsonReport;

function validateSarif(document: unknown): string {
    const schema = JSON.parse(read(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"))) as Record<string, unknown>;
    const ajv = new Ajv({ schemaId: "auto", allErrors: true, format: "full" });
    ajv.addMetaSchema(JSON.parse(read(require.resolve("ajv/lib/refs/json-schema-draft-04.json"))) as object);
    ajv.validate(schema, document);
    return ajv.errorsText(ajv.errors, { separator: "\n" });
}

const WAIVER_REASON = "restored nightly from a (CMK-encrypted) snapshot: SEC-42";
const files = {
    waivers: join(tmp, "waivers.json"),
    lowered: join(tmp, "lowered.json"),
    exposedSarif: join(tmp, "exposed.sarif"),
    multiSarif: join(tmp, "multi.sarif"),
    multiJunit: join(tmp, "multi.xml"),
    baseline: join(tmp, "baseline.json"),
    canary: { json: join(tmp, "canary.json"), sarif: join(tmp, "canary.sarif"), junit: join(tmp, "canary.xml") },
};

describe("scanner workflow", () => {
    const runs = {} as Record<"exposed" | "waived" | "multi" | "canaryTable" | "canaryFiles" | "failOnCritical" | "failOnHigh" | "baseline", CliRun>;

    beforeAll(async () => {
        writeFileSync(
            files.waivers,
            JSON.stringify({ "pack-settings": { waivers: [{ policy: "rds-instance-storage-encrypted", resource: "plain-db", reason: WAIVER_REASON, expires: "2999-12-31" }] } }),
        );
        // Only high and lower mandatory findings remain in export-v3.json with these two critical policies advisory.
        writeFileSync(files.lowered, JSON.stringify({ "db-sg-no-public-source": "advisory", "rds-instance-storage-encrypted": "advisory" }));
        [runs.exposed, runs.waived, runs.multi, runs.canaryTable, runs.canaryFiles, runs.failOnCritical, runs.failOnHigh] = await Promise.all([
            runCli(["scan", EXPOSED, "--source-root", "stacks/exposed-wallet-db", "--format", "json", "--format", "sarif", "--output", files.exposedSarif]),
            runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.waivers, "--format", "json"]),
            runCli(["scan", fixture("export-v3.json"), "--format", "sarif", "--output", files.multiSarif, "--format", "junit", "--output", files.multiJunit, "--format", "json"]),
            runCli(["scan", fixture("secret-ingress.json")]),
            runCli(["scan", fixture("secret-ingress.json"), "-f", "json", "-o", files.canary.json, "-f", "sarif", "-o", files.canary.sarif, "-f", "junit", "-o", files.canary.junit]),
            runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.lowered, "--fail-on", "critical", "--format", "json"]),
            runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.lowered, "--fail-on", "high", "--format", "json"]),
        ]);
        writeFileSync(files.baseline, runs.multi.stdout);
        runs.baseline = await runCli(["scan", fixture("export-v3.json"), fixture("checkpoint.json"), "--baseline", files.baseline, "--format", "json"]);
    });

    describe("program locations", () => {
        it("reads project:/// positions and resolves them from --source-root", () => {
            expect(parseSourcePosition("project:///infra/db.ts#42,5")).toEqual({ path: "infra/db.ts", line: 42, column: 5 });
            expect(parseSourcePosition("project:///index.ts#7")).toEqual({ path: "index.ts", line: 7 });
            // Outside the project, or malformed: no program location (the export stays the location).
            expect(parseSourcePosition("file:///home/ci/node_modules/x.js#1,1")).toBeUndefined();
            expect(parseSourcePosition("project:///../etc/passwd#1,1")).toBeUndefined();
            expect(parseSourcePosition("project:///index.ts#0,1")).toBeUndefined();
            expect(programPath({ path: "infra/db.ts", line: 1 }, "deploy", "/repo")).toBe("deploy/infra/db.ts");
            expect(programPath({ path: "db.ts", line: 1 }, "../elsewhere", "/repo")).toBeUndefined();
        });

        it("SARIF points at the program line that registered the resource, with the export as a related location", () => {
            expect(runs.exposed.code).toBe(1);
            const sarif = JSON.parse(read(files.exposedSarif)) as Sarif;
            expect(validateSarif(sarif)).toBe("No errors");
            const program = read(join(repoDir, "stacks", "exposed-wallet-db", "index.ts")).split("\n");
            const exported = read(join(repoDir, EXPOSED)).split("\n");
            const results = sarif.runs[0]!.results;
            expect(results.length).toBeGreaterThan(50);
            for (const result of results) {
                const [location] = result.locations;
                const name = result.message.text.split(":")[0]!;
                expect(location!.physicalLocation.artifactLocation).toEqual({ uri: "stacks/exposed-wallet-db/index.ts", uriBaseId: "%SRCROOT%" });
                // The line registers this resource (its name is on it, or it is built in a loop from a template).
                const line = program[location!.physicalLocation.region.startLine - 1]!;
                expect(line, name).toMatch(/new aws\.|new pulumi\./);
                expect(location!.physicalLocation.region.startColumn).toBeGreaterThan(0);
                const related = result.relatedLocations![0]!.physicalLocation;
                expect(related.artifactLocation.uri).toBe("stacks/exports/exposed-wallet-db.json");
                expect(exported[related.region.startLine - 1]).toContain(`"urn": "`);
            }
            const db = results.find((r) => r.ruleId === "rds-instance-not-public")!;
            expect(program[db.locations[0]!.physicalLocation.region.startLine - 1]).toContain('new aws.rds.Instance("wallet-db"');
        });

        it("table and JSON show file:line beside the resource", () => {
            const report = json(runs.exposed.stdout);
            const db = report.findings.find((f) => f.policy === "rds-instance-not-public")!;
            const program = read(join(repoDir, "stacks", "exposed-wallet-db", "index.ts")).split("\n");
            const [path, line] = db.resource.source!.split(":");
            expect(path).toBe("stacks/exposed-wallet-db/index.ts");
            expect(program[Number(line) - 1]).toContain('"wallet-db"');
            expect(runs.canaryTable.stdout).toMatch(/^ {2}MANDATORY +high +rds-managed-master-password +canary-db \(aws:rds\/instance:Instance\) at infra\/db\.ts:42$/m);
        });

        it("fingerprints are per policy, resource and property: independent of message, order and file", () => {
            const a = fingerprint("rds-storage-cmk", "urn:pulumi:dev::p::aws:rds/instance:Instance::db", "kmsKeyId");
            expect(fingerprint("rds-storage-cmk", "urn:pulumi:dev::p::aws:rds/instance:Instance::db", "kmsKeyId")).toBe(a);
            expect(fingerprint("rds-storage-cmk", "urn:pulumi:dev::p::aws:rds/instance:Instance::db2", "kmsKeyId")).not.toBe(a);
            expect(fingerprint("rds-instance-storage-encrypted", "urn:pulumi:dev::p::aws:rds/instance:Instance::db", "kmsKeyId")).not.toBe(a);
            expect(findingProperty("[ingress.0.cidrBlocks.0] ingress[0] admits 0.0.0.0/0")).toBe("ingress.0.cidrBlocks.0");
            expect(findingProperty("Cannot verify yet: [kmsKeyId] unknown")).toBe("kmsKeyId");
            // Baselines written by earlier versions lead undecided findings with "during preview".
            expect(findingProperty("Cannot verify during preview: [kmsKeyId] unknown")).toBe("kmsKeyId");
            // The same findings in another run, in another order and with other inputs beside them.
            const alone = json(runs.multi.stdout).findings;
            const together = json(runs.baseline.stdout).findings.filter((f) => alone.some((g) => g.resource.urn === f.resource.urn));
            const key = (f: JsonFinding) => `${f.policy} ${f.resource.urn} ${f.message}`;
            const prints = new Map(alone.map((f) => [key(f), f.fingerprint]));
            expect(together.length).toBeGreaterThanOrEqual(alone.length);
            for (const f of together) {
                if (prints.has(key(f))) {
                    expect(f.fingerprint).toBe(prints.get(key(f)));
                }
            }
            const sarif = JSON.parse(read(files.multiSarif)) as Sarif;
            expect(sarif.runs[0]!.results.map((r) => r.partialFingerprints["policyResourceProperty/v1"]).sort()).toEqual(alone.map((f) => f.fingerprint).sort());
        });
    });

    describe("waived findings", () => {
        it("the pack's waiver text and the scanner's parser are one definition", () => {
            for (const reason of [WAIVER_REASON, "plain reason here", "reason with ): inside (yes)"]) {
                const text = waivedText("2027-01-31", reason, "[kmsKeyId] `kmsKeyId` is not set.");
                expect(parseWaived(text)).toEqual({ expires: "2027-01-31", reason, text: "[kmsKeyId] `kmsKeyId` is not set." });
            }
            expect(parseWaived("[kmsKeyId] Waived until 2027-01-31 (x): y")).toBeUndefined();
        });

        it("a waived finding the pack reports is recognized: marked in JSON, advisory, not failing", () => {
            const report = json(runs.waived.stdout);
            const waived = report.findings.filter((f) => f.waived);
            expect(waived.map((f) => `${f.policy} ${f.resource.name}`)).toEqual(["rds-instance-storage-encrypted plain-db"]);
            expect(waived[0]).toMatchObject({ level: "advisory", failsRun: false, waived: { expires: "2999-12-31", reason: WAIVER_REASON } });
            expect(report.summary.waived).toBe(1);
            // Advisory findings that are not waived stay unmarked.
            expect(report.findings.filter((f) => f.level === "advisory" && !f.waived).length).toBeGreaterThan(0);
        });

        it("SARIF suppression, JUnit skipped case and table mark", async () => {
            const [sarifRun, junitRun, tableRun] = await Promise.all([
                runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.waivers, "--format", "sarif"]),
                runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.waivers, "--format", "junit"]),
                runCli(["scan", fixture("export-v3.json"), "--policy-pack-config", files.waivers]),
            ]);
            const sarif = JSON.parse(sarifRun.stdout) as Sarif;
            expect(validateSarif(sarif)).toBe("No errors");
            const suppressed = sarif.runs[0]!.results.filter((r) => r.suppressions);
            expect(suppressed.map((r) => r.ruleId)).toEqual(["rds-instance-storage-encrypted"]);
            expect(suppressed[0]!.suppressions).toEqual([{ kind: "external", justification: `waived until 2999-12-31: ${WAIVER_REASON}` }]);
            expect(junitRun.stdout).toMatch(
                /<testcase [^>]*name="rds-instance-storage-encrypted plain-db" time="0">\s*<skipped message="waived until 2999-12-31: restored nightly from a \(CMK-encrypted\) snapshot: SEC-42">/,
            );
            expect(junitRun.stdout).toMatch(/<testsuite [^>]*skipped="1"/);
            expect(tableRun.stdout).toMatch(/^ {2}WAIVED +critical +rds-instance-storage-encrypted +plain-db/m);
            expect(tableRun.stdout).toContain(`waived until 2999-12-31: ${WAIVER_REASON}`);
        });
    });

    describe("--fail-on and --baseline", () => {
        it("--fail-on: exit 1 only for mandatory findings at or above the severity; everything is still reported", () => {
            expect(reachesThreshold("critical", "high")).toBe(true);
            expect(reachesThreshold("medium", "high")).toBe(false);
            expect(reachesThreshold("", "low")).toBe(true);
            expect(reachesThreshold("low", undefined)).toBe(true);
            const critical = json(runs.failOnCritical.stdout);
            expect(critical.summary.mandatory).toBeGreaterThan(0);
            expect(critical.findings.filter((f) => f.level === "mandatory").every((f) => f.severity !== "critical")).toBe(true);
            expect(runs.failOnCritical.code).toBe(0);
            expect(critical.summary).toMatchObject({ failing: 0, blocked: false });
            expect(runs.failOnHigh.code).toBe(1);
            expect(json(runs.failOnHigh.stdout).findings.filter((f) => f.failsRun).every((f) => f.severity === "high")).toBe(true);
        });

        it("--baseline: findings of the baseline are existing and do not fail; new ones do", async () => {
            const report = json(runs.baseline.stdout);
            const existing = report.findings.filter((f) => f.baseline === "existing");
            expect(existing.length).toBe(json(read(files.baseline)).findings.length);
            expect(existing.every((f) => !f.failsRun)).toBe(true);
            const fresh = report.findings.filter((f) => f.baseline === "new");
            expect(fresh.some((f) => f.level === "mandatory" && f.resource.name === "public-db" && f.failsRun)).toBe(true);
            expect(runs.baseline.code).toBe(1);
            // Everything in the baseline: exit 0.
            const all = join(tmp, "all.json");
            writeFileSync(all, runs.baseline.stdout);
            const again = await runCli(["scan", fixture("export-v3.json"), fixture("checkpoint.json"), "--baseline", all, "--format", "sarif"]);
            expect(again.code).toBe(0);
            const sarif = JSON.parse(again.stdout) as Sarif;
            expect(new Set(sarif.runs[0]!.results.map((r) => r.baselineState))).toEqual(new Set(["unchanged"]));
        });

        it("a second finding with a known fingerprint but a new message is new", () => {
            const baseline = [{ fingerprint: "f1", message: "admits 0.0.0.0/0" }];
            const findings = [
                { fingerprint: "f1", message: "admits 1.2.3.0/24" },
                { fingerprint: "f1", message: "admits 0.0.0.0/0" },
            ];
            expect([...matchBaseline(findings, baseline)]).toEqual([findings[1]]);
            // Reworded (same count): still existing.
            expect([...matchBaseline([findings[0]!], baseline)]).toEqual([findings[0]]);
        });

        it("refuses a baseline that is not a JSON report, and a bad --fail-on", async () => {
            const bad = join(tmp, "bad-baseline.json");
            writeFileSync(bad, JSON.stringify({ version: 3 }));
            const [badBaseline, badFailOn, twoStdout] = await Promise.all([
                runCli(["scan", fixture("clean.json"), "--baseline", bad]),
                runCli(["scan", fixture("clean.json"), "--fail-on", "severe"]),
                runCli(["scan", fixture("clean.json"), "--format", "json", "--format", "sarif"]),
            ]);
            expect([badBaseline.code, badFailOn.code, twoStdout.code]).toEqual([2, 2, 2]);
            expect(badBaseline.stderr).toMatch(/^error: --baseline .*bad-baseline\.json: not a --format json report/);
            expect(badFailOn.stderr).toMatch(/^error: --fail-on must be one of critical, high, medium, low/);
            expect(twoStdout.stderr).toMatch(/^error: only one report can go to stdout/);
        });
    });

    it("writes several reports in one run", () => {
        expect(runs.multi.code).toBe(1);
        expect(runs.multi.stderr).toMatch(/wrote sarif report to .*multi\.sarif/);
        expect(runs.multi.stderr).toMatch(/wrote junit report to .*multi\.xml/);
        expect(read(files.multiJunit)).toMatch(/^<\?xml /);
        const report = json(runs.multi.stdout);
        expect((JSON.parse(read(files.multiSarif)) as Sarif).runs[0]!.results.length).toBe(report.findings.length);
    });

    it("a reader that closes early ends the scan quietly with the scan's exit status", async () => {
        const cli = builtCli();
        const run = await new Promise<{ status: string; stderr: string; stdout: string }>((resolve, reject) => {
            const child = spawn("bash", ["-c", `node "${cli}" scan "${EXPOSED}" --format json 2>"${join(tmp, "epipe.err")}" | head -1; echo "status=\${PIPESTATUS[0]}"`], {
                cwd: repoDir,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
            child.on("error", reject);
            child.on("close", () => resolve({ stdout, status: /status=(\d+)/.exec(stdout)?.[1] ?? "", stderr: read(join(tmp, "epipe.err")) }));
        });
        expect(run.stdout.split("\n")[0]).toBe("{");
        expect(run.status).toBe("1");
        expect(run.stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
    });

    describe("what a report may quote", () => {
        it("redacts only values quoted from a secret, in the forms the pack quotes", () => {
            const secrets = new Set([SECRET_CIDR, "admin", "sg-0123456789abcdef0", "PartnerSid"]);
            expect(redactQuotedSecrets(`admin-sg -> rule db-admin-any ${SECRET_CIDR}:port 5432: the admin user`, secrets)).toBe(
                "admin-sg -> rule db-admin-any [secret]:port 5432: the admin user",
            );
            expect(redactQuotedSecrets('Statement[0] (Sid "PartnerSid") admits sg-0123456789abcdef0, not sg-0123456789abcdef1.', secrets)).toBe(
                'Statement[0] (Sid "[secret]") admits [secret], not sg-0123456789abcdef1.',
            );
            // A longer address that merely starts with the secret one is left alone.
            expect(redactQuotedSecrets("admits 52.94.76.0/220", secrets)).toBe("admits 52.94.76.0/220");
        });

        it("never prints a value the input marks secret, in any format (canary)", () => {
            const outputs = {
                table: runs.canaryTable.stdout + runs.canaryTable.stderr,
                json: read(files.canary.json),
                sarif: read(files.canary.sarif),
                junit: read(files.canary.junit),
                stderr: runs.canaryFiles.stderr,
            };
            for (const [format, text] of Object.entries(outputs)) {
                expect(text, format).not.toContain(CANARY);
                expect(text, format).not.toContain(SECRET_CIDR);
            }
            // The hole is still reported, with the secret CIDR redacted, and no other text mangled.
            const report = json(outputs.json);
            const ingress = report.findings.find((f) => f.policy === "sg-no-public-db-port-ingress")!;
            expect(ingress.message).toMatch(/^\[ingress\.0\.cidrBlocks\.0\] ingress\[0\] admits \[secret\] on port 5432/);
            const viaDb = report.findings.find((f) => f.policy === "db-sg-no-public-source")!;
            expect(viaDb.message).toContain("canary-db -> admin-sg -> admin-sg.ingress[0].cidrBlocks[0] [secret]:port 5432");
            // The secret username is "admin": ordinary words stay as they are.
            expect(report.findings.find((f) => f.policy === "db-non-default-admin-username")!.message).toContain("default admin user name");
        });
    });
});
