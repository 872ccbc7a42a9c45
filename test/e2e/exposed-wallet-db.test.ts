// stacks/exposed-wallet-db through the pack, as `pulumi up` and as `pulumi preview` of a new stack would run
// it. The run must be blocked, with exactly the findings below.
// The expected table (one line per policy and resource) is in exposed-wallet-db.expected.ts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../scanner/engine/engine";
import { cantRunDiagnostics, findingKeys, formatDiagnostics } from "../harness/report";
import { allPolicies } from "../../policies/catalog";
import { runBundledStack, type BundledStackRun } from "./bundled-stack";
import { EXPECTED, expected } from "./exposed-wallet-db.expected";

describe("stacks/exposed-wallet-db is blocked", () => {
    let engine: PolicyEngine | undefined;
    const captures = {} as BundledStackRun["captures"];
    const runs = {} as BundledStackRun["runs"];

    beforeAll(async () => {
        const result = await runBundledStack("exposed-wallet-db");
        engine = result.engine;
        Object.assign(captures, result.captures);
        Object.assign(runs, result.runs);
    });

    afterAll(async () => {
        await engine?.close();
    });

    describe.each(["update", "preview"] as const)("%s", (mode) => {
        it("is blocked by exactly the expected mandatory violations", () => {
            const run = runs[mode];
            expect(findingKeys(run, ["mandatory"]), formatDiagnostics(run.mandatory)).toEqual(expected(mode, "mandatory"));
            expect(run.blocked).toBe(true);
        });

        it("reports exactly the expected advisory findings", () => {
            const run = runs[mode];
            expect(findingKeys(run, ["advisory"]), formatDiagnostics(run.advisory)).toEqual(expected(mode, "advisory"));
        });

        it("never makes the SDK give up on a policy because of an unknown value", () => {
            expect(formatDiagnostics(cantRunDiagnostics(runs[mode]))).toBe("");
        });

        it("analyzed every registered resource, the root stack and the default provider included", () => {
            const run = runs[mode];
            const capture = captures[mode];
            expect(run.resources.map((r) => r.urn)).toEqual(capture.resources.map((r) => r.urn));
            expect(capture.resources.map((r) => r.type)).toEqual(expect.arrayContaining(["pulumi:pulumi:Stack", "pulumi:providers:aws"]));
            expect(capture.resources.filter((r) => r.type === "aws:rds/instance:Instance").map((r) => r.name)).toEqual(["wallet-db", "audit-db"]);
        });
    });

    it("would stop `pulumi up` at the first resource with a mandatory violation", () => {
        // The CLI analyzes resources in registration order and stops at the first mandatory resource-policy
        // violation (stack policies only run once every resource is registered).
        const resourcePolicies = new Set(allPolicies.filter((p) => p.kind === "resource").map((p) => p.name));
        const firstBlocked = captures.update.resources.find((r) =>
            EXPECTED.some(([policy, resource, level, modes]) => resource === r.name && level === "mandatory" && modes !== "preview" && resourcePolicies.has(policy)),
        );
        expect(firstBlocked).toBeDefined();
        expect(runs.update.updateWouldStopAt).toBe(firstBlocked!.urn);
        expect(runs.preview.updateWouldStopAt).toBeUndefined();
    });
});
