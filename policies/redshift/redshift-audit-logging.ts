import { unknownFinding, violation } from "../lib/readers/checks";
import { presence } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asList, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { REDSHIFTSERVERLESS_NAMESPACE, REDSHIFT_LOGGING } from "../lib/aws/types";

const LOGGING = REDSHIFT_LOGGING;
const NAMESPACE = REDSHIFTSERVERLESS_NAMESPACE;

export const REDSHIFT_LOG_TYPES = ["connectionlog", "userlog", "useractivitylog"];

/** The required log types missing from a `logExports` list; UNKNOWN when the list (or an item) is computed. */
function missingExports(props: PlainObject, required: readonly string[]): string[] | typeof UNKNOWN {
    const exports = asList(read(props, "logExports"));
    if (exports === UNKNOWN) {
        return UNKNOWN;
    }
    const present = new Set(exports.map((item) => (typeof item === "string" ? item.trim().toLowerCase() : item)));
    const missing = required.filter((type) => !present.has(type.toLowerCase()));
    if (missing.length > 0 && present.has(UNKNOWN)) {
        return UNKNOWN;
    }
    return missing;
}

function exportsFinding(props: PlainObject, required: readonly string[], fix: string): Finding[] {
    const missing = missingExports(props, required);
    if (missing === UNKNOWN) {
        return [unknownFinding("logExports", `\`logExports\` must include ${required.join(", ")}.`)];
    }
    if (missing.length === 0) {
        return [];
    }
    return [violation("logExports", `\`logExports\` does not include ${missing.join(", ")}, so those connections and queries leave no audit trail. ${fix}`)];
}

function logging(props: PlainObject, required: readonly string[]): Finding[] {
    const destination = asString(read(props, "logDestinationType"));
    if (destination === UNKNOWN) {
        return [unknownFinding("logDestinationType", "`logDestinationType` must be `s3` (with `bucketName`) or `cloudwatch` (with every audit log in `logExports`).")];
    }
    if (destination === INVALID) {
        return [violation("logDestinationType", "`logDestinationType` is not a string. Set `s3` (with `bucketName`) or `cloudwatch` (with `logExports`).")];
    }
    const normalized = destination?.trim().toLowerCase();
    if (normalized === "cloudwatch") {
        return exportsFinding(props, required, "List every audit log type in `logExports`.");
    }
    if (normalized === undefined || normalized === "" || normalized === "s3") {
        // S3 delivery writes every audit log to the bucket; it needs the bucket.
        const bucket = presence(props, "bucketName");
        if (bucket === "set" || bucket === "unknown") {
            return [];
        }
        return [
            violation(
                "bucketName",
                "The logging configuration names no `bucketName` (S3 delivery) and no `logDestinationType: \"cloudwatch\"`, so no audit log is delivered. Set `logDestinationType: \"s3\"` with `bucketName`, or `\"cloudwatch\"` with every audit log type in `logExports`.",
            ),
        ];
    }
    return [violation("logDestinationType", "`logDestinationType` is not `s3` or `cloudwatch`. Use `s3` with `bucketName`, or `cloudwatch` with every audit log type in `logExports`.")];
}

export const redshiftAuditLogging = resourcePolicy<{ requiredLogExports: string[] }>({
    name: "redshift-audit-logging",
    description: "Redshift logging configurations and Redshift Serverless namespaces must export the connection, user and user-activity audit logs.",
    controls: [59],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Redshift.4", "RedshiftServerless.6"],
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
        checkov: ["CKV_AWS_71"],
        cdkNag: ["AwsSolutions-RS5", "AwsSolutions-RS11"],
    },
    resourceTypes: [LOGGING, NAMESPACE],
    remediationSteps: [
        "1. On the aws.redshiftserverless.Namespace set `logExports: [\"connectionlog\", \"userlog\", \"useractivitylog\"]`.",
        "2. On the aws.redshift.Logging set `logDestinationType: \"cloudwatch\"` with the same `logExports`, or `logDestinationType: \"s3\"` with `bucketName` (a bucket that only the Redshift service can write to).",
        "3. Also set `enable_user_activity_logging` to \"true\" in the cluster's parameter group so user-activity logs are produced.",
    ].join("\n"),
    config: {
        requiredLogExports: {
            type: "array",
            items: { type: "string" },
            default: REDSHIFT_LOG_TYPES,
            description: "Log types that logExports must include (connectionlog, userlog, useractivitylog).",
        },
    },
    check: ({ props, type, config }) =>
        type === NAMESPACE
            ? exportsFinding(props, config.requiredLogExports, "Set `logExports` to include every audit log type so they are delivered to CloudWatch Logs.")
            : logging(props, config.requiredLogExports),
});
