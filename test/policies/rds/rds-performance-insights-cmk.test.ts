import { describe, expect, it } from "vitest";
import { rdsPerformanceInsightsCmk as policy } from "../../../policies/rds/rds-performance-insights-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"];
const key = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-performance-insights-cmk", () => {
    it.each(types)("passes %s with Performance Insights on a customer-managed key, or off", (type) => {
        expect(run(type, { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: key }).diagnostics).toEqual([]);
        expect(run(type, { performanceInsightsEnabled: "true", performanceInsightsKmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
        expect(run(type, {}).diagnostics).toEqual([]);
        expect(run(type, { performanceInsightsEnabled: false }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s with Performance Insights on the default aws/rds key (advisory)", (type) => {
        const result = run(type, { performanceInsightsEnabled: true });
        expect(violatedProperties(result)).toEqual(["performanceInsightsKmsKeyId"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/aws\/rds/);
    });

    it("flags an AWS-managed or malformed key even where enabling is left to the cluster", () => {
        expect(violatedProperties(run(types[2]!, { performanceInsightsKmsKeyId: "alias/aws/rds" }))).toEqual(["performanceInsightsKmsKeyId"]);
        expect(violatedProperties(run(types[0]!, { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: { id: "k" } }))).toEqual([
            "performanceInsightsKmsKeyId",
        ]);
    });

    it("reports an unknown performanceInsightsEnabled without a key as undecided during preview", () => {
        const result = run(types[1]!, { performanceInsightsEnabled: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["performanceInsightsEnabled", "advisory"]]);
        expect(run(types[1]!, { performanceInsightsEnabled: UNKNOWN, performanceInsightsKmsKeyId: key }).diagnostics).toEqual([]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/clusterInstance:ClusterInstance", props: { performanceInsightsEnabled: true } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
