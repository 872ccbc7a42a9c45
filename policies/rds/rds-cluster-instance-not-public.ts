import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { RDS_CLUSTER_INSTANCE } from "../lib/aws/types";

export const rdsClusterInstanceNotPublic = resourcePolicy({
    name: "rds-cluster-instance-not-public",
    description: "Aurora cluster instances (writers and readers) must not be publicly accessible.",
    controls: [5],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["RDS.2"],
        pciDss: ["1.4.4"],
        nist: ["AC-3", "SC-7"],
        checkov: ["CKV_AWS_17"],
        trivy: ["AVD-AWS-0180"],
    },
    resourceTypes: [RDS_CLUSTER_INSTANCE],
    remediationSteps: [
        "1. Set `publiclyAccessible: false` on every aws.rds.ClusterInstance of the cluster (or remove the input; the default is false). aws.rds.Cluster has no such input: public access is decided per instance.",
        "2. Keep the cluster's `dbSubnetGroupName` on private subnets and reach the endpoints from inside the VPC (VPN, bastion, SSM port forwarding, RDS Proxy).",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "publiclyAccessible", {
            expected: false,
            defaultValue: false,
            fix: "Set `publiclyAccessible: false` (or omit it): one public reader exposes the whole cluster volume, including the key material.",
        }),
    // In place (publicly_accessible is not ForceNew). Setting the secure value is safe even when it was unknown.
    remediate: ({ props }) => (props.publiclyAccessible !== false ? { publiclyAccessible: false } : undefined),
});
