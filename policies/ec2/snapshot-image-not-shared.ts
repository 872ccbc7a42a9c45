import { advice, undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { ALLOWED_ACCOUNT_IDS, chainIsKeyMaterial, ownAccountOf, readAccount, readOrganization, recipientFindings, type Recipient } from "../lib/aws/sharing";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, EC2_AMI_LAUNCH_PERMISSION, EC2_IMAGE_BLOCK_PUBLIC_ACCESS, EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION } from "../lib/aws/types";
import { IMAGES, lineage, SNAPSHOTS } from "./lib/lineage";

type Config = { allowedAccountIds: string[] };

interface Shared {
    /** The snapshot or image the permission applies to, when it is in the stack. */
    target: StackResource | undefined;
    keyMaterial: ReturnType<typeof chainIsKeyMaterial>;
    own: ReturnType<typeof ownAccountOf>;
}

function sharedThing(graph: StackGraph, permission: StackResource, property: string, types: readonly string[], isKeyMaterial: (r: StackResource) => boolean): Shared {
    const ref = graph.referenced(permission, property, types);
    const target = ref.resources[0];
    if (!target) {
        return { target, keyMaterial: isKeyMaterial(permission) ? true : UNKNOWN, own: undefined };
    }
    const { resources, unresolved } = lineage(graph, target);
    return { target, keyMaterial: chainIsKeyMaterial([permission, ...resources], unresolved, isKeyMaterial), own: ownAccountOf(target.props) };
}

/** `group` of a launch permission: `all` (public) is its only valid value. */
function readGroup(value: unknown): Recipient | undefined {
    const group = asString(value);
    if (group === UNKNOWN) {
        return { kind: "unknown", mayBePublic: true };
    }
    if (group === undefined || (typeof group === "string" && group.trim() === "")) {
        return undefined;
    }
    if (group !== INVALID && group.trim().toLowerCase() === "all") {
        return { kind: "public", who: "every AWS account" };
    }
    return { kind: "invalid", expected: '"all", the only group EC2 launch permissions know' };
}

const SNAPSHOT_FIX =
    "Share the snapshot only with accounts of yours (listed in `allowedAccountIds`), encrypted with a customer-managed key whose key policy names them; to hand data to another party, give them an export you control instead.";
const IMAGE_FIX =
    'Remove `group: "all"` and launch permissions for accounts, organizations or OUs that are not yours; share images of database or key hosts only within your accounts (listed in `allowedAccountIds`).';

/** The account-level block public access settings: which states leave public sharing open. */
const BLOCK_SETTINGS = [
    {
        type: EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS,
        label: "EBS snapshot block public access",
        valid: ["block-all-sharing", "block-new-sharing", "unblocked"],
        // block-new-sharing leaves snapshots that are already public publicly available (EC2 EnableSnapshotBlockPublicAccess).
        open: ["unblocked", "block-new-sharing"],
        fix: 'Set `state: "block-all-sharing"` so no snapshot of the region can be public (`block-new-sharing` keeps snapshots that are already public).',
    },
    {
        type: EC2_IMAGE_BLOCK_PUBLIC_ACCESS,
        label: "AMI block public access",
        valid: ["block-new-sharing", "unblocked"],
        open: ["unblocked"],
        fix: 'Set `state: "block-new-sharing"` so no image of the region can be made public.',
    },
] as const;

function blockSettingFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const setting of BLOCK_SETTINGS) {
        for (const resource of graph.ofType(setting.type)) {
            const state = asString(read(resource.props, "state"));
            if (state === UNKNOWN) {
                findings.push(undecided("state", `\`state\` of ${setting.label} ${resource.name} is computed; it is checked once known. ${setting.fix}`, resource.urn));
            } else if (typeof state !== "string" || !(setting.valid as readonly string[]).includes(state.trim())) {
                findings.push(violation("state", `\`state\` of ${setting.label} ${resource.name} is not one of ${setting.valid.join(", ")}. ${setting.fix}`, resource.urn));
            } else if ((setting.open as readonly string[]).includes(state.trim())) {
                // An account-wide guard, not an exposure by itself: advice (the public shares themselves are violations).
                const what = state.trim() === "unblocked" ? "one API call can make a snapshot or image of the region public" : "snapshots that are already public stay publicly available";
                findings.push(advice("state", `\`state\` of ${setting.label} ${resource.name} is ${state.trim()}, so ${what}. ${setting.fix}`, resource.urn));
            }
        }
    }
    return findings;
}

export const snapshotImageNotShared = stackPolicy<Config>({
    name: "snapshot-image-not-shared",
    description: "EBS snapshots and AMIs are never public and are shared only with your own accounts, and the account-level block public access settings are not turned off.",
    controls: [120],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["EC2.1"],
        nist: ["AC-3", "AC-21"],
        pciDss: ["1.4.4"],
    },
    resourceTypes: [EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION, EC2_AMI_LAUNCH_PERMISSION, EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, EC2_IMAGE_BLOCK_PUBLIC_ACCESS, ...SNAPSHOTS, ...IMAGES],
    remediationSteps: [
        '1. Delete aws.ec2.AmiLaunchPermission resources with `group: "all"`: anyone can launch the image and read every volume it carries (data files, wallet files, credentials baked into the image).',
        "2. Share snapshots (aws.ec2.SnapshotCreateVolumePermission) and images (AmiLaunchPermission `accountId`, `organizationArn`, `organizationalUnitArn`) only with your own accounts, and list them in this policy's `allowedAccountIds`.",
        '3. Manage aws.ebs.SnapshotBlockPublicAccess (`state: "block-all-sharing"`) and aws.ec2.ImageBlockPublicAccess (`state: "block-new-sharing"`) in every region.',
        "4. Check the account for snapshots and images shared by hand (`aws ec2 describe-snapshot-attribute`, `describe-image-attribute`), which the policy cannot see.",
    ].join("\n"),
    config: { allowedAccountIds: ALLOWED_ACCOUNT_IDS },
    check: ({ resources, config, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const allowed = config.allowedAccountIds;
        const findings: Finding[] = [];
        for (const permission of graph.ofType(EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION)) {
            const shared = sharedThing(graph, permission, "snapshotId", SNAPSHOTS, isKeyMaterial);
            const subject = `snapshot permission ${permission.name}${shared.target ? ` (snapshot ${shared.target.name})` : ""}`;
            findings.push(
                ...recipientFindings(readAccount(read(permission.props, "accountId")) ?? { kind: "invalid" }, shared, allowed, {
                    property: "accountId",
                    urn: permission.urn,
                    subject,
                    gets: "can create volumes from the snapshot and read every block of it",
                    fix: SNAPSHOT_FIX,
                }),
            );
        }
        for (const permission of graph.ofType(EC2_AMI_LAUNCH_PERMISSION)) {
            const shared = sharedThing(graph, permission, "imageId", IMAGES, isKeyMaterial);
            const subject = `launch permission ${permission.name}${shared.target ? ` (image ${shared.target.name})` : ""}`;
            const gets = "can launch the image and copy the volumes it carries";
            const recipients: [string, Recipient | undefined][] = [
                ["group", readGroup(read(permission.props, "group"))],
                ["accountId", readAccount(read(permission.props, "accountId"))],
                ["organizationArn", readOrganization(read(permission.props, "organizationArn"))],
                ["organizationalUnitArn", readOrganization(read(permission.props, "organizationalUnitArn"))],
            ];
            for (const [property, recipient] of recipients) {
                findings.push(...recipientFindings(recipient, shared, allowed, { property, urn: permission.urn, subject, gets, fix: IMAGE_FIX }));
            }
        }
        findings.push(...blockSettingFindings(graph));
        return findings;
    },
});
