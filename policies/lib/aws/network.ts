// Security-group rules and CIDR analysis, shared by the per-resource security-group policies and the
// stack-wide reachability policies.
//
// An ingress rule can be written four ways: inline `ingress[]` on aws.ec2.SecurityGroup or
// aws.ec2.DefaultSecurityGroup, aws.ec2.SecurityGroupRule (`type: "ingress"`), and
// aws.vpc.SecurityGroupIngressRule (one source per rule, `ipProtocol: "-1"` without ports).
// All four are normalized to `IngressRule` here.

import { asList, asNumber, INVALID, isObject, read, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../readers/values";
import { EC2_DEFAULT_SECURITY_GROUP, EC2_SECURITY_GROUP, EC2_SECURITY_GROUP_RULE, VPC_SECURITY_GROUP_INGRESS_RULE } from "./types";

export const SECURITY_GROUP = EC2_SECURITY_GROUP;
export const DEFAULT_SECURITY_GROUP = EC2_DEFAULT_SECURITY_GROUP;
export const SECURITY_GROUP_RULE = EC2_SECURITY_GROUP_RULE;
export const SECURITY_GROUP_INGRESS_RULE = VPC_SECURITY_GROUP_INGRESS_RULE;
export const SECURITY_GROUP_TYPES: readonly string[] = [SECURITY_GROUP, DEFAULT_SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE];

/** Database and key-store listener ports (docs/controls.md, rows 23 and 25), as "port" or "from-to". */
export const DEFAULT_DB_PORTS: readonly string[] = [
    "1433-1434", "1521", "2483-2484", "3306", "5432", "50000", "27017-27019", "8182", "6379", "16379", "11211",
    "5439", "9200", "9300", "5601", "9042", "9142", "7000-7001", "7199", "9160", "5984", "8086", "7474", "7687",
    "8123", "9000", "2379-2380", "8200", "9092", "2181", "2223-2225",
];

export interface PortRange {
    from: number;
    to: number;
}

/** Parses a port list of numbers, "N" and "N-M" strings. Bad entries are returned separately. */
export function parsePorts(spec: readonly (string | number)[]): { ranges: PortRange[]; invalid: string[] } {
    const ranges: PortRange[] = [];
    const invalid: string[] = [];
    for (const entry of spec) {
        const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(String(entry));
        const from = match ? Number(match[1]) : NaN;
        const to = match?.[2] !== undefined ? Number(match[2]) : from;
        if (!match || from > 65535 || to > 65535 || from > to) {
            invalid.push(String(entry));
        } else {
            ranges.push({ from, to });
        }
    }
    return { ranges, invalid };
}

export type Protocol = "all" | "tcp" | "udp" | "icmp" | "other";

/** `-1`/`all` (any case, string or number), names and IANA numbers. */
export function normalizeProtocol(value: Plain): Protocol | Unknown | typeof INVALID {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof value !== "string" && typeof value !== "number") {
        return INVALID;
    }
    const p = String(value).trim().toLowerCase();
    if (p === "-1" || p === "all") {
        return "all";
    }
    if (p === "tcp" || p === "6") {
        return "tcp";
    }
    if (p === "udp" || p === "17") {
        return "udp";
    }
    if (p === "icmp" || p === "1" || p === "icmpv6" || p === "58") {
        return "icmp";
    }
    return /^\d+$/.test(p) || /^[a-z][a-z0-9-]*$/.test(p) ? "other" : INVALID;
}

export type SourceKind = "cidr" | "prefix-list" | "security-group" | "self";

export interface RuleSource {
    kind: SourceKind;
    /** The CIDR, prefix-list id or security-group id (may be unknown). */
    value: Plain;
    /** Where it is written, e.g. "ingress[0].cidrBlocks[1]" or "cidrIpv4". */
    property: string;
}

export interface IngressRule {
    /** Where the rule is written: "ingress[2]" for inline rules, "" for rule resources. */
    path: string;
    protocol: Plain;
    fromPort: Plain;
    toPort: Plain;
    sources: RuleSource[];
}

function at(path: string, property: string): string {
    return path ? `${path}.${property}` : property;
}

function listSources(kind: SourceKind, value: Plain, property: string): RuleSource[] {
    const items = asList(value);
    if (items === UNKNOWN) {
        return [{ kind, value: UNKNOWN, property }];
    }
    return items.map((item, i) => ({ kind, value: item, property: `${property}[${i}]` }));
}

function inlineRule(rule: Plain, path: string): IngressRule {
    if (rule === UNKNOWN) {
        return { path, protocol: UNKNOWN, fromPort: UNKNOWN, toPort: UNKNOWN, sources: [{ kind: "cidr", value: UNKNOWN, property: path }] };
    }
    if (!isObject(rule)) {
        // A malformed entry cannot be deployed; reading it as "all traffic from an invalid source" fails closed.
        return { path, protocol: "-1", fromPort: 0, toPort: 0, sources: [{ kind: "cidr", value: "(malformed rule)", property: path }] };
    }
    const sources = [
        ...listSources("cidr", rule.cidrBlocks, at(path, "cidrBlocks")),
        ...listSources("cidr", rule.ipv6CidrBlocks, at(path, "ipv6CidrBlocks")),
        ...listSources("prefix-list", rule.prefixListIds, at(path, "prefixListIds")),
        ...listSources("security-group", rule.securityGroups, at(path, "securityGroups")),
    ];
    if (rule.self === true || rule.self === "true") {
        sources.push({ kind: "self", value: true, property: at(path, "self") });
    }
    return { path, protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, sources };
}

/**
 * The ingress rules a resource defines, or [] for other types and egress rules. An unknown `ingress` list
 * becomes one rule with unknown everything, so callers report it as undecided rather than pass it.
 */
export function ingressRulesOf(type: string, props: PlainObject): IngressRule[] {
    if (type === SECURITY_GROUP || type === DEFAULT_SECURITY_GROUP) {
        const rules = asList(props.ingress);
        if (rules === UNKNOWN) {
            return [{ path: "ingress", protocol: UNKNOWN, fromPort: UNKNOWN, toPort: UNKNOWN, sources: [{ kind: "cidr", value: UNKNOWN, property: "ingress" }] }];
        }
        return rules.map((rule, i) => inlineRule(rule, `ingress[${i}]`));
    }
    if (type === SECURITY_GROUP_RULE) {
        const direction = read(props, "type");
        if (typeof direction === "string" && direction.trim().toLowerCase() === "egress") {
            return [];
        }
        const sources = [
            ...listSources("cidr", props.cidrBlocks, "cidrBlocks"),
            ...listSources("cidr", props.ipv6CidrBlocks, "ipv6CidrBlocks"),
            ...listSources("prefix-list", props.prefixListIds, "prefixListIds"),
        ];
        if (props.sourceSecurityGroupId !== undefined && props.sourceSecurityGroupId !== null) {
            sources.push({ kind: "security-group", value: props.sourceSecurityGroupId, property: "sourceSecurityGroupId" });
        }
        if (props.self === true || props.self === "true") {
            sources.push({ kind: "self", value: true, property: "self" });
        }
        const rule: IngressRule = { path: "", protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort, sources };
        // An unknown direction could be ingress: keep the rule and let the caller treat it as such.
        return [rule];
    }
    if (type === SECURITY_GROUP_INGRESS_RULE) {
        const sources: RuleSource[] = [];
        const single: [SourceKind, string][] = [
            ["cidr", "cidrIpv4"],
            ["cidr", "cidrIpv6"],
            ["prefix-list", "prefixListId"],
            ["security-group", "referencedSecurityGroupId"],
        ];
        for (const [kind, property] of single) {
            const value = props[property];
            if (value !== undefined && value !== null) {
                sources.push({ kind, value, property });
            }
        }
        return [{ path: "", protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort, sources }];
    }
    return [];
}

/** The ports a rule opens, "all", UNKNOWN, or "none" for protocols that carry no database traffic. */
export function rulePorts(rule: IngressRule): PortRange | "all" | "none" | Unknown {
    const protocol = normalizeProtocol(rule.protocol);
    if (protocol === UNKNOWN) {
        return UNKNOWN;
    }
    if (protocol === "all" || protocol === INVALID) {
        // An unreadable protocol is treated as the widest one: fail closed.
        return "all";
    }
    if (protocol === "icmp" || protocol === "other") {
        return "none";
    }
    const from = asNumber(rule.fromPort);
    const to = asNumber(rule.toPort);
    if (from === UNKNOWN || to === UNKNOWN) {
        return UNKNOWN;
    }
    if (from === undefined || to === undefined || from === INVALID || to === INVALID) {
        return "all";
    }
    const low = Math.max(0, Math.min(from, to));
    const high = Math.min(65535, Math.max(from, to));
    if (low <= 1 && high >= 65535) {
        // Port 0 is reserved: 1-65535 opens every usable port.
        return "all";
    }
    // fromPort -1 with tcp/udp is how some tools write "every port".
    return from < 0 || to < 0 ? "all" : { from: low, to: high };
}

export function overlaps(a: PortRange, b: PortRange): boolean {
    return a.from <= b.to && b.from <= a.to;
}

export function describePorts(ports: PortRange | "all"): string {
    if (ports === "all") {
        return "all ports";
    }
    return ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
}

// ---------------------------------------------------------------------------------------------------------
// CIDR analysis

interface ParsedCidr {
    family: 4 | 6;
    /** The network address as a bigint, and the prefix length. */
    address: bigint;
    prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4) {
        return undefined;
    }
    let value = 0n;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
            return undefined;
        }
        value = (value << 8n) | BigInt(Number(part));
    }
    return value;
}

function parseIpv6(text: string): bigint | undefined {
    let head = text;
    let tailV4: bigint | undefined;
    const lastColon = text.lastIndexOf(":");
    if (text.includes(".") && lastColon >= 0) {
        tailV4 = parseIpv4(text.slice(lastColon + 1));
        if (tailV4 === undefined) {
            return undefined;
        }
        head = `${text.slice(0, lastColon + 1)}0:0`;
    }
    const halves = head.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const parse = (s: string) => (s === "" ? [] : s.split(":"));
    const left = parse(halves[0] ?? "");
    const right = halves.length === 2 ? parse(halves[1] ?? "") : [];
    const missing = 8 - left.length - right.length;
    if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) {
        return undefined;
    }
    const groups = [...left, ...new Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
    let value = 0n;
    for (const group of groups) {
        if (!/^[0-9a-f]{1,4}$/i.test(group)) {
            return undefined;
        }
        value = (value << 16n) | BigInt(parseInt(group, 16));
    }
    if (tailV4 !== undefined) {
        value = (value & ~0xffffffffn) | tailV4;
    }
    return value;
}

export function parseCidr(text: string): ParsedCidr | undefined {
    const trimmed = text.trim();
    const slash = trimmed.indexOf("/");
    const addressText = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
    const prefixText = slash >= 0 ? trimmed.slice(slash + 1) : undefined;
    const family: 4 | 6 = addressText.includes(":") ? 6 : 4;
    const bits = family === 4 ? 32 : 128;
    const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
    if (address === undefined) {
        return undefined;
    }
    const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
        return undefined;
    }
    const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
    return { family, address: address & mask, prefix };
}

/** Address ranges that are not reachable from the internet. */
const NON_PUBLIC_RANGES: readonly string[] = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10", // carrier-grade NAT, used for private overlays
    "127.0.0.0/8",
    "169.254.0.0/16",
    "fc00::/7",
    "fe80::/10",
    "::1/128",
];
const NON_PUBLIC = NON_PUBLIC_RANGES.map((c) => parseCidr(c)!);

function contains(outer: ParsedCidr, inner: ParsedCidr): boolean {
    if (outer.family !== inner.family || outer.prefix > inner.prefix) {
        return false;
    }
    const bits = outer.family === 4 ? 32 : 128;
    const shift = BigInt(bits - outer.prefix);
    return outer.prefix === 0 || inner.address >> shift === outer.address >> shift;
}

export type CidrClass = "private" | "public" | "world" | "invalid";

/**
 * `world` covers every address (0.0.0.0/0, ::/0); `public` contains any internet-routable address;
 * `private` lies entirely inside RFC 1918 / CGNAT / loopback / link-local / ULA space.
 * An IPv4-mapped IPv6 range (::ffff:0:0/96) counts as public.
 */
export function classifyCidr(text: string): CidrClass {
    const cidr = parseCidr(text);
    if (!cidr || !text.includes("/")) {
        return cidr ? (NON_PUBLIC.some((range) => contains(range, cidr)) ? "private" : "public") : "invalid";
    }
    if (cidr.prefix === 0) {
        return "world";
    }
    return NON_PUBLIC.some((range) => contains(range, cidr)) ? "private" : "public";
}

/** Is `text` one of the allow-listed CIDRs (or inside one)? */
export function isAllowedCidr(text: string, allowed: readonly string[]): boolean {
    const cidr = parseCidr(text);
    if (!cidr) {
        return false;
    }
    return allowed.some((entry) => {
        const outer = parseCidr(entry);
        return outer !== undefined && contains(outer, cidr);
    });
}

export interface Exposure {
    /** Where the public source is written, e.g. "ingress[0].cidrBlocks[0]". */
    property: string;
    /** The source, safe to print (a CIDR or a prefix-list id), or "(computed)". */
    source: string;
    cidrClass: CidrClass | "unknown" | "prefix-list";
    ports: PortRange | "all" | Unknown;
}

/**
 * The sources of a rule that admit non-private addresses. Security-group and self sources are private by
 * construction; prefix lists and unknown CIDRs cannot be judged here and are returned for the caller to
 * report as undecided.
 */
export function publicSources(rule: IngressRule, allowedCidrs: readonly string[]): Exposure[] {
    const ports = rulePorts(rule);
    if (ports === "none") {
        return [];
    }
    const exposures: Exposure[] = [];
    for (const source of rule.sources) {
        if (source.kind === "security-group" || source.kind === "self") {
            continue;
        }
        if (source.kind === "prefix-list") {
            exposures.push({ property: source.property, source: typeof source.value === "string" ? source.value : "(computed)", cidrClass: "prefix-list", ports });
            continue;
        }
        if (source.value === UNKNOWN) {
            exposures.push({ property: source.property, source: "(computed)", cidrClass: "unknown", ports });
            continue;
        }
        if (typeof source.value !== "string") {
            exposures.push({ property: source.property, source: "(not a string)", cidrClass: "invalid", ports });
            continue;
        }
        const cidrClass = classifyCidr(source.value);
        if (cidrClass === "private" || (cidrClass !== "invalid" && isAllowedCidr(source.value, allowedCidrs))) {
            continue;
        }
        exposures.push({ property: source.property, source: source.value.trim(), cidrClass, ports });
    }
    return exposures;
}

/** The configured DB port ranges a rule's ports touch (all of them for "all"). */
export function dbPortsHit(ports: PortRange | "all", dbPorts: readonly PortRange[]): PortRange[] {
    return ports === "all" ? [...dbPorts] : dbPorts.filter((range) => overlaps(range, ports));
}
