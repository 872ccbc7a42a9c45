import { advice, undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { defaultGroupRules, describeExposure, groupExposures, ruleExposures, storeGroups, type RuleExposure } from "../lib/aws/reachability";
import { describeListenPorts, opensStorePort, storeListenPorts, type ListenPorts } from "../lib/aws/store-ports";
import { EC2_VPC } from "../lib/aws/types";
import { allowedCidrsFromConfig } from "../lib/aws/sg";
import { NETWORKED_STORES, STORE_BY_TYPE } from "../lib/aws/stores";
import { read } from "../lib/readers/values";

type Config = { allowedPublicCidrs: string[] };

const MAX_PATHS = 4;

function listPaths(exposures: readonly RuleExposure[]): string {
    const paths = exposures.map(describeExposure);
    return paths.length > MAX_PATHS ? `${paths.slice(0, MAX_PATHS).join("; ")} and ${paths.length - MAX_PATHS} more` : paths.join("; ");
}

/**
 * One finding per path head (a store's group): the public rules into it are one cause, named together, and each
 * rule is also the rule's own finding (sg-no-public-*). Decided rules make a violation; rules whose source or
 * ports are computed make one undecided finding when nothing is decided.
 */
function pathFindings(property: string, head: string, exposures: readonly RuleExposure[], urn: string, label: string, listen: ListenPorts): Finding[] {
    const decided = exposures.filter((e) => !e.undecided);
    if (decided.length > 0) {
        const verb = decided.length === 1 ? "admits" : "admit";
        return [violation(property, `${head} -> ${listPaths(decided)}: ${decided.length === 1 ? "this rule" : "these rules"} ${verb} a public source on ${describeListenPorts(listen)} of the ${label}. Allow only the clients' security group or private ranges.`, urn)];
    }
    if (exposures.length > 0) {
        return [undecided(property, `${head} -> ${listPaths(exposures)}: the source or ports are computed or a prefix list, so whether the ${label} admits a public source cannot be decided yet. Key stores must admit only security groups or private ranges.`, urn)];
    }
    return [];
}


export const dbSgNoPublicSource = stackPolicy<Config>({
    name: "db-sg-no-public-source",
    description: "Every security group attached to a data store admits traffic on the store's port only from other security groups or private address ranges.",
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
        "3. Give every data store explicit `vpcSecurityGroupIds` / `securityGroupIds`, so it never falls back to the VPC's default security group (reported as advisory when no rule on that group admits a public source, as blocking when one does).",
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
                const listen = storeListenPorts(store);
                // Only rules that open a port the store listens on are a path into it (SSH open on a group shared
                // with a database is the group's own finding, sg-no-public-*); an unknown port counts.
                const intoStore = (exposures: readonly RuleExposure[]) => exposures.filter((e) => opensStorePort(e.ports, listen));
                const subject = `${kind.label} ${store.name}`;
                const groups = storeGroups(graph, store, STORE_BY_TYPE.get(store.type)!);
                if (groups.none || groups.defaultGroup) {
                    if (groups.none && !kind.defaultSecurityGroupWhenOmitted) {
                        continue;
                    }
                    // Decided from the rules the stack writes on the default group (no VPC named: every VPC of the stack).
                    const vpcs = groups.none ? graph.ofType(EC2_VPC) : groups.defaultVpcs;
                    const placement = groups.none
                        ? `${subject} names no security group, so it is placed in the VPC's default security group`
                        : `${subject} names the VPC's default security group (\`defaultSecurityGroupId\`)`;
                    const viaDefault = pathFindings(property, placement, intoStore(ruleExposures(graph, defaultGroupRules(graph, vpcs), allowed.cidrs)), store.urn, kind.label, listen);
                    findings.push(...viaDefault);
                    if (viaDefault.length === 0) {
                        findings.push(
                            advice(
                                property,
                                `${placement}, which admits no public source in this stack but is shared with anything else launched without a group of its own (AWS's default rule admits every member on every port). Set \`${property}\` to a dedicated group.`,
                                store.urn,
                            ),
                        );
                    }
                }
                if (groups.unresolved) {
                    findings.push(undecided(property, `A security group of ${subject} is computed and cannot be followed; its rules are checked when the group is known.`, store.urn));
                }
                for (const external of groups.external) {
                    findings.push(undecided(property, `${subject} uses security group ${external}, which is not defined in this stack, so its rules cannot be checked here.`, store.urn));
                }
                for (const group of groups.groups) {
                    findings.push(...pathFindings(property, `${store.name} -> ${group.name}`, intoStore(groupExposures(graph, group, allowed.cidrs)), store.urn, kind.label, listen));
                }
            }
        }
        return findings;
    },
});
