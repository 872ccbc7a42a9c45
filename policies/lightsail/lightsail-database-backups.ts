import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { LIGHTSAIL_DATABASE } from "../lib/aws/types";

const BACKUP_FIX =
    "Set `backupRetentionEnabled: true` (or omit it): Lightsail keeps daily automatic snapshots for 7 days, the only way back to the keys after a bad write or a deletion. Turning it off deletes the existing automatic snapshots.";
const FINAL_SNAPSHOT_FIX = "Set `skipFinalSnapshot: false` with a `finalSnapshotName`, so deleting the database keeps a last copy of its data.";

export const lightsailDatabaseBackups = resourcePolicy({
    name: "lightsail-database-backups",
    description: "Lightsail databases must keep automatic backups and take a final snapshot when deleted.",
    controls: [108],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["CP-9"] },
    resourceTypes: [LIGHTSAIL_DATABASE],
    remediationSteps: [
        "1. Remove `backupRetentionEnabled: false` from the aws.lightsail.Database (automatic backups are on by default) or set it to true.",
        "2. Set `skipFinalSnapshot: false` and a `finalSnapshotName`, so a deletion (including a replacement) leaves a snapshot.",
    ].join("\n"),
    // The provider's schema defaults `backup_retention_enabled` to true ("not a value you can pass on creation and
    // defaults to true") and `skip_final_snapshot` to false (terraform-provider-aws internal/service/lightsail/database.go).
    check: ({ props }): Finding[] => [
        ...expectFlag(props, "backupRetentionEnabled", { expected: true, defaultValue: true, fix: BACKUP_FIX }),
        ...expectFlag(props, "skipFinalSnapshot", { expected: false, defaultValue: false, fix: FINAL_SNAPSHOT_FIX }),
    ],
});
