import { describe, expect, it } from "vitest";
import { cloudtrailMultiRegionEncryptedValidated as policy } from "../../../policies/cloudtrail/cloudtrail-multi-region-encrypted-validated";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:cloudtrail/trail:Trail";
const good = { s3BucketName: "trail-logs", isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k" };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("cloudtrail-multi-region-encrypted-validated", () => {
    it("passes a multi-region, validated, CMK-encrypted trail", () => {
        expect(run(good).diagnostics).toEqual([]);
        expect(run({ ...good, enableLogging: true, isMultiRegionTrail: "true" }).diagnostics).toEqual([]);
    });

    it("flags the provider defaults", () => {
        const result = run({ s3BucketName: "trail-logs" });
        expect(violatedProperties(result)).toEqual(["enableLogFileValidation", "isMultiRegionTrail", "kmsKeyId"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([
        [{ enableLogging: false }, ["enableLogging"]],
        [{ enableLogging: "false" }, ["enableLogging"]],
        [{ isMultiRegionTrail: "yes" }, ["isMultiRegionTrail"]],
        [{ kmsKeyId: "alias/aws/cloudtrail" }, ["kmsKeyId"]],
        [{ kmsKeyId: "" }, ["kmsKeyId"]],
    ])("flags %j", (override, properties) => {
        expect(violatedProperties(run({ ...good, ...override }))).toEqual(properties);
    });

    it("decides from known values during preview (computed key = customer-managed)", () => {
        const result = run({ ...good, kmsKeyId: UNKNOWN, enableLogFileValidation: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["enableLogFileValidation"]);
    });
});
