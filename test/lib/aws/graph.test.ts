import { describe, expect, it } from "vitest";
import { referenceValues, StackGraph } from "../../../policies/lib/aws/graph";
import type { StackResource } from "../../../policies/lib/core/policy";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${name}`, props: snapshot(props), dependencies: [], propertyDependencies };
}

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("StackGraph", () => {
    it("links by propertyDependencies when ids are unknown (preview of a new stack)", () => {
        const sg = resource(SG, "db-sg", { id: SENTINEL });
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: [SENTINEL] }, { vpcSecurityGroupIds: ["urn:db-sg"] });
        const graph = new StackGraph([sg, db]);
        expect(graph.referenced(db, "vpcSecurityGroupIds", [SG])).toEqual({ resources: [sg], external: [], unresolved: false });
    });

    it("links by id, ARN or name when values are known, and reports external references", () => {
        const sg = resource(SG, "db-sg", { id: "sg-123", arn: "arn:aws:ec2:eu-west-1:1:security-group/sg-123" });
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: ["sg-123", "sg-elsewhere"] });
        const ref = new StackGraph([sg, db]).referenced(db, "vpcSecurityGroupIds", [SG]);
        expect(ref.resources).toEqual([sg]);
        expect(ref.external).toEqual(["sg-elsewhere"]);
    });

    it("flags unknown references it cannot resolve", () => {
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: SENTINEL });
        expect(new StackGraph([db]).referenced(db, "vpcSecurityGroupIds", [SG]).unresolved).toBe(true);
    });

    it("follows nested inputs through their top-level dependency entry", () => {
        const sg = resource(SG, "search-sg", { id: SENTINEL });
        const domain = resource("aws:opensearch/domain:Domain", "search", { vpcOptions: { securityGroupIds: [SENTINEL] } }, { vpcOptions: ["urn:search-sg"] });
        expect(new StackGraph([sg, domain]).referenced(domain, "vpcOptions.securityGroupIds", [SG]).resources).toEqual([sg]);
    });

    it("finds the rule resources that point at a group (reverse lookup), by dependency or by id", () => {
        const sg = resource(SG, "db-sg", { id: "sg-123" });
        const byDep = resource(RULE, "rule-a", { securityGroupId: SENTINEL }, { securityGroupId: ["urn:db-sg"] });
        const byId = resource(RULE, "rule-b", { securityGroupId: "sg-123" });
        const other = resource(RULE, "rule-c", { securityGroupId: "sg-999" });
        expect(new StackGraph([sg, byDep, byId, other]).referencing(sg, [RULE], "securityGroupId").map((r) => r.name)).toEqual(["rule-a", "rule-b"]);
    });
});

describe("StackGraph lookups", () => {
    const KEY = "aws:kms/key:Key";
    const BUCKET = "aws:s3/bucket:Bucket";

    it("shares one graph per resource list", () => {
        const list = [resource(SG, "a", { id: "sg-1" })];
        expect(StackGraph.of(list)).toBe(StackGraph.of(list));
        expect(StackGraph.of(list)).not.toBe(StackGraph.of([...list]));
    });

    it("finds resources by any identity output, by URN, and filters by type", () => {
        const key = resource(KEY, "key", { keyId: "1234abcd", arn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd", id: "" });
        const bucket = resource(BUCKET, "bucket", { bucket: "wallet-backups", id: "wallet-backups" });
        const cluster = resource("aws:rds/cluster:Cluster", "cluster", { clusterIdentifier: "wallet-db", identifier: "wallet-db-1" });
        const user = resource("aws:elasticache/user:User", "user", { userId: "app", name: "app-user", userGroupId: "group-1" });
        const graph = new StackGraph([key, bucket, cluster, user]);
        expect(graph.find("1234abcd")).toEqual([key]);
        expect(graph.find("arn:aws:kms:eu-west-1:111122223333:key/1234abcd")).toEqual([key]);
        expect(graph.find("")).toEqual([]);
        // One resource is listed once even when several of its outputs carry the value.
        expect(graph.find("wallet-backups")).toEqual([bucket]);
        expect(graph.find("wallet-db")).toEqual([cluster]);
        expect(graph.find("wallet-db-1")).toEqual([cluster]);
        expect(graph.find("app")).toEqual([user]);
        expect(graph.find("app-user")).toEqual([user]);
        expect(graph.find("group-1")).toEqual([user]);
        expect(graph.find("urn:key")).toEqual([key]);
        expect(graph.find("1234abcd", [BUCKET])).toEqual([]);
        expect(graph.find("1234abcd", [BUCKET, KEY])).toEqual([key]);
        expect(graph.find("nothing")).toEqual([]);
        expect(graph.byUrn("urn:bucket")).toBe(bucket);
        expect(graph.byUrn("urn:missing")).toBeUndefined();
        expect(graph.ofType(KEY, BUCKET)).toEqual([key, bucket]);
        expect(graph.ofType("aws:ec2/vpc:Vpc")).toEqual([]);
    });

    it("groups resources of one type in stack order", () => {
        const a = resource(SG, "a", {});
        const b = resource(SG, "b", {});
        expect(new StackGraph([a, resource(KEY, "k", {}), b]).ofType(SG)).toEqual([a, b]);
    });

    it("follows only dependencies of the requested types, and counts an absent input as no reference", () => {
        const sg = resource(SG, "db-sg", { id: "sg-1" });
        const key = resource(KEY, "key", { id: "k-1" });
        const db = resource("aws:rds/instance:Instance", "db", {}, { vpcSecurityGroupIds: ["urn:db-sg", "urn:key", "urn:gone"] });
        expect(new StackGraph([sg, key, db]).referenced(db, "vpcSecurityGroupIds", [SG])).toEqual({ resources: [sg], external: [], unresolved: false });
    });

    it("does not call an unknown reference unresolved when a dependency names the resource", () => {
        const sg = resource(SG, "db-sg", { id: SENTINEL });
        const db = resource("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: [SENTINEL, "sg-external"] }, { vpcSecurityGroupIds: ["urn:db-sg"] });
        const ref = new StackGraph([sg, db]).referenced(db, "vpcSecurityGroupIds", [SG]);
        expect(ref).toEqual({ resources: [sg], external: ["sg-external"], unresolved: false });
        const orphan = resource("aws:rds/instance:Instance", "db2", { vpcSecurityGroupIds: ["sg-1", SENTINEL] });
        expect(new StackGraph([orphan]).referenced(orphan, "vpcSecurityGroupIds", [SG]).unresolved).toBe(true);
    });

    it("reads reference lists: trimmed strings, nested lists and unknowns; blanks and other values skipped", () => {
        expect(referenceValues(snapshot({ v: [" sg-1 ", "", "  ", 5, null, ["sg-2", [SENTINEL]], { id: "x" }] }).v!)).toEqual(["sg-1", "sg-2", UNKNOWN]);
        expect(referenceValues(snapshot({ v: SENTINEL }).v!)).toEqual([UNKNOWN]);
        expect(referenceValues("sg-1")).toEqual(["sg-1"]);
        expect(referenceValues(undefined)).toEqual([]);
    });

    it("answers reverse lookups per property and per type set", () => {
        const sg = resource(SG, "db-sg", { id: "sg-123" });
        const rule = resource(RULE, "rule", { securityGroupId: "sg-123", referencedSecurityGroupId: "sg-999" });
        const other = resource(SG, "other", { id: "sg-999" });
        const graph = new StackGraph([sg, other, rule]);
        expect(graph.referencing(sg, [RULE], "securityGroupId")).toEqual([rule]);
        expect(graph.referencing(sg, [RULE], "referencedSecurityGroupId")).toEqual([]);
        expect(graph.referencing(other, [RULE], "referencedSecurityGroupId")).toEqual([rule]);
        expect(graph.referencing(sg, [SG], "securityGroupId")).toEqual([]);
        expect(graph.referencing(sg, [RULE], "securityGroupId")).toEqual([rule]);
    });
});

describe("StackGraph.holding: resources whose input holds a known value", () => {
    const ROUTE = "aws:ec2/route:Route";
    const routes = [
        resource(ROUTE, "a", { routeTableId: "rtb-main" }),
        resource(ROUTE, "b", { routeTableId: ["rtb-other", "rtb-main"] }),
        resource(ROUTE, "c", { routeTableId: SENTINEL }),
        resource(ROUTE, "d", { routeTableId: " rtb-main " }),
        resource(SG, "e", { routeTableId: "rtb-main" }),
    ];
    const graph = new StackGraph(routes);

    it("finds every candidate of the types holding any of the values, trimmed, once each", () => {
        expect(graph.holding([ROUTE], "routeTableId", ["rtb-main"]).map((r) => r.name)).toEqual(["a", "b", "d"]);
        expect(graph.holding([ROUTE], "routeTableId", ["rtb-main", "rtb-other"]).map((r) => r.name)).toEqual(["a", "b", "d"]);
    });

    it("finds nothing for unknown inputs, other values or no values", () => {
        expect(graph.holding([ROUTE], "routeTableId", ["rtb-none"])).toEqual([]);
        expect(graph.holding([ROUTE], "routeTableId", [])).toEqual([]);
        expect(graph.holding([ROUTE], "gatewayId", ["rtb-main"])).toEqual([]);
    });
});

describe("value references between copies of a stack (names reused per region or tenant)", () => {
    const INSTANCE = "aws:rds/instance:Instance";
    const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
    const copy = (tenant: string, region: string, parent?: string) => {
        const group = { ...resource(SUBNET_GROUP, `${tenant}-subnets`, { name: "db-subnets", id: `db-subnets-${tenant}`, region }), parentUrn: parent };
        const db = { ...resource(INSTANCE, `${tenant}-db`, { dbSubnetGroupName: "db-subnets", region }), parentUrn: parent };
        return [group, db];
    };

    it("links each copy's reference by name to its own copy: same parent first, then same region", () => {
        const byParent = new StackGraph([...copy("a", "us-east-1", "urn:tenant-a"), ...copy("b", "us-east-1", "urn:tenant-b")]);
        const dbA = byParent.ofType(INSTANCE)[0]!;
        expect(byParent.referenced(dbA, "dbSubnetGroupName", [SUBNET_GROUP]).resources.map((r) => r.name)).toEqual(["a-subnets"]);
        expect(byParent.referencing(byParent.ofType(SUBNET_GROUP)[1]!, [INSTANCE], "dbSubnetGroupName").map((r) => r.name)).toEqual(["b-db"]);
        const byRegion = new StackGraph([...copy("east", "us-east-1"), ...copy("west", "us-west-2")]);
        const west = byRegion.ofType(INSTANCE)[1]!;
        expect(byRegion.referenced(west, "dbSubnetGroupName", [SUBNET_GROUP]).resources.map((r) => r.name)).toEqual(["west-subnets"]);
    });

    it("prefers what the input's dependencies and unique ids name over a shared name", () => {
        const [groupA, dbA] = copy("a", "us-east-1");
        const [groupB] = copy("b", "us-east-1");
        const viaDeps = new StackGraph([groupA!, groupB!, { ...dbA!, propertyDependencies: { dbSubnetGroupName: [groupB!.urn] } }]);
        expect(viaDeps.referenced(viaDeps.ofType(INSTANCE)[0]!, "dbSubnetGroupName", [SUBNET_GROUP]).resources.map((r) => r.name)).toEqual(["b-subnets"]);
    });

    it("follows no copy when a shared name stays ambiguous, and says the reference is unresolved", () => {
        const graph = new StackGraph([...copy("a", "us-east-1"), ...copy("b", "us-east-1")]);
        const reference = graph.referenced(graph.ofType(INSTANCE)[0]!, "dbSubnetGroupName", [SUBNET_GROUP]);
        expect(reference).toEqual({ resources: [], external: [], unresolved: true });
        expect(graph.referencing(graph.ofType(SUBNET_GROUP)[0]!, [INSTANCE], "dbSubnetGroupName")).toEqual([]);
    });

    it("still finds one resource by a name nobody else uses, and never the referring resource itself", () => {
        const bucket = resource("aws:s3/bucket:Bucket", "b", { bucket: "b" });
        const versioning = resource("aws:s3/bucketVersioning:BucketVersioning", "b-versioning", { bucket: "b" });
        const graph = new StackGraph([bucket, versioning]);
        expect(graph.referenced(versioning, "bucket", ["aws:s3/bucket:Bucket"]).resources).toEqual([bucket]);
        expect(graph.referencing(bucket, ["aws:s3/bucketVersioning:BucketVersioning"], "bucket")).toEqual([versioning]);
    });
});
