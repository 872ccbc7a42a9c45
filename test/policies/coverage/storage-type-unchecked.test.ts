import { describe, expect, it } from "vitest";
import "../../../policies/catalog"; // registers the types the pack's policies apply to
import { storageTypeUnchecked as policy } from "../../../policies/coverage/storage-type-unchecked";
import { evaluateResource, UNKNOWN } from "../../support/evaluate";

const run = (type: string, config?: Record<string, unknown>, name = "res") => evaluateResource(policy, { type, name, props: { tags: { "data-class": "key-material" } }, config });

describe("storage-type-unchecked", () => {
    it("names a store of a type no policy checks, as an advisory naming the type", () => {
        const result = run("aws:fsx/lustreFileSystem:LustreFileSystem");
        expect(result.notApplicable).toBeUndefined();
        expect(result.violations.map((d) => [d.property, d.level])).toEqual([["type", "advisory"]]);
        expect(result.violations[0]!.message).toMatch(/aws:fsx\/lustreFileSystem:LustreFileSystem.*does not check/);
    });

    it("stays advisory on a resource classified as key material: a review item, not a block", () => {
        expect(run("aws:timestreamwrite/table:Table", undefined, "wallet-ticks").violations.map((d) => d.level)).toEqual(["advisory"]);
    });

    it.each([
        "aws:rds/instance:Instance",
        "aws:rds/subnetGroup:SubnetGroup",
        "aws:efs/fileSystem:FileSystem",
        "aws:dms/replicationInstance:ReplicationInstance",
        "aws:lightsail/database:Database",
        "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy",
    ])("says nothing about %s, which a policy of the pack checks (the SDK skips it before copying inputs)", (type) => {
        const result = run(type);
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });

    it.each(["aws:rds/eventSubscription:EventSubscription", "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2", "aws:kms/alias:Alias", "aws:dax/parameterGroup:ParameterGroup"])(
        "says nothing about %s, which holds no data",
        (type) => {
            expect(run(type).diagnostics).toEqual([]);
        },
    );

    it.each(["aws:ec2/vpc:Vpc", "aws:lambda/function:Function", "aws:sns/topic:Topic", "pulumi:pulumi:Stack", "random:index/randomPassword:RandomPassword", "not-a-token"])(
        "says nothing about %s, outside the storage services",
        (type) => {
            const result = run(type);
            expect(result.diagnostics).toEqual([]);
            expect(result.notApplicable).toBeDefined();
        },
    );

    it("names aws-native stores that no policy judges (EFS, FSx)", () => {
        expect(run("aws-native:efs:FileSystem").violations.map((d) => d.property)).toEqual(["type"]);
        expect(run("aws-native:fsx:DataRepositoryAssociation").violations.map((d) => d.property)).toEqual(["type"]);
        expect(run("aws-native:ec2:Vpc").diagnostics).toEqual([]);
    });

    it("says nothing about an aws-native store the pack judges through its @pulumi/aws form", () => {
        expect(run("aws-native:rds:DbInstance").diagnostics).toEqual([]);
        expect(run("aws-native:dynamodb:Table").diagnostics).toEqual([]);
        expect(run("aws-native:ec2:Volume").diagnostics).toEqual([]);
    });

    it("names unmodelled paths to data: snapshots, exports, access points", () => {
        for (const type of ["aws:fsx/backup:Backup", "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "aws:s3/accessPoint:AccessPoint", "aws:lightsail/keyPair:KeyPair"]) {
            expect(run(type).violations.map((d) => d.property), type).toEqual(["type"]);
        }
    });

    it("skips the types listed as reviewed", () => {
        expect(run("aws:fsx/lustreFileSystem:LustreFileSystem", { reviewedTypes: ["aws:fsx/lustreFileSystem:LustreFileSystem"] }).diagnostics).toEqual([]);
    });

    it("decides from the type alone, so unknown inputs change nothing during preview", () => {
        const result = evaluateResource(policy, { type: "aws:sqs/queue:Queue", props: { kmsMasterKeyId: UNKNOWN, tags: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.violations.map((d) => d.property)).toEqual(["type"]);
    });
});
