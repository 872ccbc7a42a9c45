// The pack speaks the Analyzer protocol as the Pulumi CLI expects: the port is the first and only thing on
// stdout, plugin and analyzer info describe every policy of the catalog, the optional RPCs are tolerated.
// Also: the harness fails clearly when a pack does not start.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies, PACK_NAME, sdkPolicies } from "../../policies/catalog";
import { SETTINGS_POLICY_NAME } from "../../policies/lib/core/settings";
import { PolicyEngine } from "../../scanner/engine/engine";
import { writeThrowawayPack } from "../harness/fixtures/throwaway-pack";
import { PackStartError, PolicyPackProcess } from "../../scanner/engine/pack";
import { deployment } from "../data/deployment";
import { builtPackDir } from "./built-pack";

const packDir = builtPackDir();

describe("the pack over the Analyzer protocol", () => {
    let engine: PolicyEngine;

    beforeAll(async () => {
        engine = await PolicyEngine.boot({ packDir });
    });

    afterAll(async () => {
        await engine?.close();
        if (engine) {
            // Shut down by SIGINT, as the engine does, not by the SIGKILL fallback.
            expect(engine.pack.exitSignal ?? engine.pack.exitCode).toBe("SIGINT");
        }
    });

    it("was launched as the CLI launches it", () => {
        const [script, engineAddress, dir] = engine.pack.argv;
        expect(script).toMatch(/@pulumi[/\\]pulumi[/\\]cmd[/\\]run-policy-pack[/\\]index\.js$/);
        expect(engineAddress).toMatch(/^127\.0\.0\.1:\d+$/);
        expect(dir).toBe(packDir);
    });

    it("prints its port first, and nothing else on stdout or stderr", () => {
        const stdout = engine.pack.output.filter((l) => l.stream === "stdout");
        expect(stdout[0]?.line).toBe(String(engine.pack.port));
        expect(engine.pack.diagnostics).toEqual([]);
        // The pack never calls back into the engine: the CLI does not set PULUMI_NODEJS_ENGINE.
        expect(engine.pack.engineLogs).toEqual([]);
    });

    it("does not implement the optional Handshake and ConfigureStack (UNIMPLEMENTED is tolerated)", () => {
        // pulumi-policy 1.21 implements ConfigureStack (for stack tags) but not Handshake.
        expect(engine.implemented).toEqual({ handshake: false, configureStack: true });
    });

    it("reports the policy SDK version as its plugin version", () => {
        expect(engine.pluginInfo.version).toMatch(/^v?1\.21\.\d+$/);
    });

    it("describes the pack", () => {
        expect(engine.info.name).toBe(PACK_NAME);
        expect(engine.info.version).toBe("0.1.0");
        expect(engine.info.supportsConfig).toBe(true);
        // Every policy of the catalog, plus the pack-settings policy the pack lists first.
        expect(engine.info.policies.map((p) => p.name)).toEqual(sdkPolicies().map((p) => p.name));
        expect(engine.info.policies[0]!.name).toBe(SETTINGS_POLICY_NAME);
        expect(engine.info.policies.map((p) => p.name).sort()).toEqual([SETTINGS_POLICY_NAME, ...allPolicies.map((p) => p.name)].sort());
    });

    it.each(allPolicies.map((p) => [p.name, p] as const))("describes %s as the catalog defines it", (name, policy) => {
        const info = engine.info.policies.find((p) => p.name === name)!;
        expect(info.description).toBe(policy.description);
        expect(info.severity).toBe(policy.severity);
        expect(info.enforcementLevel).toBe(policy.enforcementLevel);
        // The engine reads the types once, before Configure, for its per-policy summaries: an untyped policy would
        // be counted as passed on every resource (pulumi/pulumi pkg/resource/analyzer/summary.go). Stack policies
        // run in one pass (lib/core/one-pass.ts stackPoliciesInOnePass) yet must still be listed as stack policies.
        expect(info.policyType).toBe(policy.kind === "stack" ? "stack" : "resource");
        expect(info.remediationSteps).toBe(policy.remediationSteps);
        if (policy.config) {
            expect(info.configSchema?.properties).toEqual(policy.config);
        } else {
            expect(info.configSchema).toBeUndefined();
        }
    });

    it("accepts a Configure for every policy with empty properties, and Cancel is tolerated", async () => {
        await engine.pack.configure(engine.reconcile());
        expect(await engine.pack.cancel()).toBe(false);
    });
});

describe("the harness when a pack does not start", () => {
    it("fails clearly when something is printed to stdout before the port", async () => {
        const pack = writeThrowawayPack(`console.log("loading policies..."); require("@pulumi/policy");\nnew (require("@pulumi/policy").PolicyPack)("chatty", { policies: [] });\n`);
        try {
            const started = PolicyPackProcess.start({ packDir: pack.dir });
            await expect(started).rejects.toThrow(PackStartError);
            await expect(started).rejects.toThrow(/invalid port to stdout: "loading policies\.\.\."/);
        } finally {
            pack.remove();
        }
    });

    it("fails clearly, with the pack's stderr, when the pack exits before printing a port", async () => {
        const pack = writeThrowawayPack(`throw new Error("policy module is broken");\n`);
        try {
            const started = PolicyPackProcess.start({ packDir: pack.dir });
            await expect(started).rejects.toThrow(/exited before printing its port: exit status \d+/);
            await expect(started).rejects.toThrow(/policy module is broken/);
        } finally {
            pack.remove();
        }
    });
});

describe("the harness when a pack dies during a call", () => {
    it("says how the pack process ended and why, not only that the connection dropped", async () => {
        // A stack policy that dies the way V8 does when the heap is exhausted.
        const pack = writeThrowawayPack(`
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("dying", { policies: [{
    name: "explodes", description: "Dies in AnalyzeStack.", enforcementLevel: "mandatory",
    validateStack: () => {
        process.stderr.write("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\\n");
        process.exit(134);
    },
}] });
`);
        const engine = await PolicyEngine.boot({ packDir: pack.dir });
        try {
            const run = engine.run(deployment(false, [["aws:rds/instance:Instance", "db", { engine: "postgres" }]]));
            await expect(run).rejects.toThrow(/analyzeStack failed: .*the policy pack process exited with status 134/);
            await expect(run).rejects.toThrow(/most likely ran out of memory/);
            await expect(run).rejects.toThrow(/JavaScript heap out of memory/);
        } finally {
            await engine.close();
            pack.remove();
        }
    });
});
