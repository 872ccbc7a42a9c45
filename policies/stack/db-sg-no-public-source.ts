import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { describeExposure, groupExposures, storeGroups } from "../lib/aws/reachability";
import { allowedCidrsFromConfig } from "../lib/aws/sg";
import { NETWORKED_STORES, STORE_BY_TYPE } from "../lib/aws/stores";
import { read } from "../lib/readers/values";

type Config = { allowedPublicCidrs: string[] };

export const dbSgNoPublicSource = stackPolicy<Config>({
    name: "db-sg-no-public-source",
    description: "Every security group attached to a data store admits traffic only from other security groups or private address ranges.",
    controls: [25],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { securityHub: ["EC2.2", "Redshift.15"], cis: ["5.5"], nist: ["SC-7"], pciDss: ["1.3.1"] },
    resourceTypes: NETWORKED_STORES.map((s) => s.type),
    remediationSteps: [
        "1. Find the rule named in the message (inline `ingress` on the group, an aws.ec2.SecurityGroupRule or an aws.vpc.SecurityGroupIngressRule).",
        "2. Replace the public CIDR with the security group of the clients (`securityGroups` / `sourceSecurityGroupId` / `referencedSecurityGroupId`) or a private range.",
        "3. Give every data store explicit `vpcSecurityGroupIds` / `securityGroupIds`, so it never falls back to the VPC's default security group.",
        "4. Reach the database for administration through SSM Session Manager, a VPN or a bastion in a private subnet, never from the internet.",
    ].join("\n"),
    config: {
        allowedPublicCidrs: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Public CIDRs accepted as sources (e.g. a corporate VPN egress range). Use sparingly: key stores should be private.",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        // The same allow-list rules as the per-rule policies: an entry covering every address would switch the check off.
        const allowed = allowedCidrsFromConfig(config.allowedPublicCidrs);
        const findings: Finding[] = [...allowed.problems];
        for (const kind of NETWORKED_STORES) {
            for (const store of graph.ofType(kind.type)) {
                if (kind.inheritsNetworkWhen?.some((p) => read(store.props, p) !== undefined && read(store.props, p) !== null)) {
                    continue;
                }
                const property = kind.securityGroupProperties[0]!;
                const groups = storeGroups(graph, store, STORE_BY_TYPE.get(store.type)!);
                if (groups.none) {
                    if (kind.defaultSecurityGroupWhenOmitted) {
                        findings.push(violation(property, `${kind.label} ${store.name} names no security group, so it is placed in the VPC's default security group, shared with anything else launched without one. Set \`${property}\` to a dedicated group.`, store.urn));
                    }
                    continue;
                }
                if (groups.defaultGroup) {
                    findings.push(violation(property, `${kind.label} ${store.name} names the VPC's default security group (\`defaultSecurityGroupId\`), which this stack does not adopt: it keeps AWS's rules and is shared with anything launched without a group of its own. Set \`${property}\` to a dedicated group.`, store.urn));
                }
                if (groups.unresolved) {
                    findings.push(undecided(property, `A security group of ${kind.label} ${store.name} is computed and cannot be followed; its rules are checked when the group is known.`, store.urn));
                }
                for (const external of groups.external) {
                    findings.push(undecided(property, `${kind.label} ${store.name} uses security group ${external}, which is not defined in this stack, so its rules cannot be checked here.`, store.urn));
                }
                for (const group of groups.groups) {
                    for (const exposure of groupExposures(graph, group, allowed.cidrs)) {
                        const path = `${store.name} -> ${group.name} -> ${describeExposure(exposure)}`;
                        if (exposure.undecided) {
                            findings.push(undecided(property, `${path}: the source is computed or a prefix list, so whether it is public cannot be decided yet. Key stores must admit only security groups or private ranges.`, store.urn));
                        } else {
                            findings.push(violation(property, `${path}: the ${kind.label} admits a public source. Allow only the clients' security group or private ranges.`, store.urn));
                        }
                    }
                }
            }
        }
        return findings;
    },
});
