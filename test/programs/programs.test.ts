// Realistic programs written for this project (test/fixtures/programs: a web app with RDS behind a load balancer,
// an ETL stack on Redshift, a cache-backed service, an IAM-heavy account) through the compiled pack, as
// `pulumi preview` and `pulumi up` of a new stack. The reviewer's judgment of each (test/programs/judgments.ts)
// decides: every real exposure blocked once, nothing else blocked, the same blocking findings in preview and update.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingKeys, formatDiagnostics, sortFindings, type FindingKey } from "../harness/report";
import type { Diagnostic } from "../../scanner/engine/engine";
import { JUDGMENTS, type ProgramJudgment } from "./judgments";
import { runProgram, type Mode, type ProgramRun } from "./run";
import { measure } from "./precision";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
    // One program at a time: each boots a pack and captures twice.
    for (const judgment of JUDGMENTS) {
        runs.set(judgment.program, await runProgram(judgment.program));
    }
});

afterAll(() => {
    const total = measure(JUDGMENTS.map((j) => ({ judgment: j, diagnostics: runs.get(j.program)?.runs.update.diagnostics ?? [] })));
    // The measured figures, for the maintainers (README "Precision on realistic programs" quotes them).
    process.stderr.write(`realistic programs (update): ${JSON.stringify(total)}\n`);
});

function mandatory(judgment: ProgramJudgment, mode: Mode): Diagnostic[] {
    return runs.get(judgment.program)!.runs[mode].mandatory;
}

describe.each(JUDGMENTS.map((j) => [j.program, j] as const))("%s", (_, judgment) => {
    describe.each(["update", "preview"] as const)("%s", (mode) => {
        it("blocks every real exposure (recall)", () => {
            const found = mandatory(judgment, mode);
            const due = judgment.exposures.filter((e) => mode === "update" || !e.previewUndecided);
            const missed = due.filter((e) => !found.some((d) => d.resourceName === e.resource && e.policies.includes(d.policyName)));
            expect(missed.map((e) => `${e.resource}: ${e.cause}`)).toEqual([]);
        });

        if (mode === "preview") {
            it("says which exposures it can only decide at `pulumi up`", () => {
                const advisories = runs.get(judgment.program)!.runs.preview.advisory;
                const silent = judgment.exposures
                    .filter((e) => e.previewUndecided)
                    .filter((e) => !advisories.some((d) => d.resourceName === e.resource && e.policies.includes(d.policyName) && /only known at update time|checked at update time|Cannot verify during preview/.test(d.message)));
                expect(silent.map((e) => `${e.resource}: ${e.cause}`)).toEqual([]);
            });
        }

        it("blocks nothing else, and each cause once (precision)", () => {
            const found = mandatory(judgment, mode);
            const unjudged = found.filter((d) => !judgment.exposures.some((e) => d.resourceName === e.resource && e.policies.includes(d.policyName)));
            expect(formatDiagnostics(unjudged)).toBe("");
            for (const exposure of judgment.exposures) {
                const blocking = new Set(found.filter((d) => d.resourceName === exposure.resource && exposure.policies.includes(d.policyName)).map((d) => `${d.policyName}:${d.urn}`));
                expect(blocking.size, `${exposure.resource}: ${exposure.cause}`).toBeLessThanOrEqual(1);
            }
        });

        it("does not block the resources that only look dangerous", () => {
            const found = mandatory(judgment, mode);
            const names = new Set(runs.get(judgment.program)!.captures[mode].resources.map((r) => r.name));
            for (const { resource } of judgment.mustNotBlock) {
                expect(names.has(resource), `${resource} is not a resource of ${judgment.program}`).toBe(true);
            }
            const blocked = found.filter((d) => judgment.mustNotBlock.some((m) => m.resource === d.resourceName));
            expect(formatDiagnostics(blocked)).toBe("");
        });

        it("reports exactly the reviewed findings", () => {
            const run = runs.get(judgment.program)!.runs[mode];
            const expected: FindingKey[] = sortFindings(
                judgment.expected.filter(([, , , modes]) => modes === "both" || modes === mode).map(([policy, resource, level]) => ({ policy, resource, level })),
            );
            expect(findingKeys(run), formatDiagnostics(run.diagnostics)).toEqual(expected);
        });
    });
});
