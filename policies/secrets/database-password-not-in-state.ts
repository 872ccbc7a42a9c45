import { advice, undecided, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { presenceOf } from "../lib/readers/presence";
import { asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { DMS_ENDPOINT, LIGHTSAIL_DATABASE } from "../lib/aws/types";

const STATE_NOTE = "is stored in the Pulumi state (even when wrapped in pulumi.secret), in every state checkpoint and backup, readable by anyone with state access";

/** Endpoint engines whose connection details DMS can read from Secrets Manager (aws.dms.Endpoint `secretsManagerArn`). */
const SECRETS_MANAGER_ENGINES = ["aurora", "aurora-postgresql", "mariadb", "mongodb", "mysql", "oracle", "postgres", "redshift", "sqlserver"];

const ENDPOINT_FIX =
    "Keep the credentials in a Secrets Manager secret (encrypted with a customer-managed key) and set `secretsManagerArn` and `secretsManagerAccessRoleArn` instead of `username`, `password`, `serverName` and `port`.";

/** Nested endpoint passwords the provider offers no Secrets Manager input for: reported as advice. */
const UNAVOIDABLE_ENDPOINT_PASSWORDS = ["kafkaSettings.saslPassword", "kafkaSettings.sslClientKeyPassword", "redisSettings.authPassword", "oracleSettings.securityDbEncryption"];

function endpointFindings(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    if (presenceOf(read(props, "password")) !== "absent") {
        const engine = asString(read(props, "engineName"));
        const normalized = typeof engine === "string" ? engine.trim().toLowerCase() : engine;
        if (normalized === UNKNOWN) {
            findings.push(undecided("password", `\`password\` ${STATE_NOTE}; \`engineName\` is computed, so whether DMS can read the credentials from Secrets Manager instead is decided at update time. ${ENDPOINT_FIX}`));
        } else if (normalized === undefined || normalized === INVALID || SECRETS_MANAGER_ENGINES.includes(normalized)) {
            findings.push(violation("password", `\`password\` ${STATE_NOTE}. ${ENDPOINT_FIX}`));
        } else {
            findings.push(
                advice(
                    "password",
                    `\`password\` ${STATE_NOTE}; DMS cannot read this engine's credentials from Secrets Manager, so give the endpoint a database user that can only read what the migration needs, and rotate its password once the migration is done.`,
                ),
            );
        }
    }
    if (presenceOf(read(props, "oracleSettings.asmPassword")) !== "absent") {
        findings.push(
            violation(
                "oracleSettings.asmPassword",
                `\`oracleSettings.asmPassword\` ${STATE_NOTE}. Keep the ASM credentials in Secrets Manager and set \`oracleSettings.secretsManagerOracleAsmSecretId\` with \`secretsManagerOracleAsmAccessRoleArn\` instead.`,
            ),
        );
    }
    for (const property of UNAVOIDABLE_ENDPOINT_PASSWORDS) {
        if (presenceOf(read(props, property)) !== "absent") {
            findings.push(advice(property, `\`${property}\` ${STATE_NOTE}; the provider has no Secrets Manager input for it, so use a credential that grants only what the migration needs and rotate it once the migration is done.`));
        }
    }
    return findings;
}

function lightsailFindings(props: PlainObject): Finding[] {
    if (presenceOf(read(props, "masterPassword")) === "absent") {
        return [];
    }
    // The provider requires `masterPassword`, so there is no configuration without it: advice, not a block.
    return [
        advice(
            "masterPassword",
            "`masterPassword` " +
                STATE_NOTE +
                '; the provider requires it. After creation, have Lightsail replace it (`aws lightsail update-relational-database --rotate-master-user-password`; applications read the new one with get-relational-database-master-user-password) and add `ignoreChanges: ["masterPassword"]`, so the password in the state opens nothing.',
        ),
    ];
}

export const databasePasswordNotInState = resourcePolicy({
    name: "database-password-not-in-state",
    description: "DMS endpoints and Lightsail databases keep no database password in the Pulumi state.",
    controls: [118],
    category: "secrets-handling",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["IA-5", "SC-28"], pciDss: ["8.3.2"] },
    resourceTypes: [DMS_ENDPOINT, LIGHTSAIL_DATABASE],
    remediationSteps: [
        "1. aws.dms.Endpoint: store the endpoint's connection details in a Secrets Manager secret and set `secretsManagerArn` and `secretsManagerAccessRoleArn`; remove `username`, `password`, `serverName` and `port` (Oracle ASM: `oracleSettings.secretsManagerOracleAsmSecretId`).",
        "2. aws.lightsail.Database: after creation rotate the master password with `aws lightsail update-relational-database --rotate-master-user-password` and add `ignoreChanges: [\"masterPassword\"]`.",
        "3. Rotate every password that was in the state: it stays in earlier checkpoints, CI logs and config files.",
    ].join("\n"),
    check: ({ props, type }): Finding[] => (type === DMS_ENDPOINT ? endpointFindings(props) : lightsailFindings(props)),
});
