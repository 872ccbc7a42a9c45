import { describe, expect, it } from "vitest";
import { opensearchServerlessEncryptionCmk as policy } from "../../../policies/opensearch/opensearch-serverless-encryption-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const rules = [{ ResourceType: "collection", Resource: ["collection/logs"] }];
const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const run = (props: Record<string, unknown>, name = "logs-enc") => evaluateResource(policy, { type, name, props: { name: "logs-enc", type: "encryption", ...props } });

describe("opensearch-serverless-encryption-cmk", () => {
    it("passes a customer-managed key", () => {
        expect(run({ policy: JSON.stringify({ Rules: rules, AWSOwnedKey: false, KmsARN: keyArn }) }).diagnostics).toEqual([]);
        expect(run({ policy: { Rules: rules, KmsARN: keyArn } }).diagnostics).toEqual([]);
    });

    it("advises against the AWS-owned key, and blocks it on key material", () => {
        const document = JSON.stringify({ Rules: rules, AWSOwnedKey: true });
        const result = run({ policy: document });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/AWSOwnedKey.*AWS/);
        expect(run({ policy: document }, "wallet-keys-enc").violations[0]!.level).toBe("mandatory");
    });

    it("flags an AWS-managed alias, a missing key and unreadable documents", () => {
        expect(violatedProperties(run({ policy: JSON.stringify({ Rules: rules, AWSOwnedKey: false, KmsARN: "alias/aws/aoss" }) }))).toEqual(["policy"]);
        expect(violatedProperties(run({ policy: JSON.stringify({ Rules: rules, AWSOwnedKey: false }) }))).toEqual(["policy"]);
        expect(violatedProperties(run({ policy: "{" }))).toEqual(["policy"]);
        expect(violatedProperties(run({ policy: JSON.stringify([{ Rules: rules, AWSOwnedKey: true }, { Rules: rules, AWSOwnedKey: true }]) }))).toEqual(["policy"]);
    });

    it("does not read network policies", () => {
        expect(run({ type: "network", policy: JSON.stringify([{ Rules: rules, AllowFromPublic: true }]) }).diagnostics).toEqual([]);
    });

    it("takes a computed key for a customer-managed one and leaves a computed document undecided", () => {
        expect(run({ policy: { Rules: rules, AWSOwnedKey: false, KmsARN: UNKNOWN } }).diagnostics).toEqual([]);
        const result = run({ policy: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
    });
});
