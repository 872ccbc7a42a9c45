import { describe, expect, it } from "vitest";
import { opensearchServerlessNetworkPrivate as policy } from "../../../policies/opensearch/opensearch-serverless-network-private";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const rules = [{ ResourceType: "collection", Resource: ["collection/keys"] }, { ResourceType: "dashboard", Resource: ["collection/keys"] }];
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { name: "keys-net", type: "network", ...props } });

describe("opensearch-serverless-network-private", () => {
    it("passes rule sets reachable only through VPC endpoints or AWS services", () => {
        const policyJson = JSON.stringify([
            { Rules: rules, AllowFromPublic: false, SourceVPCEs: ["vpce-0123456789abcdef0"] },
            { Rules: [rules[0]], AllowFromPublic: false, SourceServices: ["bedrock.amazonaws.com"] },
        ]);
        expect(run({ policy: policyJson }).diagnostics).toEqual([]);
    });

    it("blocks a public rule set, in a JSON string or an array, and names which one", () => {
        const policyJson = JSON.stringify([{ Rules: rules, AllowFromPublic: false, SourceVPCEs: ["vpce-1"] }, { Rules: rules, AllowFromPublic: true }]);
        const result = run({ policy: policyJson });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/Rule set 1 .*AllowFromPublic.*internet/);
        expect(violatedProperties(run({ policy: { Rules: rules, AllowFromPublic: "true" } }))).toEqual(["policy"]);
    });

    it("does not read encryption policies", () => {
        expect(run({ type: "encryption", policy: JSON.stringify({ Rules: rules, AWSOwnedKey: true }) }).diagnostics).toEqual([]);
    });

    it("flags a document it cannot read", () => {
        expect(violatedProperties(run({ policy: "[{not json" }))).toEqual(["policy"]);
        expect(violatedProperties(run({ policy: "[]" }))).toEqual(["policy"]);
        expect(violatedProperties(run({ policy: JSON.stringify([{ Rules: rules, AllowFromPublic: "sometimes" }]) }))).toEqual(["policy"]);
    });

    it("leaves a computed policy or type undecided during preview", () => {
        const computed = run({ policy: UNKNOWN });
        expect(computed.cantRun).toBe(false);
        expect(computed.undecided.map((d) => d.property)).toEqual(["policy"]);
        const computedType = run({ type: UNKNOWN, policy: JSON.stringify([{ Rules: rules, AllowFromPublic: true }]) });
        expect(computedType.violations).toEqual([]);
        expect(computedType.undecided.map((d) => d.property)).toEqual(["type"]);
    });
});
