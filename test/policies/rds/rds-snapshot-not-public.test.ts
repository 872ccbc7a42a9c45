import { describe, expect, it } from "vitest";
import { rdsSnapshotNotPublic as policy } from "../../../policies/rds/rds-snapshot-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = [
    "aws:rds/snapshot:Snapshot",
    "aws:rds/clusterSnapshot:ClusterSnapshot",
    "aws:rds/snapshotCopy:SnapshotCopy",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
];
const run = (sharedAccounts: unknown, config?: Record<string, unknown>, type = types[0]!) =>
    evaluateResource(policy, { type, props: { sharedAccounts }, config });

describe("rds-snapshot-not-public", () => {
    it.each(types)("passes %s that is not shared or shared with specific accounts", (type) => {
        expect(run(undefined, undefined, type).diagnostics).toEqual([]);
        expect(run([], undefined, type).diagnostics).toEqual([]);
        expect(run(["111122223333", "444455556666"], undefined, type).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s shared with all (public) at the mandatory level", (type) => {
        const result = run(["111122223333", "all"], undefined, type);
        expect(violatedProperties(result)).toEqual(["sharedAccounts.1"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/public/);
    });

    it.each(["ALL", " all ", "All"])("flags %j in any spelling", (value) => {
        expect(violatedProperties(run([value]))).toEqual(["sharedAccounts.0"]);
    });

    it("flags a bare string instead of a list, and non-string elements", () => {
        expect(violatedProperties(run("all"))).toEqual(["sharedAccounts.0"]);
        expect(violatedProperties(run([{ account: "1" }, null]))).toEqual(["sharedAccounts.0", "sharedAccounts.1"]);
    });

    it("allows only configured accounts when allowedAccountIds is set", () => {
        const config = { allowedAccountIds: ["111122223333"] };
        expect(run(["111122223333"], config).diagnostics).toEqual([]);
        expect(violatedProperties(run(["111122223333", "999988887777"], config))).toEqual(["sharedAccounts.1"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on an unknown list or element, but still flags a known all next to it", () => {
            const whole = run(UNKNOWN);
            expect(whole.cantRun).toBe(false);
            expect(whole.undecided.map((d) => [d.property, d.level])).toEqual([["sharedAccounts", "advisory"]]);
            expect(run(["111122223333", UNKNOWN]).undecided.map((d) => d.property)).toEqual(["sharedAccounts.1"]);
            const mixed = run([UNKNOWN, "all"]);
            expect(mixed.cantRun).toBe(false);
            expect(violatedProperties(mixed)).toEqual(["sharedAccounts.1"]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:neptune/clusterSnapshot:ClusterSnapshot", props: { sharedAccounts: ["all"] } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
