import { undecided, violation } from "../lib/readers/checks";
import {
    DEFAULT_SECURITY_GROUP,
    normalizeProtocol,
    publicSources,
    rulePorts,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
} from "../lib/aws/network";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { allowedCidrsFromConfig, describeSource, dottedPath, ingressViews, isDefinitelyPublic } from "../lib/aws/sg";
import { UNKNOWN } from "../lib/readers/values";

const FIX = "Open only the ports the service needs, and only to security groups or private CIDRs; never every protocol or port to a public range.";

export const sgNoPublicAllPortsIngress = resourcePolicy<{ allowedPublicCidrs: string[] }>({
    name: "sg-no-public-all-ports-ingress",
    description: "Security groups must not admit every port or protocol from internet or other non-private addresses.",
    controls: [24],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["EC2.18"],
        pciDss: ["1.3.1"],
        nist: ["SC-7"],
        checkov: ["CKV_AWS_277"],
        cdkNag: ["AwsSolutions-EC23"],
    },
    resourceTypes: [SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE, DEFAULT_SECURITY_GROUP],
    remediationSteps: [
        "1. Find the ingress rule named in the finding: protocol `-1`/`all`, or TCP/UDP from port 0 (or 1) to 65535.",
        "2. Replace it with rules for the specific ports the service needs (e.g. `protocol: \"tcp\", fromPort: 443, toPort: 443`).",
        "3. Use security-group references or private CIDRs as sources instead of `0.0.0.0/0`, `::/0` or other public ranges.",
    ].join("\n"),
    config: {
        allowedPublicCidrs: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Reviewed public CIDRs that may be admitted on all ports (normally none); sources inside them are not reported.",
        },
    },
    check: ({ type, props, config }) => {
        const allowed = allowedCidrsFromConfig(config.allowedPublicCidrs);
        const findings: Finding[] = [...allowed.problems];
        for (const { rule, label, directionUnknown } of ingressViews(type, props)) {
            const opened = rulePorts(rule);
            if (opened === "none") {
                continue;
            }
            // Port 0 is reserved, so 1-65535 opens every usable port too.
            const everyPort = opened === "all" || (opened !== UNKNOWN && opened.from <= 1 && opened.to >= 65535);
            if (!everyPort && opened !== UNKNOWN) {
                continue;
            }
            const protocol = normalizeProtocol(rule.protocol);
            const what = protocol === "all" ? "every protocol and port" : protocol === "tcp" || protocol === "udp" ? `every ${protocol.toUpperCase()} port` : "every port (the protocol is not readable)";
            for (const exposure of publicSources(rule, allowed.cidrs)) {
                const property = dottedPath(exposure.property);
                const source = describeSource(exposure);
                if (opened === UNKNOWN) {
                    // Computed ports with a public or computed source (a whole computed rule list included).
                    findings.push(undecided(property, `${label} admits ${source} and its protocol or ports are computed, so whether it opens every port is only known at update time. ${FIX}`));
                    continue;
                }
                const admits = `${label} admits ${source} on ${what}`;
                if (!isDefinitelyPublic(exposure)) {
                    const why = exposure.cidrClass === "prefix-list" ? "the prefix list's entries are not visible to the policy" : "the source is only known at update time";
                    findings.push(undecided(property, `${admits}; ${why}. Make sure it holds only private ranges. ${FIX}`));
                } else if (directionUnknown) {
                    findings.push(undecided(property, `${admits} if it is an ingress rule (\`type\` is computed). ${FIX}`));
                } else {
                    findings.push(violation(property, `${admits}, which exposes every listener behind the group, database ports included. ${FIX}`));
                }
            }
        }
        return findings;
    },
});
