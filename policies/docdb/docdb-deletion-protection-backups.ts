import { expectAtLeast, expectFlag } from "../lib/readers/checks";
import { clusterProtectionChanges } from "../lib/aws/docdb-neptune";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { DOCDB_CLUSTER, DOCDB_ELASTIC_CLUSTER, DOCDB_GLOBAL_CLUSTER } from "../lib/aws/types";

type BackupConfig = {
    minimumRetentionDays: number;
};

const PROTECTION_FIX = "Set `deletionProtection: true` so a stray `pulumi destroy` or a stolen credential cannot delete the key store.";

export const docdbDeletionProtectionBackups = resourcePolicy<BackupConfig>({
    name: "docdb-deletion-protection-backups",
    description: "DocumentDB clusters must have deletion protection on and keep automated backups for at least the configured number of days.",
    controls: [40],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["DocumentDB.5", "DocumentDB.2"],
        nist: ["CP-9"],
        checkov: ["CKV_AWS_360"],
        cdkNag: ["AwsSolutions-DOC4"],
    },
    resourceTypes: [DOCDB_CLUSTER, DOCDB_GLOBAL_CLUSTER, DOCDB_ELASTIC_CLUSTER],
    remediationSteps: [
        "1. Set `deletionProtection: true` on the aws.docdb.Cluster and aws.docdb.GlobalCluster; it is updated in place.",
        "2. Set `backupRetentionPeriod` to at least the configured minimum (7 days by default; DocumentDB allows up to 35) on the cluster and on aws.docdb.ElasticCluster.",
        "3. To delete the cluster later on purpose, turn deletion protection off in a separate, reviewed change first.",
    ].join("\n"),
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 7,
            minimum: 1,
            maximum: 35,
            description: "The smallest `backupRetentionPeriod` (days) accepted; DocumentDB defaults to 1.",
        },
    },
    check: ({ type, props, config }) => {
        const findings: Finding[] = [];
        if (type !== DOCDB_ELASTIC_CLUSTER) {
            findings.push(...expectFlag(props, "deletionProtection", { expected: true, defaultValue: false, fix: PROTECTION_FIX }));
        }
        if (type !== DOCDB_GLOBAL_CLUSTER) {
            findings.push(
                ...expectAtLeast(props, "backupRetentionPeriod", {
                    minimum: config.minimumRetentionDays,
                    defaultValue: 1,
                    fix: `Set \`backupRetentionPeriod\` to at least ${config.minimumRetentionDays} so a tampered or deleted key store can be restored from a point before the incident.`,
                }),
            );
        }
        return findings;
    },
    // In place: deletion protection on and a known, too-short backup retention raised to the configured minimum (see
    // clusterProtectionChanges). aws.docdb.GlobalCluster and aws.docdb.ElasticCluster are left to the check: their
    // provider schemas were not verified here.
    remediate: ({ type, props, config }) => (type === DOCDB_CLUSTER ? clusterProtectionChanges(props, config.minimumRetentionDays) : undefined),
});
