import { describe, expect, it } from "vitest";
import { opensearchNodeToNodeEncryption as policy } from "../../../policies/opensearch/opensearch-node-to-node-encryption";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];

describe("opensearch-node-to-node-encryption", () => {
    it.each(types)("passes %s with node-to-node encryption", (type) => {
        expect(evaluateResource(policy, { type, props: { nodeToNodeEncryption: { enabled: true } } }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without the block (default false)", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["nodeToNodeEncryption.enabled"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each([false, "false", "on", 0, {}])("flags nodeToNodeEncryption.enabled = %j", (enabled) => {
        const result = evaluateResource(policy, { type: types[0]!, props: { nodeToNodeEncryption: { enabled } } });
        expect(violatedProperties(result)).toEqual(["nodeToNodeEncryption.enabled"]);
    });

    it("reports an unknown flag as undecided during preview", () => {
        const result = evaluateResource(policy, { type: types[1]!, props: { nodeToNodeEncryption: { enabled: UNKNOWN } } });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["nodeToNodeEncryption.enabled"]);
    });
});
