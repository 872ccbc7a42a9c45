// The two ways the pack registers its stack policies (policies/catalog.ts sdkPolicies): in one pass, hosted by one
// SDK stack policy that reads the engine's configuration beside the SDK (the default), and one by one, which the
// pack falls back to when that configuration cannot be read (another SDK version) or when
// AWS_KEY_MATERIAL_GUARD_STACK_POLICIES=per-policy. Both run over the wire here, on both bundled stacks in both
// modes, and must report exactly the same diagnostics.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import { observeEngineConfiguration, STACK_POLICIES_ENV } from "../../policies/lib/core/engine-config";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import { PolicyEngine, type Diagnostic, type RunResult } from "../../scanner/engine/engine";
import { builtPackDir } from "./built-pack";

const STACKS = ["exposed-wallet-db", "hardened"] as const;
const MODES = ["preview", "update"] as const;
const stackPolicyNames = allPolicies.filter((p) => p.kind === "stack").map((p) => p.name);

function comparable(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map((d) => JSON.stringify([d.policyName, d.urn, d.enforcementLevel, d.severity, d.message])).sort();
}

describe("stack policies registered one by one (the fallback) report what the one-pass runner reports", () => {
    let onePass: PolicyEngine | undefined;
    let perPolicy: PolicyEngine | undefined;
    const runs: Record<string, { onePass: RunResult; perPolicy: RunResult }> = {};

    beforeAll(async () => {
        const captures: { key: string; capture: Promise<Capture> }[] = [];
        for (const stack of STACKS) {
            const programDir = join(__dirname, "..", "..", "stacks", stack);
            for (const mode of MODES) {
                captures.push({ key: `${stack} ${mode}`, capture: captureProgram({ programDir, preview: mode === "preview" }) });
            }
        }
        const stack = { project: readProjectName(join(__dirname, "..", "..", "stacks", STACKS[0])), stack: "dev", config: { "aws:region": "us-east-1" } };
        [onePass, perPolicy] = await Promise.all([
            PolicyEngine.boot({ packDir: builtPackDir(), stack }),
            PolicyEngine.boot({ packDir: builtPackDir(), stack, env: { [STACK_POLICIES_ENV]: "per-policy" } }),
        ]);
        for (const { key, capture } of captures) {
            const captured = await capture;
            runs[key] = { onePass: await onePass.run(captured), perPolicy: await perPolicy.run(captured) };
        }
    });

    afterAll(async () => {
        await Promise.all([onePass?.close(), perPolicy?.close()]);
    });

    it("really runs the two paths: the switch turns the one-pass reader off, and both packs list the same policies", () => {
        // In process: the switch is what the pack's sdkPolicies() consults (observeEngineConfiguration false -> one by one).
        const saved = process.env[STACK_POLICIES_ENV];
        try {
            process.env[STACK_POLICIES_ENV] = "per-policy";
            expect(observeEngineConfiguration()).toBe(false);
            delete process.env[STACK_POLICIES_ENV];
            expect(observeEngineConfiguration()).toBe(true);
        } finally {
            if (saved === undefined) {
                delete process.env[STACK_POLICIES_ENV];
            } else {
                process.env[STACK_POLICIES_ENV] = saved;
            }
        }
        // Over the wire: registered one by one, every stack policy carries its own validate function.
        for (const name of stackPolicyNames) {
            expect([name, perPolicy!.info.policies.find((p) => p.name === name)?.policyType]).toEqual([name, "stack"]);
        }
        expect(onePass!.info.policies.map((p) => p.name)).toEqual(perPolicy!.info.policies.map((p) => p.name));
    });

    it.each(STACKS.flatMap((stack) => MODES.map((mode) => `${stack} ${mode}`)))("%s: the same diagnostics, the same verdict", (key) => {
        const { onePass: a, perPolicy: b } = runs[key]!;
        expect(comparable(b.diagnostics)).toEqual(comparable(a.diagnostics));
        expect(b.blocked).toBe(a.blocked);
    });

    it("compares something: the exposed stack has stack-policy findings in both modes, the hardened one none", () => {
        for (const mode of MODES) {
            const exposed = runs[`exposed-wallet-db ${mode}`]!.perPolicy.diagnostics.filter((d) => stackPolicyNames.includes(d.policyName));
            expect(new Set(exposed.map((d) => d.policyName)).size).toBeGreaterThan(3);
            expect(runs[`hardened ${mode}`]!.perPolicy.diagnostics).toEqual([]);
        }
    });
});
