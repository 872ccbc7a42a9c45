import { logExportFindings } from "../lib/aws/docdb-neptune";
import { resourcePolicy } from "../lib/core/policy";
import { DOCDB_CLUSTER } from "../lib/aws/types";

type AuditConfig = {
    requiredLogExports: string[];
};

export const docdbAuditLogs = resourcePolicy<AuditConfig>({
    name: "docdb-audit-logs",
    description: "DocumentDB clusters must export their audit log to CloudWatch Logs.",
    controls: [38],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["DocumentDB.4"],
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
        checkov: ["CKV_AWS_85"],
        trivy: ["AVD-AWS-0020"],
        cdkNag: ["AwsSolutions-DOC5"],
    },
    resourceTypes: [DOCDB_CLUSTER],
    remediationSteps: [
        '1. On the aws.docdb.Cluster set `enabledCloudwatchLogsExports: ["audit", "profiler"]` (at least "audit").',
        '2. Turn auditing on in the cluster parameter group as well: `audit_logs` = "all" (or "enabled", "dml_read", ...); see docdb-audit-logs-linked.',
        "3. Give the /aws/docdb/<cluster>/audit log group a retention period and restrict who can read it.",
    ].join("\n"),
    config: {
        requiredLogExports: {
            type: "array",
            items: { type: "string" },
            default: ["audit"],
            description: 'Log types `enabledCloudwatchLogsExports` must include ("audit", "profiler").',
        },
    },
    check: ({ props, config }) =>
        logExportFindings(props, {
            property: "enabledCloudwatchLogsExports",
            misspelling: "enableCloudwatchLogsExports",
            required: config.requiredLogExports,
            fix: `Add ${config.requiredLogExports.map((t) => `"${t}"`).join(", ")} to \`enabledCloudwatchLogsExports\` so reads and changes of key documents can be traced.`,
        }),
});
