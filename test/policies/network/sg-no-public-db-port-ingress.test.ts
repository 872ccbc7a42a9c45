import { describe, expect, it } from "vitest";
import { sgNoPublicDbPortIngress as policy } from "../../../policies/network/sg-no-public-db-port-ingress";
import { sgNoPublicAllPortsIngress } from "../../../policies/network/sg-no-public-all-ports-ingress";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

const run = (props: Record<string, unknown>, type = SG, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });
const sg = (...ingress: Record<string, unknown>[]) => run({ vpcId: "vpc-1", ingress });
const pg = (extra: Record<string, unknown>) => ({ protocol: "tcp", fromPort: 5432, toPort: 5432, ...extra });

describe("sg-no-public-db-port-ingress", () => {
    describe("compliant groups (no false alarms)", () => {
        it("passes database ports from security groups, self and private CIDRs", () => {
            const result = sg(
                pg({ securityGroups: ["sg-0123456789abcdef0"] }),
                pg({ self: true }),
                pg({ cidrBlocks: ["10.0.0.0/16", "172.16.5.0/24", "192.168.0.0/16", "100.64.0.0/10"], ipv6CidrBlocks: ["fd00:1234::/48"] }),
                { protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-app"] },
            );
            expect(result.diagnostics).toEqual([]);
        });

        it("passes public access to non-database ports and icmp", () => {
            expect(sg({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }).diagnostics).toEqual([]);
            expect(sg({ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }).diagnostics).toEqual([]);
            expect(sg({ protocol: "1", fromPort: 8, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }).diagnostics).toEqual([]);
            expect(sg({ protocol: "icmpv6", fromPort: -1, toPort: -1, ipv6CidrBlocks: ["::/0"] }).diagnostics).toEqual([]);
        });

        it("never flags egress rules", () => {
            expect(run({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }).diagnostics).toEqual([]);
            expect(run({ type: "egress", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" }, RULE).diagnostics).toEqual([]);
        });

        it("passes allow-listed public ranges", () => {
            const result = run({ ingress: [pg({ cidrBlocks: ["203.0.113.10/32"] })] }, SG, { allowedPublicCidrs: ["203.0.113.0/24"] });
            expect(result.diagnostics).toEqual([]);
        });
    });

    it("flags 0.0.0.0/0 on 5432 as mandatory, naming rule, source and port", () => {
        const result = sg(pg({ cidrBlocks: ["0.0.0.0/0"] }));
        expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.0"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toContain("ingress[0] admits 0.0.0.0/0 on port 5432");
    });

    it("flags only the public entry among several CIDRs, and ::/0 and public IPv6 ranges", () => {
        const result = sg(pg({ cidrBlocks: ["10.0.0.0/8", "198.51.100.0/24"], ipv6CidrBlocks: ["fd00::/8", "::/0", "2001:db8::/32"] }));
        expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.1", "ingress.0.ipv6CidrBlocks.1", "ingress.0.ipv6CidrBlocks.2"]);
    });

    it("flags the split world 0.0.0.0/1 + 128.0.0.0/1 and a bare public address", () => {
        expect(violatedProperties(sg(pg({ cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })))).toEqual(["ingress.0.cidrBlocks.0", "ingress.0.cidrBlocks.1"]);
        expect(violatedProperties(sg(pg({ cidrBlocks: ["8.8.8.8"] })))).toEqual(["ingress.0.cidrBlocks.0"]);
        // 10.0.0.0/7 reaches beyond RFC 1918 into public space.
        expect(violatedProperties(sg(pg({ cidrBlocks: ["10.0.0.0/7"] })))).toEqual(["ingress.0.cidrBlocks.0"]);
    });

    it("flags an invalid CIDR as exposure", () => {
        const result = sg(pg({ cidrBlocks: ["0.0.0.0/00x"] }));
        expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.0"]);
        expect(result.violations[0]!.message).toMatch(/not a valid CIDR/);
    });

    it.each([
        ["6", 5432, 5432],
        ["TCP", 5000, 6000],
        ["tcp", 6000, 5000],
        ["17", 1434, 1434],
        ["tcp", 27018, 27018],
        ["tcp", 3306, 3306],
        ["tcp", 6379, 6379],
    ])("flags protocol %j ports %j-%j from the internet", (protocol, fromPort, toPort) => {
        expect(violatedProperties(sg({ protocol, fromPort, toPort, cidrBlocks: ["0.0.0.0/0"] }))).toEqual(["ingress.0.cidrBlocks.0"]);
    });

    it("names the database ports inside a wide range", () => {
        const result = sg({ protocol: "tcp", fromPort: 5000, toPort: 6000, cidrBlocks: ["0.0.0.0/0"] });
        expect(result.violations[0]!.message).toMatch(/ports 5000-6000, which include database ports 5432, 5439/);
    });

    it.each([
        ["-1", 0, 0],
        [-1, 0, 0],
        ["all", 0, 0],
        ["ALL", 0, 0],
        ["tcp", 0, 65535],
        ["6", 1, 65535],
        ["tcp", -1, -1],
        ["tcp", undefined, undefined],
    ])("leaves a rule opening every port (protocol %j ports %j-%j) to sg-no-public-all-ports-ingress: one rule, one blocking finding", (protocol, fromPort, toPort) => {
        const rule = { protocol, fromPort, toPort, cidrBlocks: ["0.0.0.0/0"] };
        expect(sg(rule).diagnostics).toEqual([]);
        const allPorts = evaluateResource(sgNoPublicAllPortsIngress, { type: SG, props: { vpcId: "vpc-1", ingress: [rule] } });
        expect(violatedProperties(allPorts)).toEqual(["ingress.0.cidrBlocks.0"]);
        expect(allPorts.violations[0]!.message).toMatch(/database ports included/);
    });

    it("flags rule resources: SecurityGroupRule and vpc.SecurityGroupIngressRule", () => {
        expect(violatedProperties(run({ type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"], securityGroupId: "sg-1" }, RULE))).toEqual([
            "cidrBlocks.1",
        ]);
        expect(violatedProperties(run({ type: "ingress", protocol: "tcp", fromPort: 1433, toPort: 1521, ipv6CidrBlocks: ["::/0"], securityGroupId: "sg-1" }, RULE))).toEqual(["ipv6CidrBlocks.0"]);
        expect(violatedProperties(run({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-1" }, VPC_RULE))).toEqual([]);
        expect(violatedProperties(run({ ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv6: "::/0", securityGroupId: "sg-1" }, VPC_RULE))).toEqual(["cidrIpv6"]);
        const message = run({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-1" }, VPC_RULE).violations[0]!.message;
        expect(message).toContain("This rule admits 0.0.0.0/0 on port 5432");
        // A rule opens a port; whether a store behind it is reachable depends on its address and routes.
        expect(message).toMatch(/anything behind it with a public address or route/);
        expect(message).not.toMatch(/is reachable from the internet/);
    });

    it("passes rule resources with security-group and private sources", () => {
        expect(run({ type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-app", securityGroupId: "sg-db" }, RULE).diagnostics).toEqual([]);
        expect(run({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-app", securityGroupId: "sg-db" }, VPC_RULE).diagnostics).toEqual([]);
        expect(run({ ipProtocol: "-1", cidrIpv4: "10.0.0.0/16", securityGroupId: "sg-db" }, VPC_RULE).diagnostics).toEqual([]);
    });

    it("flags the default security group's inline rules too", () => {
        expect(violatedProperties(run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, DEFAULT_SG))).toEqual(["ingress.0.cidrBlocks.0"]);
    });

    it("reports prefix lists on database ports as undecided", () => {
        const result = sg(pg({ prefixListIds: ["pl-0123456789abcdef0"] }));
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["ingress.0.prefixListIds.0", "advisory"]]);
        expect(sg({ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-1"] }).diagnostics).toEqual([]);
    });

    describe("configuration", () => {
        it("uses a configured port list", () => {
            expect(run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, SG, { dbPorts: ["3306"] }).diagnostics).toEqual([]);
            expect(violatedProperties(run({ ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }] }, SG, { dbPorts: ["8000-9000"] }))).toEqual([
                "ingress.0.cidrBlocks.0",
            ]);
        });

        it("reports invalid port entries as a config violation and keeps checking", () => {
            const result = run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, SG, { dbPorts: ["5432", "70000", "x-y", "9-1"] });
            expect(violatedProperties(result)).toEqual(["config.dbPorts", "ingress.0.cidrBlocks.0"]);
            expect(result.violations[0]!.message).toMatch(/"70000", "x-y", "9-1"/);
        });

        it("falls back to the default ports when no entry is usable, and rejects a list of the wrong type", () => {
            expect(violatedProperties(run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, SG, { dbPorts: ["nope"] }))).toEqual(["config.dbPorts", "ingress.0.cidrBlocks.0"]);
            expect(violatedProperties(run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, SG, { dbPorts: [5432] }))).toEqual(["config.dbPorts", "ingress.0.cidrBlocks.0"]);
        });

        it("reports invalid and world-wide allow-list entries and ignores them", () => {
            const result = run({ ingress: [pg({ cidrBlocks: ["0.0.0.0/0"] })] }, SG, { allowedPublicCidrs: ["0.0.0.0/0", "office"] });
            expect(violatedProperties(result)).toEqual(["config.allowedPublicCidrs", "config.allowedPublicCidrs", "ingress.0.cidrBlocks.0"]);
        });
    });

    describe("preview (unknown values)", () => {
        it("reports a computed CIDR on a database port as undecided, decides the rest", () => {
            const result = sg(pg({ cidrBlocks: [UNKNOWN, "0.0.0.0/0"] }));
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["ingress.0.cidrBlocks.1"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["ingress.0.cidrBlocks.0"]);
        });

        it("reports a computed ingress list, rule or port with a public source as undecided", () => {
            const list = run({ ingress: UNKNOWN });
            expect(list.cantRun).toBe(false);
            expect(list.undecided.map((d) => d.property)).toEqual(["ingress"]);
            expect(sg(pg({ cidrBlocks: ["0.0.0.0/0"], fromPort: UNKNOWN, toPort: UNKNOWN })).undecided.map((d) => d.property)).toEqual(["ingress.0.cidrBlocks.0"]);
            expect(sg(pg({ cidrBlocks: ["0.0.0.0/0"], protocol: UNKNOWN })).undecided.map((d) => d.property)).toEqual(["ingress.0.cidrBlocks.0"]);
            const element = run({ ingress: [UNKNOWN] });
            expect(element.undecided.map((d) => d.property)).toEqual(["ingress.0"]);
        });

        it("treats a SecurityGroupRule with a computed type as possibly ingress", () => {
            const result = run({ type: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"], securityGroupId: UNKNOWN }, RULE);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["cidrBlocks.0"]);
        });

        it("decides from known private or security-group sources even when the group id is computed", () => {
            expect(run({ type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: UNKNOWN, securityGroupId: UNKNOWN }, RULE).diagnostics).toEqual([]);
            expect(sg(pg({ securityGroups: [UNKNOWN], cidrBlocks: ["10.0.0.0/8"] })).diagnostics).toEqual([]);
        });
    });

    it("does not apply to other resource types", () => {
        expect(evaluateResource(policy, { type: "aws:rds/instance:Instance", props: {} }).notApplicable).toBeDefined();
    });
});
