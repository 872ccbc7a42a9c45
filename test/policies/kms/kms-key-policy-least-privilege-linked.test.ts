import { describe, expect, it } from "vitest";
import { kmsKeyPolicyLeastPrivilegeLinked as policy } from "../../../policies/kms/kms-key-policy-least-privilege-linked";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties } from "../../support/evaluate";
import { defaultPolicy, goodPolicy } from "./key-policies";

const KEY = "aws:kms/key:Key";
const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]);

describe("kms-key-policy-least-privilege-linked", () => {
    it("passes keys with an inline policy or an aws.kms.KeyPolicy in the stack", () => {
        const result = evaluateStack(policy, [
            { type: KEY, name: "inline", props: { policy: goodPolicy } },
            { type: KEY, name: "separate", props: {} },
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "separate-policy", props: { keyId: UNKNOWN, policy: goodPolicy }, propertyDependencies: { keyId: ["separate"] } },
            { type: KEY, name: "by-id", props: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" } },
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "by-id-policy", props: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", policy: goodPolicy } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags keys, replica keys and external keys without any policy", () => {
        const result = evaluateStack(policy, [
            { type: KEY, name: "bare", props: { description: "wallet keys" } },
            { type: KEY, name: "empty", props: { policy: "" } },
            { type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { primaryKeyArn: "arn:aws:kms:us-east-1:111122223333:key/mrk-1" } },
            { type: "aws:kms/externalKey:ExternalKey", name: "external", props: {} },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(KEY, "bare"), "policy"],
            [urnOf(KEY, "empty"), "policy"],
            [urnOf("aws:kms/replicaKey:ReplicaKey", "replica"), "policy"],
            [urnOf("aws:kms/externalKey:ExternalKey", "external"), "policy"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags a key whose (output) policy is the default key policy", () => {
        const result = evaluateStack(policy, [{ type: KEY, name: "deployed", props: { policy: defaultPolicy } }]);
        expect(pairs(result)).toEqual([[urnOf(KEY, "deployed"), "policy"]]);
        expect(result.violations[0]!.message).toMatch(/default key policy/);
    });

    it("does not count a KeyPolicy for another key", () => {
        const result = evaluateStack(policy, [
            { type: KEY, name: "a", props: {} },
            { type: KEY, name: "b", props: {} },
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "b-policy", props: { keyId: UNKNOWN, policy: goodPolicy }, propertyDependencies: { keyId: ["b"] } },
        ]);
        expect(pairs(result)).toEqual([[urnOf(KEY, "a"), "policy"]]);
    });

    describe("preview (unknown values)", () => {
        it("passes a policy computed from other resources and is undecided for one computed from nothing in the stack", () => {
            const result = evaluateStack(policy, [
                { type: "aws:iam/role:Role", name: "app", props: {} },
                { type: KEY, name: "computed", props: { policy: UNKNOWN }, propertyDependencies: { policy: ["app"] } },
                { type: KEY, name: "output-only", props: { policy: UNKNOWN } },
            ]);
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual([]);
            expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(KEY, "output-only"), "policy"]]);
        });
    });
});
