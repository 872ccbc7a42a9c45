// Policy configuration changes the outcome over the wire, with the engine's reconciliation: every policy
// configured, `all` for every level, a per-policy level on top.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import { PolicyEngine } from "../../scanner/engine/engine";
import { findingKeys } from "../harness/report";
import { allPolicies } from "../../policies/catalog";
import { builtPackDir } from "./built-pack";

const programDir = join(__dirname, "..", "..", "stacks", "exposed-wallet-db");
const packDir = builtPackDir();
// What the engine tells the pack about the stack (PULUMI_NODEJS_* / PULUMI_CONFIG, ConfigureStack).
const stack = { project: readProjectName(programDir), stack: "dev", config: { "aws:region": "us-east-1" } };

describe("policy configuration round trip (stacks/exposed-wallet-db, update)", () => {
    let engine: PolicyEngine;
    let capture: Capture;

    beforeAll(async () => {
        [engine, capture] = await Promise.all([PolicyEngine.boot({ packDir, stack }), captureProgram({ programDir, preview: false })]);
    });

    afterAll(async () => {
        await engine?.close();
    });

    // db-non-default-admin-username is advisory and, by design, not raised to mandatory on key-material
    // resources, so its findings show the configured level as it is.
    const DEFAULT_USER_NAMES = ["ledger-analytics", "wallet-cluster", "wallet-db", "wallet-docdb"];
    const atLevel = (level: "advisory" | "mandatory") => DEFAULT_USER_NAMES.map((resource) => ({ policy: "db-non-default-admin-username", resource, level }));

    it("configures every policy with its default level and its default properties", async () => {
        const result = await engine.run(capture);
        for (const policy of engine.info.policies) {
            expect(result.config[policy.name]).toEqual({ enforcementLevel: policy.enforcementLevel, properties: expect.any(Object) });
        }
        expect(result.config["db-non-default-admin-username"]).toEqual({ enforcementLevel: "advisory", properties: expect.objectContaining({}) });
        expect(findingKeys(result).filter((k) => k.policy === "db-non-default-admin-username")).toEqual(atLevel("advisory"));
    });

    it("turns an advisory policy into a blocking one", async () => {
        const result = await engine.run(capture, { config: { "db-non-default-admin-username": "mandatory" } });
        expect(findingKeys(result).filter((k) => k.policy === "db-non-default-admin-username")).toEqual(atLevel("mandatory"));
    });

    it("raises advisory policies to mandatory on key-material resources unless pack-settings says otherwise", async () => {
        const escalated = await engine.run(capture);
        expect(findingKeys(escalated).filter((k) => k.policy === "rds-deletion-protection")).toEqual([
            { policy: "rds-deletion-protection", resource: "wallet-cluster", level: "mandatory" },
            { policy: "rds-deletion-protection", resource: "wallet-db", level: "mandatory" },
        ]);
        const asConfigured = await engine.run(capture, { config: { "pack-settings": { keyMaterialEnforcement: "as-configured" } } });
        expect(findingKeys(asConfigured).filter((k) => k.policy === "rds-deletion-protection")).toEqual([
            { policy: "rds-deletion-protection", resource: "wallet-cluster", level: "advisory" },
            { policy: "rds-deletion-protection", resource: "wallet-db", level: "advisory" },
        ]);
    });

    it("disables every policy with `all`", async () => {
        const result = await engine.run(capture, { config: { all: "disabled" } });
        expect(result.diagnostics).toEqual([]);
        expect(result.blocked).toBe(false);
    });

    it("applies a per-policy level on top of `all` (object form)", async () => {
        const result = await engine.run(capture, {
            config: { all: "disabled", "db-non-default-admin-username": { enforcementLevel: "mandatory" } },
        });
        expect(findingKeys(result)).toEqual(atLevel("mandatory"));
        expect(result.blocked).toBe(true);
    });

    // The stack policies run in one pass inside one SDK stack policy (lib/core/one-pass.ts stackPoliciesInOnePass); each
    // must still honour its own configured level and properties, whatever the other policies' levels are.
    const ofPolicy = (keys: ReturnType<typeof findingKeys>, policy: string) => keys.filter((k) => k.policy === policy);

    it("runs a stack policy enabled on top of `all: disabled`, and only that one", async () => {
        const everything = findingKeys(await engine.run(capture));
        const expected = ofPolicy(everything, "db-subnets-private");
        expect(expected.length).toBeGreaterThan(0);
        const result = await engine.run(capture, { config: { all: "disabled", "db-subnets-private": "mandatory" } });
        expect(findingKeys(result)).toEqual(expected.map((k) => ({ ...k, level: "mandatory" })));
        expect(result.blocked).toBe(true);
    });

    it("applies each stack policy's own level: advisory, disabled, and remediate (mandatory for stack policies)", async () => {
        const config = {
            "pack-settings": { keyMaterialEnforcement: "as-configured" },
            "db-subnets-private": "advisory",
            "db-sg-no-public-source": "disabled",
            "key-material-store-isolated": "remediate",
        } as const;
        const keys = findingKeys(await engine.run(capture, { config }));
        expect(ofPolicy(keys, "db-subnets-private").length).toBeGreaterThan(0);
        expect(new Set(ofPolicy(keys, "db-subnets-private").map((k) => k.level))).toEqual(new Set(["advisory"]));
        expect(ofPolicy(keys, "db-sg-no-public-source")).toEqual([]);
        expect(ofPolicy(keys, "key-material-store-isolated").length).toBeGreaterThan(0);
        expect(new Set(ofPolicy(keys, "key-material-store-isolated").map((k) => k.level))).toEqual(new Set(["mandatory"]));
    });

    it("hands a stack policy its own configured properties", async () => {
        const result = await engine.run(capture, { config: { "db-sg-no-public-source": { allowedPublicCidrs: ["not-a-cidr"] } } });
        const configFindings = result.diagnostics.filter((d) => d.policyName === "db-sg-no-public-source" && d.message.includes("[config.allowedPublicCidrs]"));
        expect(configFindings.length).toBeGreaterThan(0);
        const defaults = await engine.run(capture);
        expect(defaults.diagnostics.filter((d) => d.message.includes("[config.allowedPublicCidrs]"))).toEqual([]);
    });

    it("reports stack findings with the stack policy's own severity and description", async () => {
        const result = await engine.run(capture);
        const info = new Map(engine.info.policies.map((p) => [p.name, p]));
        const stackFindings = result.diagnostics.filter((d) => allPolicies.some((p) => p.kind === "stack" && p.name === d.policyName));
        expect(stackFindings.length).toBeGreaterThan(0);
        for (const d of stackFindings) {
            expect(d.severity).toBe(info.get(d.policyName)!.severity);
            expect(d.description).toBe(info.get(d.policyName)!.description);
            expect(d.message.startsWith(`${info.get(d.policyName)!.description}\n`)).toBe(true);
        }
    });

    it("refuses an unknown enforcement level, as the engine does", () => {
        expect(() => engine.reconcile({ all: "strict" as "mandatory" })).toThrow(/"strict" is not a valid enforcement level/);
    });
});
