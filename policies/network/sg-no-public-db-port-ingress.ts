import { undecided, violation } from "../lib/readers/checks";
import {
    DEFAULT_DB_PORTS,
    DEFAULT_SECURITY_GROUP,
    dbPortsHit,
    describePorts,
    normalizeProtocol,
    parsePorts,
    publicSources,
    rulePorts,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    type PortRange,
} from "../lib/aws/network";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { allowedCidrsFromConfig, describeSource, dottedPath, ingressViews, isDefinitelyPublic } from "../lib/aws/sg";
import { UNKNOWN } from "../lib/readers/values";

const FIX =
    "Admit database ports only from security groups (`securityGroups` / `sourceSecurityGroupId` / `referencedSecurityGroupId`) or private CIDRs, and reach the database from outside through a VPN, bastion or SSM port forwarding.";

function portList(ranges: readonly PortRange[]): string {
    const names = ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`));
    return names.length > 8 ? `${names.slice(0, 8).join(", ")} and ${names.length - 8} more` : names.join(", ");
}

function dbPortsFromConfig(entries: readonly string[]): { ranges: PortRange[]; problems: Finding[] } {
    const { ranges, invalid } = parsePorts(entries);
    const problems: Finding[] = [];
    if (invalid.length > 0) {
        problems.push(
            violation(
                "config.dbPorts",
                `The policy config "dbPorts" has entries that are not "N" or "N-M" port ranges within 0-65535 (${invalid.map((e) => JSON.stringify(e.slice(0, 30))).join(", ")}); they are ignored. Fix the --policy-pack-config file.`,
            ),
        );
    }
    if (ranges.length === 0) {
        // An unusable list must not switch the check off.
        return { ranges: parsePorts(DEFAULT_DB_PORTS).ranges, problems };
    }
    return { ranges, problems };
}

export const sgNoPublicDbPortIngress = resourcePolicy<{ dbPorts: string[]; allowedPublicCidrs: string[] }>({
    name: "sg-no-public-db-port-ingress",
    description: "Security groups must not admit internet or other non-private addresses on database and key-store ports.",
    controls: [23],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["EC2.19", "EC2.18", "Redshift.15"],
        pciDss: ["1.3.1"],
        nist: ["SC-7", "AC-4"],
        cdkNag: ["AwsSolutions-EC23"],
    },
    resourceTypes: [SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE, DEFAULT_SECURITY_GROUP],
    remediationSteps: [
        "1. Find the ingress rule named in the finding (inline `ingress[]`, aws.ec2.SecurityGroupRule or aws.vpc.SecurityGroupIngressRule).",
        "2. Replace the public CIDR (`0.0.0.0/0`, `::/0`, or any non-RFC1918 range) with the security group of the clients (`securityGroups`, `sourceSecurityGroupId`, `referencedSecurityGroupId`) or with private CIDRs of your VPC.",
        "3. Narrow port ranges and `-1`/all-protocol rules to the one database port the clients need.",
        "4. For administrator access from outside, use a VPN, a bastion or SSM port forwarding; list reviewed office ranges in the policy config `allowedPublicCidrs` only if they must reach the port directly.",
    ].join("\n"),
    config: {
        dbPorts: {
            type: "array",
            items: { type: "string" },
            default: [...DEFAULT_DB_PORTS],
            description: 'Database and key-store ports, as "N" or "N-M" strings (default: the catalog list: MySQL, PostgreSQL, SQL Server, Oracle, Db2, MongoDB/DocumentDB, Neptune, Redis, Memcached, Redshift, OpenSearch, Cassandra, ...).',
        },
        allowedPublicCidrs: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Reviewed public CIDRs (e.g. an office egress range) that may reach database ports; sources inside them are not reported. A rule that opens every port is reported by sg-no-public-all-ports-ingress alone, under its own list.",
        },
    },
    check: ({ type, props, config }) => {
        const ports = dbPortsFromConfig(config.dbPorts);
        const allowed = allowedCidrsFromConfig(config.allowedPublicCidrs);
        const findings: Finding[] = [...ports.problems, ...allowed.problems];
        for (const { rule, label, directionUnknown } of ingressViews(type, props)) {
            const opened = rulePorts(rule);
            // A rule that opens every port is one cause, reported once by sg-no-public-all-ports-ingress (its message
            // names the database ports); reporting it here too would make one rule two blocking findings.
            if (opened === "none" || opened === "all") {
                continue;
            }
            const hits = opened === UNKNOWN ? undefined : dbPortsHit(opened, ports.ranges);
            if (hits !== undefined && hits.length === 0) {
                continue;
            }
            for (const exposure of publicSources(rule, allowed.cidrs)) {
                const property = dottedPath(exposure.property);
                const source = describeSource(exposure);
                if (opened === UNKNOWN) {
                    const what = normalizeProtocol(rule.protocol) === UNKNOWN ? "its protocol is" : "its ports are";
                    const detail = isDefinitelyPublic(exposure) ? `admits ${source}, and ${what} computed` : `admits ${source} on computed ports`;
                    findings.push(undecided(property, `${label} ${detail}, so whether a database port is open to it is only known at update time. ${FIX}`));
                    continue;
                }
                const where =
                    opened.from === opened.to || (hits!.length === 1 && hits![0]!.from === opened.from && hits![0]!.to === opened.to)
                        ? describePorts(opened)
                        : `${describePorts(opened)}, which include database port${hits!.length === 1 && hits![0]!.from === hits![0]!.to ? "" : "s"} ${portList(hits!)}`;
                const admits = `${label} admits ${source} on ${where}`;
                if (!isDefinitelyPublic(exposure)) {
                    const why = exposure.cidrClass === "prefix-list" ? "the prefix list's entries are not visible to the policy" : "the source is only known at update time";
                    findings.push(undecided(property, `${admits}; ${why}. Make sure it holds only private ranges. ${FIX}`));
                } else if (directionUnknown) {
                    findings.push(undecided(property, `${admits} if it is an ingress rule (\`type\` is computed). ${FIX}`));
                } else {
                    findings.push(violation(property, `${admits}, so the group lets the internet reach that database port on anything behind it with a public address or route. ${FIX}`));
                }
            }
        }
        return findings;
    },
});
