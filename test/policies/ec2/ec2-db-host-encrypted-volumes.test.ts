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
        expect(result.violations[0]!.level).toBe("mandatory");
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
