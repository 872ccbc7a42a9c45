import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ec2DbHostEncryptedVolumes as policy } from "../../../policies/ec2/ec2-db-host-encrypted-volumes";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const VOLUME = "aws:ebs/volume:Volume";
const ATTACH = "aws:ec2/volumeAttachment:VolumeAttachment";
const DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const DEFAULT_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

describe("ec2-db-host-encrypted-volumes", () => {
    it("passes encrypted volumes, with CMKs on DB hosts", () => {
        const result = evaluateStack(policy, [
            { type: INSTANCE, name: "web", props: { rootBlockDevice: { encrypted: true } } },
            { type: INSTANCE, name: "postgres", props: { rootBlockDevice: { encrypted: true, kmsKeyId: CMK }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: UNKNOWN }] } },
            { type: LT, name: "lt", props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }, { deviceName: "/dev/sdb", noDevice: "" }] } },
            { type: VOLUME, name: "data", props: { availabilityZone: "eu-west-1a", encrypted: true } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags unencrypted volumes in every spelling at mandatory", () => {
        const result = evaluateStack(policy, [
            { type: INSTANCE, name: "web", props: {} },
            { type: INSTANCE, name: "app", props: { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] } },
            { type: LT, name: "lt", props: { blockDeviceMappings: [{ ebs: { encrypted: "false" } }] } },
            { type: LT, name: "bare-lt", props: {} },
            { type: VOLUME, name: "v", props: { availabilityZone: "eu-west-1a" } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(INSTANCE, "web"), "rootBlockDevice.encrypted"],
            [urnOf(INSTANCE, "app"), "ebsBlockDevices.0.encrypted"],
            [urnOf(LT, "lt"), "blockDeviceMappings.0.ebs.encrypted"],
            [urnOf(LT, "bare-lt"), "blockDeviceMappings"],
            [urnOf(VOLUME, "v"), "encrypted"],
        ]);
        // None of these is a database host: defence in depth, so advisory, saying why.
        expect(result.violations.map((v) => v.level)).toEqual(["advisory", "advisory", "advisory", "advisory", "advisory"]);
        expect(result.violations[0]!.message).toContain("Defence in depth, advisory here");
    });

    it("blocks an unencrypted volume of a database host: tagged, named, by user data, by its launch template, or attached", () => {
        const gzipped = gzipSync(Buffer.from("#cloud-config\npackages:\n  - mariadb-server\n")).toString("base64");
        const result = evaluateStack(policy, [
            { type: INSTANCE, name: "node-a", props: { tags: { role: "db" } } },
            { type: INSTANCE, name: "mongo-1", props: {} },
            { type: INSTANCE, name: "node-b", props: { userData: "#!/bin/bash\ndnf install -y postgresql15-server\npostgresql-setup --initdb\n" } },
            { type: LT, name: "node-lt", props: { userData: gzipped, blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: CMK } }] } },
            { type: INSTANCE, name: "node-c", props: { launchTemplate: { id: UNKNOWN }, rootBlockDevice: { encrypted: false } }, propertyDependencies: { launchTemplate: ["node-lt"] } },
            { type: INSTANCE, name: "node-d", props: { rootBlockDevice: { encrypted: true, kmsKeyId: CMK }, userData: "docker run -d --name cache redis:7-alpine" } },
            { type: VOLUME, name: "data", props: { availabilityZone: "eu-west-1a" } },
            { type: ATTACH, name: "att", props: { deviceName: "/dev/sdf", volumeId: UNKNOWN, instanceId: UNKNOWN }, propertyDependencies: { volumeId: ["data"], instanceId: ["node-d"] } },
        ]);
        expect(result.violations.map((v) => [v.urn, v.property, v.level])).toEqual([
            [urnOf(INSTANCE, "node-a"), "rootBlockDevice.encrypted", "mandatory"],
            [urnOf(INSTANCE, "mongo-1"), "rootBlockDevice.encrypted", "mandatory"],
            [urnOf(INSTANCE, "node-b"), "rootBlockDevice.encrypted", "mandatory"],
            [urnOf(INSTANCE, "node-c"), "rootBlockDevice.encrypted", "mandatory"],
            [urnOf(VOLUME, "data"), "encrypted", "mandatory"],
        ]);
        expect(result.violations.every((v) => !v.message.includes("postgresql15") && !v.message.includes("redis:7"))).toBe(true);
    });

    it("leaves the level of an unencrypted volume to update time when the host's user data is computed", () => {
        const result = evaluateStack(policy, [{ type: INSTANCE, name: "node", props: { userData: UNKNOWN } }]);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["rootBlockDevice.encrypted"]);
    });

    it("requires a CMK on DB hosts and on volumes attached to them", () => {
        const result = evaluateStack(policy, [
            { type: INSTANCE, name: "node", props: { tags: { role: "database" }, rootBlockDevice: { encrypted: true } } },
            { type: VOLUME, name: "data", props: { encrypted: true, kmsKeyId: "alias/aws/ebs" } },
            { type: ATTACH, name: "att", props: { deviceName: "/dev/sdf", volumeId: UNKNOWN, instanceId: UNKNOWN }, propertyDependencies: { volumeId: ["data"], instanceId: ["node"] } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(INSTANCE, "node"), "rootBlockDevice.kmsKeyId"],
            [urnOf(VOLUME, "data"), "kmsKeyId"],
        ]);
    });

    it("accepts omitted encryption when the stack enables EBS encryption by default (with a default CMK for DB hosts)", () => {
        const resources = [
            { type: DEFAULT, name: "ebs-default", props: {} },
            { type: INSTANCE, name: "web", props: {} },
            { type: INSTANCE, name: "mysql", props: {} },
        ];
        expect(pairs(evaluateStack(policy, resources))).toEqual([[urnOf(INSTANCE, "mysql"), "rootBlockDevice.kmsKeyId"]]);
        expect(evaluateStack(policy, [...resources, { type: DEFAULT_KEY, name: "k", props: { keyArn: CMK } }]).diagnostics).toEqual([]);
    });

    it("is undecided for computed values", () => {
        const result = evaluateStack(policy, [
            { type: DEFAULT, name: "ebs-default", props: { enabled: UNKNOWN } },
            { type: INSTANCE, name: "web", props: {} },
            { type: VOLUME, name: "v", props: { encrypted: UNKNOWN } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([
            [urnOf(INSTANCE, "web"), "rootBlockDevice.encrypted"],
            [urnOf(VOLUME, "v"), "encrypted"],
        ]);
    });
});
