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

    it("flags every omitted flag (each defaults to false) at mandatory on a key-material or backup bucket, and on the account", () => {
        for (const input of [
            { name: "b-public-access", props: { bucket: "wallet-keys-prod" } },
            { name: "db-backups-pab", props: { bucket: UNKNOWN } },
        ]) {
            const result = evaluateResource(policy, { type: PAB, ...input });
            expect(violatedProperties(result)).toEqual(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]);
            expect(result.violations.every((v) => v.level === "mandatory")).toBe(true);
        }
        const account = evaluateResource(policy, { type: ACCOUNT, props: {} });
        expect(account.violations.map((v) => v.level)).toEqual(["mandatory", "mandatory", "mandatory", "mandatory"]);
    });

    it("reports the flags of an ordinary bucket's block as advisory (defence in depth: a public grant is what blocks)", () => {
        const result = evaluateResource(policy, { type: PAB, name: "assets-pab", props: { bucket: "acme-static-assets" } });
        expect(violatedProperties(result)).toEqual(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]);
        expect(result.violations.every((v) => v.level === "advisory")).toBe(true);
        expect(result.violations[0]!.message).toContain("no data store in the stack exports, imports or logs to it");
    });

    it.each([false, "false", "no", 0])("flags restrictPublicBuckets = %j on the account block", (value) => {
        const result = evaluateResource(policy, { type: ACCOUNT, props: { ...ALL, restrictPublicBuckets: value } });
        expect(violatedProperties(result)).toEqual(["restrictPublicBuckets"]);
    });

    it("reports unknown flags as undecided and still decides the known ones", () => {
        const result = evaluateResource(policy, { type: PAB, name: "backups-pab", props: { bucket: UNKNOWN, ...ALL, blockPublicPolicy: UNKNOWN, ignorePublicAcls: false } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["blockPublicPolicy"]);
        expect(violatedProperties(result)).toEqual(["ignorePublicAcls"]);
        // The bucket is computed and the block's own name says nothing: whether it holds key material is known at update.
        const unnamed = evaluateResource(policy, { type: PAB, name: "pab", props: { bucket: UNKNOWN, ...ALL, ignorePublicAcls: false } });
        expect(unnamed.violations).toEqual([]);
        expect(unnamed.undecided.map((d) => d.property)).toEqual(["ignorePublicAcls"]);
        expect(unnamed.undecided[0]!.message).toContain("computed at update time");
    });

    it("does not apply to buckets", () => {
        expect(evaluateResource(policy, { type: "aws:s3/bucket:Bucket", props: {} }).notApplicable).toBeDefined();
    });
});
