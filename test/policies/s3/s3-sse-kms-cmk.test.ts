import { describe, expect, it } from "vitest";
import { s3SseKmsCmk as policy } from "../../../policies/s3/s3-sse-kms-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const rule = (algorithm: unknown, key?: unknown) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: key }, bucketKeyEnabled: true });

describe("s3-sse-kms-cmk", () => {
    it.each([SSE, SSE_V2])("passes %s with aws:kms or aws:kms:dsse and a CMK", (type) => {
        expect(evaluateResource(policy, { type, props: { bucket: "b", rules: [rule("aws:kms", CMK)] } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type, props: { bucket: "b", rules: [rule("aws:kms:dsse", "alias/wallet-keys")] } }).diagnostics).toEqual([]);
    });

    it("flags SSE-S3, aws:kms without a key, and the AWS-managed alias", () => {
        expect(violatedProperties(evaluateResource(policy, { type: SSE, props: { rules: [rule("AES256")] } }))).toEqual(["rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"]);
        expect(violatedProperties(evaluateResource(policy, { type: SSE, props: { rules: [rule("aws:kms")] } }))).toEqual(["rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"]);
        expect(violatedProperties(evaluateResource(policy, { type: SSE, props: { rules: [rule("aws:kms", "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3")] } }))).toEqual([
            "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId",
        ]);
        const result = evaluateResource(policy, { type: SSE, props: { rules: [{ bucketKeyEnabled: true }] } });
        expect(violatedProperties(result)).toEqual(["rules"]);
    });

    it("blocks on a key-material or backup bucket (by its name or the configuration's own name), advisory on an ordinary bucket", () => {
        for (const input of [
            { name: "sse", props: { bucket: "acme-db-backups", rules: [rule("AES256")] } },
            { name: "wallet-keys-sse", props: { bucket: UNKNOWN, rules: [rule("AES256")] } },
        ]) {
            const result = evaluateResource(policy, { type: SSE, ...input });
            expect(result.violations.map((v) => v.level), input.name).toEqual(["mandatory"]);
        }
        // S3 encrypts every object at rest (SSE-S3 by default): a missing CMK on an ordinary bucket is defence in depth.
        const ordinary = evaluateResource(policy, { type: SSE, name: "sse", props: { bucket: "acme-site-assets", rules: [rule("AES256")] } });
        expect(ordinary.violations.map((v) => v.level)).toEqual(["advisory"]);
        expect(ordinary.violations[0]!.message).toContain("Defence in depth, advisory here");
        const inline = evaluateResource(policy, { type: BUCKET, name: "logs", props: { tags: { "data-class": "key-material" }, serverSideEncryptionConfiguration: { rule: rule("AES256") } } });
        expect(inline.violations.map((v) => v.level)).toEqual(["mandatory"]);
    });

    it("checks the deprecated inline blocks of Bucket (object) and BucketV2 (arrays)", () => {
        const inline = { serverSideEncryptionConfiguration: { rule: rule("aws:kms") } };
        expect(violatedProperties(evaluateResource(policy, { type: BUCKET, props: inline }))).toEqual([
            "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId",
        ]);
        const v2 = { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }] };
        expect(violatedProperties(evaluateResource(policy, { type: BUCKET_V2, props: v2 }))).toEqual([
            "serverSideEncryptionConfigurations.0.rules.0.applyServerSideEncryptionByDefaults.0.sseAlgorithm",
        ]);
        // A bucket without the inline block is left to s3-sse-kms-cmk-linked.
        expect(evaluateResource(policy, { type: BUCKET, props: { bucket: "b" } }).diagnostics).toEqual([]);
    });

    it("treats an unknown key ARN as a customer-managed key and an unknown algorithm as undecided", () => {
        expect(evaluateResource(policy, { type: SSE, props: { bucket: UNKNOWN, rules: [rule("aws:kms", UNKNOWN)] } }).diagnostics).toEqual([]);
        const result = evaluateResource(policy, { type: SSE, props: { rules: [rule(UNKNOWN, CMK)] } });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"]);
        expect(evaluateResource(policy, { type: SSE, props: { rules: UNKNOWN } }).undecided.map((d) => d.property)).toEqual(["rules"]);
    });
});
