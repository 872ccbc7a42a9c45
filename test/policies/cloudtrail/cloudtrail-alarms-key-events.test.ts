import { describe, expect, it } from "vitest";
import { cloudtrailAlarmsKeyEvents as policy } from "../../../policies/cloudtrail/cloudtrail-alarms-key-events";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const TRAIL = "aws:cloudtrail/trail:Trail";
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const GROUP = "aws:cloudwatch/logGroup:LogGroup";
const PATTERN = "{($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))}";

const group: StackInputResource = { type: GROUP, name: "trail-group", props: { name: "cloudtrail", arn: "arn:aws:logs:eu-west-1:1:log-group:cloudtrail" } };
const trail: StackInputResource = { type: TRAIL, name: "main", props: { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:1:log-group:cloudtrail:*", cloudWatchLogsRoleArn: "arn:aws:iam::1:role/ct" } };
const filter = (pattern: string, logGroupName: unknown = "cloudtrail"): StackInputResource => ({
    type: FILTER,
    name: "kms-filter",
    props: { logGroupName, pattern, metricTransformation: { name: "KmsKeyDisabledOrDeleted", namespace: "Security", value: "1" } },
});
const alarm: StackInputResource = { type: ALARM, name: "kms-alarm", props: { metricName: "KmsKeyDisabledOrDeleted", namespace: "Security" } };
const run = (resources: StackInputResource[]) => {
    const result = evaluateStack(policy, resources);
    return { result, violations: result.violations.map((d) => [d.urn, d.property]), undecided: result.undecided.map((d) => [d.urn, d.property]) };
};

describe("cloudtrail-alarms-key-events", () => {
    it("passes a trail delivering to a log group with a KMS filter and an alarm", () => {
        expect(run([group, trail, filter(PATTERN), alarm]).result.diagnostics).toEqual([]);
    });

    it("flags a trail that does not deliver to CloudWatch Logs, at advisory level", () => {
        const { result, violations } = run([{ ...trail, props: { s3BucketName: "logs" } }]);
        expect(violations).toEqual([[urnOf(TRAIL, "main"), "cloudWatchLogsGroupArn"]]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags a missing or partial filter, or one on another log group", () => {
        expect(run([group, trail]).violations).toEqual([[urnOf(TRAIL, "main"), "cloudWatchLogsGroupArn"]]);
        expect(run([group, trail, filter("{ $.eventName = DisableKey }"), alarm]).violations).toEqual([[urnOf(TRAIL, "main"), "cloudWatchLogsGroupArn"]]);
        expect(run([group, trail, filter(PATTERN, "app-logs"), alarm]).violations).toEqual([[urnOf(TRAIL, "main"), "cloudWatchLogsGroupArn"]]);
    });

    it("flags a filter that no alarm watches", () => {
        expect(run([group, trail, filter(PATTERN)]).violations).toEqual([[urnOf(FILTER, "kms-filter"), "metricTransformation.name"]]);
    });

    it("does not flag stacks without a trail", () => {
        expect(run([group, filter(PATTERN)]).result.diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("links the trail and the filter to the same LogGroup through propertyDependencies", () => {
            const resources: StackInputResource[] = [
                { ...group, props: { name: UNKNOWN, arn: UNKNOWN } },
                { ...trail, props: { s3BucketName: "logs", cloudWatchLogsGroupArn: UNKNOWN }, propertyDependencies: { cloudWatchLogsGroupArn: ["trail-group"] } },
                { ...filter(PATTERN, UNKNOWN), propertyDependencies: { logGroupName: ["trail-group"] } },
                { ...alarm, propertyDependencies: { metricName: ["kms-filter"] } },
            ];
            const { result } = run(resources);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("is undecided when the trail's log group cannot be linked yet", () => {
            const { result, undecided } = run([{ ...trail, props: { s3BucketName: "logs", cloudWatchLogsGroupArn: UNKNOWN } }, filter(PATTERN), alarm]);
            expect(result.violations).toEqual([]);
            expect(undecided).toEqual([[urnOf(TRAIL, "main"), "cloudWatchLogsGroupArn"]]);
        });
    });
});
