// The scanner with a configuration the pack cannot honour as written: exit 2 and the entry named on stderr, while
// the report still shows every finding (the guard stays on). And `remediate` levels, which a scan cannot apply.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./built-cli";

const tmp = mkdtempSync(join(tmpdir(), "akmg-typo-"));
const EXPOSED = join("stacks", "exports", "exposed-wallet-db.json");
let configs = 0;

function configFile(config: unknown): string {
    const file = join(tmp, `config-${configs++}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
}

interface Report {
    summary: { mandatory: number; advisory: number };
    findings: { policy: string; level: string; message: string; resource: { name: string } }[];
}

async function scan(config?: unknown) {
    const run = await runCli(["scan", EXPOSED, "--format", "json", ...(config === undefined ? [] : ["--policy-pack-config", configFile(config)])]);
    return { ...run, report: JSON.parse(run.stdout) as Report };
}

let defaultScan: ReturnType<typeof scan> | undefined;
const defaults = () => (defaultScan ??= scan());

const withoutSettings = (report: Report) => report.findings.filter((f) => f.policy !== "pack-settings").map((f) => `${f.level} ${f.policy} ${f.resource.name}`);
const errors = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("error: "));

describe("scan with a configuration typo", () => {
    const cases: [string, unknown, RegExp][] = [
        ["a framework id with a trailing space", { "pack-settings": { frameworks: ["aws-fsbp "] } }, /\[config\.frameworks\[0\]\] "aws-fsbp " is not a framework/],
        ["a framework version missing", { "pack-settings": { frameworks: ["cis-aws-5"] } }, /\[config\.frameworks\[0\]\] "cis-aws-5" .*did you mean "cis-aws-5\.0"/],
        ["a framework family name", { "pack-settings": { frameworks: ["nist"] } }, /\[config\.frameworks\[0\]\] "nist" is not a framework/],
        ["an empty framework id", { "pack-settings": { frameworks: [""] } }, /\[config\.frameworks\[0\]\] "" is not a framework/],
        [
            "a blanket waiver",
            { "pack-settings": { waivers: [{ policy: "*", resource: "*", reason: "we accept everything for now", expires: "2999-01-01" }] } },
            /\[config\.waivers\[0\]\.resource\] .*matches every resource/,
        ],
        ["a property no policy has", { "rds-backup-retention": { minimumRetentionDayz: 30 } }, /\[policyConfig\["rds-backup-retention"\]\.minimumRetentionDayz\]/],
    ];

    it.each(cases)("%s: exit 2, the entry named on stderr, every finding still reported", async (_what, config, error) => {
        const [typo, clean] = await Promise.all([scan(config), defaults()]);
        expect(clean.code).toBe(1);
        expect(typo.code).toBe(2);
        expect(errors(typo.stderr)).toHaveLength(1);
        expect(errors(typo.stderr)[0]).toMatch(/^error: policy pack config: /);
        expect(errors(typo.stderr)[0]).toMatch(error);
        expect(withoutSettings(typo.report)).toEqual(withoutSettings(clean.report));
        expect(typo.report.summary.mandatory).toBe(clean.report.summary.mandatory + 1);
    });

    it("a configuration that disables every policy: exit 2 before anything is scanned", async () => {
        const run = await runCli(["scan", EXPOSED, "--policy-pack-config", configFile({ all: "disabled" })]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/^error: the policy pack config disables every policy/m);
    });
});

describe("scan with `remediate` levels", () => {
    it("reports what would be remediated at the next update as mandatory, and fails", async () => {
        const [remediate, mandatory] = await Promise.all([scan({ "rds-instance-not-public": "remediate" }), scan({ "rds-instance-not-public": "mandatory" })]);
        expect(remediate.code).toBe(1);
        const of = (report: Report) => report.findings.filter((f) => f.policy === "rds-instance-not-public");
        expect(of(remediate.report).length).toBeGreaterThan(0);
        expect(of(remediate.report).map((f) => `${f.level} ${f.resource.name}`)).toEqual(of(mandatory.report).map((f) => `${f.level} ${f.resource.name}`));
        for (const finding of of(remediate.report)) {
            expect(finding.level).toBe("mandatory");
            expect(finding.message).toContain("Would be remediated at the next update");
        }
        // Other policies' findings carry no such note.
        expect(remediate.report.findings.filter((f) => f.policy !== "rds-instance-not-public" && /Would be remediated/.test(f.message))).toEqual([]);
    });

    it("`all: remediate` makes every finding blocking in a scan, except advice the pack gives at any level", async () => {
        const run = await scan({ all: "remediate" });
        expect(run.code).toBe(1);
        // The one piece of advice in the exposed stack: an EFS mount target in the VPC's default security group, which
        // has no public rule (shared placement, db-sg-no-public-source's advice whatever its level).
        const advice = run.report.findings.filter((f) => f.level !== "mandatory");
        expect(advice.map((f) => `${f.level} ${f.policy} ${f.resource.name}`)).toEqual(["advisory db-sg-no-public-source wallet-keystore-mount"]);
        const blocking = run.report.findings.filter((f) => f.level === "mandatory");
        expect(blocking.length).toBeGreaterThan(100);
        expect(blocking.every((f) => f.message.includes("Would be remediated at the next update"))).toBe(true);
    });
});
