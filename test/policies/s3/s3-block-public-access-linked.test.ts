import { describe, expect, it } from "vitest";
import { s3BlockPublicAccessLinked as policy } from "../../../policies/s3/s3-block-public-access-linked";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

describe("s3-block-public-access-linked", () => {
    it("passes a bucket with an attached block (by dependency during preview, or by name)", () => {
        const preview = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { id: UNKNOWN } },
            { type: PAB, name: "keys-pab", props: { bucket: UNKNOWN, ...ALL }, propertyDependencies: { bucket: ["keys"] } },
        ]);
        expect(preview.cantRun).toBe(false);
        expect(preview.diagnostics).toEqual([]);
        const up = evaluateStack(policy, [
            { type: BUCKET_V2, name: "keys", props: { id: "keys-123", bucket: "keys-123" } },
            { type: PAB, name: "keys-pab", props: { bucket: "keys-123", ...ALL } },
        ]);
        expect(up.diagnostics).toEqual([]);
    });

    it("passes every bucket when the account block has all four flags", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "a", props: {} },
            { type: ACCOUNT, name: "account", props: ALL },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a bucket without any block, and one whose block leaves a flag unset", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "bare", props: { bucket: "bare" } },
            { type: BUCKET, name: "weak", props: { bucket: "weak" } },
            { type: PAB, name: "weak-pab", props: { bucket: "weak", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true } },
            { type: ACCOUNT, name: "account", props: { ...ALL, restrictPublicBuckets: false } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(BUCKET, "bare"), "bucketPublicAccessBlock"],
            [urnOf(BUCKET, "weak"), "bucketPublicAccessBlock"],
        ]);
        // Neither bucket holds key material or store data, and neither has a public grant: defence in depth.
        expect(result.violations.map((v) => v.level)).toEqual(["advisory", "advisory"]);
    });

    it("blocks a key-material bucket, a backup bucket and the export target of a key store without a block", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "vault", props: { bucket: "acme-wallet-vault" } },
            { type: BUCKET, name: "tagged", props: { tags: { "data-class": "backup" } } },
            { type: BUCKET, name: "exports", props: {} },
            { type: "aws:rds/exportTask:ExportTask", name: "snapshot-export", props: { s3BucketName: UNKNOWN }, propertyDependencies: { s3BucketName: ["exports"] } },
            { type: BUCKET, name: "reserved", props: { bucket: "acme-reserved-name" } },
        ]);
        expect(result.violations.map((v) => [v.urn, v.level])).toEqual([
            [urnOf(BUCKET, "vault"), "mandatory"],
            [urnOf(BUCKET, "tagged"), "mandatory"],
            [urnOf(BUCKET, "exports"), "mandatory"],
            [urnOf(BUCKET, "reserved"), "advisory"],
        ]);
    });

    it("does not link a block of another bucket", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "a", props: { bucket: "a" } },
            { type: PAB, name: "b-pab", props: { bucket: "b", ...ALL } },
        ]);
        expect(pairs(result)).toEqual([[urnOf(BUCKET, "a"), "bucketPublicAccessBlock"]]);
    });

    it("is undecided when the block's flags are unknown, or its bucket cannot be traced", () => {
        const flags = evaluateStack(policy, [
            { type: BUCKET, name: "a", props: {} },
            { type: PAB, name: "a-pab", props: { ...ALL, blockPublicPolicy: UNKNOWN }, propertyDependencies: { bucket: ["a"] } },
        ]);
        expect(flags.cantRun).toBe(false);
        expect(flags.violations).toEqual([]);
        expect(flags.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(BUCKET, "a"), "bucketPublicAccessBlock"]]);
        const untraced = evaluateStack(policy, [
            { type: BUCKET, name: "a", props: {} },
            { type: PAB, name: "x-pab", props: { bucket: UNKNOWN, ...ALL } },
        ]);
        expect(untraced.violations).toEqual([]);
        expect(untraced.undecided).toHaveLength(1);
    });

    it('limits itself to key-material buckets with scope "key-material"', () => {
        const resources = [
            { type: BUCKET, name: "site-assets", props: { bucket: "site-assets" } },
            { type: BUCKET, name: "data", props: { bucket: "data", tags: { "data-class": "key-material" } } },
            { type: BUCKET, name: "wallet-backups", props: {} },
        ];
        const result = evaluateStack(policy, resources, { scope: "key-material" });
        expect(pairs(result)).toEqual([
            [urnOf(BUCKET, "data"), "bucketPublicAccessBlock"],
            [urnOf(BUCKET, "wallet-backups"), "bucketPublicAccessBlock"],
        ]);
        const unknownTags = evaluateStack(policy, [{ type: BUCKET, name: "assets", props: { tags: UNKNOWN } }], { scope: "key-material" });
        expect(unknownTags.violations).toEqual([]);
        expect(unknownTags.undecided.map((d) => d.urn)).toEqual([urnOf(BUCKET, "assets")]);
    });
});
