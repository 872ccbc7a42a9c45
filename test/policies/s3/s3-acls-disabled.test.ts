import { describe, expect, it } from "vitest";
import { s3AclsDisabled as policy } from "../../../policies/s3/s3-acls-disabled";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const BUCKET = "aws:s3/bucketV2:BucketV2";
const CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const keyBucket: StackInputResource = { type: BUCKET, name: "wallet-backups", props: { bucket: "wallet-backups", tags: { "data-class": "key-material" } } };
const siteBucket: StackInputResource = { type: BUCKET, name: "site-assets", props: { bucket: "site-assets" } };
const controls = (bucket: StackInputResource, objectOwnership: unknown): StackInputResource => ({
    type: CONTROLS,
    name: `${bucket.name}-ownership`,
    props: { bucket: bucket.props.bucket, rule: { objectOwnership } },
    propertyDependencies: { bucket: [bucket.name] },
});
const where = (r: ReturnType<typeof evaluateStack>) => r.diagnostics.map((d) => [d.urn, d.property]);

describe("s3-acls-disabled", () => {
    it("passes a key-material bucket with BucketOwnerEnforced, or with no ownership controls (S3's default)", () => {
        expect(evaluateStack(policy, [keyBucket, controls(keyBucket, "BucketOwnerEnforced")]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [keyBucket]).diagnostics).toEqual([]);
    });

    it.each(["ObjectWriter", "BucketOwnerPreferred"])("flags a key-material bucket whose ownership %s keeps ACLs, on the bucket", (ownership) => {
        const result = evaluateStack(policy, [keyBucket, controls(keyBucket, ownership)]);
        expect(where(result)).toEqual([[urnOf(BUCKET, "wallet-backups"), "rule.objectOwnership"]]);
        expect(result.violations[0]!.message).toContain(`is "${ownership}", so ACLs stay enabled on bucket wallet-backups`);
    });

    it("leaves a bucket with a public ACL to s3-no-public-acl, whose fix is the same BucketOwnerEnforced: one cause, one blocking finding", () => {
        const acl = (props: Record<string, unknown>): StackInputResource => ({ type: "aws:s3/bucketAclV2:BucketAclV2", name: "wallet-backups-acl", props: { bucket: "wallet-backups", ...props }, propertyDependencies: { bucket: ["wallet-backups"] } });
        for (const publicAcl of [
            acl({ acl: "public-read" }),
            acl({ accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }] } }),
        ]) {
            expect(evaluateStack(policy, [keyBucket, controls(keyBucket, "ObjectWriter"), publicAcl]).diagnostics).toEqual([]);
        }
        const inline = { ...keyBucket, props: { ...keyBucket.props, acl: "public-read-write" } };
        expect(evaluateStack(policy, [inline, controls(keyBucket, "ObjectWriter")]).diagnostics).toEqual([]);
        // A private ACL does not fold: the ownership setting is the finding.
        expect(where(evaluateStack(policy, [keyBucket, controls(keyBucket, "ObjectWriter"), acl({ acl: "private" })]))).toEqual([[urnOf(BUCKET, "wallet-backups"), "rule.objectOwnership"]]);
    });

    it("flags a missing or invalid ownership value without quoting it", () => {
        const result = evaluateStack(policy, [keyBucket, controls(keyBucket, "whatever-x")]);
        expect(result.violations.length).toBe(1);
        expect(result.violations[0]!.message).not.toContain("whatever-x");
        expect(evaluateStack(policy, [keyBucket, controls(keyBucket, undefined)]).violations.length).toBe(1);
    });

    it("must not report: a bucket that holds no key material, unless the scope is all buckets", () => {
        expect(evaluateStack(policy, [siteBucket, controls(siteBucket, "ObjectWriter")]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [siteBucket, controls(siteBucket, "ObjectWriter")], { scope: "all-buckets" }).violations.length).toBe(1);
    });

    it("is undecided for a computed ownership value (preview)", () => {
        const result = evaluateStack(policy, [keyBucket, controls(keyBucket, UNKNOWN)]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["rule.objectOwnership"]);
    });
});
