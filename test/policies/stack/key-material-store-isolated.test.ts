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

    it.each([
        ["aws:efs/fileSystem:FileSystem", { kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1" }, { kmsKeyId: ["wallet-key"] }],
        ["aws:dms/replicationInstance:ReplicationInstance", { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1" }, { kmsKeyArn: ["wallet-key"] }],
        ["aws:keyspaces/table:Table", { encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: "arn:aws:kms:eu-west-1:111122223333:key/1" } }, { encryptionSpecification: ["wallet-key"] }],
        ["aws:qldb/ledger:Ledger", { kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/1" }, { kmsKey: ["wallet-key"] }],
    ])("follows the key of a %s that is not key material", (type, props, propertyDependencies) => {
        const result = evaluateStack(policy, network({ override: { "team-store": { type, props, propertyDependencies } } }));
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[DB, "kmsKeyId"]]);
        expect(result.violations[0]!.message).toContain("team-store");
    });

    describe("a key defined outside the stack", () => {
        const AWS_MANAGED_AS_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0";
        const withKey = (kmsKeyId: unknown) =>
            network({ override: { "wallet-db": { props: { id: "db-1", dbSubnetGroupName: "db-subnets", vpcSecurityGroupIds: ["sg-db"], kmsKeyId }, propertyDependencies: { dbSubnetGroupName: ["db-subnets"], vpcSecurityGroupIds: ["db-sg"] } } } });

        it("on a key-material store: an advisory that it cannot be verified (it may be the AWS-managed key)", () => {
            const result = evaluateStack(policy, withKey(AWS_MANAGED_AS_ARN));
            expect(result.diagnostics.map((d) => [d.urn, d.property, d.level])).toEqual([[DB, "kmsKeyId", "advisory"]]);
            expect(result.diagnostics[0]!.message).toContain("defined outside this stack");
            expect(result.diagnostics[0]!.message).toContain("cannot be verified here");
        });

        it("must not report: the same key on a store that holds no key material, or an AWS-managed alias (the CMK policies' finding)", () => {
            const orders = network({
                override: { "orders-table": { type: "aws:dynamodb/table:Table", props: { serverSideEncryption: { enabled: true, kmsKeyArn: AWS_MANAGED_AS_ARN } } } },
            });
            expect(evaluateStack(policy, orders).diagnostics).toEqual([]);
            expect(evaluateStack(policy, withKey("alias/aws/rds")).diagnostics).toEqual([]);
            expect(evaluateStack(policy, withKey("none")).diagnostics).toEqual([]);
        });
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

    describe("an EFS mount target, which shares its file system's classification", () => {
        const MOUNT = urnOf("aws:efs/mountTarget:MountTarget", "files-mount");
        const stack = (fileSystemTags: Record<string, string>) =>
            network({
                override: {
                    "team-files": { type: "aws:efs/fileSystem:FileSystem", props: { id: "fs-1", encrypted: true, tags: fileSystemTags } },
                    "files-sg": { type: "aws:ec2/securityGroup:SecurityGroup", props: { id: "sg-files", vpcId: "vpc-1" }, propertyDependencies: { vpcId: ["vpc"] } },
                    "files-from-alb": {
                        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                        props: { type: "ingress", securityGroupId: "sg-files", sourceSecurityGroupId: "sg-alb", protocol: "tcp", fromPort: 2049, toPort: 2049 },
                    },
                    "files-mount": {
                        type: "aws:efs/mountTarget:MountTarget",
                        props: { fileSystemId: "fs-1", subnetId: "subnet-a", securityGroups: ["sg-files"] },
                        propertyDependencies: { fileSystemId: ["team-files"], securityGroups: ["files-sg"] },
                    },
                },
            });

        it("flags the mount target of a key-material file system admitting an internet-facing group", () => {
            const result = evaluateStack(policy, stack({ "data-class": "key-material" }));
            expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[MOUNT, "securityGroups"]]);
            expect(result.violations[0]!.message).toContain("files-mount -> files-sg admits alb-sg");
        });

        it("must not report the same mount target of a file system that holds no key material", () => {
            expect(evaluateStack(policy, stack({ team: "design" })).diagnostics).toEqual([]);
        });
    });

    it("follows only rules that open a port the store listens on: an internet-facing group admitted on SSH is no path into PostgreSQL", () => {
        const stack = (port: number) =>
            network({
                override: {
                    "wallet-db": {
                        props: { id: "db-1", engine: "postgres", vpcSecurityGroupIds: ["sg-db"], kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1", tags: { "data-class": "key-material" } },
                        propertyDependencies: { vpcSecurityGroupIds: ["db-sg"], kmsKeyId: ["wallet-key"] },
                    },
                    "db-from-alb": {
                        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                        props: { type: "ingress", securityGroupId: "sg-db", sourceSecurityGroupId: "sg-alb", protocol: "tcp", fromPort: port, toPort: port },
                    },
                },
            });
        expect(evaluateStack(policy, stack(22)).violations).toEqual([]);
        const onPort = evaluateStack(policy, stack(5432));
        expect(onPort.violations.map((d) => d.urn)).toEqual([DB]);
        expect(onPort.violations[0]!.message).toContain("admits alb-sg, which is open to the internet");
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
