import { undecided, violation } from "../lib/readers/checks";
import { DEFAULT_SECURITY_GROUP } from "../lib/aws/network";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asList, read, UNKNOWN } from "../lib/readers/values";

const FIX =
    "Remove every rule from the aws.ec2.DefaultSecurityGroup (omit `ingress` and `egress`; Pulumi then strips the default rules) and give each resource its own security group.";

export const vpcDefaultSgClosed = resourcePolicy({
    name: "vpc-default-sg-closed",
    description: "The VPC default security group must have no ingress or egress rules, so resources launched without a security group get no access.",
    controls: [26],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["EC2.2"],
        cis: ["5.5"],
        nist: ["SC-7"],
        checkov: ["CKV2_AWS_12"],
        trivy: ["AVD-AWS-0173"],
        cdkNag: ["VPCDefaultSecurityGroupClosed"],
    },
    resourceTypes: [DEFAULT_SECURITY_GROUP],
    remediationSteps: [
        "1. Adopt each VPC's default security group with an aws.ec2.DefaultSecurityGroup that sets no `ingress` and no `egress` (Pulumi removes the default rules when it adopts the group).",
        "2. Move any rules the default group carried to dedicated security groups, and attach those explicitly (`vpcSecurityGroupIds`, `securityGroupIds`).",
        "3. Check that databases and instances name their security groups, so none falls back to the default group.",
    ].join("\n"),
    check: ({ props }) => {
        const findings: Finding[] = [];
        for (const property of ["ingress", "egress"]) {
            const rules = asList(read(props, property));
            if (rules === UNKNOWN) {
                findings.push(undecided(property, `\`${property}\` is computed, so it is only known at update time; the policy re-checks it then. ${FIX}`));
            } else if (rules.length > 0) {
                const count = rules.length === 1 ? "1 rule" : `${rules.length} rules`;
                findings.push(
                    violation(property, `\`${property}\` has ${count} on the default security group, which every resource created without a security group (a database or instance that omits its security groups) inherits. ${FIX}`),
                );
            }
        }
        return findings;
    },
});
