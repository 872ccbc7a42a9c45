import { engineOf, expectFlag, undecided, unknownFinding } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asString, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

const INSTANCE = RDS_INSTANCE;
const CLUSTER = RDS_CLUSTER;

/** Engines with IAM database authentication (Oracle, SQL Server and Db2 use Kerberos instead). */
const SUPPORTED_ENGINES = new Set(["mysql", "mariadb", "postgres", "aurora-mysql", "aurora-postgresql", "aurora"]);

const FIX =
    "Set `iamDatabaseAuthenticationEnabled: true` and let applications connect with 15-minute IAM tokens; grant `rds-db:connect` only to the roles that need it (with an MFA condition for people).";

export const rdsIamAuthEnabled = resourcePolicy({
    name: "rds-iam-auth-enabled",
    description: "RDS DB instances and clusters whose engine supports it must enable IAM database authentication.",
    controls: [8],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.10", "RDS.12"],
        nist: ["IA-2"],
        checkov: ["CKV_AWS_161", "CKV_AWS_162"],
        trivy: ["AVD-AWS-0176"],
        cdkNag: ["AwsSolutions-RDS6"],
    },
    resourceTypes: [INSTANCE, CLUSTER],
    remediationSteps: [
        "1. Set `iamDatabaseAuthenticationEnabled: true` on the aws.rds.Instance or aws.rds.Cluster (MySQL, MariaDB, PostgreSQL and Aurora engines); it is applied in place.",
        "2. Create the database users with the IAM plugin (`GRANT rds_iam` on PostgreSQL, `AWSAuthenticationPlugin` on MySQL/MariaDB).",
        "3. Grant `rds-db:connect` on the specific `dbuser` ARNs to the application roles only, with `aws:MultiFactorAuthPresent` for human roles, and have clients fetch tokens with `rds generate-db-auth-token`.",
    ].join("\n"),
    check: ({ props, type }): Finding[] => {
        if (asBool(read(props, "iamDatabaseAuthenticationEnabled")) === true) {
            return [];
        }
        if (type === CLUSTER) {
            const mode = asString(read(props, "engineMode"));
            if (typeof mode === "string" && mode.trim().toLowerCase() === "serverless") {
                // Aurora Serverless v1 does not support IAM database authentication.
                return [];
            }
        }
        const engine = engineOf(props);
        if (engine === UNKNOWN) {
            return [unknownFinding("engine", `for MySQL, MariaDB, PostgreSQL and Aurora engines: ${FIX}`)];
        }
        if (engine === undefined) {
            if (type === INSTANCE && presenceOf(read(props, "replicateSourceDb")) !== "absent") {
                // A read replica runs its source's engine, which is checked on the source; without an `engine`
                // here the policy cannot tell whether this engine supports IAM authentication.
                return [];
            }
            return [
                undecided(
                    "engine",
                    `\`engine\` is not set (the engine comes from a snapshot or source the policy cannot see), so the policy cannot tell whether IAM authentication applies. Set \`engine\` explicitly; for MySQL, MariaDB, PostgreSQL and Aurora engines: ${FIX}`,
                ),
            ];
        }
        if (!SUPPORTED_ENGINES.has(engine)) {
            return [];
        }
        return expectFlag(props, "iamDatabaseAuthenticationEnabled", { expected: true, defaultValue: false, fix: FIX });
    },
    // In place (iam_database_authentication_enabled is not ForceNew), and only for engines known to support it.
    remediate: ({ type, props }) => {
        if (asBool(read(props, "iamDatabaseAuthenticationEnabled")) === true) {
            return undefined;
        }
        const engine = engineOf(props);
        if (typeof engine !== "string" || !SUPPORTED_ENGINES.has(engine)) {
            return undefined;
        }
        if (type === CLUSTER) {
            const mode = asString(read(props, "engineMode"));
            if (mode === UNKNOWN || (typeof mode === "string" && mode.trim().toLowerCase() === "serverless")) {
                return undefined;
            }
        }
        return { iamDatabaseAuthenticationEnabled: true };
    },
});
