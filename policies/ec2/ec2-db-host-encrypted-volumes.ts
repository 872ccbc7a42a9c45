import { classifyKey, undecided, violation } from "../lib/readers/checks";
import { DB_HOST_CONFIG, INSTANCE, isDbHost, isDbHostOfStack, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST, type DbHostConfig } from "./lib/ec2";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { asBool, INVALID, isAbsent, isObject, UNKNOWN, type Plain, type PlainObject, type Tri, type Unknown } from "../lib/readers/values";
import { EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT, EBS_VOLUME, EC2_VOLUME_ATTACHMENT } from "../lib/aws/types";

const VOLUME_ATTACHMENT = EC2_VOLUME_ATTACHMENT;
const HOST_TYPES = [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

interface Device {
    /** Path of the block holding `encrypted` / `kmsKeyId` ("" for a Volume). */
    path: string;
    block: PlainObject;
    /** LaunchConfiguration blocks have no kmsKeyId input. */
    keyInput: boolean;
}

function devices(resource: StackResource): Device[] | Unknown {
    const props = resource.props;
    const out: Device[] = [];
    const push = (value: Plain, path: string, keyInput: boolean): boolean => {
        if (value === UNKNOWN) {
            return false;
        }
        if (isObject(value)) {
            out.push({ path, block: value, keyInput });
        }
        return true;
    };
    if (resource.type === EBS_VOLUME) {
        out.push({ path: "", block: props, keyInput: true });
        return out;
    }
    if (resource.type === LAUNCH_TEMPLATE) {
        const mappings = props["blockDeviceMappings"];
        if (mappings === UNKNOWN) {
            return UNKNOWN;
        }
        if (!Array.isArray(mappings)) {
            return out;
        }
        for (let i = 0; i < mappings.length; i++) {
            const mapping = mappings[i];
            if (mapping === UNKNOWN) {
                return UNKNOWN;
            }
            if (!isObject(mapping) || !isAbsent(mapping["noDevice"])) {
                continue;
            }
            if (!push(mapping["ebs"] ?? null, `blockDeviceMappings.${i}.ebs`, true)) {
                return UNKNOWN;
            }
        }
        return out;
    }
    const keyInput = resource.type !== LAUNCH_CONFIGURATION;
    const root = props["rootBlockDevice"];
    if (isAbsent(root)) {
        // Without a rootBlockDevice block the root volume follows the AMI (or the launch template, checked itself).
        if (isAbsent(props["launchTemplate"])) {
            out.push({ path: "rootBlockDevice", block: {}, keyInput });
        }
    } else if (!push(root, "rootBlockDevice", keyInput)) {
        return UNKNOWN;
    }
    const ebs = props["ebsBlockDevices"];
    if (ebs === UNKNOWN) {
        return UNKNOWN;
    }
    if (Array.isArray(ebs)) {
        for (let i = 0; i < ebs.length; i++) {
            if (!push(ebs[i] ?? null, `ebsBlockDevices.${i}`, keyInput)) {
                return UNKNOWN;
            }
        }
    }
    return out;
}

function prefixed(path: string, leaf: string): string {
    return path === "" ? leaf : `${path}.${leaf}`;
}

export const ec2DbHostEncryptedVolumes = stackPolicy<DbHostConfig>({
    name: "ec2-db-host-encrypted-volumes",
    description: "EBS volumes of database and key-material hosts must be encrypted with a customer-managed key; unencrypted volumes of other hosts are reported as advisory.",
    controls: [29],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["EC2.3", "EC2.7"],
        cis: ["5.1.1"],
        pciDss: ["3.5.1"],
        nist: ["SC-28"],
        checkov: ["CKV_AWS_8", "CKV_AWS_3", "CKV_AWS_189", "CKV_AWS_106"],
        trivy: ["AVD-AWS-0131", "AVD-AWS-0026", "AVD-AWS-0027"],
        cdkNag: ["AwsSolutions-EC26"],
    },
    resourceTypes: [...HOST_TYPES, EBS_VOLUME, EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY],
    remediationSteps: [
        "1. Set `encrypted: true` and `kmsKeyId: key.arn` on `rootBlockDevice` and every `ebsBlockDevices[]` entry (Instance), on `blockDeviceMappings[].ebs` (LaunchTemplate, where `encrypted` is the string \"true\"), and on aws.ebs.Volume.",
        "2. Or manage account-level encryption in the stack: aws.ebs.EncryptionByDefault (`enabled: true`) plus aws.ebs.DefaultKmsKey with a customer-managed key; omitted `encrypted` is then fine.",
        "3. Database and key-material hosts (tags / names configured in `dbHostTags` / `dbHostNamePatterns`, user data that installs or runs a database server, or a volume attached to such a host) need a customer-managed key; other hosts may use the AWS-managed aws/ebs key, and an unencrypted volume of another host is advisory (defence in depth).",
        "4. Encryption cannot be added in place: snapshot, copy the snapshot with encryption, and replace the volume or instance.",
    ].join("\n"),
    config: DB_HOST_CONFIG,
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const defaults = graph.ofType(EBS_ENCRYPTION_BY_DEFAULT).map((r) => asBool(r.props["enabled"]));
        const accountDefault: Tri = defaults.some((v) => v === true || v === undefined) ? true : defaults.includes(UNKNOWN) ? UNKNOWN : false;
        const defaultKeyIsCmk = graph.ofType(EBS_DEFAULT_KMS_KEY).some((r) => ["customer-managed", "unknown"].includes(classifyKey(r.props["keyArn"])));

        // The scope model: a host is a database host by tags, names or user data (its own or its launch
        // template's); a volume by its own tags or names or the hosts it is attached to.
        const dbHostOf = (resource: StackResource): Tri => {
            if (resource.type !== EBS_VOLUME) {
                return isDbHostOfStack(resource, graph, config);
            }
            const own = isDbHost(resource.name, resource.props, config);
            if (own === true) {
                return own;
            }
            const instances = graph
                .referencing(resource, [VOLUME_ATTACHMENT], "volumeId")
                .flatMap((attachment) => graph.referenced(attachment, "instanceId", [INSTANCE, SPOT_INSTANCE_REQUEST]).resources);
            const hosts = [own, ...instances.map((i) => isDbHostOfStack(i, graph, config))];
            return hosts.includes(true) ? true : hosts.includes(UNKNOWN) ? UNKNOWN : false;
        };

        const findings: Finding[] = [];
        for (const resource of graph.ofType(...HOST_TYPES, EBS_VOLUME)) {
            const dbHost = dbHostOf(resource);
            // An unencrypted volume is defence in depth on other hosts: blocking on database hosts only.
            const push = (finding: Finding): void => {
                findings.push({ ...finding, inScope: dbHost });
            };
            const list = devices(resource);
            if (list === UNKNOWN) {
                push(undecided("blockDevices", "The block device settings are computed, so encryption is only known at update time.", resource.urn));
                continue;
            }
            if (resource.type === LAUNCH_TEMPLATE && list.length === 0 && accountDefault !== true) {
                const message =
                    "The launch template sets no `blockDeviceMappings`, so volumes follow the AMI's snapshots and may be unencrypted; the stack does not enable EBS encryption by default. Add mappings with `ebs: { encrypted: \"true\", kmsKeyId }` or manage aws.ebs.EncryptionByDefault.";
                push(accountDefault === UNKNOWN ? undecided("blockDeviceMappings", message, resource.urn) : violation("blockDeviceMappings", message, resource.urn));
                continue;
            }
            for (const device of list) {
                const encryptedPath = prefixed(device.path, "encrypted");
                const keyPath = prefixed(device.path, "kmsKeyId");
                const encrypted = asBool(device.block["encrypted"]);
                if (encrypted === UNKNOWN) {
                    push(undecided(encryptedPath, `\`${encryptedPath}\` is computed, so it is only known at update time.`, resource.urn));
                    continue;
                }
                if (encrypted === INVALID) {
                    push(violation(encryptedPath, `\`${encryptedPath}\` is not a boolean. Set it to true.`, resource.urn));
                    continue;
                }
                if (encrypted !== true) {
                    if (accountDefault === UNKNOWN) {
                        push(undecided(encryptedPath, `\`${encryptedPath}\` is not true and whether EBS encryption by default is on is only known at update time.`, resource.urn));
                        continue;
                    }
                    if (accountDefault === false) {
                        const state = encrypted === undefined ? "is not set (the volume follows the AMI snapshot or defaults to unencrypted)" : "is false";
                        push(
                            violation(
                                encryptedPath,
                                `\`${encryptedPath}\` ${state}, and the stack does not enable EBS encryption by default, so what the host writes to the volume, and the volume's snapshots, sit on disk in clear. Set it to true with a \`kmsKeyId\`.`,
                                resource.urn,
                            ),
                        );
                        continue;
                    }
                }
                if (dbHost === false) {
                    continue;
                }
                const ownKey = device.keyInput ? classifyKey(device.block["kmsKeyId"]) : "absent";
                const usesCmk = ownKey === "customer-managed" || ownKey === "unknown" || (ownKey === "absent" && defaultKeyIsCmk);
                if (usesCmk) {
                    continue;
                }
                const reason =
                    ownKey === "aws-managed"
                        ? `\`${keyPath}\` names the AWS-managed aws/ebs key`
                        : ownKey === "invalid"
                          ? `\`${keyPath}\` is not a key id or ARN`
                          : `\`${keyPath}\` is not set and the stack sets no customer-managed aws.ebs.DefaultKmsKey, so the AWS-managed aws/ebs key is used`;
                const finding = `${reason}; on a database/key host the volume key must be customer-managed so its key policy controls who can decrypt volumes and snapshots.`;
                // An unknown dbHost makes the finding undecided through its scope (lib/core/report.ts).
                push(violation(keyPath, finding, resource.urn));
            }
        }
        return findings;
    },
});
