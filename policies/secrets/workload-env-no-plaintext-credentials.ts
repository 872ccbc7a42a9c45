import { undecided, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { ECS_TASK_DEFINITION, GLUE_CONNECTION, LAMBDA_FUNCTION } from "../lib/aws/types";
import { asList, asString, INVALID, isObject, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { looksLikeSecretName, SECRET_DETECTION_CONFIG, secretValueShape, type SecretDetectionConfig } from "./lib/secrets";

/** A value that names where the secret is kept rather than holding it: a Secrets Manager or SSM ARN, a parameter path. */
function isReference(value: string): boolean {
    const text = value.trim();
    return /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/i.test(text) || /^\{\{resolve:(secretsmanager|ssm|ssm-secure):/i.test(text);
}

/** Glue connection properties that hold a credential (AWS Glue ConnectionProperties keys). */
const GLUE_CREDENTIAL_KEYS = ["PASSWORD", "ENCRYPTED_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD", "KAFKA_CLIENT_KEY_PASSWORD", "KAFKA_CLIENT_KEYSTORE_PASSWORD"];

interface Variable {
    /** The property path to report (`environment.variables`, `containerDefinitions`). */
    property: string;
    /** How to name the variable in a message (its name only; never its value). */
    where: string;
    name: string;
    value: unknown;
}

function lambdaVariables(props: PlainObject): Variable[] | typeof UNKNOWN {
    const variables = read(props, "environment.variables");
    if (variables === UNKNOWN) {
        return UNKNOWN;
    }
    if (!isObject(variables)) {
        return [];
    }
    return Object.entries(variables).map(([name, value]) => ({ property: "environment.variables", where: `environment variable \`${name}\``, name, value }));
}

function ecsVariables(props: PlainObject): Variable[] | typeof UNKNOWN | typeof INVALID {
    const raw = read(props, "containerDefinitions");
    if (raw === UNKNOWN) {
        return UNKNOWN;
    }
    let definitions: unknown = raw;
    if (typeof raw === "string") {
        try {
            definitions = JSON.parse(raw);
        } catch {
            return INVALID;
        }
    }
    const list = asList(definitions as PlainObject[keyof PlainObject]);
    if (list === UNKNOWN) {
        return UNKNOWN;
    }
    const out: Variable[] = [];
    list.forEach((container, c) => {
        if (!isObject(container)) {
            return;
        }
        const environment = asList(container.environment);
        if (environment === UNKNOWN) {
            out.push({ property: "containerDefinitions", where: `container ${c} \`environment\``, name: "", value: UNKNOWN });
            return;
        }
        environment.forEach((entry) => {
            if (isObject(entry) && typeof entry.name === "string") {
                out.push({ property: "containerDefinitions", where: `container ${c} environment variable \`${entry.name}\``, name: entry.name, value: entry.value });
            }
        });
    });
    return out;
}

function glueVariables(props: PlainObject): Variable[] | typeof UNKNOWN {
    const properties = read(props, "connectionProperties");
    if (properties === UNKNOWN) {
        return UNKNOWN;
    }
    if (!isObject(properties)) {
        return [];
    }
    return Object.entries(properties).map(([key, value]) => ({ property: "connectionProperties", where: `connection property \`${key}\``, name: key, value }));
}

function workloadNoun(type: string): string {
    return type === LAMBDA_FUNCTION ? "function" : type === ECS_TASK_DEFINITION ? "task definition" : "connection";
}

const FIX: Record<string, string> = {
    [LAMBDA_FUNCTION]: "Keep the credential in Secrets Manager (or an SSM SecureString) and read it at run time (the Parameters and Secrets Lambda extension, or the SDK); pass only its ARN or name in the environment.",
    [ECS_TASK_DEFINITION]: "Move it to the container's `secrets` list (`valueFrom` a Secrets Manager secret or SSM SecureString ARN), which ECS injects at start without storing the value in the task definition.",
    [GLUE_CONNECTION]: "Store the credential in Secrets Manager and set the connection's `SECRET_ID` property instead of `PASSWORD`.",
};

export const workloadEnvNoPlaintextCredentials = resourcePolicy<SecretDetectionConfig>({
    name: "workload-env-no-plaintext-credentials",
    description: "Function environments, task definitions and Glue connections hold no database password or key in clear.",
    controls: [105],
    category: "secrets-handling",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["ECS.8"],
        nist: ["IA-5", "SC-28"],
        checkov: ["CKV_AWS_45", "CKV_AWS_46"],
    },
    resourceTypes: [LAMBDA_FUNCTION, ECS_TASK_DEFINITION, GLUE_CONNECTION],
    remediationSteps: [
        "1. Remove the credential from the Lambda `environment.variables`, the ECS container `environment`, or the Glue `connectionProperties`.",
        "2. Keep it in Secrets Manager or an SSM SecureString parameter encrypted with a customer-managed KMS key.",
        "3. ECS: reference it from the container's `secrets` (`valueFrom`); Lambda: read it at run time and pass only its ARN; Glue: set `SECRET_ID`.",
        "4. Rotate the credential: it has been stored in the workload's configuration and in the Pulumi state.",
    ].join("\n"),
    config: SECRET_DETECTION_CONFIG,
    check: ({ type, props, config }) => {
        const patterns = { secret: config.secretNamePatterns, nonSecret: config.nonSecretNamePatterns };
        const variables = type === LAMBDA_FUNCTION ? lambdaVariables(props) : type === ECS_TASK_DEFINITION ? ecsVariables(props) : glueVariables(props);
        const property = type === LAMBDA_FUNCTION ? "environment.variables" : type === ECS_TASK_DEFINITION ? "containerDefinitions" : "connectionProperties";
        const fix = FIX[type]!;
        if (variables === UNKNOWN) {
            return [undecided(property, `\`${property}\` is computed, so it is only known at update time; the policy then checks it for credentials in clear. ${fix}`)];
        }
        if (variables === INVALID) {
            return [violation(property, `\`${property}\` is not valid JSON, so it cannot be checked for credentials in clear. ${fix}`)];
        }
        const findings: Finding[] = [];
        for (const variable of variables) {
            const credentialName =
                type === GLUE_CONNECTION ? GLUE_CREDENTIAL_KEYS.includes(variable.name.toUpperCase()) : variable.name !== "" && looksLikeSecretName(variable.name, patterns);
            const value = variable.value === UNKNOWN ? UNKNOWN : asString(variable.value);
            if (!credentialName && variable.name !== "") {
                // An innocuous name can still carry a credential by its shape (`DATABASE_URL=postgres://user:pass@host`,
                // a PEM key, a seed phrase); the shape label is fixed text, never the value.
                const shape = typeof value === "string" ? secretValueShape(value) : undefined;
                if (shape !== undefined) {
                    findings.push(
                        violation(
                            variable.property,
                            `The ${variable.where} holds ${shape}: anyone who can describe the ${workloadNoun(type)}, and anyone with the Pulumi state, can read it. ${fix}`,
                        ),
                    );
                }
                continue;
            }
            if (value === UNKNOWN) {
                findings.push(undecided(variable.property, `The ${variable.where} is computed; whether it holds a credential in clear or a reference to one is checked at update time. ${fix}`));
            } else if (typeof value === "string" && value.trim() !== "" && !isReference(value)) {
                findings.push(
                    violation(
                        variable.property,
                        `The ${variable.where} holds a credential in clear: anyone who can describe the ${workloadNoun(type)}, and anyone with the Pulumi state, can read it. ${fix}`,
                    ),
                );
            }
        }
        return findings;
    },
});
