// The two ways the pack registers its policies (policies/catalog.ts sdkPolicies): in one pass, the resource policies
// hosted by one SDK resource policy and the stack policies by one SDK stack policy, reading the engine's
// configuration beside the SDK (the default), and one by one, which the pack falls back to when that configuration
// cannot be read (another SDK version) or when AWS_KEY_MATERIAL_GUARD_STACK_POLICIES=per-policy. Both run over the
// wire here, on both bundled stacks in both modes, with the default configuration and with configurations that move
// the host (pack-settings disabled), register a policy on its own (`remediate`) and select by framework, and must
// report exactly the same diagnostics, remediations and not-applicable entries.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import { observeEngineConfiguration, STACK_POLICIES_ENV } from "../../policies/lib/core/engine-config";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import type { UserPolicyConfig } from "../../scanner/engine/config";
import { PolicyEngine, type Diagnostic, type RunResult } from "../../scanner/engine/engine";
import { builtPackDir } from "./built-pack";

const STACKS = ["exposed-wallet-db", "hardened"] as const;
const MODES = ["preview", "update"] as const;
const CONFIGS: Record<string, UserPolicyConfig | undefined> = {
    default: undefined,
    "pack-settings disabled, one policy at remediate, one disabled": {
        "pack-settings": "disabled",
        "rds-deletion-protection": "remediate",
        "rds-backup-retention": "disabled",
    },
    "PCI DSS only, all advisory": { all: "advisory", "pack-settings": { frameworks: ["pci-dss-4.0"] } },
};
const stackPolicyNames = allPolicies.filter((p) => p.kind === "stack").map((p) => p.name);

function comparable(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map((d) => JSON.stringify([d.policyName, d.urn, d.enforcementLevel, d.severity, d.message])).sort();
}

/** Per resource: which policies did not apply and why, and what was remediated (the order is the SDK's business). */
function perResource(run: RunResult): string[] {
    return run.resources.flatMap((r) => [
        ...r.notApplicable.map((n) => JSON.stringify([r.urn, "not applicable", n.policyName, n.reason])),
        ...r.remediations.map((m) => JSON.stringify([r.urn, "remediated", m.policyName, m.properties, m.diagnostic])),
    ]).sort();
}

describe("policies registered one by one (the fallback) report what the one-pass runners report", () => {
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
            // The hardened stack reports nothing: its runs compare the default configuration only.
            for (const [name, config] of Object.entries(CONFIGS).filter(([name]) => name === "default" || key.startsWith("exposed"))) {
                runs[`${key}, ${name}`] = { onePass: await onePass.run(captured, { config }), perPolicy: await perPolicy.run(captured, { config }) };
            }
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

    it.each(STACKS.flatMap((stack) => MODES.flatMap((mode) => Object.keys(CONFIGS).filter((c) => c === "default" || stack !== "hardened").map((config) => `${stack} ${mode}, ${config}`))))(
        "%s: the same diagnostics, remediations, not-applicable entries and verdict",
        (key) => {
            const { onePass: a, perPolicy: b } = runs[key]!;
            expect(comparable(a.diagnostics)).toEqual(comparable(b.diagnostics));
            expect(perResource(a)).toEqual(perResource(b));
            expect(a.blocked).toBe(b.blocked);
        },
    );

    it("compares something: the exposed stack has stack-policy findings in both modes, the hardened one none", () => {
        for (const mode of MODES) {
            const exposed = runs[`exposed-wallet-db ${mode}, default`]!.perPolicy;
            const stackFindings = exposed.diagnostics.filter((d) => stackPolicyNames.includes(d.policyName));
            expect(new Set(stackFindings.map((d) => d.policyName)).size).toBeGreaterThan(3);
            const resourceFindings = exposed.diagnostics.filter((d) => d.source === "analyze");
            expect(new Set(resourceFindings.map((d) => d.policyName)).size).toBeGreaterThan(10);
            expect(exposed.resources.some((r) => r.notApplicable.some((n) => /framework\/severity selection/.test(n.reason)))).toBe(false);
            expect(runs[`hardened ${mode}, default`]!.perPolicy.diagnostics).toEqual([]);
            // The configurations change what is compared: a remediation lands, a framework selection skips policies.
            const remediating = runs[`exposed-wallet-db ${mode}, pack-settings disabled, one policy at remediate, one disabled`]!.perPolicy;
            expect(remediating.resources.some((r) => r.remediations.some((m) => m.policyName === "rds-deletion-protection"))).toBe(true);
            expect(remediating.diagnostics.some((d) => d.policyName === "rds-backup-retention")).toBe(false);
            const pci = runs[`exposed-wallet-db ${mode}, PCI DSS only, all advisory`]!.perPolicy;
            expect(pci.resources.some((r) => r.notApplicable.some((n) => /framework\/severity selection/.test(n.reason)))).toBe(true);
            expect(pci.diagnostics.length).toBeGreaterThan(0);
        }
    });
});
