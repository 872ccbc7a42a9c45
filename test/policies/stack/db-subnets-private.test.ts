import { describe, expect, it } from "vitest";
import { dbSubnetsPrivate as policy } from "../../../policies/stack/db-subnets-private";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";
import { network } from "./fixtures";

const GROUP = urnOf("aws:rds/subnetGroup:SubnetGroup", "db-subnets");

describe("db-subnets-private", () => {
    it.each([false, true])("passes subnet groups of private subnets routed through NAT (preview=%s)", (preview) => {
        const result = evaluateStack(policy, network({ preview }));
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])("flags a subnet group that includes a subnet routed to the internet gateway (preview=%s)", (preview) => {
        const result = evaluateStack(
            policy,
            network({ preview, override: { "db-subnets": { props: { subnetIds: [preview ? UNKNOWN : "subnet-pub", preview ? UNKNOWN : "subnet-a"] }, propertyDependencies: { subnetIds: ["public-a", "private-a"] } } } }),
        );
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[GROUP, "subnetIds"]]);
        expect(result.violations[0]!.message).toContain("public-a");
    });

    it("flags a subnet that auto-assigns public IPs even with a private route table", () => {
        const result = evaluateStack(policy, network({ override: { "private-a": { props: { id: "subnet-a", vpcId: "vpc-1", mapPublicIpOnLaunch: "true" } } } }));
        expect(result.violations.map((d) => d.urn)).toEqual([GROUP]);
        expect(result.violations[0]!.message).toContain("mapPublicIpOnLaunch");
    });

    it("follows subnets without an association to the VPC's main route table (aws.ec2.Route on mainRouteTableId)", () => {
        const stack = network({
            override: {
                "private-b-assoc": null,
                "main-default": {
                    type: "aws:ec2/route:Route",
                    props: { routeTableId: "rtb-main", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                    propertyDependencies: { routeTableId: ["vpc"], gatewayId: ["igw"] },
                },
            },
        });
        const result = evaluateStack(policy, stack);
        expect(result.violations.map((d) => d.urn)).toEqual([GROUP]);
        expect(result.violations[0]!.message).toContain("private-b -> route main-default");
    });

    describe("the main route table linked only by value (a literal rtb- id, no property dependencies)", () => {
        const vpc = { props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", mainRouteTableId: "rtb-main", defaultRouteTableId: "rtb-main" } };
        it("an aws.ec2.Route on the main table's id sends a subnet without association to the IGW", () => {
            const stack = network({
                override: {
                    vpc,
                    "private-b-assoc": null,
                    "main-default": { type: "aws:ec2/route:Route", props: { routeTableId: "rtb-main", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" } },
                },
            });
            const result = evaluateStack(policy, stack);
            expect(result.violations.map((d) => d.urn)).toEqual([GROUP]);
            expect(result.violations[0]!.message).toContain("private-b -> route main-default -> internet gateway");
        });

        it("an aws.ec2.DefaultRouteTable adopted by id with an inline route to the IGW", () => {
            const stack = network({
                override: {
                    vpc,
                    "private-b-assoc": null,
                    "main-table": {
                        type: "aws:ec2/defaultRouteTable:DefaultRouteTable",
                        props: { defaultRouteTableId: "rtb-main", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
                    },
                },
            });
            expect(evaluateStack(policy, stack).violations.map((d) => d.urn)).toEqual([GROUP]);
        });

        it("must not block: a route by value on another VPC's main table, or to a NAT gateway", () => {
            const other = network({
                override: {
                    vpc,
                    "private-b-assoc": null,
                    "main-default": { type: "aws:ec2/route:Route", props: { routeTableId: "rtb-other", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" } },
                },
            });
            expect(evaluateStack(policy, other).violations).toEqual([]);
            const nat = network({
                override: {
                    vpc,
                    "private-b-assoc": null,
                    "main-default": { type: "aws:ec2/route:Route", props: { routeTableId: "rtb-main", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" } },
                },
            });
            expect(evaluateStack(policy, nat).diagnostics).toEqual([]);
        });
    });

    it("treats NAT, egress-only and ::/0 to NAT as private, but ::/0 to an IGW id as public", () => {
        const viaIgwId = network({
            override: { "private-rt": { props: { id: "rtb-priv", routes: [{ ipv6CidrBlock: "::/0", gatewayId: "igw-0abc" }] }, propertyDependencies: {} } },
        });
        // Both private subnets share the table, so each is named with its own path.
        const violations = evaluateStack(policy, viaIgwId).violations;
        // Both public subnets of the group are one cause (its subnet list), named in one finding.
        expect(violations.map((d) => d.urn)).toEqual([GROUP]);
        expect(violations[0]!.message).toMatch(/private-a/);
        expect(violations[0]!.message).toMatch(/private-b/);
        expect(violations[0]!.message).toMatch(/uses 2 public subnets/);
        const egressOnly = network({
            override: { "private-rt": { props: { id: "rtb-priv", routes: [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" }] }, propertyDependencies: {} } },
        });
        expect(evaluateStack(policy, egressOnly).diagnostics).toEqual([]);
    });

    it("reports subnets defined outside the stack as undecided", () => {
        const result = evaluateStack(policy, network({ override: { "db-subnets": { props: { subnetIds: ["subnet-from-network-stack"] }, propertyDependencies: {} } } }));
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.urn)).toEqual([GROUP]);
    });

    describe("placements added by issue 16: an EFS mount target's one subnet, a DMS replication subnet group", () => {
        const MOUNT = urnOf("aws:efs/mountTarget:MountTarget", "keys-mount");
        const DMS = urnOf("aws:dms/replicationSubnetGroup:ReplicationSubnetGroup", "dms-subnets");

        it.each([false, true])("passes them in private subnets (preview=%s)", (preview) => {
            const subnet = preview ? UNKNOWN : "subnet-a";
            const result = evaluateStack(
                policy,
                network({
                    preview,
                    override: {
                        "keys-mount": { type: "aws:efs/mountTarget:MountTarget", props: { fileSystemId: "fs-1", subnetId: subnet }, propertyDependencies: { subnetId: ["private-a"] } },
                        "dms-subnets": { type: "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup", props: { replicationSubnetGroupId: "dms", subnetIds: [subnet] }, propertyDependencies: { subnetIds: ["private-a"] } },
                    },
                }),
            );
            expect(result.diagnostics).toEqual([]);
        });

        it("flags them in a public subnet", () => {
            const result = evaluateStack(
                policy,
                network({
                    override: {
                        "keys-mount": { type: "aws:efs/mountTarget:MountTarget", props: { fileSystemId: "fs-1", subnetId: "subnet-pub" }, propertyDependencies: { subnetId: ["public-a"] } },
                        "dms-subnets": { type: "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup", props: { replicationSubnetGroupId: "dms", subnetIds: ["subnet-pub", "subnet-a"] }, propertyDependencies: { subnetIds: ["public-a", "private-a"] } },
                    },
                }),
            );
            expect(result.violations.map((d) => [d.urn, d.property]).sort()).toEqual([
                [DMS, "subnetIds"],
                [MOUNT, "subnetId"],
            ]);
        });
    });
});
