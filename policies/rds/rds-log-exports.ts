import { asStringList, engineOf, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

interface EngineLogs {
    /** The log types of which at least one must be exported: the ones that record who connected and what ran. */
    required: readonly string[];
    /** The full recommended set, for the message. */
    recommended: readonly string[];
}

const MYSQL: EngineLogs = { required: ["audit", "general"], recommended: ["audit", "error", "general", "slowquery"] };
const POSTGRES: EngineLogs = { required: ["postgresql"], recommended: ["postgresql", "iam-db-auth-error"] };
const SQLSERVER: EngineLogs = { required: ["error"], recommended: ["agent", "error"] };
const ORACLE: EngineLogs = { required: ["audit"], recommended: ["alert", "audit", "listener", "trace"] };
const DB2: EngineLogs = { required: ["diag.log"], recommended: ["diag.log", "notify.log"] };

function logsFor(engine: string): EngineLogs | undefined {
    if (engine.startsWith("custom-")) {
        return undefined; // RDS Custom does not export logs to CloudWatch.
    }
    if (engine === "mysql" || engine === "mariadb" || engine === "aurora" || engine === "aurora-mysql") {
        return MYSQL;
    }
    if (engine === "postgres" || engine === "aurora-postgresql") {
        return POSTGRES;
    }
    if (engine.startsWith("sqlserver-")) {
        return SQLSERVER;
    }
    if (engine.startsWith("oracle-")) {
        return ORACLE;
    }
    if (engine.startsWith("db2-")) {
        return DB2;
    }
    return undefined;
}

const quote = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");

export const rdsLogExports = resourcePolicy({
    name: "rds-log-exports",
    description: "RDS DB instances and clusters must export their engine's audit or statement logs to CloudWatch Logs.",
    controls: [17],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.9", "RDS.34", "RDS.36", "RDS.37", "RDS.40", "RDS.42"],
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
        checkov: ["CKV_AWS_129", "CKV_AWS_324"],
        cdkNag: ["AwsSolutions-RDS16", "RDSLoggingEnabled"],
    },
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    remediationSteps: [
        "1. Set `enabledCloudwatchLogsExports` on the aws.rds.Instance or aws.rds.Cluster to the engine's log types: MySQL/MariaDB/Aurora MySQL `audit`, `error`, `general`, `slowquery`; PostgreSQL/Aurora PostgreSQL `postgresql` (+ `iam-db-auth-error`); SQL Server `agent`, `error`; Oracle `alert`, `audit`, `listener`, `trace`; Db2 `diag.log`, `notify.log`.",
        "2. Turn on the content of those logs in the parameter/option group: `server_audit_logging` (Aurora MySQL), the MARIADB_AUDIT_PLUGIN option (RDS MySQL/MariaDB), `pgaudit` / `log_statement` (PostgreSQL).",
        "3. Set a retention and a KMS key on the resulting /aws/rds/... log groups, and alarm on bulk reads of the key tables.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const property = "enabledCloudwatchLogsExports";
        const exports = asStringList(read(props, property));
        const engine = engineOf(props);
        if (exports === UNKNOWN) {
            return [unknownFinding(property, "it must include the engine's audit or statement log.")];
        }
        const known = exports
            .filter((item): item is string => typeof item === "string")
            .map((item) => item.trim().toLowerCase())
            .filter((item) => item !== "");
        const hasUnknown = exports.includes(UNKNOWN);
        if (known.length === 0 && !hasUnknown) {
            if (typeof engine === "string" && engine.startsWith("custom-")) {
                return [];
            }
            return [violation(property, `\`${property}\` is empty or not set, so no database logs reach CloudWatch: bulk reads of the key table would leave no trace. Export the engine's audit or statement log.`)];
        }
        if (engine === UNKNOWN) {
            return [unknownFinding("engine", "the engine decides which log type must be exported.")];
        }
        const logs = engine === undefined ? undefined : logsFor(engine);
        if (logs === undefined || logs.required.some((name) => known.includes(name))) {
            // Engine inherited (replica/restore) or without a known log set: any export is accepted.
            return [];
        }
        if (hasUnknown) {
            return [unknownFinding(property, `it must include one of ${quote(logs.required)} for this engine.`)];
        }
        return [
            violation(
                property,
                `\`${property}\` does not include ${logs.required.length > 1 ? "any of " : ""}${quote(logs.required)}, the log that records who connected and what ran on this engine. Export ${quote(logs.recommended)}.`,
            ),
        ];
    },
});
