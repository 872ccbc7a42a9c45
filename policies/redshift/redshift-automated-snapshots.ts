import { expectAtLeast } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { REDSHIFT_CLUSTER } from "../lib/aws/types";

export const redshiftAutomatedSnapshots = resourcePolicy<{ minimumRetentionDays: number }>({
    name: "redshift-automated-snapshots",
    description: "Redshift clusters must keep automated snapshots for a minimum number of days.",
    controls: [60],
    category: "resilience",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Redshift.3"],
        nist: ["CP-9"],
        checkov: ["CKV_AWS_343"],
        cdkNag: ["AwsSolutions-RS10", "RedshiftBackupEnabled"],
    },
    resourceTypes: [REDSHIFT_CLUSTER],
    remediationSteps: [
        "1. Set `automatedSnapshotRetentionPeriod` to at least the configured number of days (1 to 35).",
        "2. Keep the cluster encrypted with a customer-managed key: snapshots copy every table.",
    ].join("\n"),
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 7,
            minimum: 1,
            maximum: 35,
            description: "Minimum number of days automated snapshots are kept (automatedSnapshotRetentionPeriod).",
        },
    },
    check: ({ props, config }) =>
        expectAtLeast(props, "automatedSnapshotRetentionPeriod", {
            minimum: config.minimumRetentionDays,
            defaultValue: 1,
            fix: `Set \`automatedSnapshotRetentionPeriod\` to at least ${config.minimumRetentionDays} days (0 turns automated snapshots off).`,
        }),
});
