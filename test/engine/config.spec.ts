// `--policy-pack-config` under the real CLI: each profile in policies/config/ and hand-written mistakes. Each row
// says what the real engine does (the assertion) and the emulator (scanner/engine) must do the same: for an
// accepted config the findings of `pulumi preview` of a new stack equal the emulator's, case by case; a refused
// config stops the preview before any resource is analyzed, and the emulator refuses it too.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { captureProgram, type Capture } from "../harness/capture";
import { PolicyEngine } from "../../scanner/engine/engine";
import type { UserPolicyConfig } from "../../scanner/engine/config";
import { findingKeys as emulatorFindingKeys } from "../harness/report";
import { readProjectName } from "../harness/capture";
import { findingKeys, formatFindings, policyFindings } from "./events";
import type { OperationResult } from "./protocol";
import { packDir, repoRoot } from "./session";
import { describeEachCli } from "./suite";

type StackName = "hardened" | "exposed-wallet-db";

type Outcome =
    /**
     * The engine runs the pack with it: findings as the emulator computes them, and, with `sameAsDefault`, as
     * without any config (the entry changes nothing); with `typo`, as without the config plus one mandatory
     * `pack-settings` violation on the root stack (the pack names an entry it cannot honour, and every check runs).
     */
    | { kind: "analyzed"; sameAsDefault?: boolean; typo?: boolean }
    /**
     * The engine refuses it and analyzes nothing: `stage` is where (in the CLI's error output), `reason` what
     * both the CLI and the emulator say.
     */
    | { kind: "refused"; stage: RegExp; reason: RegExp };

interface ConfigCase {
    name: string;
    stack: StackName;
    config: UserPolicyConfig;
    outcome: Outcome;
}

const profile = (name: string) => JSON.parse(readFileSync(join(repoRoot, "policies", "config", `${name}.json`), "utf8")) as UserPolicyConfig;

// The table to update when the pack's or the engine's validation changes.
const CASES: readonly ConfigCase[] = [
    { name: "profile baseline", stack: "exposed-wallet-db", config: profile("baseline"), outcome: { kind: "analyzed" } },
    { name: "profile baseline", stack: "hardened", config: profile("baseline"), outcome: { kind: "analyzed" } },
    { name: "profile strict", stack: "exposed-wallet-db", config: profile("strict"), outcome: { kind: "analyzed" } },
    { name: "profile strict", stack: "hardened", config: profile("strict"), outcome: { kind: "analyzed" } },
    {
        name: "a property of the wrong type",
        stack: "exposed-wallet-db",
        config: { "rds-backup-retention": { minimumRetentionDays: "seven" } },
        outcome: { kind: "refused", stage: /validating policy config/, reason: /rds-backup-retention: minimumRetentionDays: Invalid type/ },
    },
    {
        name: "a number out of range",
        stack: "exposed-wallet-db",
        config: { "rds-backup-retention": { minimumRetentionDays: 90 } },
        outcome: { kind: "refused", stage: /validating policy config/, reason: /rds-backup-retention: minimumRetentionDays: Must be less than or equal to 35/ },
    },
    {
        name: "an unknown enforcement level",
        stack: "exposed-wallet-db",
        config: { all: "strict" as "mandatory" },
        outcome: { kind: "refused", stage: /parsing enforcement level for "all"/, reason: /"strict" is not a valid enforcement level/ },
    },
    ...(["exposed-wallet-db", "hardened"] as const).flatMap((stack): ConfigCase[] => [
        { name: "an unknown policy name with a level", stack, config: { "rds-deletion-protecton": "disabled" }, outcome: { kind: "analyzed", typo: true } },
        { name: "an unknown property name", stack, config: { "rds-backup-retention": { minimumRetentionDay: 14 } }, outcome: { kind: "analyzed", typo: true } },
        { name: "a framework id with a trailing space", stack, config: { "pack-settings": { frameworks: ["aws-fsbp "] } }, outcome: { kind: "analyzed", typo: true } },
        {
            name: "a blanket waiver",
            stack,
            config: { "pack-settings": { waivers: [{ policy: "*", resource: "*", reason: "accepting everything for the migration", expires: "2999-01-01" }] } },
            outcome: { kind: "analyzed", typo: true },
        },
    ]),
    {
        // Reconciliation keeps the unknown name with no level, and Configure refuses that.
        name: "an unknown policy name with properties",
        stack: "exposed-wallet-db",
        config: { "rds-deletion-protecton": { minimumRetentionDays: 3 } },
        outcome: { kind: "refused", stage: /configuring policy pack "aws-key-material-guard"/, reason: /rds-deletion-protecton|invalid enforcement level ""/ },
    },
];

const STACKS: readonly StackName[] = ["exposed-wallet-db", "hardened"];
const rootStack = (stack: StackName) => `${readProjectName(join(repoRoot, "stacks", stack))}-dev`;

describeEachCli("--policy-pack-config", (session) => {
    const real = new Map<ConfigCase, OperationResult>();
    const captures = new Map<StackName, Capture>();
    let emulator: PolicyEngine;

    beforeAll(async () => {
        for (const stack of STACKS) {
            const cases = CASES.filter((c) => c.stack === stack);
            const { results } = await session().stack(
                stack,
                cases.map((c, i) => ({ kind: "preview" as const, policyPacks: [packDir], policyPackConfigs: [session().writeConfig(`${stack}-${i}`, c.config)] })),
            );
            cases.forEach((c, i) => real.set(c, results[i]!));
        }
        const programDirs = STACKS.map((stack) => join(repoRoot, "stacks", stack));
        const [engine, ...stackCaptures] = await Promise.all([
            PolicyEngine.boot({ packDir, stack: { project: readProjectName(programDirs[0]!), stack: "dev", config: { "aws:region": "us-east-1" } } }),
            ...programDirs.map((programDir) => captureProgram({ programDir, preview: true })),
        ]);
        emulator = engine;
        STACKS.forEach((stack, i) => captures.set(stack, stackCaptures[i]!));
    });

    afterAll(async () => {
        await emulator?.close();
    });

    it.each(CASES.map((c) => [c.name, c.stack, c.outcome.kind, c] as const))("%s on %s: %s", async (_name, stack, _kind, c) => {
        const result = real.get(c)!;
        const findings = policyFindings(result.events, rootStack(stack));
        if (c.outcome.kind === "refused") {
            expect(result.ok).toBe(false);
            expect(result.error).toMatch(c.outcome.stage);
            expect(result.error).toMatch(c.outcome.reason);
            expect(formatFindings(findings)).toBe("");
            await expect(emulator.run(captures.get(stack)!, { config: c.config })).rejects.toThrow(c.outcome.reason);
        } else {
            expect(result.error ?? "").not.toMatch(/validating policy config/);
            const emulated = await emulator.run(captures.get(stack)!, { config: c.config });
            expect(findingKeys(findings), formatFindings(findings)).toEqual(emulatorFindingKeys(emulated));
            expect(result.ok).toBe(!emulated.blocked);
            if (c.outcome.sameAsDefault) {
                expect(findingKeys(findings)).toEqual(emulatorFindingKeys(await emulator.run(captures.get(stack)!)));
            }
            if (c.outcome.typo) {
                // The typo blocks the preview, even of the hardened stack, and weakens no other check.
                expect(result.ok).toBe(false);
                const settings = findingKeys(findings).filter((k) => k.policy === "pack-settings");
                expect(settings).toEqual([{ policy: "pack-settings", resource: rootStack(stack), level: "mandatory" }]);
                const others = findingKeys(findings).filter((k) => k.policy !== "pack-settings");
                expect(others).toEqual(emulatorFindingKeys(await emulator.run(captures.get(stack)!)));
            }
        }
    });
});
