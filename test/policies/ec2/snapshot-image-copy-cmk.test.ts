import { describe, expect, it } from "vitest";
import { snapshotImageCopyCmk as policy } from "../../../policies/ec2/snapshot-image-copy-cmk";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties, type Evaluation, type StackInputResource } from "../../support/evaluate";

const CMK = "arn:aws:kms:eu-west-1:111122223333:key/0b3c5d8e-1111-2222-3333-444455556666";
const SNAPSHOT = "aws:ebs/snapshot:Snapshot";
const SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
const AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
const VOLUME = "aws:ebs/volume:Volume";
const DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const DEFAULT_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";

const levels = (r: Evaluation) => r.violations.map((d) => [d.property, d.level]);

/** A volume, its snapshot and a copy of the snapshot; the volume's name decides whether it is key material. */
function chain(volume: string, volumeProps: Record<string, unknown>, copyProps: Record<string, unknown>, preview = false): StackInputResource[] {
    const id = (value: string) => (preview ? UNKNOWN : value);
    return [
        { type: VOLUME, name: volume, props: { id: id("vol-1"), availabilityZone: "eu-west-1a", ...volumeProps } },
        { type: SNAPSHOT, name: `${volume}-snap`, props: { id: id("snap-1"), volumeId: id("vol-1") }, propertyDependencies: { volumeId: [volume] } },
        { type: SNAPSHOT_COPY, name: `${volume}-copy`, props: { sourceSnapshotId: id("snap-1"), sourceRegion: "eu-west-1", ...copyProps }, propertyDependencies: { sourceSnapshotId: [`${volume}-snap`] } },
    ];
}

const image = (name: string, props: Record<string, unknown>): StackInputResource => ({ type: AMI_COPY, name, props: { sourceAmiId: "ami-0abcdef", sourceAmiRegion: "eu-west-1", ...props } });

describe("snapshot-image-copy-cmk", () => {
    it.each([false, true])("passes copies under a customer-managed key and snapshots of encrypted volumes (preview=%s)", (preview) => {
        const result = evaluateStack(policy, [...chain("wallet-data", { encrypted: true, kmsKeyId: CMK }, { encrypted: true, kmsKeyId: preview ? UNKNOWN : CMK }, preview), image("wallet-image", { encrypted: true, kmsKeyId: CMK })]);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("passes copies without their own key when the stack encrypts by default with a customer-managed default key", () => {
        const resources = [
            ...chain("wallet-data", { encrypted: true }, {}),
            image("wallet-image", {}),
            { type: DEFAULT, name: "ebs-default", props: { enabled: true } },
            { type: DEFAULT_KEY, name: "ebs-default-key", props: { keyArn: CMK } },
        ];
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
    });

    it("blocks copies of key material without a customer-managed key, in every spelling", () => {
        expect(levels(evaluateStack(policy, chain("wallet-data", { encrypted: true }, {})))).toEqual([["encrypted", "mandatory"]]);
        expect(levels(evaluateStack(policy, chain("wallet-data", { encrypted: true }, { encrypted: true })))).toEqual([["kmsKeyId", "mandatory"]]);
        expect(levels(evaluateStack(policy, chain("wallet-data", { encrypted: true }, { encrypted: true, kmsKeyId: "alias/aws/ebs" })))).toEqual([["kmsKeyId", "mandatory"]]);
        expect(violatedProperties(evaluateStack(policy, chain("wallet-data", { encrypted: true }, { encrypted: "yes" })))).toEqual(["encrypted"]);
        expect(violatedProperties(evaluateStack(policy, chain("wallet-data", { encrypted: true }, { encrypted: true, kmsKeyId: "default" })))).toEqual(["kmsKeyId"]);
        const result = evaluateStack(policy, [image("wallet-db-host-image", { encrypted: false })]);
        expect(levels(result)).toEqual([["encrypted", "mandatory"]]);
        expect(result.violations[0]!.urn).toBe(urnOf(AMI_COPY, "wallet-db-host-image"));
        expect(result.violations[0]!.message).toContain("key material");
    });

    it("advises on copies of data that is not key material or cannot be classified", () => {
        expect(levels(evaluateStack(policy, chain("scratch", { encrypted: true }, { encrypted: true })))).toEqual([["kmsKeyId", "advisory"]]);
        const external = evaluateStack(policy, [image("base-image", { encrypted: true })]);
        expect(levels(external)).toEqual([["kmsKeyId", "advisory"]]);
        expect(external.violations[0]!.message).toContain("cannot be told");
    });

    it("advises on a snapshot of an unencrypted volume, pointing at the volume's own finding", () => {
        const result = evaluateStack(policy, chain("wallet-data", {}, { encrypted: true, kmsKeyId: CMK }));
        expect(result.violations.map((d) => [d.urn, d.property, d.level])).toEqual([[urnOf(SNAPSHOT, "wallet-data-snap"), "volumeId", "advisory"]]);
        expect(result.violations[0]!.message).toContain("ec2-db-host-encrypted-volumes");
        expect(evaluateStack(policy, [...chain("wallet-data", {}, { encrypted: true, kmsKeyId: CMK }), { type: DEFAULT, name: "ebs-default", props: {} }]).diagnostics).toEqual([]);
    });

    it("is undecided while encryption is computed", () => {
        const copy = evaluateStack(policy, chain("wallet-data", { encrypted: true }, { encrypted: UNKNOWN }, true));
        expect(copy.violations).toEqual([]);
        expect(copy.undecided.map((d) => d.property)).toEqual(["encrypted"]);
        const volume = evaluateStack(policy, chain("wallet-data", { encrypted: UNKNOWN }, { encrypted: true, kmsKeyId: CMK }, true));
        expect(volume.undecided.map((d) => d.property)).toEqual(["volumeId"]);
        const byDefault = evaluateStack(policy, [...chain("wallet-data", { encrypted: true }, {}), { type: DEFAULT, name: "ebs-default", props: { enabled: UNKNOWN } }]);
        expect(byDefault.undecided.map((d) => d.property)).toEqual(["encrypted"]);
    });
});
