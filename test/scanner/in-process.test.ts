// The scanner loads the pack into its own process and calls the pack's gRPC handlers directly (scanner/engine/
// in-process.ts); the engine's way is a pack process spoken to over gRPC. On every test stack (the bundled stack
// exports and every scanner fixture), under the default configuration and configurations that move the one-pass
// hosts, the two must report exactly the same findings.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { UserPolicyConfig } from "../../scanner/engine/config";
import { PolicyEngine, type RunResult } from "../../scanner/engine/engine";
import type { AnalyzerStub } from "../../scanner/engine/pack";
import { InProcessPack } from "../../scanner/engine/in-process";
import { loadInput } from "../../scanner/inputs";
import { scan, scanEngine, SCAN_ENGINE_ENV, UsageError, type Finding } from "../../scanner/scan";
import { builtPackDir } from "../e2e/built-pack";

const ROOT = join(__dirname, "..", "..");
const FILES = [
    ...readdirSync(join(ROOT, "stacks", "exports")).map((f) => join("stacks", "exports", f)),
    ...readdirSync(join(__dirname, "fixtures")).map((f) => join("test", "scanner", "fixtures", f)),
].filter((f) => f.endsWith(".json"));
const CONFIGS: Record<string, UserPolicyConfig | undefined> = {
    default: undefined,
    "pack-settings disabled, everything advisory": { all: "advisory", "pack-settings": "disabled" },
    "one framework, one policy at remediate": { "pack-settings": { frameworks: ["pci-dss-4.0"] }, "rds-deletion-protection": "remediate" },
};

function comparable(findings: readonly Finding[]): string[] {
    return findings.map((f) => JSON.stringify([f.file, f.policy, f.resourceUrn, f.level, f.severity, f.message, f.fingerprint, f.waiver ?? null])).sort();
}

describe("the scanner in process reports what the pack process reports over gRPC", () => {
    const engines: PolicyEngine<InProcessPack>[] = [];
    afterAll(async () => {
        await Promise.all(engines.map((e) => e.close()));
    });

    it.each(Object.keys(CONFIGS))("on every test stack, %s", async (name) => {
        const inputs = FILES.map((file) => loadInput(join(ROOT, file)));
        const config = CONFIGS[name];
        const [overTheWire, inProcess] = [await scan(inputs, { packDir: builtPackDir(), config, engine: "process" }), await scan(inputs, { packDir: builtPackDir(), config, engine: "in-process" })];
        expect(comparable(inProcess.findings)).toEqual(comparable(overTheWire.findings));
        expect(inProcess.inputs.map((i) => [i.file, i.mandatory, i.advisory])).toEqual(overTheWire.inputs.map((i) => [i.file, i.mandatory, i.advisory]));
        // Something is compared: every configuration finds mandatory or advisory findings on the exposed stack.
        expect(overTheWire.findings.filter((f) => f.file.includes("exposed-wallet-db")).length).toBeGreaterThan(10);
    }, 600_000);

    it("leaves the not-applicable lists undecoded, as the scanner asks, without changing a diagnostic, in process and over gRPC", async () => {
        const inputs = FILES.map((file) => loadInput(join(ROOT, file)));
        const config = CONFIGS["one framework, one policy at remediate"];
        const diagnostics = (run: RunResult) => run.diagnostics.map((d) => JSON.stringify([d.source, d.policyName, d.urn, d.enforcementLevel, d.severity, d.message])).sort();
        const inProcess = await PolicyEngine.bootInProcess({ packDir: builtPackDir() });
        const overGrpc = await PolicyEngine.boot({ packDir: builtPackDir() });
        engines.push(inProcess);
        try {
            for (const engine of [inProcess, overGrpc] as PolicyEngine<AnalyzerStub>[]) {
                for (const input of inputs) {
                    const full = await engine.run(input.deployment, { config });
                    const lean = await engine.run(input.deployment, { config, readNotApplicable: false });
                    expect(diagnostics(lean), input.file).toEqual(diagnostics(full));
                    expect(lean.resources.every((r) => r.notApplicable.length === 0)).toBe(true);
                    expect(lean.stack.notApplicable).toEqual([]);
                    // The full decode has the entries the lean one left out.
                    expect(full.resources.some((r) => r.notApplicable.length > 0)).toBe(true);
                }
            }
        } finally {
            await overGrpc.close();
        }
    }, 600_000);

    it("really loads the pack in process: no port printed, the SDK's handlers answer, the stack policies run", async () => {
        const engine = await PolicyEngine.bootInProcess({ packDir: builtPackDir() });
        engines.push(engine);
        expect(engine.pack).toBeInstanceOf(InProcessPack);
        expect(engine.info.policies.length).toBeGreaterThan(100);
        // Loading again reuses the handlers (the SDK serves one pack per process).
        const again = await PolicyEngine.bootInProcess({ packDir: builtPackDir() });
        engines.push(again);
        expect(again.info.policies.map((p) => p.name)).toEqual(engine.info.policies.map((p) => p.name));
        // An RPC the SDK does not implement is UNIMPLEMENTED, as over the wire (the engine tolerates it).
        expect(await engine.pack.cancel()).toBe(false);
    });

    it("chooses the engine from the option, else the environment", () => {
        expect(scanEngine(undefined, {})).toBe("in-process");
        expect(scanEngine(undefined, { [SCAN_ENGINE_ENV]: " Process " })).toBe("process");
        expect(scanEngine("in-process", { [SCAN_ENGINE_ENV]: "process" })).toBe("in-process");
        expect(() => scanEngine(undefined, { [SCAN_ENGINE_ENV]: "grpc" })).toThrow(UsageError);
    });
});
