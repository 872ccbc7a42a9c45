import { describe, expect, it } from "vitest";
import { neptuneAuditLogs as policy } from "../../../policies/neptune/neptune-audit-logs";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: "aws:neptune/cluster:Cluster", props, config });

describe("neptune-audit-logs", () => {
    it("passes a cluster exporting the audit log", () => {
        expect(run({ enableCloudwatchLogsExports: ["audit", "slowquery"] }).diagnostics).toEqual([]);
    });

    it("flags no exports and exports without audit at advisory level", () => {
        const result = run({});
        expect(violatedProperties(result)).toEqual(["enableCloudwatchLogsExports"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(violatedProperties(run({ enableCloudwatchLogsExports: ["slowquery"] }))).toEqual(["enableCloudwatchLogsExports"]);
    });

    it("flags the RDS/DocumentDB spelling, which Neptune ignores, and explains it", () => {
        const result = run({ enabledCloudwatchLogsExports: ["audit"] });
        expect(violatedProperties(result)).toEqual(["enableCloudwatchLogsExports"]);
        expect(result.violations[0]!.message).toMatch(/spelled `enableCloudwatchLogsExports`/);
    });

    it("requires the configured log types", () => {
        expect(violatedProperties(run({ enableCloudwatchLogsExports: ["audit"] }, { requiredLogExports: ["audit", "slowquery"] }))).toEqual(["enableCloudwatchLogsExports"]);
    });

    it("is undecided on computed exports", () => {
        const result = run({ enableCloudwatchLogsExports: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["enableCloudwatchLogsExports"]);
    });
});
