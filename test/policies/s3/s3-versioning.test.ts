import { describe, expect, it } from "vitest";
import { s3Versioning as policy } from "../../../policies/s3/s3-versioning";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);
const key = { tags: { "data-class": "key-material" } };

describe("s3-versioning", () => {
    it("passes key buckets with versioning enabled by resource (either token), inline block, or Object Lock", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "wallet-keys", props: {} },
            { type: VERSIONING, name: "v1", props: { versioningConfiguration: { status: "Enabled" } }, propertyDependencies: { bucket: ["wallet-keys"] } },
            { type: BUCKET, name: "b", props: { bucket: "b", ...key } },
            { type: VERSIONING_V2, name: "v2", props: { bucket: "b", versioningConfiguration: { status: "Enabled" } } },
            { type: BUCKET_V2, name: "c", props: { ...key, versionings: [{ enabled: true }] } },
            { type: BUCKET, name: "d", props: { ...key, objectLockEnabled: true } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags unversioned and suspended key buckets at advisory, and ignores other buckets by default", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "db-backups", props: {} },
            { type: BUCKET, name: "seed-store", props: { bucket: "seed-store" } },
            { type: VERSIONING, name: "seed-v", props: { bucket: "seed-store", versioningConfiguration: { status: "Suspended" } } },
            { type: BUCKET, name: "assets", props: {} },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(BUCKET, "db-backups"), "versioning"],
            [urnOf(VERSIONING, "seed-v"), "versioningConfiguration.status"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(pairs(evaluateStack(policy, [{ type: BUCKET, name: "assets", props: {} }], { scope: "all-buckets" }))).toEqual([[urnOf(BUCKET, "assets"), "versioning"]]);
    });

    it("is undecided for a computed status", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "vault", props: {} },
            { type: VERSIONING, name: "v", props: { versioningConfiguration: { status: UNKNOWN } }, propertyDependencies: { bucket: ["vault"] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(VERSIONING, "v"), "versioningConfiguration.status"]]);
    });
});
