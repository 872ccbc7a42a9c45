import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding } from "../lib/core/policy";
import { clusterParameterGroups, groupParameter } from "./lib/redshift";
import { REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP } from "../lib/aws/types";
import { redshiftRequireSsl } from "./redshift-require-ssl";

const PROPERTY = "clusterParameterGroupName";

export const redshiftRequireSslLinked = stackPolicy({
    name: "redshift-require-ssl-linked",
    description: "Every Redshift cluster must use a parameter group that sets require_ssl to true (the default group does not).",
    ...linkedMetadata(redshiftRequireSsl),
    // A tool checks the linked resource under another rule id.
    refs: { ...redshiftRequireSsl.refs, securityHub: ["Redshift.2"] },
    resourceTypes: [REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP],
    remediationSteps: [
        "1. Create an aws.redshift.ParameterGroup with `parameters: [{ name: \"require_ssl\", value: \"true\" }]` (default groups cannot be changed).",
        "2. Set `clusterParameterGroupName: group.name` on every aws.redshift.Cluster.",
        "3. Move clients to sslmode=verify-full, apply, and reboot the cluster so the parameter takes effect.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const cluster of graph.ofType(REDSHIFT_CLUSTER)) {
            const source = clusterParameterGroups(graph, cluster);
            switch (source.kind) {
                case "default":
                    findings.push(
                        violation(
                            PROPERTY,
                            "The cluster uses a default parameter group (`clusterParameterGroupName` is not set or names a `default.*` group), where `require_ssl` is false and cannot be changed, so clients may connect without TLS. Attach an aws.redshift.ParameterGroup that sets `require_ssl` to \"true\".",
                            cluster.urn,
                        ),
                    );
                    break;
                case "external":
                    findings.push(
                        undecided(
                            PROPERTY,
                            "`clusterParameterGroupName` names a parameter group that is not defined in this stack, so the policy cannot see whether it sets `require_ssl` to \"true\". Manage the group in this stack, or verify it with Security Hub Redshift.2.",
                            cluster.urn,
                        ),
                    );
                    break;
                case "unresolved":
                    findings.push(
                        undecided(PROPERTY, "`clusterParameterGroupName` is computed and cannot be tied to a parameter group yet; the policy re-checks at update time. It must set `require_ssl` to \"true\".", cluster.urn),
                    );
                    break;
                case "groups":
                    for (const group of source.groups) {
                        const setting = groupParameter(group.props, "require_ssl");
                        if (setting === "unknown") {
                            findings.push(undecided(PROPERTY, `The parameters of the group \`${group.name}\` are computed; the policy re-checks at update time. It must set \`require_ssl\` to "true".`, cluster.urn));
                        } else if (setting !== "true") {
                            findings.push(
                                violation(
                                    PROPERTY,
                                    `The cluster's parameter group \`${group.name}\` does not set \`require_ssl\` to "true", so clients may connect without TLS. Add \`{ name: "require_ssl", value: "true" }\` to its \`parameters\`.`,
                                    cluster.urn,
                                ),
                            );
                        }
                    }
                    break;
            }
        }
        return findings;
    },
});
