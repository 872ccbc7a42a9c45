import { violation } from "../lib/readers/checks";
import { StackGraph, type StackResource } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { EC2_DEFAULT_SECURITY_GROUP, EC2_SECURITY_GROUP_RULE, EC2_VPC, VPC_SECURITY_GROUP_EGRESS_RULE, VPC_SECURITY_GROUP_INGRESS_RULE } from "../lib/aws/types";
import { read, UNKNOWN } from "../lib/readers/values";

const RULE_TYPES = [EC2_SECURITY_GROUP_RULE, VPC_SECURITY_GROUP_INGRESS_RULE, VPC_SECURITY_GROUP_EGRESS_RULE];

const ADOPT =
    "Adopt it with an aws.ec2.DefaultSecurityGroup for the VPC that sets no `ingress` and no `egress` (Pulumi then removes AWS's rules), and give every resource a security group of its own.";

/**
 * Is this rule attached to a VPC's default security group that the stack does not adopt? By the VPC's
 * `defaultSecurityGroupId` output: a dependency on the VPC (preview), or the id written as a literal. A rule on an
 * adopted aws.ec2.DefaultSecurityGroup is the per-rule policies' and vpc-default-sg-closed's business.
 */
function defaultGroupVpc(graph: StackGraph, rule: StackResource): StackResource | undefined | typeof UNKNOWN {
    const value = read(rule.props, "securityGroupId");
    const vpcs = (rule.propertyDependencies.securityGroupId ?? []).map((urn) => graph.byUrn(urn)).filter((r): r is StackResource => r?.type === EC2_VPC);
    if (vpcs.length > 0) {
        return vpcs[0];
    }
    if (typeof value === "string") {
        return graph.holding([EC2_VPC], "defaultSecurityGroupId", [value.trim()])[0];
    }
    return value === UNKNOWN && (rule.propertyDependencies.securityGroupId ?? []).length === 0 ? UNKNOWN : undefined;
}

export const vpcDefaultSgAdopted = stackPolicy({
    name: "vpc-default-sg-adopted",
    description: "Every VPC's default security group is adopted and closed in the stack, and no rule resource is attached to it.",
    controls: [26],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    // The findings are on VPCs and rules, which hold no key material whatever their names: a VPC named after the
    // wallet app is not a key-material store, so its findings stay at the configured level.
    keyMaterialEscalation: false,
    refs: {
        securityHub: ["EC2.2"],
        cis: ["5.5"],
        nist: ["SC-7"],
        checkov: ["CKV2_AWS_12"],
    },
    resourceTypes: [EC2_VPC, EC2_DEFAULT_SECURITY_GROUP, ...RULE_TYPES],
    remediationSteps: [
        "1. For each aws.ec2.Vpc, add an aws.ec2.DefaultSecurityGroup with `vpcId` set to the VPC and no `ingress` or `egress`: Pulumi adopts the group and removes AWS's rules (all traffic from its own members, all egress).",
        "2. Delete rule resources (aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule/EgressRule) attached to `vpc.defaultSecurityGroupId`, and put those rules on a dedicated group.",
        "3. Give every database, cache and instance its own security group, so none falls back to the default one.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const vpc of graph.ofType(EC2_VPC)) {
            if (graph.referencing(vpc, [EC2_DEFAULT_SECURITY_GROUP], "vpcId").length === 0) {
                findings.push(
                    violation(
                        "defaultSecurityGroupId",
                        `The default security group of VPC ${vpc.name} is not adopted by an aws.ec2.DefaultSecurityGroup in this stack, so it keeps AWS's rules: every resource placed in it without a group of its own can reach every other one on any port. ${ADOPT}`,
                        vpc.urn,
                    ),
                );
            }
        }
        for (const rule of graph.ofType(...RULE_TYPES)) {
            const vpc = defaultGroupVpc(graph, rule);
            if (vpc === UNKNOWN) {
                continue; // A computed group of unknown origin: the per-rule policies judge the rule itself.
            }
            if (vpc) {
                findings.push(
                    violation(
                        "securityGroupId",
                        `Rule ${rule.name} is attached to the default security group of VPC ${vpc.name} (\`defaultSecurityGroupId\`), which every resource launched without a group of its own shares. Put the rule on a dedicated group. ${ADOPT}`,
                        rule.urn,
                    ),
                );
            }
        }
        return findings;
    },
});

