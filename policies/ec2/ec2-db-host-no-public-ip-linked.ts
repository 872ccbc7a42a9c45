import { undecided, violation } from "../lib/readers/checks";
import { DB_HOST_CONFIG, INSTANCE, isDbHostOfStack, SPOT_INSTANCE_REQUEST, type DbHostConfig } from "./lib/ec2";
import { StackGraph } from "../lib/aws/graph";
import { subnetInternetRoute, SUBNET_TYPE } from "../lib/aws/reachability";
import { linkedMetadata, stackPolicy, type Finding } from "../lib/core/policy";
import { asBool, isAbsent, UNKNOWN } from "../lib/readers/values";
import { ec2DbHostNoPublicIp } from "./ec2-db-host-no-public-ip";

const FIX = "Set `associatePublicIpAddress: false` on the host, or launch it in a private subnet (`mapPublicIpOnLaunch: false`, no route to an internet gateway), and reach it through SSM Session Manager or a bastion.";

export const ec2DbHostNoPublicIpLinked = stackPolicy<DbHostConfig>({
    name: "ec2-db-host-no-public-ip-linked",
    description: "EC2 database and key-material hosts that leave `associatePublicIpAddress` unset must not be launched in a subnet that maps public IPs on launch and routes to an internet gateway.",
    ...linkedMetadata(ec2DbHostNoPublicIp),
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, SUBNET_TYPE],
    remediationSteps: [
        "1. An instance without `associatePublicIpAddress` takes the subnet's `mapPublicIpOnLaunch` (EC2 User Guide, \"Public IPv4 addresses\"): in a subnet that sets it and routes 0.0.0.0/0 to an internet gateway, the host gets a public address reachable from the internet.",
        "2. Set `associatePublicIpAddress: false` on the database host, or move it to a private subnet.",
        "3. Hosts are database hosts by tags or names (`dbHostTags` / `dbHostNamePatterns`), by user data that installs or runs a database server, or by the launch template they are launched from.",
    ].join("\n"),
    config: DB_HOST_CONFIG,
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const host of graph.ofType(INSTANCE, SPOT_INSTANCE_REQUEST)) {
            // An explicit value is judged by ec2-db-host-no-public-ip on the host itself.
            if (!isAbsent(host.props["associatePublicIpAddress"])) {
                continue;
            }
            const subnet = graph.referenced(host, "subnetId", [SUBNET_TYPE]).resources[0];
            if (!subnet) {
                continue;
            }
            const mapsPublicIp = asBool(subnet.props["mapPublicIpOnLaunch"]);
            if (mapsPublicIp !== true && mapsPublicIp !== UNKNOWN) {
                continue;
            }
            const dbHost = isDbHostOfStack(host, graph, config);
            if (dbHost === false) {
                continue;
            }
            const route = subnetInternetRoute(graph, subnet);
            if (route.kind === "private") {
                continue; // a public address without a route to the internet is not reachable from it
            }
            if (route.kind === "undecided" || mapsPublicIp === UNKNOWN) {
                const reason = route.kind === "undecided" ? route.reason : `\`mapPublicIpOnLaunch\` of subnet ${subnet.name} is computed`;
                findings.push(undecided("associatePublicIpAddress", `\`associatePublicIpAddress\` is not set and whether the subnet gives this database/key host a reachable public IP is only known at update time (${reason}). ${FIX}`, host.urn));
                continue;
            }
            const message = `\`associatePublicIpAddress\` is not set, so this database/key host takes subnet ${subnet.name}'s \`mapPublicIpOnLaunch\` and gets a public IP, and the subnet routes to the internet (${route.path}). ${FIX}`;
            findings.push(
                dbHost === UNKNOWN
                    ? undecided("associatePublicIpAddress", `${message} (The tags or user data are computed, so whether this is a database/key host is only known at update time.)`, host.urn)
                    : violation("associatePublicIpAddress", message, host.urn),
            );
        }
        return findings;
    },
});
