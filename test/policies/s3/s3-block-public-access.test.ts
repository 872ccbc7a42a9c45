import { describe, expect, it } from "vitest";
import { s3BlockPublicAccess as policy } from "../../../policies/s3/s3-block-public-access";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("s3-block-public-access", () => {
    it.each([PAB, ACCOUNT])("passes %s with all four flags true (booleans or strings)", (type) => {
        expect(evaluateResource(policy, { type, props: { bucket: "b", ...ALL } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type, props: { blockPublicAcls: "true", blockPublicPolicy: "TRUE", ignorePublicAcls: true, restrictPublicBuckets: true } }).diagnostics).toEqual([]);
    });

    it("flags every omitted flag (each defaults to false) at mandatory", () => {
        const result = evaluateResource(policy, { type: PAB, props: { bucket: "b" } });
        expect(violatedProperties(result)).toEqual(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]);
        expect(result.violations.every((v) => v.level === "mandatory")).toBe(true);
    });

    it.each([false, "false", "no", 0])("flags restrictPublicBuckets = %j on the account block", (value) => {
        const result = evaluateResource(policy, { type: ACCOUNT, props: { ...ALL, restrictPublicBuckets: value } });
        expect(violatedProperties(result)).toEqual(["restrictPublicBuckets"]);
    });

    it("reports unknown flags as undecided and still decides the known ones", () => {
        const result = evaluateResource(policy, { type: PAB, props: { bucket: UNKNOWN, ...ALL, blockPublicPolicy: UNKNOWN, ignorePublicAcls: false } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["blockPublicPolicy"]);
        expect(violatedProperties(result)).toEqual(["ignorePublicAcls"]);
    });

    it("does not apply to buckets", () => {
        expect(evaluateResource(policy, { type: "aws:s3/bucket:Bucket", props: {} }).notApplicable).toBeDefined();
    });
});
