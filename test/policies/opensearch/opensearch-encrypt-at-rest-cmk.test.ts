import { describe, expect, it } from "vitest";
import { opensearchEncryptAtRestCmk as policy } from "../../../policies/opensearch/opensearch-encrypt-at-rest-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("opensearch-encrypt-at-rest-cmk", () => {
    it.each(types)("passes %s encrypted with a customer-managed key", (type) => {
        expect(evaluateResource(policy, { type, props: { encryptAtRest: { enabled: true, kmsKeyId: KEY } } }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without the encryptAtRest block (default false) once, naming the customer-managed key", (type) => {
        const result = evaluateResource(policy, { type, props: { domainName: "keys" } });
        expect(violatedProperties(result)).toEqual(["encryptAtRest.enabled"]);
        // One cause, one blocking finding: the unencrypted store's finding names the customer-managed key; no AWS key is in use.
        expect(result.violations[0]!.message).toMatch(/customer-managed/);
        expect(result.violations.map((d) => d.message).join("\n")).not.toMatch(/is encrypted with|aws\/rds|aws\/es|owned by/);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it.each([false, "false", "yes", 1])("flags encryptAtRest.enabled = %j", (enabled) => {
        const result = evaluateResource(policy, { type: types[0]!, props: { encryptAtRest: { enabled, kmsKeyId: KEY } } });
        expect(violatedProperties(result)).toEqual(["encryptAtRest.enabled"]);
    });

    it.each(["alias/aws/es", "arn:aws:kms:eu-west-1:111122223333:alias/aws/es", 7, true])("flags the AWS-managed key %s", (kmsKeyId) => {
        const result = evaluateResource(policy, { type: types[1]!, props: { encryptAtRest: { enabled: true, kmsKeyId } } });
        expect(violatedProperties(result)).toEqual(["encryptAtRest.kmsKeyId"]);
    });

    it("flags enabled without a key: the AWS-managed aws/es key is used", () => {
        const result = evaluateResource(policy, { type: types[0]!, props: { encryptAtRest: { enabled: "true" } } });
        expect(violatedProperties(result)).toEqual(["encryptAtRest.kmsKeyId"]);
        expect(result.violations[0]!.message).toMatch(/aws\/es/);
    });

    describe("preview", () => {
        it("treats an unknown key ARN as a customer-managed key and decides", () => {
            const result = evaluateResource(policy, { type: types[0]!, props: { encryptAtRest: { enabled: true, kmsKeyId: UNKNOWN } } });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("reports an unknown enabled flag as undecided and still decides the missing key", () => {
            const result = evaluateResource(policy, { type: types[0]!, props: { encryptAtRest: { enabled: UNKNOWN } } });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["encryptAtRest.enabled"]);
            expect(violatedProperties(result)).toEqual(["encryptAtRest.kmsKeyId"]);
        });

        it("reports a wholly unknown block as undecided", () => {
            const result = evaluateResource(policy, { type: types[0]!, props: { encryptAtRest: UNKNOWN } });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["encryptAtRest.enabled"]);
        });
    });

    it("does not apply to other types", () => {
        expect(evaluateResource(policy, { type: "aws:rds/instance:Instance", props: {} }).notApplicable).toBeDefined();
    });
});
