import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { DOCDB_CLUSTER, RDS_CLUSTER, RDS_INSTANCE, REDSHIFTSERVERLESS_NAMESPACE, REDSHIFT_CLUSTER } from "../lib/aws/types";

/** The admin-username input of each resource type. */
const USERNAME_INPUT: Record<string, string> = {
    [RDS_INSTANCE]: "username",
    [RDS_CLUSTER]: "masterUsername",
    [DOCDB_CLUSTER]: "masterUsername",
    [REDSHIFT_CLUSTER]: "masterUsername",
    [REDSHIFTSERVERLESS_NAMESPACE]: "adminUsername",
};

export const dbNonDefaultAdminUsername = resourcePolicy<{ defaultUsernames: string[] }>({
    name: "db-non-default-admin-username",
    keyMaterialEscalation: false,
    description: "RDS, DocumentDB and Redshift databases must not use a well-known default name for the admin user.",
    controls: [22],
    category: "authentication-mfa",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.24", "RDS.25", "Redshift.8", "RedshiftServerless.5"],
        checkov: ["CKV_AWS_391"],
        cdkNag: ["AwsSolutions-RS3"],
    },
    resourceTypes: Object.keys(USERNAME_INPUT),
    remediationSteps: [
        "1. Choose an admin user name that is not a well-known default (not admin, root, postgres, master, awsuser, ...).",
        "2. Set it in `username` (aws.rds.Instance), `masterUsername` (aws.rds.Cluster, aws.docdb.Cluster, aws.redshift.Cluster) or `adminUsername` (aws.redshiftserverless.Namespace). It cannot be changed in place on most engines: plan a restore into a new resource.",
        "3. This is defence in depth against password spraying; keep network isolation and managed passwords / IAM authentication as the primary controls.",
    ].join("\n"),
    config: {
        defaultUsernames: {
            type: "array",
            items: { type: "string" },
            default: ["admin", "administrator", "root", "postgres", "master", "awsuser", "sa", "sysadmin", "dbadmin", "mysql", "oracle", "system", "user", "test", "db2inst1", "docdb"],
            description: "Admin user names treated as well-known defaults (compared case-insensitively).",
        },
    },
    check: ({ props, type, config }): Finding[] => {
        const property = USERNAME_INPUT[type];
        if (!property) {
            return [];
        }
        const fix = "Choose a non-default admin user name, so an attacker who reaches the endpoint has to guess the user as well as the password.";
        const value = asString(read(props, property));
        if (value === UNKNOWN) {
            return [unknownFinding(property, `it must not be a well-known default admin name. ${fix}`)];
        }
        if (value === undefined || (typeof value === "string" && value.trim() === "")) {
            // Not set: a replica or restore keeps its source's admin user, which is checked on the source.
            return [];
        }
        if (typeof value !== "string") {
            return [violation(property, `\`${property}\` is not a user name. ${fix}`)];
        }
        const defaults = new Set(config.defaultUsernames.map((name) => name.trim().toLowerCase()));
        if (defaults.has(value.trim().toLowerCase())) {
            return [violation(property, `\`${property}\` is a well-known default admin user name. ${fix}`)];
        }
        return [];
    },
});
