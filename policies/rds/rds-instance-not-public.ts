import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { RDS_INSTANCE } from "../lib/aws/types";

export const rdsInstanceNotPublic = resourcePolicy({
    name: "rds-instance-not-public",
    description: "RDS DB instances must not be publicly accessible.",
    controls: [4],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["RDS.2"],
        cis: ["2.2.3"],
        pciDss: ["1.4.4"],
        nist: ["AC-3", "SC-7"],
        checkov: ["CKV_AWS_17"],
        trivy: ["AVD-AWS-0180"],
        cdkNag: ["RDSInstancePublicAccess"],
    },
    resourceTypes: [RDS_INSTANCE],
    remediationSteps: [
        "1. Set `publiclyAccessible: false` on the aws.rds.Instance (or remove the input; the default is false). It is updated in place.",
        "2. Place the instance in a DB subnet group of private subnets (`dbSubnetGroupName`) and reach it through a VPN, bastion, SSM port forwarding or an RDS Proxy inside the VPC.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "publiclyAccessible", {
            expected: false,
            defaultValue: false,
            fix: "Set `publiclyAccessible: false` (or omit it): a public DNS name and IP put the key store one security-group rule away from the Internet.",
        }),
    // In place (publicly_accessible is not ForceNew). Setting the secure value is safe even when it was unknown.
    remediate: ({ props }) => (props.publiclyAccessible !== false ? { publiclyAccessible: false } : undefined),
});
