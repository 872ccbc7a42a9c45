import { linkedAuditFindings } from "../lib/aws/docdb-neptune";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER, NEPTUNE_CLUSTER_PARAMETER_GROUP } from "../lib/aws/types";
import { neptuneAuditLogs } from "./neptune-audit-logs";

export const neptuneAuditLogsLinked = stackPolicy({
    name: "neptune-audit-logs-linked",
    description: "Neptune clusters must use a cluster parameter group that turns auditing on (neptune_enable_audit_log = 1), which the default group leaves off.",
    ...linkedMetadata(neptuneAuditLogs),
    resourceTypes: [NEPTUNE_CLUSTER, NEPTUNE_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        '1. Create an aws.neptune.ClusterParameterGroup (family "neptune1.3" or your engine family) with `parameters: [{ name: "neptune_enable_audit_log", value: "1" }]`.',
        "2. Point the cluster's `neptuneClusterParameterGroupName` at it and reboot the instances (the parameter is static).",
        '3. Export the log with `enableCloudwatchLogsExports: ["audit"]` (see neptune-audit-logs).',
    ].join("\n"),
    check: ({ resources }) =>
        linkedAuditFindings(StackGraph.of(resources), {
            clusterType: NEPTUNE_CLUSTER,
            groupProperty: "neptuneClusterParameterGroupName",
            groupType: NEPTUNE_CLUSTER_PARAMETER_GROUP,
            parameter: "neptune_enable_audit_log",
            isOn: (value) => value === "1",
            fix: 'Use a cluster parameter group with `neptune_enable_audit_log` set to "1" and name it in `neptuneClusterParameterGroupName`.',
        }),
});
