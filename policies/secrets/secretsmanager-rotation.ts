import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { isCredentialJson, looksLikeSecretDescription, nameMatches } from "./lib/secrets";
import { asBool, asNumber, asString, INVALID, isAbsent, isObject, read, UNKNOWN } from "../lib/readers/values";
import { SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_ROTATION, SECRETSMANAGER_SECRET_VERSION } from "../lib/aws/types";

const SECRET = SECRETSMANAGER_SECRET;
const ROTATION = SECRETSMANAGER_SECRET_ROTATION;
const VERSION = SECRETSMANAGER_SECRET_VERSION;

type Config = { maximumDays: number; scope: string; dbCredentialPatterns: string[] };

const DEFAULT_DB_CREDENTIAL_PATTERNS = [
    "db",
    "dbs",
    "database",
    "databases",
    "rds",
    "aurora",
    "postgres(ql)?",
    "pg",
    "psql",
    "mysql",
    "mariadb",
    "redshift",
    "docdb",
    "document-?db",
    "mongo(db)?",
    "neptune",
    "elasticache",
    "redis",
    "valkey",
    "memcached",
    "mssql",
    "sql-?server",
    "oracle",
    "cassandra",
    "keyspaces",
    "(master|admin|root)-?(user|username|password|passwd|credentials?|creds)",
];

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** The set of values a cron field selects, or undefined when it cannot be read. */
function cronValues(field: string, min: number, max: number, names: string[] = []): Set<number> | undefined {
    const out = new Set<number>();
    const value = (text: string): number => {
        const index = names.indexOf(text.toUpperCase());
        return index >= 0 ? index + min : /^\d+$/.test(text) ? Number(text) : NaN;
    };
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        let from: number;
        let to: number;
        if (range === "*" || range === "?") {
            from = min;
            to = max;
        } else if (range?.includes("-")) {
            const [a, b] = range.split("-");
            from = value(a ?? "");
            to = value(b ?? "");
        } else {
            from = value(range ?? "");
            to = stepText === undefined ? from : max;
        }
        if (!Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(step) || step < 1 || from < min || to > max || from > to) {
            return undefined;
        }
        for (let v = from; v <= to; v += step) {
            out.add(v);
        }
    }
    return out.size > 0 ? out : undefined;
}

/** Largest cyclic gap between selected values of a field with `period` slots. */
function cyclicGap(values: Set<number>, period: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    let gap = period - sorted[sorted.length - 1]! + sorted[0]!;
    for (let i = 1; i < sorted.length; i++) {
        gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
    }
    return gap;
}

/**
 * An upper estimate of the days between rotations for a Secrets Manager schedule expression:
 * `rate(N days|hours)` exactly; `cron(min hour dom month dow year)` from the month and day fields
 * (months are counted as 31 days). Infinity when a year is pinned; undefined when unreadable.
 */
export function scheduleIntervalDays(expression: string): number | undefined {
    const text = expression.trim();
    const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(text);
    if (rate) {
        const n = Number(rate[1]);
        return /^hour/i.test(rate[2]!) ? n / 24 : n;
    }
    const cron = /^cron\((.*)\)$/i.exec(text);
    if (!cron) {
        return undefined;
    }
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) {
        return undefined;
    }
    const [, , dom, month, dow, year] = fields as [string, string, string, string, string, string];
    if (year !== "*") {
        return Infinity;
    }
    const months = cronValues(month, 1, 12, MONTHS);
    if (!months) {
        return undefined;
    }
    const monthGap = cyclicGap(months, 12);
    let withinMonth = 31;
    if (dom === "*" && (dow === "?" || dow === "*")) {
        withinMonth = 1;
    } else if ((dom === "?" || dom === "*") && !/[#L]/i.test(dow)) {
        withinMonth = 7;
    } else if (/^[\d,\-/]+$/.test(dom)) {
        const days = cronValues(dom, 1, 31);
        withinMonth = days ? cyclicGap(days, 31) : 31;
    }
    return monthGap <= 1 ? withinMonth : monthGap * 31;
}

function secretNames(secret: StackResource): (string | typeof UNKNOWN)[] {
    const names: (string | typeof UNKNOWN)[] = [];
    for (const key of ["name", "namePrefix"]) {
        const value = secret.props[key];
        if (value === UNKNOWN || (typeof value === "string" && value.trim() !== "")) {
            names.push(value);
        }
    }
    return names.length > 0 ? names : [secret.name];
}

/** Why a secret is in scope, or undefined. Never looks at the secret's value beyond the presence of user/password keys. */
function dbCredentialReason(secret: StackResource, graph: StackGraph, config: Config): string | undefined {
    if (config.scope === "all") {
        return "every secret is in scope (scope: all)";
    }
    if (secretNames(secret).some((name) => typeof name === "string" && nameMatches(name, config.dbCredentialPatterns))) {
        return "its name names a database";
    }
    const description = secret.props.description;
    if (typeof description === "string" && looksLikeSecretDescription(description, config.dbCredentialPatterns)) {
        return "its description names a database";
    }
    if (graph.referencing(secret, [VERSION], "secretId").some((version) => isCredentialJson(version.props.secretString))) {
        return "its value is a user-name/password document";
    }
    return undefined;
}

function checkRotation(rotation: StackResource, maximumDays: number): Finding[] {
    const urn = rotation.urn;
    const enabled = asBool(rotation.props.rotationEnabled);
    const fix = `Set \`rotationRules.automaticallyAfterDays\` to at most ${maximumDays} (or a \`scheduleExpression\` that runs at least that often) and leave \`rotationEnabled\` unset or true.`;
    if (enabled === UNKNOWN) {
        return [unknownFinding("rotationEnabled", fix, urn)];
    }
    if (enabled === false || enabled === INVALID) {
        return [violation("rotationEnabled", `\`rotationEnabled\` is ${enabled === false ? "false" : "not a boolean"}, so the secret is never rotated and a leaked credential stays valid. ${fix}`, urn)];
    }
    const rules = rotation.props.rotationRules;
    if (rules === UNKNOWN) {
        return [unknownFinding("rotationRules", fix, urn)];
    }
    if (isAbsent(rules) || !isObject(rules)) {
        return [violation("rotationRules", `\`rotationRules\` is not set, so no rotation schedule exists. ${fix}`, urn)];
    }
    const days = asNumber(read(rules, "automaticallyAfterDays"));
    const schedule = asString(read(rules, "scheduleExpression"));
    const findings: Finding[] = [];
    if (days === UNKNOWN) {
        findings.push(unknownFinding("rotationRules.automaticallyAfterDays", fix, urn));
    } else if (days === INVALID) {
        findings.push(violation("rotationRules.automaticallyAfterDays", `\`rotationRules.automaticallyAfterDays\` is not a number. ${fix}`, urn));
    } else if (days !== undefined && days > maximumDays) {
        findings.push(violation("rotationRules.automaticallyAfterDays", `\`rotationRules.automaticallyAfterDays\` is ${days}, above the allowed ${maximumDays}. ${fix}`, urn));
    }
    if (schedule === UNKNOWN) {
        findings.push(unknownFinding("rotationRules.scheduleExpression", fix, urn));
    } else if (schedule === INVALID) {
        findings.push(violation("rotationRules.scheduleExpression", `\`rotationRules.scheduleExpression\` is not a string. ${fix}`, urn));
    } else if (schedule !== undefined && schedule.trim() !== "") {
        const interval = scheduleIntervalDays(schedule);
        if (interval === undefined) {
            findings.push(violation("rotationRules.scheduleExpression", `\`rotationRules.scheduleExpression\` is not a rate() or six-field cron() expression the policy can read. ${fix}`, urn));
        } else if (interval > maximumDays) {
            const what = interval === Infinity ? "is limited to specific years" : `can leave up to about ${Math.round(interval)} days between rotations`;
            findings.push(violation("rotationRules.scheduleExpression", `\`rotationRules.scheduleExpression\` ${what}, above the allowed ${maximumDays}. ${fix}`, urn));
        }
    } else if (days === undefined) {
        findings.push(violation("rotationRules", `\`rotationRules\` sets neither \`automaticallyAfterDays\` nor \`scheduleExpression\`. ${fix}`, urn));
    }
    return findings;
}

export const secretsmanagerRotation = stackPolicy<Config>({
    name: "secretsmanager-rotation",
    description: "Secrets Manager secrets holding database credentials must have automatic rotation at least every 90 days.",
    controls: [76],
    category: "secrets-handling",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["SecretsManager.1", "SecretsManager.4"],
        pciDss: ["8.6.3"],
        nist: ["IA-5(1)"],
        checkov: ["CKV2_AWS_57", "CKV_AWS_304"],
        cdkNag: ["AwsSolutions-SMG4", "SecretsManagerRotationEnabled"],
    },
    resourceTypes: [SECRET, ROTATION],
    config: {
        maximumDays: { type: "integer", default: 90, minimum: 1, maximum: 1000, description: "Longest allowed time between rotations, in days." },
        scope: {
            type: "string",
            default: "db-credentials",
            enum: ["db-credentials", "all"],
            description:
                "Which secrets must rotate: 'db-credentials' (name/description names a database engine or master user, or a SecretVersion holds a username/password JSON document) or 'all'.",
        },
        dbCredentialPatterns: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_DB_CREDENTIAL_PATTERNS,
            description: "Regular expressions matched as whole words against secret names (normalized) and descriptions that mark a database credential.",
        },
    },
    remediationSteps: [
        "1. Add an aws.secretsmanager.SecretRotation with `secretId: secret.id`, a `rotationLambdaArn` (the AWS-provided single- or alternating-user rotation function for the engine) and `rotationRules: { automaticallyAfterDays: 30 }`.",
        "2. Better for RDS/Aurora master users: set `manageMasterUserPassword: true` on the database so RDS creates and rotates the secret itself, and delete the hand-made secret.",
        "3. Never set `rotationEnabled: false` on a managed secret; keep the rotation interval at or below the configured maximum.",
    ].join("\n"),
    check: ({ resources, config }): Finding[] => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        const rotations = graph.ofType(ROTATION);
        for (const rotation of rotations) {
            findings.push(...checkRotation(rotation, config.maximumDays));
        }
        const unresolvedRotation = rotations.some((r) => graph.referenced(r, "secretId", [SECRET]).unresolved);
        for (const secret of graph.ofType(SECRET)) {
            const reason = dbCredentialReason(secret, graph, config);
            if (!reason) {
                continue;
            }
            if (graph.referencing(secret, [ROTATION], "secretId").length > 0) {
                continue;
            }
            if (unresolvedRotation) {
                findings.push(
                    undecided("secretRotation", "A SecretRotation's `secretId` is computed and not known yet, so it cannot be tied to a secret; the link is re-checked once it is known.", secret.urn),
                );
                continue;
            }
            findings.push(
                violation(
                    "secretRotation",
                    `No aws.secretsmanager.SecretRotation refers to this secret, which looks like a database credential (${reason}), so a leaked copy stays valid indefinitely. Add one with \`secretId\` set to this secret and rotation at least every ${config.maximumDays} days, or let RDS manage the password (manageMasterUserPassword).`,
                    secret.urn,
                ),
            );
        }
        return findings;
    },
});
