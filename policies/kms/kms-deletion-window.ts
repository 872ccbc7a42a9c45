import { expectAtLeast } from "../lib/readers/checks";
import { KMS_KEY_TYPES } from "../lib/aws/kms";
import { resourcePolicy } from "../lib/core/policy";

export const kmsDeletionWindow = resourcePolicy<{ minimumDays: number }>({
    name: "kms-deletion-window",
    description: "KMS keys must keep a long deletion waiting period so a scheduled deletion can be noticed and cancelled.",
    controls: [70],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["KMS.3"],
        nist: ["CP-9"],
    },
    resourceTypes: KMS_KEY_TYPES,
    remediationSteps: [
        "1. Omit `deletionWindowInDays` (AWS default 30) or set it to at least the configured minimum on the aws.kms.Key, ReplicaKey or ExternalKey.",
        "2. Alarm on the CloudTrail event ScheduleKeyDeletion so a pending deletion is cancelled (CancelKeyDeletion) within the window.",
    ].join("\n"),
    config: {
        minimumDays: {
            type: "integer",
            default: 30,
            minimum: 7,
            maximum: 30,
            description: "The shortest allowed `deletionWindowInDays` (AWS accepts 7-30 and uses 30 when omitted).",
        },
    },
    check: ({ props, config }) =>
        expectAtLeast(props, "deletionWindowInDays", {
            minimum: config.minimumDays,
            defaultValue: 30,
            fix: `Set \`deletionWindowInDays\` to at least ${config.minimumDays} (or omit it for 30): once the key is deleted, every key material it encrypts is unrecoverable.`,
        }),
});
