import { describe, expect, it } from "vitest";
import { s3MfaDelete as policy } from "../../../policies/s3/s3-mfa-delete";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

describe("s3-mfa-delete", () => {
    it("passes key buckets with mfaDelete Enabled (resource or inline) and ignores other buckets", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "wallet", props: {} },
            { type: VERSIONING, name: "v", props: { versioningConfiguration: { status: "Enabled", mfaDelete: "Enabled" } }, propertyDependencies: { bucket: ["wallet"] } },
            { type: BUCKET, name: "backups", props: { versioning: { enabled: true, mfaDelete: true } } },
            { type: BUCKET, name: "assets", props: {} },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags omitted/Disabled mfaDelete on key buckets at advisory", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "wallet", props: {} },
            { type: VERSIONING, name: "v", props: { versioningConfiguration: { status: "Enabled", mfaDelete: "Disabled" } }, propertyDependencies: { bucket: ["wallet"] } },
            { type: BUCKET, name: "x", props: { tags: { "data-classification": "key-material" }, versioning: { enabled: true } } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(VERSIONING, "v"), "versioningConfiguration.mfaDelete"],
            [urnOf(BUCKET, "x"), "versioning.mfaDelete"],
        ]);
        expect(result.violations.every((v) => v.level === "advisory")).toBe(true);
    });

    it("is undecided for computed values", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "wallet", props: {} },
            { type: VERSIONING, name: "v", props: { versioningConfiguration: { status: "Enabled", mfaDelete: UNKNOWN } }, propertyDependencies: { bucket: ["wallet"] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["versioningConfiguration.mfaDelete"]);
        expect(result.violations).toEqual([]);
    });
});
