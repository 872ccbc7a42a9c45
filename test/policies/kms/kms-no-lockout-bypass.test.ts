import { describe, expect, it } from "vitest";
import { kmsNoLockoutBypass as policy } from "../../../policies/kms/kms-no-lockout-bypass";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>, type = "aws:kms/key:Key") => evaluateResource(policy, { type, props });

describe("kms-no-lockout-bypass", () => {
    it("passes when omitted or false", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ bypassPolicyLockoutSafetyCheck: false }).diagnostics).toEqual([]);
        expect(run({ bypassPolicyLockoutSafetyCheck: "false" }).diagnostics).toEqual([]);
    });

    it.each([true, "true", "TRUE", "yes", 1])("flags bypassPolicyLockoutSafetyCheck = %j", (value) => {
        const result = run({ bypassPolicyLockoutSafetyCheck: value });
        expect(violatedProperties(result)).toEqual(["bypassPolicyLockoutSafetyCheck"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each(["aws:kms/keyPolicy:KeyPolicy", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"])("applies to %s", (type) => {
        expect(violatedProperties(run({ bypassPolicyLockoutSafetyCheck: true }, type))).toEqual(["bypassPolicyLockoutSafetyCheck"]);
    });

    it("reports a computed flag as undecided", () => {
        const result = run({ bypassPolicyLockoutSafetyCheck: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["bypassPolicyLockoutSafetyCheck"]);
    });
});
