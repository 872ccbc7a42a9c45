// stacks/exposed-wallet-db through the pack, as `pulumi up` and as `pulumi preview` of a new stack would run
// it. The run must be blocked, with exactly the findings below.
//
// EXPECTED is derived from the stack's design (see the comments in stacks/exposed-wallet-db/index.ts), one
// line per (policy, resource). When a policy is added, add its lines here; `modes` says whether a finding is
// expected in preview, in update, or both (a finding that needs a value only known after creation is
// update-only in the pack's design, and undecided, so advisory, during preview). A stack policy's finding
// without a URN belongs to the root stack resource, `exposed-wallet-db-dev`.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureProgram, readProjectName, type Capture } from "../harness/capture";
import { PolicyEngine, type RunResult } from "../harness/engine";
import { cantRunDiagnostics, findingKeys, formatDiagnostics, sortFindings, type FindingKey, type Level } from "../harness/report";
import { builtPackDir } from "./built-pack";

type Modes = "both" | "preview" | "update";

const EXPECTED: readonly [policy: string, resource: string, level: Level, modes: Modes][] = [
    ["rds-instance-storage-encrypted", "wallet-db",      "mandatory", "both"],
    ["rds-deletion-protection",        "wallet-db",      "advisory",  "both"],
    ["rds-deletion-protection",        "wallet-cluster", "advisory",  "both"],
];

function expected(mode: "preview" | "update", level: Level): FindingKey[] {
    return sortFindings(
        EXPECTED.filter(([, , l, modes]) => l === level && (modes === "both" || modes === mode)).map(([policy, resource, l]) => ({
            policy,
            resource,
            level: l,
        })),
    );
}

const programDir = join(__dirname, "..", "..", "stacks", "exposed-wallet-db");
const packDir = builtPackDir();
// What the engine tells the pack about the stack (PULUMI_NODEJS_* / PULUMI_CONFIG, ConfigureStack).
const stack = { project: readProjectName(programDir), stack: "dev", config: { "aws:region": "us-east-1" } };

describe("stacks/exposed-wallet-db is blocked", () => {
    let engine: PolicyEngine;
    const captures = {} as Record<"preview" | "update", Capture>;
    const runs = {} as Record<"preview" | "update", RunResult>;

    beforeAll(async () => {
        const [booted, preview, update] = await Promise.all([
            PolicyEngine.boot({ packDir, stack }),
            captureProgram({ programDir, preview: true }),
            captureProgram({ programDir, preview: false }),
        ]);
        engine = booted;
        captures.preview = preview;
        captures.update = update;
        runs.preview = await engine.run(preview);
        runs.update = await engine.run(update);
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
            expect(capture.resources.filter((r) => r.type === "aws:rds/instance:Instance").map((r) => r.name)).toEqual(["wallet-db"]);
        });
    });

    it("would stop `pulumi up` at the first resource with a mandatory violation", () => {
        expect(runs.update.updateWouldStopAt).toMatch(/::wallet-db$/);
        expect(runs.preview.updateWouldStopAt).toBeUndefined();
    });
});
