// Why a resource policy does not apply to a resource of another type: the words every Analyze response carries for
// some ninety policies (core/run.ts otherTypeReason).

import { describe, expect, it } from "vitest";
import { allPolicies } from "../../../policies/catalog";
import type { ResourcePolicyDefinition } from "../../../policies/lib/core/policy";
import { hintableType, otherTypeReason } from "../../../policies/lib/core/run";

const resourcePolicies = allPolicies.filter((p): p is ResourcePolicyDefinition => p.kind === "resource");

describe("otherTypeReason", () => {
    it("uses the SDK's own sentence for a policy the SDK is told its one type of", () => {
        const hinted = resourcePolicies.filter((p) => hintableType(p) !== undefined);
        expect(hinted.length).toBeGreaterThan(10);
        for (const policy of hinted) {
            expect(otherTypeReason(policy)).toBe(`Policy only applies to resources of type '${policy.resourceTypes[0]}'`);
        }
    });

    it("is one short sentence, naming no type, for a policy of several types or one that decides by type", () => {
        const others = resourcePolicies.filter((p) => hintableType(p) === undefined);
        expect(others.some((p) => p.appliesTo)).toBe(true);
        expect(others.some((p) => p.resourceTypes.length > 5)).toBe(true);
        for (const policy of others) {
            const reason = otherTypeReason(policy);
            expect(reason).toMatch(/does not apply to this resource type/);
            expect(reason).not.toMatch(/aws:|aws-native:/);
            expect(reason.length).toBeLessThan(60);
        }
    });
});
