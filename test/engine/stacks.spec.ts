// The bundled stacks under the real Pulumi CLI (each pinned version), with the pack as users run it
// (`--policy-pack policies`): the findings equal the emulator's table (test/e2e/exposed-wallet-db.expected.ts)
// case by case, `up` is blocked, the hardened stack goes through clean, `pulumi policy analyze` reads the
// deployed state, remediation lands in the state, and the engine's per-policy summaries type every policy.

import { beforeAll, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import { EXPECTED, expected } from "../e2e/exposed-wallet-db.expected";
import { cantRun, findingKeys, formatFindings, jsonLines, policyFindings, policySummaries, warnings, type PolicyFinding } from "./events";
import type { OperationResult } from "./protocol";
import { LAUNCHERS, packDir, type CommandResult } from "./session";
import { describeEachCli } from "./suite";

const RESOURCE_POLICIES = new Set(allPolicies.filter((p) => p.kind === "resource").map((p) => p.name));
const STACK_POLICIES = new Set(allPolicies.filter((p) => p.kind === "stack").map((p) => p.name));

interface DeploymentResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
}

function deployedResources(result: OperationResult): DeploymentResource[] {
    return ((result.deployment as { resources?: DeploymentResource[] } | undefined)?.resources ?? []).filter((r) => r.type !== "pulumi:pulumi:Stack");
}

const byName = (resources: readonly DeploymentResource[], name: string) => resources.find((r) => r.urn.endsWith(`::${name}`));

describeEachCli("stacks/exposed-wallet-db", (session) => {
    let preview: OperationResult;
    let up: OperationResult;
    let state: OperationResult;
    let findings: PolicyFinding[];

    beforeAll(async () => {
        const { results } = await session().stack("exposed-wallet-db", [
            { kind: "preview", policyPacks: [packDir] },
            { kind: "up", policyPacks: [packDir] },
            { kind: "export" },
        ]);
        [preview, up, state] = results as [OperationResult, OperationResult, OperationResult];
        findings = policyFindings(preview.events, "exposed-wallet-db-dev");
    });

    it("was started by the engine from the pack directory, through the launcher this CLI version uses", () => {
        // analyzer plugin: cwd = pack dir, argv = <engine address> . ; language host: RunPlugin(<engine address>).
        const launch = LAUNCHERS[session().version] === "analyzer-plugin" ? /^(\S+) 127\.0\.0\.1:\d+ \.$/ : /^(\S+) language-host 127\.0\.0\.1:\d+$/;
        expect(session().launches().length).toBeGreaterThan(0);
        for (const line of session().launches()) {
            expect(line).toMatch(launch);
            expect(launch.exec(line)![1]).toBe(packDir);
        }
    });

    it("fails `pulumi preview --policy-pack policies`", () => {
        expect(preview.ok).toBe(false);
        expect(preview.error).toMatch(/❌ aws-key-material-guard@v0\.1\.0/);
        expect(preview.error).toMatch(/error: preview failed/);
    });

    it.each(EXPECTED.filter(([, , , modes]) => modes !== "update"))("preview reports %s on %s (%s), as the emulator does", (policy, resource, level) => {
        expect(findingKeys(findings)).toContainEqual({ policy, resource, level });
    });

    it("preview reports nothing the emulator's table does not list", () => {
        expect(findingKeys(findings), formatFindings(findings)).toEqual([...expected("preview", "mandatory"), ...expected("preview", "advisory")].sort((a, b) => a.policy.localeCompare(b.policy) || a.resource.localeCompare(b.resource) || a.level.localeCompare(b.level)));
    });

    it("never makes the SDK give up on a policy because of an unknown value", () => {
        expect(formatFindings(cantRun(findings))).toBe("");
    });

    // Not "nothing is created": the engine works on several resources at once, and a resource without a finding
    // that it reaches before the first blocked one may be created (seen: the IAM group wallet-operators).
    it("blocks `pulumi up`: no resource with a mandatory resource-policy finding is created", () => {
        expect(up.ok).toBe(false);
        const blocked = new Set(EXPECTED.filter(([policy, , level, modes]) => level === "mandatory" && modes !== "preview" && RESOURCE_POLICIES.has(policy)).map(([, resource]) => resource));
        const created = deployedResources(state).map((r) => r.urn.split("::").pop()!);
        expect(created.filter((name) => blocked.has(name))).toEqual([]);
        expect(findingKeys(policyFindings(up.events, "exposed-wallet-db-dev"), ["mandatory"]).length).toBeGreaterThan(0);
    });


    it("summarizes each resource with its resource policies only, and the stack with its stack policies only", () => {
        const { resources, stack } = policySummaries(preview.events);
        expect(resources.length).toBeGreaterThan(0);
        for (const summary of resources) {
            const listed = [...summary.passed, ...summary.failed];
            expect(listed.filter((name) => !RESOURCE_POLICIES.has(name) && name !== "pack-settings"), summary.urn).toEqual([]);
            const failedHere = new Set(findings.filter((f) => f.urn === summary.urn && RESOURCE_POLICIES.has(f.policy)).map((f) => f.policy));
            expect(new Set(summary.failed.filter((name) => RESOURCE_POLICIES.has(name))), summary.urn).toEqual(failedHere);
        }
        expect(stack).toHaveLength(1);
        const stackFailed = new Set(EXPECTED.filter(([policy, , , modes]) => modes !== "update" && STACK_POLICIES.has(policy)).map(([policy]) => policy));
        expect(new Set(stack[0]!.failed.filter((name) => name !== "pack-settings"))).toEqual(stackFailed);
        expect(new Set([...stack[0]!.passed, ...stack[0]!.failed].filter((name) => name !== "pack-settings"))).toEqual(STACK_POLICIES);
    });
});

describeEachCli("stacks/hardened", (session) => {
    let workDir: string;
    let preview: OperationResult;
    let up: OperationResult;
    let analyzeClean: CommandResult;
    let flawedUp: OperationResult;
    let analyzeFlawed: CommandResult;

    beforeAll(async () => {
        const deployed = await session().stack("hardened", [
            { kind: "preview", policyPacks: [packDir] },
            { kind: "up", policyPacks: [packDir] },
        ]);
        workDir = deployed.workDir;
        [preview, up] = deployed.results as [OperationResult, OperationResult];
        analyzeClean = await session().pulumi(["policy", "analyze", "--json", "--stack", "dev", "--policy-pack", packDir], workDir);
        // A flaw deployed with the pack off (the state now holds a public, unprotected database).
        [flawedUp] = (await session().stack("hardened", [{ kind: "up", flaw: "public-unprotected-db" }], workDir)).results as [OperationResult];
        analyzeFlawed = await session().pulumi(["policy", "analyze", "--json", "--stack", "dev", "--policy-pack", packDir], workDir);
    });

    it("previews with the pack and no finding or warning", () => {
        expect(preview.ok, preview.error).toBe(true);
        expect(formatFindings(policyFindings(preview.events, "hardened-wallet-db-dev"))).toBe("");
        expect(warnings(preview.events)).toEqual([]);
    });

    it("deploys with the pack and no finding or warning", () => {
        expect(up.ok, up.error).toBe(true);
        expect(formatFindings(policyFindings(up.events, "hardened-wallet-db-dev"))).toBe("");
        expect(warnings(up.events)).toEqual([]);
    });

    it("`pulumi policy analyze` of the deployed state finds nothing", () => {
        expect(analyzeClean.code, analyzeClean.stderr).toBe(0);
        const events = jsonLines(analyzeClean.stdout);
        expect(events.some((e) => e.summaryEvent)).toBe(true);
        expect(formatFindings(policyFindings(events, "hardened-wallet-db-dev"))).toBe("");
    });

    it("`pulumi policy analyze` finds exactly the flaw deployed with the pack off", () => {
        expect(flawedUp.ok, flawedUp.error).toBe(true);
        expect(analyzeFlawed.code).not.toBe(0);
        expect(analyzeFlawed.stderr).toMatch(/one or more mandatory policy violations were found/);
        const findings = policyFindings(jsonLines(analyzeFlawed.stdout), "hardened-wallet-db-dev");
        // The database of a key-material store: its advisory policies are raised to mandatory.
        expect(findingKeys(findings), formatFindings(findings)).toEqual([
            { policy: "rds-deletion-protection", resource: "wallet-db", level: "mandatory" },
            { policy: "rds-instance-not-public", resource: "wallet-db", level: "mandatory" },
        ]);
    });
});

describeEachCli("remediation", (session) => {
    let up: OperationResult;
    let state: OperationResult;

    beforeAll(async () => {
        const config = session().writeConfig("remediate", { "rds-instance-not-public": "remediate", "rds-deletion-protection": "remediate" });
        [up, state] = (
            await session().stack("hardened", [
                { kind: "up", policyPacks: [packDir], policyPackConfigs: [config], flaw: "public-unprotected-db" },
                { kind: "export" },
            ])
        ).results as [OperationResult, OperationResult];
    });

    it("`pulumi up` deploys the remediated inputs, not the program's", () => {
        expect(up.ok, up.error).toBe(true);
        const db = byName(deployedResources(state), "wallet-db");
        expect(db?.type).toBe("aws:rds/instance:Instance");
        expect(db?.inputs).toMatchObject({ publiclyAccessible: false, deletionProtection: true });
    });

    it("reports no violation of the remediated policies", () => {
        const reported = policyFindings(up.events, "hardened-wallet-db-dev").filter((f) => f.level !== "remediate");
        expect(formatFindings(reported)).toBe("");
    });
});
