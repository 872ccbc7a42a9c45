// Network reachability over the stack graph: which security groups guard a store, which rules (inline or
// separate resources) admit traffic into a group, whether a source is public, and whether a subnet routes to
// an internet gateway. Used by the stack policies; the per-resource security-group policies use lib/aws/network.ts.

import { StackGraph } from "./graph";
import {
    classifyCidr,
    DEFAULT_SECURITY_GROUP,
    ingressRulesOf,
    publicSources,
    rulePorts,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    describePorts,
    type Exposure,
    type IngressRule,
    type PortRange,
} from "./network";
import type { StackResource } from "./graph";
import type { StoreKind } from "./stores";
import { asBool, asList, isAbsent, isObject, read, UNKNOWN, type Plain } from "../readers/values";
import { EC2_DEFAULT_ROUTE_TABLE, EC2_INTERNET_GATEWAY, EC2_MAIN_ROUTE_TABLE_ASSOCIATION, EC2_ROUTE, EC2_ROUTE_TABLE, EC2_ROUTE_TABLE_ASSOCIATION, EC2_SUBNET, EC2_VPC, EC2_VPC_IPV4_CIDR_BLOCK_ASSOCIATION } from "./types";

const GROUP_TYPES = [SECURITY_GROUP, DEFAULT_SECURITY_GROUP];
const RULE_TYPES = [SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE];
const VPC = EC2_VPC;
const SUBNET = EC2_SUBNET;
const CIDR_OWNERS = [VPC, SUBNET, EC2_VPC_IPV4_CIDR_BLOCK_ASSOCIATION];

export interface GroupRule {
    /** The resource the rule is written on (the group for inline rules, or the rule resource). */
    owner: StackResource;
    rule: IngressRule;
}

export interface StoreGroups {
    groups: StackResource[];
    /** Group ids that are not resources of this stack. */
    external: string[];
    /** True when a group reference is unknown and cannot be followed. */
    unresolved: boolean;
    /** True when the store names no group at all. */
    none: boolean;
    /**
     * True when a named group is a VPC's default security group, not adopted in the stack: `vpc.defaultSecurityGroupId`
     * (a dependency on the VPC), or its id written as a literal. The same placement as naming no group.
     */
    defaultGroup: boolean;
    /** The VPCs whose default security group the store names (empty when `defaultGroup` is false). */
    defaultVpcs: StackResource[];
}

export function label(resource: StackResource): string {
    return resource.name;
}

/** The security groups a store names, followed through the graph. */
export function storeGroups(graph: StackGraph, store: StackResource, kind: StoreKind): StoreGroups {
    const result: StoreGroups = { groups: [], external: [], unresolved: false, none: true, defaultGroup: false, defaultVpcs: [] };
    for (const property of kind.securityGroupProperties) {
        const value = read(store.props, property);
        const items = asList(value);
        if (items !== UNKNOWN && items.length === 0 && (store.propertyDependencies[property.split(".")[0]!] ?? []).length === 0) {
            continue;
        }
        result.none = false;
        const ref = graph.referenced(store, property, GROUP_TYPES);
        for (const group of ref.resources) {
            if (!result.groups.includes(group)) {
                result.groups.push(group);
            }
        }
        const defaultIds = ref.external.filter((value) => graph.holding([VPC], "defaultSecurityGroupId", [value]).length > 0);
        result.external.push(...ref.external.filter((value) => !defaultIds.includes(value)));
        // In an SG-id list, the only output of a VPC that fits is its default security group's id.
        const vpcDependencies = (store.propertyDependencies[property.split(".")[0]!] ?? []).map((urn) => graph.byUrn(urn)).filter((r): r is StackResource => r?.type === VPC);
        const viaVpc = vpcDependencies.length > 0;
        result.defaultGroup ||= defaultIds.length > 0 || viaVpc;
        for (const vpc of [...vpcDependencies, ...graph.holding([VPC], "defaultSecurityGroupId", defaultIds)]) {
            if (!result.defaultVpcs.includes(vpc)) {
                result.defaultVpcs.push(vpc);
            }
        }
        result.unresolved ||= ref.unresolved && !viaVpc;
    }
    return result;
}

/** Every ingress rule that applies to a group: its inline rules and the rule resources attached to it. */
export function groupRules(graph: StackGraph, group: StackResource): GroupRule[] {
    const rules: GroupRule[] = ingressRulesOf(group.type, group.props).map((rule) => ({ owner: group, rule }));
    for (const ruleResource of graph.referencing(group, RULE_TYPES, "securityGroupId")) {
        for (const rule of ingressRulesOf(ruleResource.type, ruleResource.props)) {
            rules.push({ owner: ruleResource, rule });
        }
    }
    return rules;
}

/**
 * Resolves a computed CIDR through the resources it was computed from: `cidrBlocks: [vpc.cidrBlock]` is unknown
 * during preview, but the VPC's own input is known. Returns the classification when every source resource has a
 * known CIDR, or undefined.
 */
function resolveComputedCidr(graph: StackGraph, owner: StackResource, property: string): "private" | "public" | undefined {
    const top = property.split(/[.[]/)[0]!;
    const sources = (owner.propertyDependencies[top] ?? []).map((urn) => graph.byUrn(urn)).filter((r): r is StackResource => r !== undefined);
    const cidrOwners = sources.filter((r) => CIDR_OWNERS.includes(r.type));
    if (cidrOwners.length === 0 || cidrOwners.length !== sources.filter((r) => !GROUP_TYPES.includes(r.type)).length) {
        return undefined;
    }
    let verdict: "private" | "public" = "private";
    for (const resource of cidrOwners) {
        const cidrs = [read(resource.props, "cidrBlock"), read(resource.props, "ipv6CidrBlock")].filter((c) => !isAbsent(c));
        if (cidrs.length === 0 || cidrs.some((c) => typeof c !== "string")) {
            return undefined;
        }
        if (cidrs.some((c) => classifyCidr(c as string) !== "private")) {
            verdict = "public";
        }
    }
    return verdict;
}

export interface RuleExposure extends Exposure {
    owner: StackResource;
    /** True when the exposure cannot be decided (computed CIDR, prefix list). */
    undecided: boolean;
}

/** The sources of a group's rules that admit non-private addresses (decided or not). */
export function groupExposures(graph: StackGraph, group: StackResource, allowedCidrs: readonly string[]): RuleExposure[] {
    return ruleExposures(graph, groupRules(graph, group), allowedCidrs);
}

export function describeExposure(exposure: RuleExposure): string {
    const where = exposure.owner.type === SECURITY_GROUP || exposure.owner.type === DEFAULT_SECURITY_GROUP ? `${exposure.owner.name}.${exposure.property}` : `rule ${exposure.owner.name}`;
    const ports = exposure.ports === UNKNOWN ? "computed ports" : describePorts(exposure.ports);
    return `${where} ${exposure.source}:${ports}`;
}

/**
 * The ingress rules of a VPC's default security group that this stack writes: an adopted
 * aws.ec2.DefaultSecurityGroup's inline rules, and rule resources attached to `vpc.defaultSecurityGroupId` (by the
 * output, or by the id written as a literal). Without any of them the group keeps AWS's rules, which admit only
 * the group's own members (Amazon VPC User Guide, "Default security groups for your VPCs").
 */
export function defaultGroupRules(graph: StackGraph, vpcs: readonly StackResource[]): GroupRule[] {
    const rules: GroupRule[] = [];
    for (const vpc of vpcs) {
        for (const adopted of graph.referencing(vpc, [DEFAULT_SECURITY_GROUP], "vpcId")) {
            rules.push(...groupRules(graph, adopted));
        }
        const literalId = read(vpc.props, "defaultSecurityGroupId");
        const attached = new Set([...graph.referencing(vpc, RULE_TYPES, "securityGroupId"), ...(typeof literalId === "string" && literalId !== "" ? graph.holding(RULE_TYPES, "securityGroupId", [literalId]) : [])]);
        for (const ruleResource of attached) {
            for (const rule of ingressRulesOf(ruleResource.type, ruleResource.props)) {
                rules.push({ owner: ruleResource, rule });
            }
        }
    }
    return rules;
}

/** The non-private sources among rules (decided or not), computed CIDRs resolved through the graph. */
export function ruleExposures(graph: StackGraph, rules: readonly GroupRule[], allowedCidrs: readonly string[]): RuleExposure[] {
    const out: RuleExposure[] = [];
    for (const { owner, rule } of rules) {
        for (const exposure of publicSources(rule, allowedCidrs)) {
            if (exposure.cidrClass === "unknown") {
                const resolved = resolveComputedCidr(graph, owner, exposure.property);
                if (resolved === "private") {
                    continue;
                }
                out.push({ ...exposure, owner, undecided: resolved !== "public", cidrClass: resolved === "public" ? "public" : "unknown" });
                continue;
            }
            const undecided = exposure.cidrClass === "prefix-list" || exposure.ports === UNKNOWN;
            out.push({ ...exposure, owner, undecided });
        }
    }
    return out;
}

/**
 * Groups named as sources (securityGroups / sourceSecurityGroupId / referencedSecurityGroupId) in a group's rules;
 * with `opens`, only in rules whose ports it accepts (the ports a store listens on).
 */
export function sourceGroups(graph: StackGraph, group: StackResource, opens?: (ports: PortRange | "all" | typeof UNKNOWN) => boolean): StackResource[] {
    const out: StackResource[] = [];
    for (const { owner, rule } of groupRules(graph, group)) {
        const ports = rulePorts(rule);
        if (ports === "none" || (opens && !opens(ports))) {
            continue;
        }
        for (const source of rule.sources) {
            if (source.kind !== "security-group") {
                continue;
            }
            const candidates =
                source.value === UNKNOWN
                    ? (owner.propertyDependencies[source.property.split(/[.[]/)[0]!] ?? []).map((urn) => graph.byUrn(urn)).filter((r): r is StackResource => r !== undefined && GROUP_TYPES.includes(r.type) && r !== group)
                    : typeof source.value === "string"
                      ? graph.find(source.value, GROUP_TYPES)
                      : [];
            for (const candidate of candidates) {
                if (!out.includes(candidate)) {
                    out.push(candidate);
                }
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// Subnets and routes

const ROUTE_TABLE = EC2_ROUTE_TABLE;
const DEFAULT_ROUTE_TABLE = EC2_DEFAULT_ROUTE_TABLE;
const ROUTE = EC2_ROUTE;
const ASSOCIATION = EC2_ROUTE_TABLE_ASSOCIATION;
const MAIN_ASSOCIATION = EC2_MAIN_ROUTE_TABLE_ASSOCIATION;
const INTERNET_GATEWAY = EC2_INTERNET_GATEWAY;
export const SUBNET_TYPE = SUBNET;

/**
 * The hops of a public subnet's path, for reports that draw it (the scanner's HTML report): the route table or
 * route resource that sends internet-bound traffic to the gateway, where that route is written, and how the subnet
 * gets the table. Absent when the subnet is public by `mapPublicIpOnLaunch`.
 */
export interface PublicRoute {
    /** The route table (inline `routes`), absent for an aws.ec2.Route on the VPC's main table by id. */
    table?: StackResource;
    /** The aws.ec2.Route resource, when the route is one. */
    route?: StackResource;
    /** Where the gateway is named: `routes[0].gatewayId` on the table, `gatewayId` on a route resource. */
    property: string;
    /** The internet gateway, when it is a resource of the stack. */
    gateway?: StackResource;
    /** How the subnet is governed by the table: an explicit association, or the VPC's main route table. */
    governedBy: "association" | "main route table";
}

export type Verdict = { kind: "private" } | { kind: "public"; path: string; route?: PublicRoute } | { kind: "undecided"; reason: string };

function isDefaultDestination(value: Plain): boolean | typeof UNKNOWN {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    return typeof value === "string" && (classifyCidr(value) === "world" || classifyCidr(value) === "public");
}

/** Is a gateway reference an internet gateway? By graph link, by dependency, or by the `igw-` id prefix. */
function isInternetGateway(graph: StackGraph, owner: StackResource, property: string, value: Plain): boolean | typeof UNKNOWN {
    if (isAbsent(value) || value === "local") {
        return false;
    }
    if (value === UNKNOWN) {
        const deps = (owner.propertyDependencies[property.split(/[.[]/)[0]!] ?? []).map((urn) => graph.byUrn(urn));
        if (deps.some((r) => r?.type === INTERNET_GATEWAY)) {
            return true;
        }
        return deps.length > 0 ? false : UNKNOWN;
    }
    if (typeof value !== "string") {
        return UNKNOWN;
    }
    return value.startsWith("igw-") || graph.find(value, [INTERNET_GATEWAY]).length > 0;
}

interface RouteFinding {
    path: string;
    unknown: boolean;
    hop?: Omit<PublicRoute, "governedBy">;
}

/** The internet gateway resource a known gateway value names, if it is in the stack. */
function gatewayResource(graph: StackGraph, owner: StackResource, property: string, value: Plain): StackResource | undefined {
    if (typeof value === "string") {
        return graph.find(value, [INTERNET_GATEWAY])[0];
    }
    return (owner.propertyDependencies[property.split(/[.[]/)[0]!] ?? []).map((urn) => graph.byUrn(urn)).find((r) => r?.type === INTERNET_GATEWAY);
}

/** Routes of a route table (inline `routes` and aws.ec2.Route resources) that send public destinations to an IGW. */
function internetRoutes(graph: StackGraph, table: StackResource | undefined, extraRoutes: StackResource[]): RouteFinding[] {
    const out: RouteFinding[] = [];
    const inline = table ? asList(read(table.props, "routes")) : [];
    if (table && inline === UNKNOWN) {
        out.push({ path: `${table.name}.routes (computed)`, unknown: true });
    } else if (table && inline !== UNKNOWN) {
        inline.forEach((route, i) => {
            if (!isObject(route)) {
                return;
            }
            const destinations: Plain[] = [route.cidrBlock, route.ipv6CidrBlock];
            const toInternet = destinations.map(isDefaultDestination);
            if (!toInternet.some((d) => d !== false)) {
                return;
            }
            const igw = isInternetGateway(graph, table, "routes", route.gatewayId);
            if (igw === true && toInternet.some((d) => d === true)) {
                out.push({
                    path: `${table.name}.routes[${i}] -> internet gateway`,
                    unknown: false,
                    hop: { table, property: `routes[${i}].gatewayId`, gateway: gatewayResource(graph, table, "routes", route.gatewayId) },
                });
            } else if (igw !== false) {
                out.push({ path: `${table.name}.routes[${i}] (computed target)`, unknown: true });
            }
        });
    }
    for (const route of extraRoutes) {
        const destinations: Plain[] = [read(route.props, "destinationCidrBlock"), read(route.props, "destinationIpv6CidrBlock")];
        const destination = destinations.map(isDefaultDestination);
        if (!destination.some((d) => d !== false)) {
            continue;
        }
        const igw = isInternetGateway(graph, route, "gatewayId", read(route.props, "gatewayId"));
        if (igw === true && destination.some((d) => d === true)) {
            out.push({
                path: `route ${route.name} -> internet gateway`,
                unknown: false,
                hop: { table, route, property: "gatewayId", gateway: gatewayResource(graph, route, "gatewayId", read(route.props, "gatewayId")) },
            });
        } else if (igw !== false) {
            out.push({ path: `route ${route.name} (computed target)`, unknown: true });
        }
    }
    return out;
}

/** The route tables that govern a subnet: its explicit associations, else its VPC's main route table. */
function subnetRouteTables(graph: StackGraph, subnet: StackResource): { tables: StackResource[]; mainOf?: StackResource; unresolved: boolean } {
    const associations = graph.referencing(subnet, [ASSOCIATION], "subnetId");
    if (associations.length > 0) {
        const tables: StackResource[] = [];
        let unresolved = false;
        for (const association of associations) {
            const ref = graph.referenced(association, "routeTableId", [ROUTE_TABLE, DEFAULT_ROUTE_TABLE]);
            tables.push(...ref.resources);
            unresolved ||= ref.unresolved || ref.external.length > 0;
        }
        return { tables, unresolved };
    }
    const vpcRef = graph.referenced(subnet, "vpcId", [VPC]);
    const vpc = vpcRef.resources[0];
    if (!vpc) {
        return { tables: [], unresolved: true };
    }
    const tables = new Set([
        ...graph.referencing(vpc, [DEFAULT_ROUTE_TABLE], "defaultRouteTableId"),
        // Adopted by the id written as a literal (`rtb-...`), with no dependency on the VPC.
        ...graph.holding([DEFAULT_ROUTE_TABLE], "defaultRouteTableId", mainRouteTableIds(vpc)),
        ...graph.referencing(vpc, [MAIN_ASSOCIATION], "vpcId").flatMap((a) => graph.referenced(a, "routeTableId", [ROUTE_TABLE]).resources),
    ]);
    return { tables: [...tables], mainOf: vpc, unresolved: false };
}

/** The ids of a VPC's main route table, when known (the VPC's `mainRouteTableId` and `defaultRouteTableId` outputs). */
function mainRouteTableIds(vpc: StackResource): string[] {
    return ["mainRouteTableId", "defaultRouteTableId"].map((key) => read(vpc.props, key)).filter((v): v is string => typeof v === "string" && v.trim() !== "");
}

/** Is a subnet public: auto-assigned public IPs, or a route table that sends internet-bound traffic to an IGW? */
export function subnetVerdict(graph: StackGraph, subnet: StackResource): Verdict {
    const publicIp = asBool(read(subnet.props, "mapPublicIpOnLaunch"));
    if (publicIp === true) {
        return { kind: "public", path: `${subnet.name}.mapPublicIpOnLaunch = true` };
    }
    const route = subnetInternetRoute(graph, subnet);
    if (route.kind !== "public" && publicIp === UNKNOWN) {
        return { kind: "undecided", reason: `\`mapPublicIpOnLaunch\` of subnet ${subnet.name} is computed` };
    }
    return route;
}

/** Does a subnet's route table send internet-bound traffic to an internet gateway (whatever its public-IP setting)? */
export function subnetInternetRoute(graph: StackGraph, subnet: StackResource): Verdict {
    const { tables, mainOf, unresolved } = subnetRouteTables(graph, subnet);
    let undecidedReason: string | undefined = unresolved ? `the route table of subnet ${subnet.name} is not in this stack or is computed` : undefined;
    const routeResources = (table: StackResource) => graph.referencing(table, [ROUTE], "routeTableId");
    const candidates: { table?: StackResource; routes: StackResource[] }[] = tables.map((table) => ({ table, routes: routeResources(table) }));
    if (mainOf) {
        // Routes added to the VPC's main table by id: `routeTableId: vpc.mainRouteTableId` (a dependency on the VPC),
        // or the same id written as a literal.
        const routes = new Set([...graph.referencing(mainOf, [ROUTE], "routeTableId"), ...graph.holding([ROUTE], "routeTableId", mainRouteTableIds(mainOf))]);
        candidates.push({ routes: [...routes] });
    }
    for (const { table, routes } of candidates) {
        const findings = internetRoutes(graph, table, routes);
        const decided = findings.find((f) => !f.unknown);
        if (decided) {
            const route = decided.hop ? { ...decided.hop, governedBy: mainOf ? ("main route table" as const) : ("association" as const) } : undefined;
            return { kind: "public", path: `${subnet.name} -> ${decided.path}`, ...(route ? { route } : {}) };
        }
        if (findings.length > 0) {
            undecidedReason = `subnet ${subnet.name} has a route whose target is computed (${findings[0]!.path})`;
        }
    }
    return undecidedReason ? { kind: "undecided", reason: undecidedReason } : { kind: "private" };
}
