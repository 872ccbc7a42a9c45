// What the stand-in provider's Check adds (the real provider's applyRegion and applyTags), checked against
// @pulumi/aws's own resource modules. Part of `npm test`: the engine suite relies on it.

import { afterEach, describe, expect, it } from "vitest";
import { UNKNOWN_SENTINEL as UNKNOWN } from "../../../scanner/engine/values";
import { check, configure } from "./aws-provider";

describe("the stand-in pulumi-resource-aws Check", () => {
    afterEach(() => {
        configure({});
    });

    it("sets region from the provider configuration on types that take one, and keeps a region the program set", () => {
        configure({ region: "eu-west-1" });
        expect(check("aws:rds/instance:Instance", "db", {}).region).toBe("eu-west-1");
        expect(check("aws:rds/instance:Instance", "db", { region: "us-west-2" }).region).toBe("us-west-2");
        // IAM is global: aws.iam.Role has no region input.
        expect(check("aws:iam/role:Role", "role", {})).not.toHaveProperty("region");
    });

    it("reads the region from the older aws:config variables when no args are sent", () => {
        configure({}, (key) => (key === "aws:config:region" ? "ap-south-1" : undefined));
        expect(check("aws:s3/bucket:Bucket", "b", {}).region).toBe("ap-south-1");
    });

    it("computes tagsAll: the provider's default tags under the resource's own, on types with that output", () => {
        configure({ defaultTags: { tags: { owner: "platform", data: "default" } } });
        expect(check("aws:rds/instance:Instance", "db", { tags: { data: "key-material" } }).tagsAll).toEqual({ owner: "platform", data: "key-material" });
        expect(check("aws:rds/instance:Instance", "db", {}).tagsAll).toEqual({ owner: "platform", data: "default" });
        // aws.kms.Alias has no tags at all.
        expect(check("aws:kms/alias:Alias", "alias", {})).not.toHaveProperty("tagsAll");
    });

    it("accepts defaultTags as the JSON string a stack config value arrives as", () => {
        configure({ defaultTags: JSON.stringify({ tags: { owner: "platform" } }) });
        expect(check("aws:dynamodb/table:Table", "t", {}).tagsAll).toEqual({ owner: "platform" });
    });

    it("leaves tagsAll out when there is no tag at all, and unknown when the tags are unknown", () => {
        expect(check("aws:rds/instance:Instance", "db", {})).not.toHaveProperty("tagsAll");
        expect(check("aws:rds/instance:Instance", "db", { tags: UNKNOWN }).tagsAll).toBe(UNKNOWN);
    });

    it("keeps what the capture provider adds: auto-names and secret sensitive inputs", () => {
        const checked = check("aws:rds/instance:Instance", "wallet-db", { password: "hunter2" });
        expect(checked.identifier).toMatch(/^wallet-db-[0-9a-f]{7}$/);
        expect(checked.password).toMatchObject({ value: "hunter2" });
    });
});
