import { violation } from "../lib/readers/checks";
import { presence } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { REDSHIFT_CLUSTER } from "../lib/aws/types";

export const redshiftInVpc = resourcePolicy({
    name: "redshift-in-vpc",
    description: "Redshift clusters must be deployed in an explicit cluster subnet group with explicit VPC security groups.",
    controls: [57],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        nist: ["SC-7"],
        checkov: ["CKV_AWS_154"],
        trivy: ["AVD-AWS-0127"],
        cdkNag: ["AwsSolutions-RS2"],
    },
    resourceTypes: [REDSHIFT_CLUSTER],
    remediationSteps: [
        "1. Create an aws.redshift.SubnetGroup over private subnets and set `clusterSubnetGroupName` on the cluster.",
        "2. Create a dedicated aws.ec2.SecurityGroup that admits port 5439 only from the application's security groups, and set `vpcSecurityGroupIds`.",
        "3. Moving an existing cluster into another subnet group requires a snapshot restore; plan the migration.",
    ].join("\n"),
    check: ({ props }) => {
        const findings: Finding[] = [];
        const subnets = presence(props, "clusterSubnetGroupName", "string");
        if (subnets === "absent" || subnets === "invalid") {
            findings.push(
                violation(
                    "clusterSubnetGroupName",
                    `\`clusterSubnetGroupName\` ${subnets === "invalid" ? "is not a string" : "is not set"}, so the cluster is deployed outside a VPC you control (the default networking). Create an aws.redshift.SubnetGroup over private subnets and set \`clusterSubnetGroupName\`.`,
                ),
            );
        }
        const groups = presence(props, "vpcSecurityGroupIds");
        if (groups === "absent" || groups === "invalid") {
            findings.push(
                violation(
                    "vpcSecurityGroupIds",
                    `\`vpcSecurityGroupIds\` ${groups === "invalid" ? "is not a list of security group ids" : "is not set"}, so the cluster gets the VPC's default security group. List dedicated security groups that admit the cluster port only from the application's security groups.`,
                ),
            );
        }
        return findings;
    },
});
