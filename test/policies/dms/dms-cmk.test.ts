import { describe, expect, it } from "vitest";
import { dmsCmk as policy } from "../../../policies/dms/dms-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const S3 = "aws:dms/s3Endpoint:S3Endpoint";
const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const instance = (props: Record<string, unknown>, name = "migrate") =>
    evaluateResource(policy, { type: INSTANCE, name, props: { replicationInstanceClass: "dms.t3.medium", replicationInstanceId: "migrate", ...props } });
const s3 = (props: Record<string, unknown>) =>
    evaluateResource(policy, { type: S3, props: { endpointId: "to-s3", bucketName: "exports", serviceAccessRoleArn: "arn:aws:iam::111122223333:role/dms", endpointType: "target", ...props } });

describe("dms-cmk", () => {
    it("passes a replication instance with a customer-managed key, named or computed", () => {
        expect(instance({ kmsKeyArn: key }).diagnostics).toEqual([]);
        expect(instance({ kmsKeyArn: UNKNOWN }).diagnostics).toEqual([]);
    });

    it("advises on the aws/dms default, mandatory on a key-material instance", () => {
        const result = instance({});
        expect(violatedProperties(result)).toEqual(["kmsKeyArn"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/aws\/dms/);
        expect(instance({}, "wallet-migration").violations.map((d) => d.level)).toEqual(["mandatory"]);
    });

    it("passes an S3 target with SSE_KMS and a customer-managed key", () => {
        expect(s3({ encryptionMode: "SSE_KMS", serverSideEncryptionKmsKeyId: key }).diagnostics).toEqual([]);
    });

    it("advises on an S3 target left at SSE_S3, or SSE_KMS without a customer-managed key", () => {
        const omitted = s3({});
        expect(violatedProperties(omitted)).toEqual(["encryptionMode"]);
        expect(omitted.violations[0]!.message).toMatch(/defaults to SSE_S3/);
        expect(violatedProperties(s3({ encryptionMode: "sse_s3" }))).toEqual(["encryptionMode"]);
        expect(violatedProperties(s3({ encryptionMode: "SSE_KMS" }))).toEqual(["serverSideEncryptionKmsKeyId"]);
        expect(violatedProperties(s3({ encryptionMode: ["SSE_KMS"] }))).toEqual(["encryptionMode"]);
    });

    it("does not read S3 source endpoints, which write nothing", () => {
        expect(s3({ endpointType: "source" }).diagnostics).toEqual([]);
    });

    it("leaves a computed encryption mode or endpoint type undecided", () => {
        const result = s3({ encryptionMode: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["encryptionMode"]);
        expect(s3({ endpointType: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["endpointType"]);
    });
});
