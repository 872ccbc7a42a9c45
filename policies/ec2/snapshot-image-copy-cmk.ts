import { advice, classifyKey, undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { chainIsKeyMaterial } from "../lib/aws/sharing";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN, type Tri } from "../lib/readers/values";
import { EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT, EBS_SNAPSHOT, EBS_SNAPSHOT_COPY, EBS_VOLUME, EC2_AMI_COPY } from "../lib/aws/types";
import { lineage } from "./lib/lineage";

const COPIES = [EBS_SNAPSHOT_COPY, EC2_AMI_COPY];

/** The account-level EBS defaults the stack manages (the same reading as ec2-db-host-encrypted-volumes). */
function accountDefaults(graph: StackGraph): { encryptedByDefault: Tri; defaultKeyIsCmk: boolean } {
    const defaults = graph.ofType(EBS_ENCRYPTION_BY_DEFAULT).map((r) => asBool(r.props["enabled"]));
    const encryptedByDefault: Tri = defaults.some((v) => v === true || v === undefined) ? true : defaults.includes(UNKNOWN) ? UNKNOWN : false;
    const defaultKeyIsCmk = graph.ofType(EBS_DEFAULT_KMS_KEY).some((r) => ["customer-managed", "unknown"].includes(classifyKey(r.props["keyArn"])));
    return { encryptedByDefault, defaultKeyIsCmk };
}

/** A finding that blocks when the data holds key material and advises otherwise. */
function byData(keyMaterial: Tri, property: string, message: string, urn: string): Finding {
    if (keyMaterial === true) {
        return violation(property, `${message} The copied data holds key material.`, urn);
    }
    const why = keyMaterial === false ? "The data is not classified as key material, so this is advice." : "Whether the data holds key material cannot be told from the stack, so this is advice.";
    return advice(property, `${message} ${why}`, urn);
}

const COPY_FIX = "Set `encrypted: true` and `kmsKeyId` to a customer-managed key of the destination region whose key policy names only the roles that may use the copy.";

/**
 * A copy (aws.ebs.SnapshotCopy, aws.ec2.AmiCopy) must end up under a customer-managed key. EC2 CopySnapshot and
 * CopyImage: a copy of an encrypted source stays encrypted, a copy of an unencrypted one stays unencrypted unless
 * `encrypted` is set (or EBS encryption by default is on), and without `kmsKeyId` an encrypted copy uses the
 * account's default EBS key (aws/ebs unless aws.ebs.DefaultKmsKey names another).
 */
function copyFindings(copy: StackResource, keyMaterial: Tri, defaults: ReturnType<typeof accountDefaults>): Finding[] {
    const label = `${copy.type === EC2_AMI_COPY ? "AMI copy" : "snapshot copy"} ${copy.name}`;
    const encrypted = asBool(read(copy.props, "encrypted"));
    const key = classifyKey(read(copy.props, "kmsKeyId"));
    if (encrypted === INVALID) {
        return [violation("encrypted", `\`encrypted\` of ${label} is not a boolean. ${COPY_FIX}`, copy.urn)];
    }
    if (key === "customer-managed" || key === "unknown") {
        return [];
    }
    if (key === "invalid") {
        return [violation("kmsKeyId", `\`kmsKeyId\` of ${label} is not a key id, ARN or alias. ${COPY_FIX}`, copy.urn)];
    }
    if (key === "aws-managed") {
        return [byData(keyMaterial, "kmsKeyId", `\`kmsKeyId\` of ${label} names the AWS-managed aws/ebs key, whose key policy you cannot restrict.`, copy.urn)];
    }
    const willEncrypt: Tri = encrypted === true ? true : defaults.encryptedByDefault;
    if (willEncrypt === true && defaults.defaultKeyIsCmk) {
        return [];
    }
    if (encrypted === UNKNOWN || willEncrypt === UNKNOWN) {
        return keyMaterial === false ? [] : [undecided("encrypted", `Whether ${label} is encrypted is computed; it is checked once known. ${COPY_FIX}`, copy.urn)];
    }
    const message =
        willEncrypt === true
            ? `\`kmsKeyId\` of ${label} is not set and the stack sets no customer-managed aws.ebs.DefaultKmsKey, so the copy is encrypted with the AWS-managed aws/ebs key, whose key policy you cannot restrict.`
            : `\`encrypted\` of ${label} is not true and \`kmsKeyId\` is not set, so the copy of an unencrypted source stays unencrypted, and a copy of an encrypted one uses the account's default EBS key.`;
    return [byData(keyMaterial, willEncrypt === true ? "kmsKeyId" : "encrypted", `${message} ${COPY_FIX}`, copy.urn)];
}

/**
 * A snapshot of an unencrypted volume holds its data in clear. The volume itself is ec2-db-host-encrypted-volumes'
 * violation (one cause, one blocking finding), so the snapshot is advice that points at it.
 */
function snapshotFindings(graph: StackGraph, snapshot: StackResource, keyMaterial: Tri, encryptedByDefault: Tri): Finding[] {
    const ref = graph.referenced(snapshot, "volumeId", [EBS_VOLUME]);
    const findings: Finding[] = [];
    for (const volume of ref.resources) {
        const encrypted = asBool(read(volume.props, "encrypted"));
        if (encrypted === true || encryptedByDefault === true) {
            continue;
        }
        if (encrypted === UNKNOWN || encryptedByDefault === UNKNOWN) {
            if (keyMaterial !== false) {
                findings.push(undecided("volumeId", `Whether volume ${volume.name} of snapshot ${snapshot.name} is encrypted is computed; it is checked once known.`, snapshot.urn));
            }
            continue;
        }
        findings.push(
            advice(
                "volumeId",
                `Snapshot ${snapshot.name} copies volume ${volume.name}, which is not encrypted, so the snapshot holds its data in clear${keyMaterial === true ? ", and the data holds key material" : ""}. Encrypt the volume (ec2-db-host-encrypted-volumes reports it), or replace the snapshot by an aws.ebs.SnapshotCopy with \`encrypted: true\` and a customer-managed \`kmsKeyId\`.`,
                snapshot.urn,
            ),
        );
    }
    return findings;
}

export const snapshotImageCopyCmk = stackPolicy({
    name: "snapshot-image-copy-cmk",
    description: "EBS snapshot and AMI copies are encrypted with a customer-managed KMS key, and snapshots are taken only of encrypted volumes.",
    controls: [123],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-28", "SC-12"], pciDss: ["3.5.1"] },
    resourceTypes: [EBS_SNAPSHOT_COPY, EC2_AMI_COPY, EBS_SNAPSHOT, EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY],
    remediationSteps: [
        "1. Set `encrypted: true` and `kmsKeyId` (a customer-managed key of the destination region) on every aws.ebs.SnapshotCopy and aws.ec2.AmiCopy; a copy is how an unencrypted snapshot or image gets encrypted.",
        "2. Or manage aws.ebs.EncryptionByDefault (`enabled: true`) with a customer-managed aws.ebs.DefaultKmsKey in the region; copies without their own key then use it.",
        "3. Take snapshots (aws.ebs.Snapshot) only of encrypted volumes; encrypt an unencrypted volume by restoring it from an encrypted copy of its snapshot.",
        "4. The key of an existing copy cannot be changed: create a new copy with the CMK and delete the old one.",
    ].join("\n"),
    check: ({ resources, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const defaults = accountDefaults(graph);
        const findings: Finding[] = [];
        const classify = (resource: StackResource): Tri => {
            const { resources: chain, unresolved } = lineage(graph, resource);
            return chainIsKeyMaterial(chain, unresolved, isKeyMaterial);
        };
        for (const copy of graph.ofType(...COPIES)) {
            findings.push(...copyFindings(copy, classify(copy), defaults));
        }
        for (const snapshot of graph.ofType(EBS_SNAPSHOT)) {
            findings.push(...snapshotFindings(graph, snapshot, classify(snapshot), defaults.encryptedByDefault));
        }
        return findings;
    },
});
