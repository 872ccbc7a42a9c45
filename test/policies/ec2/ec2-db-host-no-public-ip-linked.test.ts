import { describe, expect, it } from "vitest";
import { ec2DbHostNoPublicIpLinked as policy } from "../../../policies/ec2/ec2-db-host-no-public-ip-linked";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const INSTANCE = "aws:ec2/instance:Instance";
const SUBNET = "aws:ec2/subnet:Subnet";
const VPC = "aws:ec2/vpc:Vpc";
const IGW = "aws:ec2/internetGateway:InternetGateway";
const RT = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const DB_USER_DATA = "#!/bin/bash\nyum install -y postgresql15-server\nsystemctl enable --now postgresql\n";

/** A VPC with one subnet; `publicRoute` adds a default route to an internet gateway. */
function network(mapPublicIpOnLaunch: unknown, publicRoute: boolean): StackInputResource[] {
    const out: StackInputResource[] = [
        { type: VPC, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
        { type: SUBNET, name: "subnet", props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: RT, name: "rt", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: ASSOC, name: "assoc", props: { subnetId: UNKNOWN, routeTableId: UNKNOWN }, propertyDependencies: { subnetId: ["subnet"], routeTableId: ["rt"] } },
    ];
    if (publicRoute) {
        out.push(
            { type: IGW, name: "igw", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["vpc"] } },
            { type: ROUTE, name: "default", props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, propertyDependencies: { routeTableId: ["rt"], gatewayId: ["igw"] } },
        );
    }
    return out;
}

const host = (name: string, props: Record<string, unknown>): StackInputResource => ({ type: INSTANCE, name, props: { subnetId: UNKNOWN, ...props }, propertyDependencies: { subnetId: ["subnet"] } });

describe("ec2-db-host-no-public-ip-linked", () => {
    it("flags a host whose user data installs a database server, launched without associatePublicIpAddress into a public subnet with an internet route", () => {
        const result = evaluateStack(policy, [...network(true, true), host("node", { userData: DB_USER_DATA })]);
        expect(result.violations.map((v) => [v.urn, v.property, v.level])).toEqual([[urnOf(INSTANCE, "node"), "associatePublicIpAddress", "mandatory"]]);
        expect(result.violations[0]!.message).toContain("mapPublicIpOnLaunch");
        expect(result.violations[0]!.message).toContain("internet gateway");
        expect(result.violations[0]!.message).not.toContain("postgresql");
    });

    it("does not flag a web server in the same subnet, a database host with an explicit setting, or a subnet without a public IP or internet route", () => {
        expect(evaluateStack(policy, [...network(true, true), host("web", { userData: "#!/bin/bash\nyum install -y nginx\n" })]).diagnostics).toEqual([]);
        // Explicit values are the resource policy's (ec2-db-host-no-public-ip).
        expect(evaluateStack(policy, [...network(true, true), host("db-1", { associatePublicIpAddress: false })]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [...network(true, true), host("db-1", { associatePublicIpAddress: true })]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [...network(false, true), host("db-1", {})]).diagnostics).toEqual([]);
        // A public address without a route to the internet is not reachable from it.
        expect(evaluateStack(policy, [...network(true, false), host("db-1", {})]).diagnostics).toEqual([]);
    });

    it("is undecided when the subnet's setting or the host's user data is computed", () => {
        const subnetUnknown = evaluateStack(policy, [...network(UNKNOWN, true), host("db-1", {})]);
        expect(subnetUnknown.cantRun).toBe(false);
        expect(subnetUnknown.violations).toEqual([]);
        expect(subnetUnknown.undecided.map((d) => d.property)).toEqual(["associatePublicIpAddress"]);
        const userDataUnknown = evaluateStack(policy, [...network(true, true), host("node", { userData: UNKNOWN })]);
        expect(userDataUnknown.violations).toEqual([]);
        expect(userDataUnknown.undecided.map((d) => d.property)).toEqual(["associatePublicIpAddress"]);
    });
});
