import { describe, expect, it } from "vitest";
import { docdbAuditLogs as policy } from "../../../policies/docdb/docdb-audit-logs";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:docdb/cluster:Cluster";
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("docdb-audit-logs", () => {
    it("passes a cluster exporting the audit log", () => {
        expect(run({ enabledCloudwatchLogsExports: ["audit", "profiler"] }).diagnostics).toEqual([]);
        expect(run({ enabledCloudwatchLogsExports: ["Audit"] }).diagnostics).toEqual([]);
    });

    it("flags no exports (the default) and exports without audit at the advisory level", () => {
        const none = run({});
        expect(violatedProperties(none)).toEqual(["enabledCloudwatchLogsExports"]);
        expect(none.violations[0]!.level).toBe("advisory");
        expect(violatedProperties(run({ enabledCloudwatchLogsExports: ["profiler"] }))).toEqual(["enabledCloudwatchLogsExports"]);
        expect(violatedProperties(run({ enabledCloudwatchLogsExports: [] }))).toEqual(["enabledCloudwatchLogsExports"]);
    });

    it("explains the Neptune spelling when it is used on a DocumentDB cluster", () => {
        const result = run({ enableCloudwatchLogsExports: ["audit"] });
        expect(violatedProperties(result)).toEqual(["enabledCloudwatchLogsExports"]);
        expect(result.violations[0]!.message).toMatch(/spelled `enabledCloudwatchLogsExports`/);
    });

    it("requires the configured log types", () => {
        expect(violatedProperties(run({ enabledCloudwatchLogsExports: ["audit"] }, { requiredLogExports: ["audit", "profiler"] }))).toEqual(["enabledCloudwatchLogsExports"]);
    });

    it("is undecided on computed exports, but decides when the known items already include audit", () => {
        const result = run({ enabledCloudwatchLogsExports: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["enabledCloudwatchLogsExports"]);
        expect(run({ enabledCloudwatchLogsExports: ["audit", UNKNOWN] }).diagnostics).toEqual([]);
        expect(run({ enabledCloudwatchLogsExports: ["profiler", UNKNOWN] }).undecided.map((d) => d.property)).toEqual(["enabledCloudwatchLogsExports"]);
    });
});
