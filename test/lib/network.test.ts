import { describe, expect, it } from "vitest";
import {
    classifyCidr,
    DEFAULT_DB_PORTS,
    dbPortsHit,
    ingressRulesOf,
    isAllowedCidr,
    normalizeProtocol,
    parsePorts,
    publicSources,
    rulePorts,
} from "../../policies/lib/network";
import { snapshot, UNKNOWN } from "../../policies/lib/values";
import { UNKNOWN as SENTINEL } from "../support/evaluate";

describe("classifyCidr", () => {
    it.each([
        ["0.0.0.0/0", "world"],
        ["::/0", "world"],
        ["0.0.0.0/1", "public"],
        ["128.0.0.0/1", "public"],
        ["8.8.8.8/32", "public"],
        ["8.8.8.8", "public"],
        ["10.0.0.0/8", "private"],
        ["10.1.2.0/24", "private"],
        ["172.16.0.0/12", "private"],
        ["172.32.0.0/16", "public"],
        ["192.168.1.0/24", "private"],
        ["100.64.0.0/10", "private"],
        ["fd00::/8", "private"],
        ["2001:db8::/32", "public"],
        ["::ffff:0:0/96", "public"],
        ["0:0:0:0:0:0:0:0/0", "world"],
        ["10.0.0.0/33", "invalid"],
        ["10.0.0/8", "invalid"],
        ["not-a-cidr", "invalid"],
        ["1.2.3.4/-1", "invalid"],
    ])("%s is %s", (cidr, expected) => {
        expect(classifyCidr(cidr)).toBe(expected);
    });

    it("matches allow-listed ranges by containment", () => {
        expect(isAllowedCidr("203.0.113.7/32", ["203.0.113.0/24"])).toBe(true);
        expect(isAllowedCidr("203.0.112.0/23", ["203.0.113.0/24"])).toBe(false);
    });
});

describe("protocols and ports", () => {
    it.each([
        ["-1", "all"],
        [-1, "all"],
        ["ALL", "all"],
        ["tcp", "tcp"],
        ["6", "tcp"],
        ["TCP", "tcp"],
        ["17", "udp"],
        ["icmp", "icmp"],
        ["58", "icmp"],
        ["50", "other"],
    ])("protocol %j is %s", (raw, expected) => {
        expect(normalizeProtocol(raw)).toBe(expected);
    });

    it("reads port ranges, treating -1/all and 0-65535 as every port and icmp as none", () => {
        const rule = (protocol: unknown, fromPort: unknown, toPort: unknown) =>
            rulePorts({ path: "", protocol: protocol as never, fromPort: fromPort as never, toPort: toPort as never, sources: [] });
        expect(rule("tcp", 5432, 5432)).toEqual({ from: 5432, to: 5432 });
        expect(rule("tcp", 6000, 5000)).toEqual({ from: 5000, to: 6000 });
        expect(rule("tcp", 0, 65535)).toBe("all");
        expect(rule("-1", 0, 0)).toBe("all");
        expect(rule("tcp", undefined, undefined)).toBe("all");
        expect(rule("icmp", 8, 0)).toBe("none");
        expect(rule("tcp", UNKNOWN, 5432)).toBe(UNKNOWN);
        expect(rule(UNKNOWN, 1, 2)).toBe(UNKNOWN);
    });

    it("parses the default DB port list and finds overlaps", () => {
        const { ranges, invalid } = parsePorts(DEFAULT_DB_PORTS);
        expect(invalid).toEqual([]);
        expect(dbPortsHit({ from: 5400, to: 5435 }, ranges)).toEqual([{ from: 5432, to: 5432 }]);
        expect(dbPortsHit({ from: 5000, to: 6000 }, ranges).length).toBe(4);
        expect(dbPortsHit({ from: 27018, to: 27018 }, ranges)).toEqual([{ from: 27017, to: 27019 }]);
        expect(dbPortsHit({ from: 443, to: 443 }, ranges)).toEqual([]);
        expect(parsePorts(["5432", 3306, "27017-27019", "x", "9-1", "70000"]).invalid).toEqual(["x", "9-1", "70000"]);
    });
});

describe("ingressRulesOf", () => {
    it("normalizes inline, SecurityGroupRule and vpc.SecurityGroupIngressRule forms", () => {
        const inline = ingressRulesOf(
            "aws:ec2/securityGroup:SecurityGroup",
            snapshot({ ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16", "0.0.0.0/0"], securityGroups: ["sg-1"] }] }),
        );
        expect(inline).toHaveLength(1);
        expect(publicSources(inline[0]!, []).map((e) => [e.property, e.cidrClass])).toEqual([["ingress[0].cidrBlocks[1]", "world"]]);

        const rule = ingressRulesOf("aws:ec2/securityGroupRule:SecurityGroupRule", snapshot({ type: "ingress", protocol: "all", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }));
        expect(publicSources(rule[0]!, []).map((e) => [e.property, e.ports])).toEqual([["ipv6CidrBlocks[0]", "all"]]);

        expect(ingressRulesOf("aws:ec2/securityGroupRule:SecurityGroupRule", snapshot({ type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }))).toEqual([]);

        const vpcRule = ingressRulesOf("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", snapshot({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }));
        expect(publicSources(vpcRule[0]!, []).map((e) => e.property)).toEqual(["cidrIpv4"]);
    });

    it("keeps unknown sources and unknown rule lists visible", () => {
        const unknownList = ingressRulesOf("aws:ec2/securityGroup:SecurityGroup", snapshot({ ingress: SENTINEL }));
        expect(publicSources(unknownList[0]!, []).map((e) => e.cidrClass)).toEqual(["unknown"]);
        const unknownCidr = ingressRulesOf("aws:ec2/securityGroup:SecurityGroup", snapshot({ ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [SENTINEL] }] }));
        expect(publicSources(unknownCidr[0]!, []).map((e) => e.cidrClass)).toEqual(["unknown"]);
    });

    it("does not treat security-group and self sources as public, and honours the allow-list", () => {
        const [rule] = ingressRulesOf("aws:ec2/securityGroup:SecurityGroup", snapshot({ ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, self: true, securityGroups: ["sg-app"], cidrBlocks: ["198.51.100.10/32"] }] }));
        expect(publicSources(rule!, ["198.51.100.0/24"])).toEqual([]);
        expect(publicSources(rule!, []).map((e) => e.cidrClass)).toEqual(["public"]);
    });
});
