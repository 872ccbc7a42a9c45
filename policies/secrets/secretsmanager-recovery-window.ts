import { expectAtLeast } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { SECRETSMANAGER_SECRET } from "../lib/aws/types";

export const secretsmanagerRecoveryWindow = resourcePolicy<{ minimumDays: number }>({
    name: "secretsmanager-recovery-window",
    description: "Secrets Manager secrets must keep a recovery window so a deleted secret can be restored.",
    controls: [79],
    category: "resilience",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["CP-9"] },
    resourceTypes: [SECRETSMANAGER_SECRET],
    config: {
        minimumDays: {
            type: "integer",
            default: 7,
            minimum: 7,
            maximum: 30,
            description: "Minimum recoveryWindowInDays (AWS accepts 0 or 7-30; 0 deletes without recovery).",
        },
    },
    remediationSteps: [
        "1. Remove `recoveryWindowInDays` (default 30) or set it to at least 7.",
        "2. If a secret must be recreated under the same name in tests, use a separate, clearly named test stack instead of force-deleting production secrets.",
    ].join("\n"),
    check: ({ props, config }) =>
        expectAtLeast(props, "recoveryWindowInDays", {
            minimum: config.minimumDays,
            defaultValue: 30,
            fix: `Set \`recoveryWindowInDays\` to at least ${config.minimumDays} (or remove it: the default is 30) so a deleted credential or key can be restored instead of being lost immediately.`,
        }),
});
