import { describe, expect, it } from "vitest";
import { dynamodbPitr as policy } from "../../../policies/dynamodb/dynamodb-pitr";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const table = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: TABLE, props, config });

describe("dynamodb-pitr", () => {
    it("passes a table with PITR on (default 35-day window) and PITR replicas", () => {
        const result = table({ pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "us-east-1", pointInTimeRecovery: true }] });
        expect(result.diagnostics).toEqual([]);
    });

    it("flags an omitted block (default off) at the advisory level", () => {
        const result = table({});
        expect(violatedProperties(result)).toEqual(["pointInTimeRecovery"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([false, "false", "on", null])("flags pointInTimeRecovery.enabled = %j", (enabled) => {
        expect(violatedProperties(table({ pointInTimeRecovery: { enabled } }))).toEqual(["pointInTimeRecovery.enabled"]);
    });

    it("flags a recovery window below the configured minimum, and honours the config", () => {
        expect(violatedProperties(table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } }))).toEqual(["pointInTimeRecovery.recoveryPeriodInDays"]);
        expect(table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 } }).diagnostics).toEqual([]);
        expect(table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: "3" } }, { minimumRecoveryPeriodDays: 2 }).diagnostics).toEqual([]);
        expect(violatedProperties(table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 10 } }, { minimumRecoveryPeriodDays: 14 }))).toEqual([
            "pointInTimeRecovery.recoveryPeriodInDays",
        ]);
    });

    it("flags replicas without PITR (omitted defaults to false)", () => {
        const result = table({
            pointInTimeRecovery: { enabled: true },
            replicas: [{ regionName: "us-east-1" }, { regionName: "us-west-2", pointInTimeRecovery: false }, { regionName: "eu-west-2", pointInTimeRecovery: true }],
        });
        expect(violatedProperties(result)).toEqual(["replicas.0.pointInTimeRecovery", "replicas.1.pointInTimeRecovery"]);
    });

    it("checks a standalone TableReplica", () => {
        const run = (props: Record<string, unknown>) => evaluateResource(policy, { type: REPLICA, props: { globalTableArn: "arn:aws:dynamodb:eu-west-1:1:table/t", ...props } });
        expect(violatedProperties(run({}))).toEqual(["pointInTimeRecovery"]);
        expect(run({ pointInTimeRecovery: true }).diagnostics).toEqual([]);
    });

    it("reports unknowns as undecided, deciding what is known", () => {
        const result = table({ pointInTimeRecovery: { enabled: UNKNOWN }, replicas: [{ regionName: "us-east-1", pointInTimeRecovery: false }] });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["pointInTimeRecovery.enabled"]);
        expect(violatedProperties(result)).toEqual(["replicas.0.pointInTimeRecovery"]);
        expect(table({ pointInTimeRecovery: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["pointInTimeRecovery"]);
    });

    it("reports an invalid config value and falls back to the default", () => {
        const result = table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 5 } }, { minimumRecoveryPeriodDays: "seven" });
        expect(violatedProperties(result)).toEqual(["config.minimumRecoveryPeriodDays", "pointInTimeRecovery.recoveryPeriodInDays"]);
    });
});
