import { describe, expect, it } from "vitest";
import {
    classifyCidr,
    DEFAULT_DB_PORTS,
    DEFAULT_SECURITY_GROUP,
    dbPortsHit,
    describePorts,
    ingressRulesOf,
    isAllowedCidr,
    normalizeProtocol,
    overlaps,
    parseCidr,
    parsePorts,
    publicSources,
    rulePorts,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    type IngressRule,
    type RuleSource,
} from "../../../policies/lib/aws/network";
import { INVALID, snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

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

describe("CIDR edge cases", () => {
    it.each([
        ["10.0.0.1", "private"],
        ["9.255.255.255/32", "public"],
        ["11.0.0.0/8", "public"],
        ["10.0.0.0/7", "public"],
        ["172.15.255.255/32", "public"],
        ["172.31.255.255/32", "private"],
        ["192.169.0.0/16", "public"],
        ["100.63.255.255/32", "public"],
        ["100.127.0.0/16", "private"],
        ["127.0.0.1/32", "private"],
        ["169.254.169.254", "private"],
        ["169.255.0.0/16", "public"],
        [" 10.0.0.0/8 ", "private"],
        ["fe80::1/64", "private"],
        ["fec0::/10", "public"],
        ["::1/128", "private"],
        ["::1", "private"],
        ["::2/128", "public"],
        ["fc00::/6", "public"],
        ["::ffff:10.0.0.1/128", "public"],
        ["2001:db8::10.0.0.1/128", "public"],
        ["fd00:0:0:0:0:0:0:1/128", "private"],
        ["fd00::0:1/128", "private"],
        ["256.0.0.0/8", "invalid"],
        ["1.2.3.4/", "invalid"],
        ["1.2.3.4/8/8", "invalid"],
        ["1.2.3.4/1a", "invalid"],
        ["1.2.3.04x/32", "invalid"],
        ["1.2.3.4.5/32", "invalid"],
        ["1:2:3:4:5:6:7/64", "invalid"],
        ["1:2:3:4:5:6:7:8:9/64", "invalid"],
        ["1::2::3/64", "invalid"],
        ["1:2:3:4::5:6:7:8/64", "invalid"],
        ["12345::/16", "invalid"],
        ["g::/16", "invalid"],
        ["::ffff:10.0.0.256/128", "invalid"],
        ["::/129", "invalid"],
        ["", "invalid"],
    ])("%j is %s", (cidr, expected) => {
        expect(classifyCidr(cidr)).toBe(expected);
    });

    it("applies the prefix mask before comparing networks", () => {
        expect(isAllowedCidr("203.0.113.77/24", ["203.0.113.0/24"])).toBe(true);
        expect(isAllowedCidr("203.0.113.7", ["203.0.113.0/24"])).toBe(true);
        expect(isAllowedCidr("2001:db8::1/128", ["2001:db8::/32"])).toBe(true);
        expect(isAllowedCidr("2001:db9::1/128", ["2001:db8::/32"])).toBe(false);
        expect(isAllowedCidr("203.0.113.7/32", ["2001:db8::/32"])).toBe(false);
        expect(isAllowedCidr("203.0.113.7/32", ["0.0.0.0/0"])).toBe(true);
        expect(isAllowedCidr("203.0.113.7/32", ["not-a-cidr", "203.0.113.7"])).toBe(true);
        expect(isAllowedCidr("not-a-cidr", ["0.0.0.0/0"])).toBe(false);
        expect(isAllowedCidr("203.0.113.7/32", [])).toBe(false);
        expect(parseCidr("10.1.2.3/8")).toEqual({ family: 4, address: 10n << 24n, prefix: 8 });
        expect(parseCidr("::ffff:1.2.3.4")).toEqual({ family: 6, address: (0xffffn << 32n) | 0x01020304n, prefix: 128 });
        expect(parseCidr("0.0.0.0/0")).toEqual({ family: 4, address: 0n, prefix: 0 });
    });
});

describe("protocol and port edge cases", () => {
    const rule = (protocol: unknown, fromPort: unknown, toPort: unknown) =>
        rulePorts({ path: "", protocol: protocol as never, fromPort: fromPort as never, toPort: toPort as never, sources: [] });

    it.each([
        [" all ", "all"],
        ["udp", "udp"],
        [17, "udp"],
        [1, "icmp"],
        ["1", "icmp"],
        ["icmpv6", "icmp"],
        ["gre", "other"],
        ["ipv6-icmp", "other"],
        ["tcp udp", INVALID],
        ["-2", INVALID],
        [true, INVALID],
        [null, INVALID],
    ])("protocol %j is %s", (raw, expected) => {
        expect(normalizeProtocol(raw as never)).toBe(expected);
    });

    it("fails closed on unreadable protocols and ports, and reads -1 and 1-65535 as every port", () => {
        expect(rule(true, 5432, 5432)).toBe("all");
        expect(rule("gre", 5432, 5432)).toBe("none");
        expect(rule("tcp", 5432, UNKNOWN)).toBe(UNKNOWN);
        expect(rule("tcp", 5432, undefined)).toBe("all");
        expect(rule("tcp", undefined, 5432)).toBe("all");
        expect(rule("tcp", "x", 5432)).toBe("all");
        expect(rule("tcp", 5432, "x")).toBe("all");
        expect(rule("tcp", 1, 65535)).toBe("all");
        expect(rule("tcp", 2, 65535)).toEqual({ from: 2, to: 65535 });
        expect(rule("tcp", 0, 65534)).toEqual({ from: 0, to: 65534 });
        expect(rule("tcp", 65535, 1)).toBe("all");
        expect(rule("tcp", -1, -1)).toBe("all");
        expect(rule("udp", -1, 5432)).toBe("all");
        expect(rule("tcp", 5432, -1)).toBe("all");
        expect(rule("tcp", "5432", "5433")).toEqual({ from: 5432, to: 5433 });
    });

    it("parses port specs strictly", () => {
        expect(parsePorts([" 5432 ", "1-2", " 7000 - 7001 ", 65535, "0"])).toEqual({
            ranges: [
                { from: 5432, to: 5432 },
                { from: 1, to: 2 },
                { from: 7000, to: 7001 },
                { from: 65535, to: 65535 },
                { from: 0, to: 0 },
            ],
            invalid: [],
        });
        expect(parsePorts(["65536", "1-65536", "123456", "1-", "-1", "1-2-3", "", "5 432"]).invalid).toEqual(["65536", "1-65536", "123456", "1-", "-1", "1-2-3", "", "5 432"]);
        expect(parsePorts(["3-3"]).ranges).toEqual([{ from: 3, to: 3 }]);
    });

    it("finds overlaps at the edges and describes ports", () => {
        expect(overlaps({ from: 1, to: 5 }, { from: 5, to: 9 })).toBe(true);
        expect(overlaps({ from: 5, to: 9 }, { from: 1, to: 5 })).toBe(true);
        expect(overlaps({ from: 1, to: 4 }, { from: 5, to: 9 })).toBe(false);
        expect(overlaps({ from: 10, to: 12 }, { from: 5, to: 9 })).toBe(false);
        expect(dbPortsHit("all", [{ from: 1, to: 2 }])).toEqual([{ from: 1, to: 2 }]);
        expect(describePorts("all")).toContain("all");
        expect(describePorts({ from: 5432, to: 5432 })).toContain("5432");
        expect(describePorts({ from: 5432, to: 5432 })).not.toContain("-");
        expect(describePorts({ from: 7000, to: 7001 })).toContain("7000-7001");
    });
});

describe("ingress rule forms", () => {
    it("reads every source list of an inline rule, with paths", () => {
        const [rule] = ingressRulesOf(
            SECURITY_GROUP,
            snapshot({
                ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: "8.8.8.8/32", ipv6CidrBlocks: ["::/0"], prefixListIds: ["pl-1", SENTINEL], securityGroups: ["sg-1"], self: "true" }],
            }),
        );
        expect(rule!.sources).toEqual([
            { kind: "cidr", value: "8.8.8.8/32", property: "ingress[0].cidrBlocks[0]" },
            { kind: "cidr", value: "::/0", property: "ingress[0].ipv6CidrBlocks[0]" },
            { kind: "prefix-list", value: "pl-1", property: "ingress[0].prefixListIds[0]" },
            { kind: "prefix-list", value: UNKNOWN, property: "ingress[0].prefixListIds[1]" },
            { kind: "security-group", value: "sg-1", property: "ingress[0].securityGroups[0]" },
            { kind: "self", value: true, property: "ingress[0].self" },
        ]);
        const [unknownSources] = ingressRulesOf(DEFAULT_SECURITY_GROUP, snapshot({ ingress: [{ protocol: "tcp", cidrBlocks: SENTINEL, self: false }] }));
        expect(unknownSources!.sources).toEqual([{ kind: "cidr", value: UNKNOWN, property: "ingress[0].cidrBlocks" }]);
    });

    it("reads an unknown or malformed inline rule as one that may admit anything", () => {
        const [unknown] = ingressRulesOf(SECURITY_GROUP, snapshot({ ingress: [SENTINEL] }));
        expect(unknown).toMatchObject({ path: "ingress[0]", protocol: UNKNOWN, sources: [{ kind: "cidr", value: UNKNOWN }] });
        const [malformed] = ingressRulesOf(SECURITY_GROUP, snapshot({ ingress: ["0.0.0.0/0"] }));
        expect(rulePorts(malformed!)).toBe("all");
        expect(publicSources(malformed!, []).map((e) => e.cidrClass)).toEqual(["invalid"]);
        expect(ingressRulesOf(SECURITY_GROUP, snapshot({}))).toEqual([]);
    });

    it("reads SecurityGroupRule sources, including the source group and self", () => {
        const [rule] = ingressRulesOf(
            SECURITY_GROUP_RULE,
            snapshot({ type: " Ingress ", protocol: "tcp", fromPort: 1, toPort: 2, prefixListIds: ["pl-1"], sourceSecurityGroupId: "sg-1", self: true }),
        );
        expect(rule).toMatchObject({ path: "", protocol: "tcp", fromPort: 1, toPort: 2 });
        expect(rule!.sources.map((s) => s.kind)).toEqual(["prefix-list", "security-group", "self"]);
        expect(ingressRulesOf(SECURITY_GROUP_RULE, snapshot({ type: " EGRESS ", cidrBlocks: ["0.0.0.0/0"] }))).toEqual([]);
        expect(ingressRulesOf(SECURITY_GROUP_RULE, snapshot({ type: SENTINEL, cidrBlocks: ["0.0.0.0/0"] }))).toHaveLength(1);
        expect(ingressRulesOf(SECURITY_GROUP_RULE, snapshot({ type: "ingress", sourceSecurityGroupId: null, self: "false" }))[0]!.sources).toEqual([]);
    });

    it("reads the single source of a vpc.SecurityGroupIngressRule", () => {
        const read = (props: Record<string, unknown>) => ingressRulesOf(SECURITY_GROUP_INGRESS_RULE, snapshot(props))[0]!;
        expect(read({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv6: "::/0" })).toEqual({
            path: "",
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            sources: [{ kind: "cidr", value: "::/0", property: "cidrIpv6" }],
        });
        expect(read({ ipProtocol: "-1", prefixListId: "pl-1" }).sources).toEqual([{ kind: "prefix-list", value: "pl-1", property: "prefixListId" }]);
        expect(read({ ipProtocol: "-1", referencedSecurityGroupId: "sg-1", cidrIpv4: null }).sources).toEqual([
            { kind: "security-group", value: "sg-1", property: "referencedSecurityGroupId" },
        ]);
        expect(ingressRulesOf("aws:rds/instance:Instance", snapshot({ ingress: [{ cidrBlocks: ["0.0.0.0/0"] }] }))).toEqual([]);
    });
});

describe("publicSources details", () => {
    const rule = (sources: RuleSource[], protocol: unknown = "tcp"): IngressRule => ({ path: "", protocol: protocol as never, fromPort: 5432, toPort: 5432, sources });

    it("reports prefix lists, unknown and non-string sources for the caller to judge, and skips icmp", () => {
        const exposures = publicSources(
            rule([
                { kind: "prefix-list", value: "pl-1", property: "a" },
                { kind: "prefix-list", value: UNKNOWN, property: "b" },
                { kind: "cidr", value: UNKNOWN, property: "c" },
                { kind: "cidr", value: 5, property: "d" },
                { kind: "cidr", value: " 8.8.8.8/32 ", property: "e" },
                { kind: "cidr", value: "nonsense", property: "f" },
                { kind: "security-group", value: "sg-1", property: "g" },
            ]),
            ["0.0.0.0/0"],
        );
        expect(exposures).toEqual([
            { property: "a", source: "pl-1", cidrClass: "prefix-list", ports: { from: 5432, to: 5432 } },
            { property: "b", source: "(computed)", cidrClass: "prefix-list", ports: { from: 5432, to: 5432 } },
            { property: "c", source: "(computed)", cidrClass: "unknown", ports: { from: 5432, to: 5432 } },
            { property: "d", source: "(not a string)", cidrClass: "invalid", ports: { from: 5432, to: 5432 } },
            { property: "f", source: "nonsense", cidrClass: "invalid", ports: { from: 5432, to: 5432 } },
        ]);
        expect(publicSources(rule([{ kind: "cidr", value: "0.0.0.0/0", property: "a" }], "icmp"), [])).toEqual([]);
        expect(publicSources(rule([{ kind: "cidr", value: "0.0.0.0/0", property: "a" }]), [])[0]!.cidrClass).toBe("world");
    });
});

describe("survivor-driven network edge cases", () => {
    it("reads self in both spellings, an absent source group as none, and port 0 as port 0", () => {
        const [inline] = ingressRulesOf(SECURITY_GROUP, snapshot({ ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, self: true }] }));
        expect(inline!.sources).toEqual([{ kind: "self", value: true, property: "ingress[0].self" }]);
        const [rule] = ingressRulesOf(SECURITY_GROUP_RULE, snapshot({ type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, self: "true", cidrBlocks: ["10.0.0.0/8"] }));
        expect(rule!.sources).toEqual([
            { kind: "cidr", value: "10.0.0.0/8", property: "cidrBlocks[0]" },
            { kind: "self", value: true, property: "self" },
        ]);
        expect(rulePorts({ path: "", protocol: "tcp", fromPort: 0, toPort: 0, sources: [] })).toEqual({ from: 0, to: 0 });
    });

    it("rejects protocol and address text with trailing or leading junk", () => {
        expect(normalizeProtocol("6x")).toBe(INVALID);
        expect(classifyCidr("1.2.3.x4/32")).toBe("invalid");
        expect(classifyCidr("10.0.0.0/8x")).toBe("invalid");
        expect(classifyCidr("10.0.0.0/x8")).toBe("invalid");
    });

    it("does not let an IPv6 allow-list entry cover IPv4 sources, and prints sources trimmed", () => {
        expect(isAllowedCidr("10.0.0.1/32", ["::/64"])).toBe(false);
        const [exposure] = publicSources({ path: "", protocol: "tcp", fromPort: 5432, toPort: 5432, sources: [{ kind: "cidr", value: " 8.8.8.8/32 ", property: "p" }] }, []);
        expect(exposure?.source).toBe("8.8.8.8/32");
    });
});
