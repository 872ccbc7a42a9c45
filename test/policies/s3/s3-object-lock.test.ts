import { describe, expect, it } from "vitest";
import { s3ObjectLock as policy } from "../../../policies/s3/s3-object-lock";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);
const compliance = { rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } };

describe("s3-object-lock", () => {
    it("passes key buckets with COMPLIANCE default retention (resource of either token, or inline blocks)", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "db-backups", props: { objectLockEnabled: true } },
            { type: LOCK, name: "l1", props: compliance, propertyDependencies: { bucket: ["db-backups"] } },
            { type: BUCKET, name: "keys", props: { bucket: "keys", objectLockEnabled: true } },
            { type: LOCK_V2, name: "l2", props: { bucket: "keys", rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } } },
            { type: BUCKET_V2, name: "vault", props: { objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", days: 7 }] }] } } },
            { type: BUCKET, name: "assets", props: {} },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags no Object Lock, no default retention, GOVERNANCE mode and a zero period", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "wallet-backups", props: {} },
            { type: BUCKET, name: "keys", props: { objectLockEnabled: true } },
            { type: BUCKET, name: "secrets", props: { objectLockEnabled: true } },
            { type: LOCK, name: "gov", props: { rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } }, propertyDependencies: { bucket: ["secrets"] } },
            { type: BUCKET, name: "seed", props: { objectLockEnabled: true } },
            { type: LOCK, name: "zero", props: { rule: { defaultRetention: { mode: "COMPLIANCE" } } }, propertyDependencies: { bucket: ["seed"] } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(BUCKET, "wallet-backups"), "objectLockEnabled"],
            [urnOf(BUCKET, "keys"), "objectLockConfiguration"],
            [urnOf(LOCK, "gov"), "rule.defaultRetention.mode"],
            [urnOf(LOCK, "zero"), "rule.defaultRetention.days"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("is undecided for a computed mode or objectLockEnabled", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { objectLockEnabled: UNKNOWN } },
            { type: BUCKET, name: "vault", props: { objectLockEnabled: true } },
            { type: LOCK, name: "l", props: { rule: { defaultRetention: { mode: UNKNOWN, days: 30 } } }, propertyDependencies: { bucket: ["vault"] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([
            [urnOf(BUCKET, "keys"), "objectLockEnabled"],
            [urnOf(LOCK, "l"), "rule.defaultRetention.mode"],
        ]);
    });
});
