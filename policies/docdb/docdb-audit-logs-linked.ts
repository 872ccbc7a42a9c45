import { linkedAuditFindings } from "../lib/aws/docdb-neptune";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy } from "../lib/core/policy";
import { DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP } from "../lib/aws/types";
import { docdbAuditLogs } from "./docdb-audit-logs";

/** `audit_logs` takes `enabled`, `ddl`, `dml_read`, `dml_write`, `all` (or a comma-separated mix); `disabled`/`none` turn it off. */
const AUDIT_ON = new Set(["enabled", "ddl", "dml_read", "dml_write", "all"]);

function isAuditOn(value: string): boolean {
    const tokens = value.split(",").map((t) => t.trim()).filter((t) => t !== "");
    return tokens.length > 0 && tokens.every((t) => AUDIT_ON.has(t));
}

export const docdbAuditLogsLinked = stackPolicy({
    name: "docdb-audit-logs-linked",
    description: "DocumentDB clusters must use a cluster parameter group that turns auditing on (audit_logs), which the default group leaves off.",
    ...linkedMetadata(docdbAuditLogs),
    // A tool checks the linked resource under another rule id.
    refs: { ...docdbAuditLogs.refs, checkov: ["CKV_AWS_104"], trivy: [] },
    resourceTypes: [DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        '1. Create an aws.docdb.ClusterParameterGroup (family "docdb5.0" or your engine family) with `parameters: [{ name: "audit_logs", value: "all" }]` ("dml_read" at least records reads of key documents).',
        "2. Point the cluster's `dbClusterParameterGroupName` at it; `audit_logs` is dynamic and applies without a reboot.",
        '3. Export the log with `enabledCloudwatchLogsExports: ["audit"]` (see docdb-audit-logs).',
    ].join("\n"),
    check: ({ resources }) =>
        linkedAuditFindings(StackGraph.of(resources), {
            clusterType: DOCDB_CLUSTER,
            groupProperty: "dbClusterParameterGroupName",
            groupType: DOCDB_CLUSTER_PARAMETER_GROUP,
            parameter: "audit_logs",
            isOn: isAuditOn,
            fix: 'Use a cluster parameter group with `audit_logs` set to "all", "enabled" or "dml_read" and name it in `dbClusterParameterGroupName`.',
        }),
});
