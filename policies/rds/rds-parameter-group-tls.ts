import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asList, asString, INVALID, isObject, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER_PARAMETER_GROUP, RDS_PARAMETER_GROUP } from "../lib/aws/types";
import { RDS_TLS_REFS } from "./lib/tls";

interface TlsRule {
    /** The parameter that forces TLS, lower-case. */
    parameter: string;
    /** Compliant values, lower-case. */
    values: readonly string[];
    /** How the requirement reads in a message. */
    requirement: string;
}

const FORCE_SSL: TlsRule = { parameter: "rds.force_ssl", values: ["1"], requirement: '`rds.force_ssl` = "1"' };
const SECURE_TRANSPORT: TlsRule = {
    parameter: "require_secure_transport",
    values: ["1", "on"],
    requirement: '`require_secure_transport` = "1" (or "ON")',
};
const DB2COMM: TlsRule = { parameter: "db2comm", values: ["ssl"], requirement: '`db2comm` = "SSL"' };
const RULES = [FORCE_SSL, SECURE_TRANSPORT, DB2COMM];

/** The TLS rule of a parameter-group family; undefined for families without a TLS parameter (oracle-*: option group). */
function ruleFor(family: string): TlsRule | undefined {
    if (family.startsWith("postgres") || family.startsWith("aurora-postgresql") || family.startsWith("sqlserver-")) {
        return FORCE_SSL;
    }
    if (family.startsWith("mysql") || family.startsWith("mariadb") || family.startsWith("aurora-mysql")) {
        return SECURE_TRANSPORT;
    }
    if (family.startsWith("db2-")) {
        return DB2COMM;
    }
    return undefined;
}

/** RDS for PostgreSQL 15 and later turns `rds.force_ssl` on by default; older versions and Aurora do not. */
function forcesTlsByDefault(family: string): boolean {
    const match = /^postgres(\d+)/.exec(family);
    return match !== null && Number(match[1]) >= 15;
}

interface Entry {
    index: number;
    /** Lower-cased, trimmed name; UNKNOWN when the element or its name is computed. */
    name: string | typeof UNKNOWN | undefined;
    value: unknown;
}

function entries(parameters: unknown): Entry[] | typeof UNKNOWN {
    const list = asList(parameters);
    if (list === UNKNOWN) {
        return UNKNOWN;
    }
    return list.map((item, index) => {
        if (item === UNKNOWN) {
            return { index, name: UNKNOWN, value: UNKNOWN };
        }
        if (!isObject(item)) {
            return { index, name: undefined, value: undefined };
        }
        const name = asString(read(item, "name"));
        return {
            index,
            name: name === UNKNOWN ? UNKNOWN : typeof name === "string" ? name.trim().toLowerCase() : undefined,
            value: read(item, "value"),
        };
    });
}

function isCompliant(rule: TlsRule, value: unknown): boolean | typeof UNKNOWN {
    const reading = asString(value);
    if (reading === UNKNOWN) {
        return UNKNOWN;
    }
    return typeof reading === "string" && rule.values.includes(reading.trim().toLowerCase());
}

function fix(rule: TlsRule): string {
    return `Add the parameter ${rule.requirement} so the database refuses unencrypted connections, which would carry credentials and key material in clear.`;
}

function checkRule(rule: TlsRule, family: string, list: Entry[] | typeof UNKNOWN): Finding[] {
    if (list === UNKNOWN) {
        return [unknownFinding("parameters", fix(rule))];
    }
    const decisive = list.filter((entry) => entry.name === rule.parameter);
    const findings: Finding[] = [];
    let unknownValue = false;
    for (const entry of decisive) {
        const compliant = isCompliant(rule, entry.value);
        if (compliant === UNKNOWN) {
            unknownValue = true;
        } else if (!compliant) {
            const property = `parameters.${entry.index}.value`;
            findings.push(violation(property, `\`${property}\` (\`${rule.parameter}\`) does not force TLS. ${fix(rule)}`));
        }
    }
    if (findings.length > 0) {
        return findings;
    }
    if (unknownValue) {
        const entry = decisive.find((e) => isCompliant(rule, e.value) === UNKNOWN)!;
        return [unknownFinding(`parameters.${entry.index}.value`, fix(rule))];
    }
    if (decisive.length > 0) {
        return [];
    }
    const hidden = list.find((entry) => entry.name === UNKNOWN);
    if (hidden !== undefined) {
        return [unknownFinding(`parameters.${hidden.index}`, fix(rule))];
    }
    if (rule === FORCE_SSL && forcesTlsByDefault(family)) {
        return [];
    }
    return [violation("parameters", `\`parameters\` does not set \`${rule.parameter}\`, and the engine default accepts unencrypted connections. ${fix(rule)}`)];
}

export const rdsParameterGroupTls = resourcePolicy({
    name: "rds-parameter-group-tls",
    description: "RDS DB and cluster parameter groups must force TLS for client connections with their engine's parameter.",
    controls: [9],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: RDS_TLS_REFS,
    resourceTypes: [RDS_PARAMETER_GROUP, RDS_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        '1. PostgreSQL, Aurora PostgreSQL and SQL Server families: add `{ name: "rds.force_ssl", value: "1" }` to `parameters`.',
        '2. MySQL, MariaDB and Aurora MySQL families: add `{ name: "require_secure_transport", value: "1" }` (Aurora MySQL also accepts "ON").',
        '3. Db2 families: add `{ name: "db2comm", value: "SSL" }`.',
        "4. For Aurora, set it in the aws.rds.ClusterParameterGroup referenced by the cluster's `dbClusterParameterGroupName`; for RDS instances, in the aws.rds.ParameterGroup referenced by `parameterGroupName` (static parameters need `applyMethod: \"pending-reboot\"` and a reboot).",
        "5. Make sure clients connect with TLS and verify the server certificate before rolling this out.",
    ].join("\n"),
    check: ({ type, props }): Finding[] => {
        const familyReading = asString(read(props, "family"));
        const list = entries(read(props, "parameters"));
        if (familyReading === UNKNOWN) {
            // Any TLS parameter set to its forcing value shows which engine this is meant for.
            if (list !== UNKNOWN && list.some((entry) => RULES.some((rule) => entry.name === rule.parameter && isCompliant(rule, entry.value) === true))) {
                return [];
            }
            return [unknownFinding("family", "the engine family decides which parameter must force TLS (`rds.force_ssl`, `require_secure_transport` or `db2comm`).")];
        }
        if (familyReading === INVALID) {
            return [violation("family", "`family` is not a parameter group family name, so the policy cannot tell which parameter must force TLS. Set the engine family, e.g. `postgres16` or `aurora-mysql8.0`.")];
        }
        if (familyReading === undefined) {
            return [undecided("family", "`family` is not set, so the policy cannot tell which parameter must force TLS. Set the engine family, e.g. `postgres16` or `aurora-mysql8.0`.")];
        }
        const family = familyReading.trim().toLowerCase();
        if (family.startsWith("aurora") && type === RDS_PARAMETER_GROUP) {
            // Aurora takes TLS enforcement from the cluster parameter group; the DB (instance) group has no say.
            return [];
        }
        const rule = ruleFor(family);
        return rule === undefined ? [] : checkRule(rule, family, list);
    },
});
