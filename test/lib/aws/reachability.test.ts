import { describe, expect, it } from "vitest";
import { StackGraph } from "../../../policies/lib/aws/graph";
import type { StackResource } from "../../../policies/lib/core/policy";
import { describeExposure, groupExposures, label, sourceGroups, storeGroups, subnetVerdict } from "../../../policies/lib/aws/reachability";
import type { StoreKind } from "../../../policies/lib/aws/stores";
import { snapshot } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${name}`, props: snapshot(props), dependencies: [], propertyDependencies };
}

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RT = "aws:ec2/routeTable:RouteTable";
const DEFAULT_RT = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const MAIN_ASSOC = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
const IGW = "aws:ec2/internetGateway:InternetGateway";
const DB = "aws:rds/instance:Instance";
const KIND: StoreKind = { type: DB, label: "RDS instance", keyProperties: [], securityGroupProperties: ["vpcSecurityGroupIds"], defaultSecurityGroupWhenOmitted: true };

describe("storeGroups", () => {
    it("follows named groups, keeps external ids and unresolved references, and notices when none is named", () => {
        const sg = resource(SG, "db-sg", { id: "sg-1" });
        const named = resource(DB, "db", { vpcSecurityGroupIds: ["sg-1", "sg-1", "sg-external"] });
        const graph = new StackGraph([sg, named]);
        expect(storeGroups(graph, named, KIND)).toEqual({ groups: [sg], external: ["sg-external"], unresolved: false, none: false, defaultGroup: false, defaultVpcs: [] });
        const none = resource(DB, "bare", {});
        expect(storeGroups(graph, none, KIND)).toEqual({ groups: [], external: [], unresolved: false, none: true, defaultGroup: false, defaultVpcs: [] });
        const computed = resource(DB, "computed", { vpcSecurityGroupIds: SENTINEL });
        expect(storeGroups(graph, computed, KIND)).toMatchObject({ unresolved: true, none: false });
        const viaDependency = resource(DB, "dep", { vpcSecurityGroupIds: [] }, { vpcSecurityGroupIds: ["urn:db-sg"] });
        expect(storeGroups(new StackGraph([sg, viaDependency]), viaDependency, KIND)).toMatchObject({ groups: [sg], none: false });
        expect(label(sg)).toBe("db-sg");
    });

    it("recognises a VPC's default security group by its id or by a dependency on the VPC, and no longer calls it external", () => {
        const vpc = resource("aws:ec2/vpc:Vpc", "vpc", { id: "vpc-1", defaultSecurityGroupId: "sg-default" });
        const byId = resource(DB, "by-id", { vpcSecurityGroupIds: ["sg-default", "sg-other"] });
        expect(storeGroups(new StackGraph([vpc, byId]), byId, KIND)).toEqual({ groups: [], external: ["sg-other"], unresolved: false, none: false, defaultGroup: true, defaultVpcs: [vpc] });
        const byOutput = resource(DB, "by-output", { vpcSecurityGroupIds: [SENTINEL] }, { vpcSecurityGroupIds: ["urn:vpc"] });
        expect(storeGroups(new StackGraph([vpc, byOutput]), byOutput, KIND)).toEqual({ groups: [], external: [], unresolved: false, none: false, defaultGroup: true, defaultVpcs: [vpc] });
    });
});

describe("groupExposures", () => {
    it("collects public sources of inline rules and of rule resources attached to the group", () => {
        const sg = resource(SG, "db-sg", { id: "sg-1", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"] }] });
        const rule = resource(SG_RULE, "open-rule", { type: "ingress", securityGroupId: "sg-1", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["203.0.113.0/24"] });
        const prefix = resource(INGRESS_RULE, "pl-rule", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, prefixListId: "pl-1" });
        const computedPorts = resource(INGRESS_RULE, "port-rule", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: SENTINEL, toPort: 5432, cidrIpv4: "0.0.0.0/0" });
        const graph = new StackGraph([sg, rule, prefix, computedPorts]);
        const exposures = groupExposures(graph, sg, []);
        expect(exposures.map((e) => [e.owner.name, e.source, e.undecided])).toEqual([
            ["db-sg", "0.0.0.0/0", false],
            ["open-rule", "203.0.113.0/24", false],
            ["pl-rule", "pl-1", true],
            ["port-rule", "0.0.0.0/0", true],
        ]);
        expect(groupExposures(graph, sg, ["0.0.0.0/0"]).map((e) => e.owner.name)).toEqual(["pl-rule"]);
        expect(describeExposure(exposures[0]!)).toContain("db-sg.ingress[0].cidrBlocks[0]");
        expect(describeExposure(exposures[0]!)).toContain("0.0.0.0/0");
        expect(describeExposure(exposures[1]!)).toContain("open-rule");
        expect(describeExposure(exposures[1]!)).not.toContain("open-rule.");
        expect(describeExposure(exposures[3]!)).toContain("computed");
    });

    it("resolves a computed CIDR through the VPC or subnet it comes from", () => {
        const privateVpc = resource(VPC, "vpc", { id: "vpc-1", cidrBlock: "10.0.0.0/16" });
        const publicVpc = resource(VPC, "pub-vpc", { id: "vpc-2", cidrBlock: "10.0.0.0/16", ipv6CidrBlock: "2001:db8::/56" });
        const computedVpc = resource(VPC, "computed-vpc", { id: "vpc-3", cidrBlock: SENTINEL });
        const emptyVpc = resource(VPC, "empty-vpc", { id: "vpc-4" });
        const other = resource(SG, "other-sg", { id: "sg-9" });
        const key = resource("aws:kms/key:Key", "key", { id: "k" });
        const group = (name: string, deps: string[]) =>
            resource(SG, name, { id: `sg-${name}`, ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [SENTINEL] }] }, { ingress: deps });
        const cases: [StackResource, string, boolean][] = [
            [group("a", ["urn:vpc"]), "none", false],
            [group("b", ["urn:pub-vpc"]), "public", false],
            [group("c", ["urn:computed-vpc"]), "unknown", true],
            [group("d", ["urn:empty-vpc"]), "unknown", true],
            [group("e", []), "unknown", true],
            [group("f", ["urn:vpc", "urn:key"]), "unknown", true],
            [group("g", ["urn:vpc", "urn:other-sg"]), "none", false],
            [group("h", ["urn:vpc", "urn:pub-vpc"]), "public", false],
        ];
        const graph = new StackGraph([privateVpc, publicVpc, computedVpc, emptyVpc, other, key, ...cases.map(([g]) => g)]);
        for (const [g, cidrClass, undecided] of cases) {
            const exposures = groupExposures(graph, g, []);
            if (cidrClass === "none") {
                expect(exposures, g.name).toEqual([]);
            } else {
                expect(exposures.map((e) => [e.cidrClass, e.undecided]), g.name).toEqual([[cidrClass, undecided]]);
            }
        }
    });
});

describe("sourceGroups", () => {
    it("lists the groups named as sources, by id or by dependency, skipping icmp rules, itself and duplicates", () => {
        const db = resource(SG, "db-sg", {
            id: "sg-db",
            ingress: [
                { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app", "sg-app", "sg-outside"] },
                { protocol: "icmp", fromPort: -1, toPort: -1, securityGroups: ["sg-ping"] },
                { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] },
            ],
        });
        const app = resource(SG, "app-sg", { id: "sg-app" });
        const ping = resource(SG, "ping-sg", { id: "sg-ping" });
        const batch = resource(SG, "batch-sg", { id: SENTINEL });
        const rule = resource(
            SG_RULE,
            "batch-rule",
            { type: "ingress", securityGroupId: "sg-db", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: SENTINEL },
            { sourceSecurityGroupId: ["urn:batch-sg", "urn:db-sg", "urn:gone"] },
        );
        const odd = resource(INGRESS_RULE, "odd-rule", { securityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: 7 });
        const graph = new StackGraph([db, app, ping, batch, rule, odd]);
        expect(sourceGroups(graph, db).map((g) => g.name)).toEqual(["app-sg", "batch-sg"]);
    });
});

describe("subnetVerdict", () => {
    const vpc = resource(VPC, "vpc", { id: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const igw = resource(IGW, "igw", { id: "igw-1" });
    const subnet = (name: string, props: Record<string, unknown> = {}) => resource(SUBNET, name, { id: `subnet-${name}`, vpcId: "vpc-1", ...props });
    const table = (name: string, routes: unknown, deps: Record<string, string[]> = {}) => resource(RT, name, { id: `rtb-${name}`, vpcId: "vpc-1", routes }, deps);
    const assoc = (subnetName: string, tableName: string) => resource(ASSOC, `${subnetName}-assoc`, { subnetId: `subnet-${subnetName}`, routeTableId: `rtb-${tableName}` });
    const verdict = (...resources: StackResource[]) => subnetVerdict(new StackGraph([vpc, igw, ...resources]), resources[0]!);

    it("is public with auto-assigned public IPs, undecided when that is computed", () => {
        expect(verdict(subnet("s", { mapPublicIpOnLaunch: true })).kind).toBe("public");
        expect(verdict(subnet("s", { mapPublicIpOnLaunch: "true" })).kind).toBe("public");
        const s = subnet("s", { mapPublicIpOnLaunch: SENTINEL });
        expect(verdict(s, table("t", []), assoc("s", "t")).kind).toBe("undecided");
        expect(verdict(subnet("s", { mapPublicIpOnLaunch: false }), table("t", []), assoc("s", "t"))).toEqual({ kind: "private" });
    });

    it("follows inline routes of the associated table to an internet gateway, by id, link or dependency", () => {
        const s = subnet("s");
        expect(verdict(s, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]), assoc("s", "t")).kind).toBe("public");
        expect(verdict(s, table("t", [{ ipv6CidrBlock: "::/0", gatewayId: "igw-elsewhere" }]), assoc("s", "t")).kind).toBe("public");
        expect(verdict(s, table("t", [{ cidrBlock: "8.8.8.0/24", gatewayId: "igw-x" }]), assoc("s", "t")).kind).toBe("public");
        expect(verdict(s, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: SENTINEL }], { routes: ["urn:igw"] }), assoc("s", "t")).kind).toBe("public");
        const named = resource(IGW, "named-igw", { id: "gw-custom" });
        expect(verdict(s, named, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: "gw-custom" }]), assoc("s", "t")).kind).toBe("public");
    });

    it("treats local, NAT, private destinations and gateways proven not to be IGWs as private", () => {
        const s = subnet("s");
        const nat = resource("aws:ec2/natGateway:NatGateway", "nat", { id: "nat-1" });
        const routes = [
            { cidrBlock: "10.0.0.0/16", gatewayId: "local" },
            { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
            { cidrBlock: "0.0.0.0/0", gatewayId: "local" },
            { cidrBlock: "0.0.0.0/0", gatewayId: "vgw-1" },
            { cidrBlock: "0.0.0.0/0", gatewayId: SENTINEL },
            "not a route",
        ];
        expect(verdict(s, nat, table("t", routes, { routes: ["urn:nat"] }), assoc("s", "t"))).toEqual({ kind: "private" });
    });

    it("is undecided when a route target or the route list is computed", () => {
        const s = subnet("s");
        expect(verdict(s, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: SENTINEL }]), assoc("s", "t")).kind).toBe("undecided");
        expect(verdict(s, table("t", [{ cidrBlock: SENTINEL, gatewayId: "igw-1" }]), assoc("s", "t")).kind).toBe("undecided");
        expect(verdict(s, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: 5 }]), assoc("s", "t")).kind).toBe("undecided");
        expect(verdict(s, table("t", SENTINEL), assoc("s", "t")).kind).toBe("undecided");
        // A decided internet route wins over an undecided one.
        expect(verdict(s, table("t", [{ cidrBlock: "0.0.0.0/0", gatewayId: SENTINEL }, { cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]), assoc("s", "t")).kind).toBe("public");
    });

    it("follows aws.ec2.Route resources of the table", () => {
        const s = subnet("s");
        const t = table("t", []);
        const route = (props: Record<string, unknown>, deps: Record<string, string[]> = {}) => resource(ROUTE, "r", { routeTableId: "rtb-t", ...props }, deps);
        expect(verdict(s, t, assoc("s", "t"), route({ destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" })).kind).toBe("public");
        expect(verdict(s, t, assoc("s", "t"), route({ destinationIpv6CidrBlock: "::/0", gatewayId: SENTINEL }, { gatewayId: ["urn:igw"] })).kind).toBe("public");
        expect(verdict(s, t, assoc("s", "t"), route({ destinationCidrBlock: "0.0.0.0/0", gatewayId: SENTINEL })).kind).toBe("undecided");
        expect(verdict(s, t, assoc("s", "t"), route({ destinationCidrBlock: SENTINEL, gatewayId: "igw-1" })).kind).toBe("undecided");
        expect(verdict(s, t, assoc("s", "t"), route({ destinationCidrBlock: "10.1.0.0/16", gatewayId: "igw-1" }))).toEqual({ kind: "private" });
        expect(verdict(s, t, assoc("s", "t"), route({ destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }))).toEqual({ kind: "private" });
    });

    it("names the hops of a public path: the table or route, where the gateway is named, the gateway, how the subnet gets the table", () => {
        const s = subnet("s");
        const t = table("t", [{ cidrBlock: "10.0.0.0/16", gatewayId: "local" }, { cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]);
        const inline = verdict(s, t, assoc("s", "t"));
        expect(inline.kind === "public" && inline.route).toEqual({ table: t, property: "routes[1].gatewayId", gateway: igw, governedBy: "association" });
        const empty = table("t", []);
        const r = resource(ROUTE, "r", { routeTableId: "rtb-t", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-elsewhere" });
        const viaRoute = verdict(s, empty, assoc("s", "t"), r);
        expect(viaRoute.kind === "public" && viaRoute.route).toEqual({ table: empty, route: r, property: "gatewayId", gateway: undefined, governedBy: "association" });
        const main = resource(DEFAULT_RT, "main", { id: "rtb-main", defaultRouteTableId: "rtb-main", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: SENTINEL }] }, { defaultRouteTableId: ["urn:vpc"], routes: ["urn:igw"] });
        const viaMain = verdict(s, main);
        expect(viaMain.kind === "public" && viaMain.route).toEqual({ table: main, property: "routes[0].gatewayId", gateway: igw, governedBy: "main route table" });
        const byIp = verdict(subnet("p", { mapPublicIpOnLaunch: true }));
        expect(byIp.kind === "public" && byIp.route).toBeUndefined();
    });

    it("uses the VPC's main route table when the subnet has no association", () => {
        const s = subnet("s");
        const main = resource(DEFAULT_RT, "main", { id: "rtb-main", defaultRouteTableId: "rtb-main", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, { defaultRouteTableId: ["urn:vpc"] });
        expect(verdict(s, main).kind).toBe("public");
        const custom = table("custom", [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]);
        const mainAssoc = resource(MAIN_ASSOC, "main-assoc", { vpcId: "vpc-1", routeTableId: "rtb-custom" });
        expect(verdict(s, custom, mainAssoc).kind).toBe("public");
        const byVpcMain = resource(ROUTE, "main-route", { routeTableId: SENTINEL, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }, { routeTableId: ["urn:vpc"] });
        expect(verdict(s, byVpcMain).kind).toBe("public");
        expect(verdict(s)).toEqual({ kind: "private" });
    });

    it("is undecided when the route table or VPC is outside the stack", () => {
        expect(verdict(subnet("s", { vpcId: "vpc-elsewhere" })).kind).toBe("undecided");
        expect(verdict(subnet("s"), resource(ASSOC, "a", { subnetId: "subnet-s", routeTableId: "rtb-elsewhere" })).kind).toBe("undecided");
        expect(verdict(subnet("s"), resource(ASSOC, "a", { subnetId: "subnet-s", routeTableId: SENTINEL })).kind).toBe("undecided");
        const undecided = verdict(subnet("s", { vpcId: "vpc-elsewhere" }));
        expect(undecided.kind === "undecided" && undecided.reason).toContain("s");
    });
});
