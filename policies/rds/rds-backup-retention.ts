import { expectAtLeast } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asNumber, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

const INSTANCE = RDS_INSTANCE;
const CLUSTER = RDS_CLUSTER;

/** Documented defaults when `backupRetentionPeriod` is omitted (instance JSDoc: 0; cluster JSDoc: 1). */
const DEFAULTS: Record<string, number> = { [INSTANCE]: 0, [CLUSTER]: 1 };

export const rdsBackupRetention = resourcePolicy<{ minimumRetentionDays: number }>({
    name: "rds-backup-retention",
    description: "RDS DB instances and clusters must keep automated backups for at least the configured number of days (7 by default).",
    controls: [13],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.11", "RDS.50"],
        nist: ["CP-9"],
        checkov: ["CKV_AWS_133"],
        trivy: ["AVD-AWS-0077"],
        cdkNag: ["AwsSolutions-RDS13", "RDSInstanceBackupEnabled"],
    },
    resourceTypes: [INSTANCE, CLUSTER],
    remediationSteps: [
        "1. Set `backupRetentionPeriod` on the aws.rds.Instance or aws.rds.Cluster to at least the required number of days (7 by default, at most 35); it is updated in place.",
        "2. Consider `deleteAutomatedBackups: false` so backups outlive an accidental deletion, and an AWS Backup plan for longer retention.",
    ].join("\n"),
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 7,
            minimum: 1,
            maximum: 35,
            description: "The minimum number of days automated backups must be kept (RDS allows up to 35).",
        },
    },
    check: ({ props, type, config }): Finding[] => {
        if (type === INSTANCE && presenceOf(read(props, "replicateSourceDb")) !== "absent") {
            // Instance read replicas are recovered from their source's backups; the source is checked itself.
            return [];
        }
        const minimum = config.minimumRetentionDays;
        return expectAtLeast(props, "backupRetentionPeriod", {
            minimum,
            defaultValue: DEFAULTS[type] ?? 0,
            fix: `Set \`backupRetentionPeriod\` to at least ${minimum} days so the key store can be restored to a point before tampering or deletion.`,
        });
    },
    // In place (backup_retention_period is not ForceNew): raises a known, too-short (or omitted, or invalid) retention
    // to the configured minimum; never lowers it and never replaces a value computed during preview.
    remediate: ({ type, props, config }) => {
        if (type === INSTANCE && presenceOf(read(props, "replicateSourceDb")) !== "absent") {
            return undefined;
        }
        const current = asNumber(read(props, "backupRetentionPeriod"));
        if (current === UNKNOWN || (typeof current === "number" && current >= config.minimumRetentionDays)) {
            return undefined;
        }
        return { backupRetentionPeriod: config.minimumRetentionDays };
    },
});
