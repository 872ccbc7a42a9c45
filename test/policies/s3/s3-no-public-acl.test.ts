import { describe, expect, it } from "vitest";
import { s3NoPublicAcl as policy } from "../../../policies/s3/s3-no-public-acl";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const ACL = "aws:s3/bucketAcl:BucketAcl";
const ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const BUCKET = "aws:s3/bucket:Bucket";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const owner = { id: "abc" };

describe("s3-no-public-acl", () => {
    it("passes private ACLs, owner grants and no ACL at all", () => {
        expect(evaluateResource(policy, { type: ACL, props: { bucket: "b", acl: "private" } }).diagnostics).toEqual([]);
        expect(
            evaluateResource(policy, {
                type: ACL_V2,
                props: { bucket: "b", accessControlPolicy: { owner, grants: [{ grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" }] } },
            }).diagnostics,
        ).toEqual([]);
        expect(evaluateResource(policy, { type: BUCKET, props: {} }).diagnostics).toEqual([]);
    });

    it.each(["public-read", "public-read-write", "authenticated-read", "Public-Read"])("flags the canned ACL %s at mandatory", (acl) => {
        const result = evaluateResource(policy, { type: ACL, props: { bucket: "b", acl } });
        expect(violatedProperties(result)).toEqual(["acl"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags grants to AllUsers / AuthenticatedUsers in every spelling", () => {
        const acp = {
            owner,
            grants: [
                { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" },
                { grantee: { type: "Group", uri: "https://acs.amazonaws.com/groups/global/AuthenticatedUsers" }, permission: "READ_ACP" },
            ],
        };
        expect(violatedProperties(evaluateResource(policy, { type: ACL_V2, props: { bucket: "b", accessControlPolicy: acp } }))).toEqual([
            "accessControlPolicy.grants.0.grantee.uri",
            "accessControlPolicy.grants.1.grantee.uri",
        ]);
        expect(violatedProperties(evaluateResource(policy, { type: BUCKET, props: { grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ"] }] } }))).toEqual(["grants.0.uri"]);
        expect(violatedProperties(evaluateResource(policy, { type: BUCKET, props: { acl: "public-read" } }))).toEqual(["acl"]);
        expect(violatedProperties(evaluateResource(policy, { type: OBJECT, props: { bucket: "b", key: "k", acl: "public-read" } }))).toEqual(["acl"]);
    });

    it("is undecided for computed ACLs and grantees", () => {
        const result = evaluateResource(policy, { type: ACL, props: { bucket: UNKNOWN, acl: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["acl"]);
        const grant = evaluateResource(policy, { type: ACL, props: { accessControlPolicy: { owner, grants: [{ grantee: { type: "Group", uri: UNKNOWN }, permission: "READ" }] } } });
        expect(grant.undecided.map((d) => d.property)).toEqual(["accessControlPolicy.grants.0.grantee.uri"]);
        expect(grant.violations).toEqual([]);
    });
});
