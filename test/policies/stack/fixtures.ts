// A small network + database stack, in the shape AnalyzeStack delivers it (outputs, propertyDependencies by
// resource name). `preview: true` makes every id and ARN unknown, as in a preview of a new stack.

import { UNKNOWN, type StackInputResource } from "../../support/evaluate";

export interface NetworkOptions {
    preview?: boolean;
    /** Extra or replacement resources, by name. */
    override?: Record<string, Partial<StackInputResource> | null>;
}

export function network({ preview = false, override = {} }: NetworkOptions = {}): StackInputResource[] {
    const id = (value: string) => (preview ? UNKNOWN : value);
    const base: StackInputResource[] = [
        { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { id: id("vpc-1"), cidrBlock: "10.0.0.0/16" } },
        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", props: { id: id("igw-1"), vpcId: id("vpc-1") }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: "aws:ec2/natGateway:NatGateway", name: "nat", props: { id: id("nat-1") } },
        { type: "aws:ec2/subnet:Subnet", name: "public-a", props: { id: id("subnet-pub"), vpcId: id("vpc-1"), cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: "aws:ec2/subnet:Subnet", name: "private-a", props: { id: id("subnet-a"), vpcId: id("vpc-1"), cidrBlock: "10.0.10.0/24" }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: "aws:ec2/subnet:Subnet", name: "private-b", props: { id: id("subnet-b"), vpcId: id("vpc-1"), cidrBlock: "10.0.11.0/24" }, propertyDependencies: { vpcId: ["vpc"] } },
        {
            type: "aws:ec2/routeTable:RouteTable",
            name: "public-rt",
            props: { id: id("rtb-pub"), vpcId: id("vpc-1"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: id("igw-1") }] },
            propertyDependencies: { vpcId: ["vpc"], routes: ["igw"] },
        },
        {
            type: "aws:ec2/routeTable:RouteTable",
            name: "private-rt",
            props: { id: id("rtb-priv"), vpcId: id("vpc-1"), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: id("nat-1") }] },
            propertyDependencies: { vpcId: ["vpc"], routes: ["nat"] },
        },
        { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "public-a-assoc", props: { subnetId: id("subnet-pub"), routeTableId: id("rtb-pub") }, propertyDependencies: { subnetId: ["public-a"], routeTableId: ["public-rt"] } },
        { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "private-a-assoc", props: { subnetId: id("subnet-a"), routeTableId: id("rtb-priv") }, propertyDependencies: { subnetId: ["private-a"], routeTableId: ["private-rt"] } },
        { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "private-b-assoc", props: { subnetId: id("subnet-b"), routeTableId: id("rtb-priv") }, propertyDependencies: { subnetId: ["private-b"], routeTableId: ["private-rt"] } },
        { type: "aws:rds/subnetGroup:SubnetGroup", name: "db-subnets", props: { id: id("db-subnets"), name: "db-subnets", subnetIds: [id("subnet-a"), id("subnet-b")] }, propertyDependencies: { subnetIds: ["private-a", "private-b"] } },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "alb-sg", props: { id: id("sg-alb"), vpcId: id("vpc-1"), ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }, propertyDependencies: { vpcId: ["vpc"] } },
        {
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "app-sg",
            props: { id: id("sg-app"), vpcId: id("vpc-1"), ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [id("sg-alb")] }] },
            propertyDependencies: { vpcId: ["vpc"], ingress: ["alb-sg"] },
        },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "db-sg", props: { id: id("sg-db"), vpcId: id("vpc-1") }, propertyDependencies: { vpcId: ["vpc"] } },
        {
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name: "db-from-app",
            props: { securityGroupId: id("sg-db"), referencedSecurityGroupId: id("sg-app"), ipProtocol: "tcp", fromPort: 5432, toPort: 5432 },
            propertyDependencies: { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["app-sg"] },
        },
        {
            type: "aws:ec2/securityGroupRule:SecurityGroupRule",
            name: "db-from-vpc",
            props: { type: "ingress", securityGroupId: id("sg-db"), protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [preview ? UNKNOWN : "10.0.0.0/16"] },
            propertyDependencies: { securityGroupId: ["db-sg"], cidrBlocks: ["vpc"] },
        },
        { type: "aws:kms/key:Key", name: "wallet-key", props: { id: id("key-1"), arn: id("arn:aws:kms:eu-west-1:111122223333:key/1") } },
        {
            type: "aws:rds/instance:Instance",
            name: "wallet-db",
            props: { id: id("db-1"), dbSubnetGroupName: id("db-subnets"), vpcSecurityGroupIds: [id("sg-db")], kmsKeyId: id("arn:aws:kms:eu-west-1:111122223333:key/1"), tags: { "data-class": "key-material" } },
            propertyDependencies: { dbSubnetGroupName: ["db-subnets"], vpcSecurityGroupIds: ["db-sg"], kmsKeyId: ["wallet-key"] },
        },
    ];
    const byName = new Map(base.map((r) => [r.name, r]));
    for (const [name, change] of Object.entries(override)) {
        if (change === null) {
            byName.delete(name);
        } else {
            const existing = byName.get(name);
            byName.set(name, { ...(existing ?? { type: "", name, props: {} }), ...change, name } as StackInputResource);
        }
    }
    return [...byName.values()];
}
