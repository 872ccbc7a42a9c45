import { describe, expect, it } from "vitest";
import { opensearchAuditLogs as policy } from "../../../policies/opensearch/opensearch-audit-logs";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const GROUP = "arn:aws:logs:eu-west-1:111122223333:log-group:/search/audit";
const run = (logPublishingOptions: unknown, config?: Record<string, unknown>, type = types[0]!) =>
    evaluateResource(policy, { type, props: logPublishingOptions === undefined ? {} : { logPublishingOptions }, config });

describe("opensearch-audit-logs", () => {
    it.each(types)("passes %s publishing audit and application logs", (type) => {
        const options = [
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: GROUP },
            { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: GROUP, enabled: true },
            { logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: GROUP, enabled: false },
        ];
        expect(run(options, undefined, type).diagnostics).toEqual([]);
    });

    it("flags a domain with no log publishing once (one input, one cause), naming both log types, at the advisory level", () => {
        const result = run(undefined);
        expect(violatedProperties(result)).toEqual(["logPublishingOptions"]);
        expect(result.violations.every((d) => d.level === "advisory")).toBe(true);
        expect(result.violations[0]!.message).toMatch(/publishes no `AUDIT_LOGS` and no `ES_APPLICATION_LOGS`/);
    });

    it("flags a disabled audit log entry at its index, and a missing application log", () => {
        const result = run([{ logType: "AUDIT_LOGS", cloudwatchLogGroupArn: GROUP, enabled: "false" }]);
        expect(violatedProperties(result)).toEqual(["logPublishingOptions", "logPublishingOptions.0.enabled"]);
    });

    it("flags an entry without a log group", () => {
        const result = run([{ logType: "AUDIT_LOGS" }, { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: GROUP }]);
        expect(violatedProperties(result)).toEqual(["logPublishingOptions"]);
    });

    it("honours the configured list of log types", () => {
        const result = run([{ logType: "AUDIT_LOGS", cloudwatchLogGroupArn: GROUP }], { requiredLogTypes: ["AUDIT_LOGS"] });
        expect(result.diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("accepts an unknown log group ARN (a log group is being supplied)", () => {
            const result = run([
                { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: UNKNOWN },
                { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: UNKNOWN },
            ]);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("reports an unknown list or entry as undecided", () => {
            const whole = run(UNKNOWN);
            expect(whole.cantRun).toBe(false);
            expect(whole.undecided.map((d) => d.property)).toEqual(["logPublishingOptions"]);
            const entry = run([{ logType: "AUDIT_LOGS", cloudwatchLogGroupArn: GROUP }, UNKNOWN]);
            expect(entry.violations).toEqual([]);
            expect(entry.undecided.map((d) => d.property)).toEqual(["logPublishingOptions"]);
        });
    });
});
