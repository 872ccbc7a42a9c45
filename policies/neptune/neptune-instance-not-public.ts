import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER_INSTANCE } from "../lib/aws/types";

export const neptuneInstanceNotPublic = resourcePolicy({
    name: "neptune-instance-not-public",
    description: "Neptune cluster instances must not be publicly accessible.",
    controls: [43],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["1.4.4"], nist: ["AC-3", "SC-7"], checkov: ["CKV_AWS_102"] },
    resourceTypes: [NEPTUNE_CLUSTER_INSTANCE],
    remediationSteps: [
        "1. Remove `publiclyAccessible` from the aws.neptune.ClusterInstance or set it to false.",
        "2. Reach the graph from inside the VPC (application subnets, VPN, Direct Connect or a bastion), through a security group that admits only those sources on port 8182.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "publiclyAccessible", {
            expected: false,
            defaultValue: false,
            fix: "Set `publiclyAccessible: false` (or omit it): a public endpoint puts the graph store one security-group rule away from the Internet.",
        }),
});
