import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { SECRETSMANAGER_SECRET_POLICY } from "../lib/aws/types";

export const secretsmanagerBlockPublicPolicy = resourcePolicy({
    name: "secretsmanager-block-public-policy",
    description: "Secrets Manager secret policies must be applied with blockPublicPolicy so Secrets Manager itself rejects public policies.",
    controls: [77],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["AC-3"] },
    resourceTypes: [SECRETSMANAGER_SECRET_POLICY],
    remediationSteps: [
        "1. Set `blockPublicPolicy: true` on the aws.secretsmanager.SecretPolicy.",
        "2. If the update is rejected, the policy grants broad access: narrow its principals first (see secretsmanager-policy-not-public).",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "blockPublicPolicy", {
            expected: true,
            defaultValue: false,
            fix: "Set `blockPublicPolicy: true` so Secrets Manager validates the policy (Zelkova) and refuses one that grants broad access, including forms this pack cannot evaluate.",
        }),
});
