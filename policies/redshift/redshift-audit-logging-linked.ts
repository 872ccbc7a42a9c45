import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { clusterParameterGroups, groupParameter } from "./lib/redshift";
import { read, UNKNOWN } from "../lib/readers/values";
import { REDSHIFT_CLUSTER, REDSHIFT_LOGGING, REDSHIFT_PARAMETER_GROUP } from "../lib/aws/types";
import { redshiftAuditLogging } from "./redshift-audit-logging";

const LOGGING = REDSHIFT_LOGGING;

function activityLogging(graph: StackGraph, cluster: StackResource): Finding[] {
    const property = "clusterParameterGroupName";
    const source = clusterParameterGroups(graph, cluster);
    switch (source.kind) {
        case "default":
            return [
                violation(
                    property,
                    "The cluster uses a default parameter group, where `enable_user_activity_logging` is false, so no user-activity log (the queries run) is produced. Attach an aws.redshift.ParameterGroup that sets it to \"true\".",
                    cluster.urn,
                ),
            ];
        case "external":
        case "unresolved":
            return []; // cannot be seen from here; the require-ssl policies already report groups they cannot resolve
        case "groups":
            return source.groups.flatMap((group) => {
                const setting = groupParameter(group.props, "enable_user_activity_logging");
                if (setting === "unknown") {
                    return [undecided(property, `The parameters of the group \`${group.name}\` are computed; \`enable_user_activity_logging\` must be "true".`, cluster.urn)];
                }
                if (setting !== "true") {
                    return [
                        violation(
                            property,
                            `The cluster's parameter group \`${group.name}\` does not set \`enable_user_activity_logging\` to "true", so no user-activity log (the queries run) is produced. Add it to the group's \`parameters\`.`,
                            cluster.urn,
                        ),
                    ];
                }
                return [];
            });
    }
}

export const redshiftAuditLoggingLinked = stackPolicy<{ requireUserActivityLogging: boolean }>({
    name: "redshift-audit-logging-linked",
    description: "Every Redshift cluster must have an aws.redshift.Logging configuration and a parameter group that enables user-activity logging.",
    ...linkedMetadata(redshiftAuditLogging),
    // A tool checks the linked resource under another rule id.
    refs: { ...redshiftAuditLogging.refs, securityHub: ["Redshift.4"] },
    resourceTypes: [REDSHIFT_CLUSTER, LOGGING, REDSHIFT_PARAMETER_GROUP],
    remediationSteps: [
        "1. Add an aws.redshift.Logging with `clusterIdentifier: cluster.id` and either `logDestinationType: \"s3\"` + `bucketName` or `\"cloudwatch\"` + `logExports: [\"connectionlog\", \"userlog\", \"useractivitylog\"]` (v7 removed the inline `logging` block).",
        "2. Set `enable_user_activity_logging` to \"true\" in the cluster's aws.redshift.ParameterGroup.",
    ].join("\n"),
    config: {
        requireUserActivityLogging: {
            type: "boolean",
            default: true,
            description: "Also require enable_user_activity_logging = \"true\" in each cluster's parameter group.",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const loggings = graph.ofType(LOGGING);
        // Logging resources whose cluster cannot be identified (computed, no recorded dependency) might belong to any cluster.
        const unresolved = loggings.filter((l) => read(l.props, "clusterIdentifier") === UNKNOWN && (l.propertyDependencies["clusterIdentifier"] ?? []).length === 0);
        const findings: Finding[] = [];
        for (const cluster of graph.ofType(REDSHIFT_CLUSTER)) {
            const linked = graph.referencing(cluster, [LOGGING], "clusterIdentifier");
            if (linked.length === 0) {
                if (unresolved.length > 0) {
                    findings.push(undecided("logging", "A Redshift logging configuration in the stack names a computed cluster; the policy re-checks at update time whether this cluster has audit logging.", cluster.urn));
                } else {
                    findings.push(
                        violation(
                            "logging",
                            "No aws.redshift.Logging resource targets this cluster, so connections, logins and queries against it leave no audit trail (v7 removed the inline `logging` block). Add an aws.redshift.Logging with `clusterIdentifier: cluster.id`.",
                            cluster.urn,
                        ),
                    );
                }
            }
            if (config.requireUserActivityLogging) {
                findings.push(...activityLogging(graph, cluster));
            }
        }
        return findings;
    },
});
