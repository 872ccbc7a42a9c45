import { undecided, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding, type ResourceContext } from "../lib/core/policy";
import { isSet } from "../lib/readers/presence";
import { looksSecret, SECRET_DETECTION_CONFIG, type SecretDetectionConfig } from "./lib/secrets";
import { asString, UNKNOWN } from "../lib/readers/values";
import { ELASTICACHE_REPLICATION_GROUP, SECRETSMANAGER_SECRET_VERSION, SSM_PARAMETER } from "../lib/aws/types";

const SECRET_VERSION = SECRETSMANAGER_SECRET_VERSION;
const PARAMETER = SSM_PARAMETER;
const REPLICATION_GROUP = ELASTICACHE_REPLICATION_GROUP;

const STATE_NOTE = "is persisted in the Pulumi state (and visible to every policy pack and anyone with state access), even when wrapped in pulumi.secret";

function secretVersion(props: ResourceContext["props"]): Finding[] {
    const findings: Finding[] = [];
    if (isSet(props.secretString)) {
        findings.push(
            violation(
                "secretString",
                `\`secretString\` ${STATE_NOTE}. Use \`secretStringWo\` with \`secretStringWoVersion\` (write-only, never stored), or let the owning service generate the value (RDS \`manageMasterUserPassword\`, a rotation Lambda).`,
            ),
        );
    }
    if (isSet(props.secretBinary)) {
        findings.push(
            violation(
                "secretBinary",
                `\`secretBinary\` ${STATE_NOTE}. Store the value outside IaC (put it with the CLI/SDK from a secure workstation) or base64-encode it into \`secretStringWo\`, which is write-only.`,
            ),
        );
    }
    return findings;
}

function parameter(context: ResourceContext<SecretDetectionConfig>): Finding[] {
    const { props, name, config } = context;
    const findings: Finding[] = [];
    const type = asString(props.type);
    const secureString = typeof type === "string" && type.trim().toLowerCase() === "securestring";
    const verdict = looksSecret(props, name, config, ["value", "insecureValue"]);
    if (isSet(props.value)) {
        const fix = "Use `valueWo` with `valueWoVersion` (write-only, never stored in state), or write the value out of band and manage only the parameter's metadata here.";
        if (secureString) {
            findings.push(violation("value", `\`value\` of this SecureString parameter ${STATE_NOTE}. ${fix}`));
        } else if (verdict.secret === true) {
            findings.push(violation("value", `\`value\` ${STATE_NOTE}, and this parameter looks like a credential or key material (${verdict.reason}). ${fix}`));
        } else if (type === UNKNOWN || verdict.secret === UNKNOWN) {
            findings.push(
                undecided(
                    "value",
                    `\`value\` ${STATE_NOTE}; whether this parameter holds a secret depends on its \`type\` or name, which are computed and not known yet; re-checked once they are known. ${fix}`,
                ),
            );
        }
    }
    if (isSet(props.insecureValue)) {
        const fix = "Never use `insecureValue` for secrets: make the parameter a SecureString and set `valueWo` (write-only) instead.";
        if (verdict.secret === true) {
            findings.push(
                violation("insecureValue", `\`insecureValue\` is shown in clear in previews and ${STATE_NOTE.replace("is persisted", "persisted")}, and this parameter looks like a credential or key material (${verdict.reason}). ${fix}`),
            );
        } else if (verdict.secret === UNKNOWN) {
            findings.push(undecided("insecureValue", `\`insecureValue\` is shown in clear in previews; the parameter's name is computed, so whether it holds a secret is re-checked at update time. ${fix}`));
        }
    }
    return findings;
}

function replicationGroup(props: ResourceContext["props"]): Finding[] {
    if (!isSet(props.authToken)) {
        return [];
    }
    return [
        violation(
            "authToken",
            `\`authToken\` ${STATE_NOTE}. Use \`authTokenWo\` with \`authTokenWoVersion\` (write-only), or RBAC user groups with IAM authentication instead of a shared AUTH token.`,
        ),
    ];
}

export const secretsmanagerNoPlaintextSecretInState = resourcePolicy<SecretDetectionConfig>({
    name: "secretsmanager-no-plaintext-secret-in-state",
    description: "Secret values must not be passed as regular resource inputs, which Pulumi stores in its state; use the write-only inputs instead.",
    controls: [78],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["8.6.2"], nist: ["SC-28", "IA-5"] },
    resourceTypes: [SECRET_VERSION, PARAMETER, REPLICATION_GROUP],
    config: SECRET_DETECTION_CONFIG,
    remediationSteps: [
        "1. aws.secretsmanager.SecretVersion: replace `secretString` with `secretStringWo` + `secretStringWoVersion` (bump the version to write a new value); drop `secretBinary`.",
        "2. aws.ssm.Parameter holding a secret: make it `type: \"SecureString\"` and replace `value`/`insecureValue` with `valueWo` + `valueWoVersion`.",
        "3. aws.elasticache.ReplicationGroup: replace `authToken` with `authTokenWo` + `authTokenWoVersion`, or use RBAC user groups.",
        "4. The old value remains in earlier state checkpoints: rotate the credential after the change and purge state history where your backend allows it.",
    ].join("\n"),
    check: (context) => {
        switch (context.type) {
            case SECRET_VERSION:
                return secretVersion(context.props);
            case PARAMETER:
                return parameter(context);
            case REPLICATION_GROUP:
                return replicationGroup(context.props);
            default:
                return [];
        }
    },
});
