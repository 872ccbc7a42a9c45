import { unknownFinding, violation } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

const INSTANCE = RDS_INSTANCE;
const CLUSTER = RDS_CLUSTER;

interface Inputs {
    password: string;
    writeOnly: string;
    /** Inputs that make the database a replica or restore, which takes its master user from the source. */
    sources: readonly string[];
}

const INPUTS: Record<string, Inputs> = {
    [INSTANCE]: { password: "password", writeOnly: "passwordWo", sources: ["replicateSourceDb", "snapshotIdentifier", "restoreToPointInTime"] },
    [CLUSTER]: {
        password: "masterPassword",
        writeOnly: "masterPasswordWo",
        sources: ["replicationSourceIdentifier", "snapshotIdentifier", "restoreToPointInTime", "globalClusterIdentifier"],
    },
};

const FIX =
    "Set `manageMasterUserPassword: true` so RDS generates the master password, keeps it in Secrets Manager and rotates it; applications read it from the secret.";

function fromSource(inputs: Inputs, props: PlainObject): boolean {
    return inputs.sources.some((property) => presenceOf(read(props, property)) !== "absent");
}

export const rdsManagedMasterPassword = resourcePolicy({
    name: "rds-managed-master-password",
    description: "RDS DB instances and clusters must let RDS manage and rotate the master password in Secrets Manager instead of passing one in.",
    controls: [10],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        pciDss: ["8.6.2"],
        nist: ["IA-5"],
    },
    resourceTypes: [INSTANCE, CLUSTER],
    remediationSteps: [
        "1. Remove `password` (aws.rds.Instance) / `masterPassword` (aws.rds.Cluster) and their write-only twins `passwordWo` / `masterPasswordWo` (with the `*WoVersion` input).",
        "2. Set `manageMasterUserPassword: true` (optionally `masterUserSecretKmsKeyId` to a customer-managed key); RDS switches the existing master password to a managed secret in place.",
        "3. Point applications at the secret in `masterUserSecrets[0].secretArn`, or better, at IAM database authentication.",
        "4. Rotate the old password's copies out: it stays in earlier stack state checkpoints, CI logs and config files.",
    ].join("\n"),
    check: ({ props, type }): Finding[] => {
        const inputs = INPUTS[type];
        if (!inputs) {
            return [];
        }
        const findings: Finding[] = [];
        // Presence decides here, not content: an unknown password (e.g. from a random.RandomPassword) is still
        // a password handed to the provider and kept in state. Values are never echoed.
        if (presenceOf(read(props, inputs.password)) !== "absent") {
            findings.push(
                violation(
                    inputs.password,
                    `\`${inputs.password}\` is set: the master password is stored in the Pulumi state (even as a secret) and never rotated. ${FIX}`,
                ),
            );
        }
        if (presenceOf(read(props, inputs.writeOnly)) !== "absent") {
            findings.push(
                violation(
                    inputs.writeOnly,
                    `\`${inputs.writeOnly}\` is set: a write-only password stays out of the state, which is better than \`${inputs.password}\`, but it still passes through the program and is never rotated. ${FIX}`,
                ),
            );
        }
        if (findings.length > 0) {
            return findings;
        }
        const managed = asBool(read(props, "manageMasterUserPassword"));
        if (managed === true) {
            return [];
        }
        if (managed === UNKNOWN) {
            return [unknownFinding("manageMasterUserPassword", FIX)];
        }
        if (managed === undefined && fromSource(inputs, props)) {
            // A replica, restore or global secondary takes its master user and password from its source.
            return [];
        }
        const state = managed === undefined ? "is not set" : managed === INVALID ? "is not a boolean" : "is false";
        return [violation("manageMasterUserPassword", `\`manageMasterUserPassword\` ${state}, so the master password is not managed or rotated by RDS. ${FIX}`)];
    },
});
