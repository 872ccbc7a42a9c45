import { expectAtLeast, expectFlag } from "../lib/readers/checks";
import { clusterProtectionChanges } from "../lib/aws/docdb-neptune";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER, NEPTUNE_GLOBAL_CLUSTER } from "../lib/aws/types";

type BackupConfig = {
    minimumRetentionDays: number;
};

const PROTECTION_FIX = "Set `deletionProtection: true` so a stray `pulumi destroy` or a stolen credential cannot delete the key store.";

export const neptuneDeletionProtectionBackups = resourcePolicy<BackupConfig>({
    name: "neptune-deletion-protection-backups",
    description: "Neptune clusters must have deletion protection on and keep automated backups for at least the configured number of days.",
    controls: [45],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Neptune.4", "Neptune.5"],
        nist: ["CP-9"],
        checkov: ["CKV2_AWS_58", "CKV_AWS_361"],
        cdkNag: ["AwsSolutions-N3"],
    },
    resourceTypes: [NEPTUNE_CLUSTER, NEPTUNE_GLOBAL_CLUSTER],
    remediationSteps: [
        "1. Set `deletionProtection: true` on the aws.neptune.Cluster and aws.neptune.GlobalCluster; it is updated in place.",
        "2. Set `backupRetentionPeriod` on the cluster to at least the configured minimum (7 days by default; Neptune allows up to 35).",
        "3. To delete the cluster later on purpose, turn deletion protection off in a separate, reviewed change first.",
    ].join("\n"),
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 7,
            minimum: 1,
            maximum: 35,
            description: "The smallest `backupRetentionPeriod` (days) accepted; Neptune defaults to 1.",
        },
    },
    check: ({ type, props, config }) => {
        const findings: Finding[] = [...expectFlag(props, "deletionProtection", { expected: true, defaultValue: false, fix: PROTECTION_FIX })];
        if (type === NEPTUNE_CLUSTER) {
            findings.push(
                ...expectAtLeast(props, "backupRetentionPeriod", {
                    minimum: config.minimumRetentionDays,
                    defaultValue: 1,
                    fix: `Set \`backupRetentionPeriod\` to at least ${config.minimumRetentionDays} so a tampered or deleted graph can be restored from a point before the incident.`,
                }),
            );
        }
        return findings;
    },
    // In place: deletion protection on and a known, too-short backup retention raised to the configured minimum (see
    // clusterProtectionChanges). aws.neptune.GlobalCluster is left to the check: its provider schema was not verified
    // here.
    remediate: ({ type, props, config }) => (type === NEPTUNE_CLUSTER ? clusterProtectionChanges(props, config.minimumRetentionDays) : undefined),
});
