import { logExportFindings } from "../lib/aws/docdb-neptune";
import { resourcePolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER } from "../lib/aws/types";

type AuditConfig = {
    requiredLogExports: string[];
};

export const neptuneAuditLogs = resourcePolicy<AuditConfig>({
    name: "neptune-audit-logs",
    description: "Neptune clusters must export their audit log to CloudWatch Logs.",
    controls: [44],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Neptune.2"],
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
        checkov: ["CKV_AWS_101"],
        trivy: ["AVD-AWS-0075"],
    },
    resourceTypes: [NEPTUNE_CLUSTER],
    remediationSteps: [
        '1. On the aws.neptune.Cluster set `enableCloudwatchLogsExports: ["audit"]` (note the spelling: `enable`, not `enabled`).',
        '2. Turn auditing on in the cluster parameter group too: `neptune_enable_audit_log` = "1", then reboot the instances (see neptune-audit-logs-linked).',
        "3. Give the /aws/neptune/<cluster>/audit log group a retention period and restrict who can read it.",
    ].join("\n"),
    config: {
        requiredLogExports: {
            type: "array",
            items: { type: "string" },
            default: ["audit"],
            description: 'Log types `enableCloudwatchLogsExports` must include ("audit", "slowquery").',
        },
    },
    check: ({ props, config }) =>
        logExportFindings(props, {
            property: "enableCloudwatchLogsExports",
            misspelling: "enabledCloudwatchLogsExports",
            required: config.requiredLogExports,
            fix: `Add ${config.requiredLogExports.map((t) => `"${t}"`).join(", ")} to \`enableCloudwatchLogsExports\` so queries against the key graph can be traced.`,
        }),
});
