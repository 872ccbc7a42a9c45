import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { REDSHIFTSERVERLESS_WORKGROUP, REDSHIFT_CLUSTER } from "../lib/aws/types";

export const redshiftNotPublic = resourcePolicy({
    name: "redshift-not-public",
    description: "Redshift clusters and Redshift Serverless workgroups must not be publicly accessible.",
    controls: [54],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["Redshift.1", "RedshiftServerless.3"],
        pciDss: ["1.4.4"],
        nist: ["SC-7", "AC-3"],
        checkov: ["CKV_AWS_87"],
        cdkNag: ["AwsSolutions-RS8", "RedshiftClusterPublicAccess"],
    },
    resourceTypes: [REDSHIFT_CLUSTER, REDSHIFTSERVERLESS_WORKGROUP],
    remediationSteps: [
        "1. Remove `publiclyAccessible: true` (the default is false) from the aws.redshift.Cluster or aws.redshiftserverless.Workgroup.",
        "2. Reach the warehouse from inside the VPC (VPN, Direct Connect, a bastion or a Redshift-managed VPC endpoint) instead.",
        "3. Drop any Elastic IP (`elasticIp`) that was attached for public access.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "publiclyAccessible", {
            expected: false,
            defaultValue: false,
            fix: "Set `publiclyAccessible: false` (or remove it) so the warehouse endpoint gets no public address; reach it through the VPC instead.",
        }),
});
