// The stack policies see aws-native resources as their @pulumi/aws equivalents, in stacks of either provider or
// both: an aws-native database behind an @pulumi/aws security group open to the Internet is found, and the
// finding names the aws-native property.

import { describe, expect, it } from "vitest";
import { dbSgNoPublicSource } from "../../../policies/stack/db-sg-no-public-source";
import { dbSubnetsPrivate } from "../../../policies/stack/db-subnets-private";
import { s3BlockPublicAccessLinked } from "../../../policies/s3/s3-block-public-access-linked";
import { backupVaultLock } from "../../../policies/backup/backup-vault-lock";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";
import { network } from "../../policies/stack/fixtures";

const NATIVE_DB = "aws-native:rds:DbInstance";
const nativeDb = (preview: boolean) => ({
    type: NATIVE_DB,
    props: {
        engine: "postgres",
        publiclyAccessible: false,
        storageEncrypted: true,
        dbSubnetGroupName: preview ? UNKNOWN : "db-subnets",
        vpcSecurityGroups: [preview ? UNKNOWN : "sg-db"],
        tags: [{ key: "data-class", value: "key-material" }],
    },
    propertyDependencies: { dbSubnetGroupName: ["db-subnets"], vpcSecurityGroups: ["db-sg"] },
});

describe("a mixed stack: aws-native database, @pulumi/aws network", () => {
    it.each([false, true])("finds the aws-native database behind a group open to the Internet (preview=%s)", (preview) => {
        const stack = network({
            preview,
            override: {
                "wallet-db": nativeDb(preview),
                "db-open": {
                    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    props: { securityGroupId: preview ? UNKNOWN : "sg-db", cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 },
                    propertyDependencies: { securityGroupId: ["db-sg"] },
                },
            },
        });
        const result = evaluateStack(dbSgNoPublicSource, stack);
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[urnOf(NATIVE_DB, "wallet-db"), "vpcSecurityGroups"]]);
        expect(result.violations[0]!.message).toContain("wallet-db -> db-sg -> rule db-open 0.0.0.0/0");
        // Classified as key material through its aws-native tag list.
        expect(result.violations[0]!.message).toContain("Key-material resource");
    });

    it("passes the same aws-native database behind the closed group", () => {
        const result = evaluateStack(dbSgNoPublicSource, network({ override: { "wallet-db": nativeDb(false) } }));
        expect(result.diagnostics).toEqual([]);
    });

    it("follows an aws-native database into a public subnet through its aws-native subnet group", () => {
        const stack = network({
            override: {
                "db-subnets": null,
                "native-subnets": { type: "aws-native:rds:DbSubnetGroup", props: { dbSubnetGroupName: "native-subnets", subnetIds: ["subnet-pub", "subnet-a"] }, propertyDependencies: { subnetIds: ["public-a", "private-a"] } },
                "wallet-db": { ...nativeDb(false), props: { ...nativeDb(false).props, dbSubnetGroupName: "native-subnets" }, propertyDependencies: { dbSubnetGroupName: ["native-subnets"], vpcSecurityGroups: ["db-sg"] } },
            },
        });
        const result = evaluateStack(dbSubnetsPrivate, stack);
        // As for @pulumi/aws, the finding is on the subnet group, which the database uses.
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[urnOf("aws-native:rds:DbSubnetGroup", "native-subnets"), "subnetIds"]]);
        expect(result.violations[0]!.message).toContain("public-a.mapPublicIpOnLaunch");
    });
});

describe("an aws-native security group in an @pulumi/aws stack", () => {
    it("is followed from an @pulumi/aws database, and its open rule named as aws-native spells it", () => {
        const stack = network({
            override: {
                "db-sg": {
                    type: "aws-native:ec2:SecurityGroup",
                    props: { groupId: "sg-db", vpcId: "vpc-1", groupDescription: "db", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIp: "0.0.0.0/0" }] },
                    propertyDependencies: { vpcId: ["vpc"] },
                },
            },
        });
        const result = evaluateStack(dbSgNoPublicSource, stack);
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[urnOf("aws:rds/instance:Instance", "wallet-db"), "vpcSecurityGroupIds"]]);
        expect(result.violations[0]!.message).toContain("0.0.0.0/0");
    });
});

describe("inline settings of aws-native resources, followed by the -linked policies", () => {
    const bucket = (block: Record<string, unknown> | undefined) => ({
        type: "aws-native:s3:Bucket",
        name: "wallet-keys",
        props: { bucketName: "wallet-keys", tags: [{ key: "data-class", value: "key-material" }], ...(block ? { publicAccessBlockConfiguration: block } : {}) },
    });
    const ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

    it("sees a bucket's inline public access block", () => {
        expect(evaluateStack(s3BlockPublicAccessLinked, [bucket(ALL)]).violations).toEqual([]);
    });

    it("reports a weakened inline block on the bucket, under the inline property", () => {
        const result = evaluateStack(s3BlockPublicAccessLinked, [bucket({ ...ALL, restrictPublicBuckets: false })]);
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[urnOf("aws-native:s3:Bucket", "wallet-keys"), "publicAccessBlockConfiguration"]]);
        expect(result.violations[0]!.message).toContain("leaves at least one of the four flags false");
    });

    it("reports a key-material bucket without one, as for @pulumi/aws", () => {
        const result = evaluateStack(s3BlockPublicAccessLinked, [bucket(undefined)]);
        expect(result.violations.map((d) => d.urn)).toEqual([urnOf("aws-native:s3:Bucket", "wallet-keys")]);
        expect(result.violations[0]!.property).toBe("publicAccessBlockConfiguration");
    });

    it("sees a backup vault's inline lock, and names its weak settings under lockConfiguration", () => {
        const vault = (lock: Record<string, unknown>) => ({ type: "aws-native:backup:BackupVault", name: "vault", props: { backupVaultName: "vault", lockConfiguration: lock } });
        expect(evaluateStack(backupVaultLock, [vault({ minRetentionDays: 30, changeableForDays: 3 })]).violations).toEqual([]);
        const weak = evaluateStack(backupVaultLock, [vault({ minRetentionDays: 30 })]);
        expect(weak.violations.map((d) => [d.urn, d.property])).toEqual([[urnOf("aws-native:backup:BackupVault", "vault"), "lockConfiguration.changeableForDays"]]);
    });
});
