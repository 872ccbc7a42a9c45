import { describe, expect, it } from "vitest";
import { keyMaterialStoreIsolated as policy } from "../../../policies/stack/key-material-store-isolated";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";
import { network } from "./fixtures";

const DB = urnOf("aws:rds/instance:Instance", "wallet-db");

describe("key-material-store-isolated", () => {
    it.each([false, true])("passes a key-material database with its own key behind app-tier groups (preview=%s)", (preview) => {
        const result = evaluateStack(policy, network({ preview }));
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])("flags a key shared with another store (preview=%s)", (preview) => {
        const stack = network({
            preview,
            override: {
                "orders-table": {
                    type: "aws:dynamodb/table:Table",
                    props: { serverSideEncryption: { enabled: true, kmsKeyArn: preview ? UNKNOWN : "arn:aws:kms:eu-west-1:111122223333:key/1" } },
                    propertyDependencies: { serverSideEncryption: ["wallet-key"] },
                },
            },
        });
        const result = evaluateStack(policy, stack);
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[DB, "kmsKeyId"]]);
        expect(result.violations[0]!.message).toContain("orders-table");
    });

    it("accepts a key shared only among key-material stores", () => {
        const stack = network({
            override: {
                "wallet-seed": { type: "aws:secretsmanager/secret:Secret", props: { kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1" }, propertyDependencies: { kmsKeyId: ["wallet-key"] } },
            },
        });
        expect(evaluateStack(policy, stack).diagnostics).toEqual([]);
    });

    it("flags a database group that admits an internet-facing group", () => {
        const stack = network({
            override: {
                "db-from-alb": {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    props: { type: "ingress", securityGroupId: "sg-db", sourceSecurityGroupId: "sg-alb", protocol: "tcp", fromPort: 5432, toPort: 5432 },
                },
            },
        });
        const result = evaluateStack(policy, stack);
        expect(result.violations.map((d) => d.urn)).toEqual([DB]);
        expect(result.violations[0]!.message).toContain("alb-sg");
    });

    it("does not apply to stores that are not classified as key material", () => {
        const stack = network({
            override: {
                "wallet-db": null,
                "orders-db": { type: "aws:rds/instance:Instance", props: { id: "db-1", vpcSecurityGroupIds: ["sg-db"], kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1", tags: {} } },
                "db-from-alb": {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    props: { type: "ingress", securityGroupId: "sg-db", sourceSecurityGroupId: "sg-alb", protocol: "tcp", fromPort: 5432, toPort: 5432 },
                },
                "orders-table": { type: "aws:dynamodb/table:Table", props: { serverSideEncryption: { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1" } } },
            },
        });
        expect(evaluateStack(policy, stack).diagnostics).toEqual([]);
    });
});
