import { describe, expect, it } from "vitest";
import { sgNoPublicAllPortsIngress as policy } from "../../../policies/network/sg-no-public-all-ports-ingress";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

const run = (props: Record<string, unknown>, type = SG, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });
const sg = (...ingress: Record<string, unknown>[]) => run({ ingress });

describe("sg-no-public-all-ports-ingress", () => {
    it("passes specific ports from the internet, all ports from private and security-group sources, and egress", () => {
        expect(sg({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }).diagnostics).toEqual([]);
        expect(sg({ protocol: "tcp", fromPort: 5000, toPort: 6000, cidrBlocks: ["0.0.0.0/0"] }).diagnostics).toEqual([]);
        expect(sg({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"], securityGroups: ["sg-app"], self: true }).diagnostics).toEqual([]);
        expect(sg({ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }).diagnostics).toEqual([]);
        expect(run({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }] }).diagnostics).toEqual([]);
        expect(run({ type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" }, RULE).diagnostics).toEqual([]);
    });

    it.each([
        ["-1", 0, 0],
        [-1, 0, 0],
        ["all", 0, 0],
        ["ALL", 0, 0],
        ["tcp", 0, 65535],
        ["6", 0, 65535],
        ["udp", 0, 65535],
        ["17", 1, 65535],
        ["tcp", 65535, 0],
        ["tcp", -1, -1],
        ["bogus protocol!", 0, 0],
    ])("flags protocol %j ports %j-%j from 0.0.0.0/0 as mandatory", (protocol, fromPort, toPort) => {
        const result = sg({ protocol, fromPort, toPort, cidrBlocks: ["0.0.0.0/0"] });
        expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.0"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags ::/0, public ranges and the split world, but not private entries of the same rule", () => {
        const result = sg({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16", "0.0.0.0/1", "128.0.0.0/1"], ipv6CidrBlocks: ["::/0", "2600:1f18::/36"] });
        expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.1", "ingress.0.cidrBlocks.2", "ingress.0.ipv6CidrBlocks.0", "ingress.0.ipv6CidrBlocks.1"]);
        expect(result.violations[0]!.message).toContain("ingress[0] admits 0.0.0.0/1 on every protocol and port");
    });

    it("flags rule resources and the default security group", () => {
        expect(violatedProperties(run({ type: "ingress", protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" }, RULE))).toEqual(["cidrBlocks.0"]);
        expect(violatedProperties(run({ type: "ingress", protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: ["::/0"], securityGroupId: "sg-1" }, RULE))).toEqual(["ipv6CidrBlocks.0"]);
        expect(violatedProperties(run({ ipProtocol: "-1", cidrIpv6: "::/0", securityGroupId: "sg-1" }, VPC_RULE))).toEqual(["cidrIpv6"]);
        expect(violatedProperties(run({ ipProtocol: "tcp", fromPort: 0, toPort: 65535, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-1" }, VPC_RULE))).toEqual(["cidrIpv4"]);
        expect(violatedProperties(run({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, DEFAULT_SG))).toEqual(["ingress.0.cidrBlocks.0"]);
        expect(run({ ipProtocol: "-1", referencedSecurityGroupId: "sg-app", securityGroupId: "sg-1" }, VPC_RULE).diagnostics).toEqual([]);
    });

    it("reports prefix lists on all ports as undecided, and honours the allow-list", () => {
        const result = sg({ protocol: "-1", fromPort: 0, toPort: 0, prefixListIds: ["pl-0123"] });
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["ingress.0.prefixListIds.0"]);
        expect(run({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["203.0.113.0/28"] }] }, SG, { allowedPublicCidrs: ["203.0.113.0/24"] }).diagnostics).toEqual([]);
        expect(violatedProperties(run({ ingress: [] }, SG, { allowedPublicCidrs: ["::/0"] }))).toEqual(["config.allowedPublicCidrs"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided for a computed source on all ports and for a public source with computed ports", () => {
            const result = sg({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [UNKNOWN] }, { protocol: "tcp", fromPort: UNKNOWN, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["ingress.0.cidrBlocks.0", "ingress.1.cidrBlocks.0"]);
        });

        it("is undecided for a SecurityGroupRule whose type is computed, and decides known rules", () => {
            const result = run({ type: UNKNOWN, protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: UNKNOWN }, RULE);
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["cidrBlocks.0"]);
            expect(violatedProperties(sg({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroups: [UNKNOWN] }))).toEqual(["ingress.0.cidrBlocks.0"]);
        });
    });
});
