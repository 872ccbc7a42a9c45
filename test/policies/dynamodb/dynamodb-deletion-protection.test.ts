import { describe, expect, it } from "vitest";
import { dynamodbDeletionProtection as policy } from "../../../policies/dynamodb/dynamodb-deletion-protection";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { remediationChanges } from "../../data/remediate";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const table = (props: Record<string, unknown>) => evaluateResource(policy, { type: TABLE, props });

describe("dynamodb-deletion-protection", () => {
    it("passes a protected table with protected replicas", () => {
        expect(table({ deletionProtectionEnabled: true, replicas: [{ regionName: "us-east-1", deletionProtectionEnabled: true }] }).diagnostics).toEqual([]);
    });

    it("flags an omitted flag (default false) at the advisory level", () => {
        const result = table({});
        expect(violatedProperties(result)).toEqual(["deletionProtectionEnabled"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([false, "false", 0])("flags deletionProtectionEnabled = %j", (value) => {
        expect(violatedProperties(table({ deletionProtectionEnabled: value }))).toEqual(["deletionProtectionEnabled"]);
    });

    it("flags unprotected inline replicas and a standalone TableReplica", () => {
        expect(violatedProperties(table({ deletionProtectionEnabled: "true", replicas: [{ regionName: "us-east-1" }, "us-west-2"] }))).toEqual([
            "replicas.0.deletionProtectionEnabled",
            "replicas.1",
        ]);
        expect(violatedProperties(evaluateResource(policy, { type: REPLICA, props: { globalTableArn: "arn" } }))).toEqual(["deletionProtectionEnabled"]);
        expect(evaluateResource(policy, { type: REPLICA, props: { globalTableArn: "arn", deletionProtectionEnabled: true } }).diagnostics).toEqual([]);
    });

    it("reports unknowns as undecided", () => {
        const result = table({ deletionProtectionEnabled: UNKNOWN, replicas: [UNKNOWN] });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["deletionProtectionEnabled", "replicas.0.deletionProtectionEnabled"]);
    });
});

describe("dynamodb-deletion-protection remediation", () => {
    it.each([undefined, false, "false", 0])("turns the table's deletion protection on when it is %j", (value) => {
        const props = { name: "keys", hashKey: "id", ...(value === undefined ? {} : { deletionProtectionEnabled: value }) };
        const changes = remediationChanges(policy, { type: TABLE, props });
        expect(changes).toEqual({ deletionProtectionEnabled: true });
        // The remediated table passes the check.
        expect(table({ ...props, ...changes }).diagnostics).toEqual([]);
    });

    it.each([true, "true"])("leaves an already protected table (%j) alone", (value) => {
        expect(remediationChanges(policy, { type: TABLE, props: { deletionProtectionEnabled: value } })).toBeUndefined();
    });

    it("changes nothing while the flag is unknown (preview)", () => {
        expect(remediationChanges(policy, { type: TABLE, props: { deletionProtectionEnabled: UNKNOWN } })).toBeUndefined();
    });

    it("leaves replicas to the check: inline replicas are not rewritten and TableReplica is not remediated", () => {
        const replicas = [{ regionName: "us-east-1" }];
        expect(remediationChanges(policy, { type: TABLE, props: { deletionProtectionEnabled: true, replicas } })).toBeUndefined();
        expect(remediationChanges(policy, { type: TABLE, props: { replicas } })).toEqual({ deletionProtectionEnabled: true });
        expect(remediationChanges(policy, { type: REPLICA, props: { globalTableArn: "arn" } })).toBeUndefined();
    });
});
