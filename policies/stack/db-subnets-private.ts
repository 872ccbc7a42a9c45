import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { SUBNET_TYPE, subnetVerdict } from "../lib/aws/reachability";
import { SUBNET_PLACEMENTS } from "../lib/aws/stores";
import { read } from "../lib/readers/values";

export const dbSubnetsPrivate = stackPolicy({
    name: "db-subnets-private",
    description: "Data stores are placed only in private subnets: no route to an internet gateway and no auto-assigned public IPs.",
    controls: [7],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: { securityHub: ["RDS.46", "EC2.15"], checkov: ["CKV_AWS_130"], trivy: ["AVD-AWS-0164"], nist: ["SC-7"], pciDss: ["1.4.1"] },
    resourceTypes: SUBNET_PLACEMENTS.map((p) => p.type),
    remediationSteps: [
        "1. Put the subnet group's subnets in route tables whose default route (0.0.0.0/0, ::/0) goes to a NAT gateway or nowhere, never to an internet gateway.",
        "2. Set `mapPublicIpOnLaunch: false` (the default) on those subnets.",
        "3. Keep public subnets for load balancers and NAT gateways only; create separate private subnets for data stores.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const placement of SUBNET_PLACEMENTS) {
            for (const holder of graph.ofType(placement.type)) {
                const value = read(holder.props, placement.property);
                if (value === undefined || value === null) {
                    continue;
                }
                const ref = graph.referenced(holder, placement.property, [SUBNET_TYPE]);
                if (ref.unresolved) {
                    findings.push(undecided(placement.property, `A subnet of ${placement.label} ${holder.name} is computed and cannot be followed; it is checked once known.`, holder.urn));
                }
                for (const external of ref.external) {
                    findings.push(undecided(placement.property, `${placement.label} ${holder.name} uses subnet ${external}, which is not defined in this stack, so its routes cannot be checked here.`, holder.urn));
                }
                // One finding per placement: its public subnets are one cause (the subnet list), named together.
                const verdicts = ref.resources.map((subnet) => subnetVerdict(graph, subnet));
                const publicPaths = verdicts.flatMap((v) => (v.kind === "public" ? [v.path] : []));
                if (publicPaths.length > 0) {
                    const which = publicPaths.length === 1 ? "a public subnet" : `${publicPaths.length} public subnets`;
                    findings.push(violation(placement.property, `${holder.name} -> ${publicPaths.join("; ")}: ${placement.label} ${holder.name} uses ${which}. Use private subnets only.`, holder.urn));
                } else {
                    for (const verdict of verdicts) {
                        if (verdict.kind === "undecided") {
                            findings.push(undecided(placement.property, `${holder.name}: ${verdict.reason}.`, holder.urn));
                        }
                    }
                }
            }
        }
        return findings;
    },
});
