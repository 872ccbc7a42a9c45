import { describe, expect, it } from "vitest";
import { snapshotImageNotShared as policy } from "../../../policies/ec2/snapshot-image-not-shared";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties, type Evaluation, type StackInputResource } from "../../support/evaluate";

const OWN = "111122223333";
const PARTNER = "444455556666";
const OTHER = "999988887777";
const AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
const AMI_FROM_INSTANCE = "aws:ec2/amiFromInstance:AmiFromInstance";
const LAUNCH = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";
const SNAPSHOT = "aws:ebs/snapshot:Snapshot";
const SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
const VOLUME = "aws:ebs/volume:Volume";
const ATTACH = "aws:ec2/volumeAttachment:VolumeAttachment";
const INSTANCE = "aws:ec2/instance:Instance";
const CREATE_VOLUME = "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
const SNAPSHOT_BPA = "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess";
const IMAGE_BPA = "aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess";

const levels = (r: Evaluation) => r.violations.map((d) => [d.property, d.level]);

/** An image of a host, and a launch permission on it. The host is key material when its name says so ("wallet"). */
function image(host: string, permission: Record<string, unknown>, preview = false): StackInputResource[] {
    return [
        { type: INSTANCE, name: host, props: { id: preview ? UNKNOWN : "i-1", ami: "ami-base" } },
        { type: AMI_FROM_INSTANCE, name: `${host}-image`, props: { id: preview ? UNKNOWN : "ami-1", ownerId: preview ? UNKNOWN : OWN, sourceInstanceId: preview ? UNKNOWN : "i-1" }, propertyDependencies: { sourceInstanceId: [host] } },
        { type: LAUNCH, name: `${host}-image-share`, props: { imageId: preview ? UNKNOWN : "ami-1", ...permission }, propertyDependencies: { imageId: [`${host}-image`] } },
    ];
}

/** A snapshot of a volume attached to a host, and a create-volume permission on it. */
function snapshot(host: string, accountId: unknown, preview = false): StackInputResource[] {
    const id = (value: string) => (preview ? UNKNOWN : value);
    return [
        { type: INSTANCE, name: host, props: { id: id("i-1") } },
        { type: VOLUME, name: `${host}-data`, props: { id: id("vol-1"), availabilityZone: "eu-west-1a", encrypted: true } },
        { type: ATTACH, name: `${host}-attach`, props: { instanceId: id("i-1"), volumeId: id("vol-1"), deviceName: "/dev/sdf" }, propertyDependencies: { instanceId: [host], volumeId: [`${host}-data`] } },
        { type: SNAPSHOT, name: "nightly", props: { id: id("snap-1"), ownerId: id(OWN), volumeId: id("vol-1") }, propertyDependencies: { volumeId: [`${host}-data`] } },
        { type: CREATE_VOLUME, name: "nightly-share", props: { snapshotId: id("snap-1"), accountId }, propertyDependencies: { snapshotId: ["nightly"] } },
    ];
}

describe("snapshot-image-not-shared", () => {
    it.each([false, true])("passes images and snapshots shared with the data's own or allowed accounts (preview=%s)", (preview) => {
        const config = { allowedAccountIds: [OWN, PARTNER] };
        expect(evaluateStack(policy, image("wallet-signer", { accountId: PARTNER }, preview), config).diagnostics).toEqual([]);
        expect(evaluateStack(policy, snapshot("wallet-db-host", PARTNER, preview), config).diagnostics).toEqual([]);
        const org = { organizationArn: `arn:aws:organizations::${PARTNER}:organization/o-abc123` };
        const result = evaluateStack(policy, image("wallet-signer", org, preview), config);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])('blocks a public image (group "all") whatever it holds (preview=%s)', (preview) => {
        for (const host of ["wallet-signer", "web"]) {
            const result = evaluateStack(policy, image(host, { group: "all" }, preview));
            expect(violatedProperties(result)).toEqual(["group"]);
            expect(levels(result)).toEqual([["group", "mandatory"]]);
            expect(result.violations[0]!.message).toMatch(/everyone.*every AWS account.*launch the image/);
            expect(result.violations[0]!.urn).toBe(urnOf(LAUNCH, `${host}-image-share`));
        }
    });

    it("blocks a key host's image or snapshot shared with an account that is not the data's own", () => {
        const launch = evaluateStack(policy, image("wallet-signer", { accountId: OTHER }));
        expect(levels(launch)).toEqual([["accountId", "mandatory"]]);
        expect(launch.violations[0]!.message).toContain("holds key material");
        const volume = evaluateStack(policy, snapshot("wallet-db-host", OTHER));
        expect(levels(volume)).toEqual([["accountId", "mandatory"]]);
        expect(volume.violations[0]!.urn).toBe(urnOf(CREATE_VOLUME, "nightly-share"));
        expect(volume.violations[0]!.message).toContain("create volumes from the snapshot");
    });

    it("judges accounts against allowedAccountIds when configured, and the organization by its management account", () => {
        const config = { allowedAccountIds: [OWN] };
        expect(levels(evaluateStack(policy, image("wallet-signer", { accountId: PARTNER }), config))).toEqual([["accountId", "mandatory"]]);
        const ou = { organizationalUnitArn: `arn:aws:organizations::${OTHER}:ou/o-abc123/ou-ab12-cdef3456` };
        expect(levels(evaluateStack(policy, image("wallet-signer", ou), config))).toEqual([["organizationalUnitArn", "mandatory"]]);
        // Without an allow-list an organization cannot be placed: advice for key material, so nothing blocks.
        expect(levels(evaluateStack(policy, image("wallet-signer", ou)))).toEqual([["organizationalUnitArn", "advisory"]]);
    });

    it("reports a foreign share of data that is not key material, or cannot be classified, as advice", () => {
        expect(levels(evaluateStack(policy, image("web", { accountId: OTHER })))).toEqual([["accountId", "advisory"]]);
        const external: StackInputResource[] = [
            { type: AMI_COPY, name: "base-copy", props: { id: "ami-2", ownerId: OWN, sourceAmiId: "ami-0abcdef", sourceAmiRegion: "eu-west-1", encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k" } },
            { type: LAUNCH, name: "base-copy-share", props: { imageId: "ami-2", accountId: OTHER } },
        ];
        const result = evaluateStack(policy, external);
        expect(levels(result)).toEqual([["accountId", "advisory"]]);
        expect(result.violations[0]!.message).toContain("cannot be told");
    });

    it("follows copies and attachments back to the key host", () => {
        const resources = [
            ...snapshot("wallet-db-host", PARTNER).slice(0, 4),
            { type: SNAPSHOT_COPY, name: "dr-copy", props: { id: "snap-2", ownerId: OWN, sourceSnapshotId: "snap-1", sourceRegion: "eu-west-1", encrypted: true } },
            { type: CREATE_VOLUME, name: "dr-share", props: { snapshotId: "snap-2", accountId: OTHER } },
        ];
        expect(levels(evaluateStack(policy, resources))).toEqual([["accountId", "mandatory"]]);
    });

    it("is undecided, not silent, while the account or the data's own account is computed", () => {
        const computedAccount = evaluateStack(policy, snapshot("wallet-db-host", UNKNOWN, true));
        expect(computedAccount.cantRun).toBe(false);
        expect(computedAccount.violations).toEqual([]);
        expect(computedAccount.undecided.map((d) => d.property)).toEqual(["accountId"]);
        const computedOwner = evaluateStack(policy, image("wallet-signer", { accountId: OTHER }, true));
        expect(computedOwner.violations).toEqual([]);
        expect(computedOwner.undecided.map((d) => d.property)).toEqual(["accountId"]);
        const computedGroup = evaluateStack(policy, image("web", { group: UNKNOWN }, true));
        expect(computedGroup.undecided.map((d) => d.property)).toEqual(["group"]);
    });

    it("does not judge a specific account when nothing tells yours from others and the data is not key material", () => {
        const resources: StackInputResource[] = [{ type: CREATE_VOLUME, name: "legacy-share", props: { snapshotId: "snap-legacy", accountId: PARTNER } }];
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
        // ...but a key-material snapshot outside the stack shared that way is advice to list the accounts.
        const named: StackInputResource[] = [{ type: CREATE_VOLUME, name: "wallet-snapshot-share", props: { snapshotId: "snap-legacy", accountId: PARTNER } }];
        const result = evaluateStack(policy, named);
        expect(levels(result)).toEqual([["accountId", "advisory"]]);
        expect(result.violations[0]!.message).toContain("allowedAccountIds");
    });

    it("flags values that are not accounts or groups", () => {
        const group = evaluateStack(policy, image("web", { group: "everyone" }));
        expect(violatedProperties(group)).toEqual(["group"]);
        expect(group.violations[0]!.message).toContain('is not "all"');
        expect(violatedProperties(evaluateStack(policy, image("web", { accountId: 42 })))).toEqual(["accountId"]);
        const organization = evaluateStack(policy, image("web", { organizationArn: "o-abc123" }));
        expect(violatedProperties(organization)).toEqual(["organizationArn"]);
        expect(organization.violations[0]!.message).toContain("not an AWS Organizations organization or OU ARN");
        expect(violatedProperties(evaluateStack(policy, snapshot("web", "all")))).toEqual(["accountId"]);
    });

    it("advises on block public access settings that leave public sharing open, and passes the blocking ones", () => {
        const bpa = (snapshotState: unknown, imageState: unknown): StackInputResource[] => [
            { type: SNAPSHOT_BPA, name: "snapshots", props: { state: snapshotState } },
            { type: IMAGE_BPA, name: "images", props: { state: imageState } },
        ];
        expect(evaluateStack(policy, bpa("block-all-sharing", "block-new-sharing")).diagnostics).toEqual([]);
        const open = evaluateStack(policy, bpa("block-new-sharing", "unblocked"));
        expect(open.violations.map((d) => [d.urn, d.level])).toEqual([
            [urnOf(SNAPSHOT_BPA, "snapshots"), "advisory"],
            [urnOf(IMAGE_BPA, "images"), "advisory"],
        ]);
        expect(open.violations[0]!.message).toContain("already public stay publicly available");
        expect(levels(evaluateStack(policy, bpa("off", "block-all-sharing")))).toEqual([
            ["state", "mandatory"],
            ["state", "mandatory"],
        ]);
        expect(evaluateStack(policy, bpa(UNKNOWN, UNKNOWN)).undecided.map((d) => d.property)).toEqual(["state", "state"]);
    });
});
