import { describe, expect, it } from "vitest";
import { redshiftAutomatedSnapshots as policy } from "../../../policies/redshift/redshift-automated-snapshots";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:redshift/cluster:Cluster";
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("redshift-automated-snapshots", () => {
    it("passes a week of snapshots", () => {
        expect(run({ automatedSnapshotRetentionPeriod: 7 }).diagnostics).toEqual([]);
        expect(run({ automatedSnapshotRetentionPeriod: "35" }).diagnostics).toEqual([]);
    });

    it("flags the default (1 day) at advisory level", () => {
        const result = run({});
        expect(violatedProperties(result)).toEqual(["automatedSnapshotRetentionPeriod"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/defaults to 1/);
    });

    it.each([0, 3, "zero"])("flags automatedSnapshotRetentionPeriod = %j", (value) => {
        expect(violatedProperties(run({ automatedSnapshotRetentionPeriod: value }))).toEqual(["automatedSnapshotRetentionPeriod"]);
    });

    it("honours a configured minimum", () => {
        expect(run({ automatedSnapshotRetentionPeriod: 3 }, { minimumRetentionDays: 3 }).diagnostics).toEqual([]);
        expect(violatedProperties(run({}, { minimumRetentionDays: 1 }))).toEqual([]);
    });

    it("reports an unknown period as undecided", () => {
        const result = run({ automatedSnapshotRetentionPeriod: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["automatedSnapshotRetentionPeriod"]);
    });
});
