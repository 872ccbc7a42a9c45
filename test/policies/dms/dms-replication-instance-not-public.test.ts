import { describe, expect, it } from "vitest";
import { dmsReplicationInstanceNotPublic as policy } from "../../../policies/dms/dms-replication-instance-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:dms/replicationInstance:ReplicationInstance";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { replicationInstanceClass: "dms.t3.medium", replicationInstanceId: "migrate", ...props } });

describe("dms-replication-instance-not-public", () => {
    it("passes a private instance", () => {
        expect(run({ publiclyAccessible: false }).diagnostics).toEqual([]);
        expect(run({ publiclyAccessible: "false" }).diagnostics).toEqual([]);
    });

    it("blocks an omitted setting, because DMS makes instances public by default", () => {
        const result = run({});
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/defaults to true/);
    });

    it.each([true, "true", 1])("blocks publiclyAccessible %j", (value) => {
        expect(violatedProperties(run({ publiclyAccessible: value }))).toEqual(["publiclyAccessible"]);
    });

    it("leaves a computed setting undecided", () => {
        const result = run({ publiclyAccessible: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["publiclyAccessible"]);
    });
});
