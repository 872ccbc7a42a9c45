import { describe, expect, it } from "vitest";
import { dynamodbPitr as policy } from "../../../policies/dynamodb/dynamodb-pitr";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

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

describe("dynamodb-pitr remediation", () => {
    const replica = (props: Record<string, unknown>) => ({ type: REPLICA, props: { globalTableArn: "arn:aws:dynamodb:eu-west-1:1:table/t", ...props } });

    it("turns point-in-time recovery on for a table without it (omitted block, off, or not an object)", () => {
        for (const props of [{}, { pointInTimeRecovery: { enabled: false } }, { pointInTimeRecovery: [{ enabled: "false" }] }, { pointInTimeRecovery: "off" }]) {
            const changes = remediationChanges(policy, { type: TABLE, props: { name: "keys", hashKey: "id", ...props } });
            expect(changes, JSON.stringify(props)).toEqual({ pointInTimeRecovery: { enabled: true } });
            expect(table({ ...props, ...changes }).diagnostics).toEqual([]);
        }
    });

    it("keeps the recovery window as written (it is a separate finding once recovery is on)", () => {
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: 14 } } })).toEqual({
            pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 14 },
        });
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: 3 } } })).toEqual({
            pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 },
        });
    });

    it("turns point-in-time recovery on for a TableReplica without it", () => {
        for (const value of [undefined, false, "false"]) {
            expect(remediationChanges(policy, replica(value === undefined ? {} : { pointInTimeRecovery: value }))).toEqual({ pointInTimeRecovery: true });
        }
    });

    it("leaves tables and replicas that already have it alone, whatever the window", () => {
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: true } } })).toBeUndefined();
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: "true", recoveryPeriodInDays: 3 } } })).toBeUndefined();
        expect(remediationChanges(policy, replica({ pointInTimeRecovery: true }))).toBeUndefined();
    });

    it("changes nothing while a value is unknown (preview)", () => {
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: UNKNOWN } })).toBeUndefined();
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: UNKNOWN } } })).toBeUndefined();
        expect(remediationChanges(policy, { type: TABLE, props: { pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: UNKNOWN } } })).toBeUndefined();
        expect(remediationChanges(policy, replica({ pointInTimeRecovery: UNKNOWN }))).toBeUndefined();
    });

    it("leaves inline replicas to the check", () => {
        const props = { pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "us-east-1", pointInTimeRecovery: false }] };
        expect(remediationChanges(policy, { type: TABLE, props })).toBeUndefined();
    });
});
