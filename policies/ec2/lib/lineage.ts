// Where an EBS snapshot or an AMI came from (snapshot -> volume -> the instances it is attached to; copy -> source;
// image -> instance or snapshots), so the EC2 policies about snapshots and images can classify the data they carry.

import type { StackGraph, StackResource } from "../../lib/aws/graph";
import { read, UNKNOWN } from "../../lib/readers/values";
import { EBS_SNAPSHOT, EBS_SNAPSHOT_COPY, EBS_VOLUME, EC2_AMI, EC2_AMI_COPY, EC2_AMI_FROM_INSTANCE, EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST, EC2_VOLUME_ATTACHMENT } from "../../lib/aws/types";

export const SNAPSHOTS = [EBS_SNAPSHOT, EBS_SNAPSHOT_COPY];
export const IMAGES = [EC2_AMI, EC2_AMI_COPY, EC2_AMI_FROM_INSTANCE];
export const INSTANCES = [EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST];

/** Where each snapshot or image came from: the inputs that name its source, and the source's types. */
const SOURCE_LINKS: Readonly<Record<string, readonly { property: string; types: readonly string[] }[]>> = {
    [EBS_SNAPSHOT]: [{ property: "volumeId", types: [EBS_VOLUME] }],
    [EBS_SNAPSHOT_COPY]: [{ property: "sourceSnapshotId", types: SNAPSHOTS }],
    [EC2_AMI_COPY]: [{ property: "sourceAmiId", types: IMAGES }],
    [EC2_AMI_FROM_INSTANCE]: [{ property: "sourceInstanceId", types: INSTANCES }],
    [EC2_AMI]: [{ property: "ebsBlockDevices", types: SNAPSHOTS }],
};

/** Copies and images chain a few levels at most; the bound only guards against reference cycles. */
const MAX_DEPTH = 6;

/**
 * The resources a snapshot or image was made from, transitively (snapshot -> volume -> the instances it is attached
 * to; image -> instance, snapshots or source image), and whether some link could not be followed.
 */
export function lineage(graph: StackGraph, start: StackResource): { resources: StackResource[]; unresolved: boolean } {
    const seen = new Set<StackResource>([start]);
    let unresolved = false;
    let frontier = [start];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
        const next: StackResource[] = [];
        for (const resource of frontier) {
            const found: StackResource[] = [];
            for (const link of SOURCE_LINKS[resource.type] ?? []) {
                const ref = resource.type === EC2_AMI ? snapshotsOfAmi(graph, resource) : graph.referenced(resource, link.property, link.types);
                unresolved ||= ref.unresolved || ref.external.length > 0;
                found.push(...ref.resources);
            }
            if (resource.type === EBS_VOLUME) {
                for (const attachment of graph.referencing(resource, [EC2_VOLUME_ATTACHMENT], "volumeId")) {
                    found.push(...graph.referenced(attachment, "instanceId", INSTANCES).resources);
                }
            }
            for (const source of found) {
                if (!seen.has(source)) {
                    seen.add(source);
                    next.push(source);
                }
            }
        }
        frontier = next;
    }
    return { resources: [...seen], unresolved };
}

/** The snapshots an aws.ec2.Ami registers (`ebsBlockDevices[].snapshotId`). */
function snapshotsOfAmi(graph: StackGraph, ami: StackResource): { resources: StackResource[]; external: string[]; unresolved: boolean } {
    const devices = read(ami.props, "ebsBlockDevices");
    if (devices === UNKNOWN) {
        return { resources: [], external: [], unresolved: true };
    }
    const resources: StackResource[] = [];
    const external: string[] = [];
    let unresolved = false;
    if (Array.isArray(devices)) {
        devices.forEach((_, index) => {
            const ref = graph.referenced(ami, `ebsBlockDevices.${index}.snapshotId`, SNAPSHOTS);
            resources.push(...ref.resources);
            external.push(...ref.external);
            unresolved ||= ref.unresolved;
        });
    }
    // Snapshots that only the dependency record names (the whole list was computed from them).
    resources.push(...graph.referenced(ami, "ebsBlockDevices", SNAPSHOTS).resources);
    return { resources: [...new Set(resources)], external, unresolved };
}

