import { undecided, unknownFinding } from "../lib/readers/checks";
import { linkedParameterGroup } from "../lib/aws/docdb-neptune";
import { StackGraph } from "../lib/aws/graph";
import type { Finding } from "../lib/core/policy";
import { linkedMetadata, stackPolicy } from "../lib/core/policy";
import { TLS_FIX, tlsFindings, tlsParameterVerdict } from "./docdb-tls-enabled";
import { DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP } from "../lib/aws/types";
import { docdbTlsEnabled } from "./docdb-tls-enabled";

const PROPERTY = "dbClusterParameterGroupName";

export const docdbTlsEnabledLinked = stackPolicy({
    name: "docdb-tls-enabled-linked",
    description: "DocumentDB clusters must use a cluster parameter group that keeps TLS required (the default group does).",
    ...linkedMetadata(docdbTlsEnabled),
    resourceTypes: [DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        "1. Find the aws.docdb.ClusterParameterGroup the cluster names in `dbClusterParameterGroupName`.",
        "2. Remove its `tls` parameter or set it to \"enabled\", \"tls1.2+\", \"tls1.3+\" or \"fips-140-3\" (or drop `dbClusterParameterGroupName` to use the default group, where TLS is enabled).",
        "3. Reboot the cluster instances: `tls` is a static parameter.",
        "4. If the group lives in another stack, check it there; this policy can only see groups of the same stack.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const cluster of graph.ofType(DOCDB_CLUSTER)) {
            const link = linkedParameterGroup(graph, cluster, PROPERTY, DOCDB_CLUSTER_PARAMETER_GROUP);
            switch (link.kind) {
                case "default":
                    break;
                case "unresolved":
                    findings.push(unknownFinding(PROPERTY, `the cluster parameter group must keep TLS required. ${TLS_FIX}`, cluster.urn));
                    break;
                case "external":
                    findings.push(
                        undecided(
                            PROPERTY,
                            `\`${PROPERTY}\` names a cluster parameter group that is not in this stack, so whether it disables TLS cannot be checked here. Check the group where it is defined, or manage it in this stack. ${TLS_FIX}`,
                            cluster.urn,
                        ),
                    );
                    break;
                case "groups":
                    for (const group of link.groups) {
                        findings.push(...tlsFindings(tlsParameterVerdict(group.props), `The cluster parameter group "${group.name}" this cluster uses`, cluster.urn, PROPERTY));
                    }
                    break;
            }
        }
        return findings;
    },
});
