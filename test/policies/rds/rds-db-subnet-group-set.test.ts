import { describe, expect, it } from "vitest";
import { rdsDbSubnetGroupSet as policy } from "../../../policies/rds/rds-db-subnet-group-set";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const clusterInstance = "aws:rds/clusterInstance:ClusterInstance";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-db-subnet-group-set", () => {
    it.each([instance, cluster, clusterInstance])("passes %s with a named or computed subnet group", (type) => {
        expect(run(type, { dbSubnetGroupName: "wallet-db-private" }).diagnostics).toEqual([]);
        expect(run(type, { dbSubnetGroupName: UNKNOWN }).diagnostics).toEqual([]);
    });

    it.each([instance, cluster])("flags %s without dbSubnetGroupName (default subnet group)", (type) => {
        for (const value of [undefined, null, "", "  "]) {
            const result = run(type, { dbSubnetGroupName: value });
            expect(violatedProperties(result)).toEqual(["dbSubnetGroupName"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toMatch(/default/);
        }
    });

    it.each([instance, cluster, clusterInstance])("flags %s that names the default group explicitly, in any case", (type) => {
        expect(violatedProperties(run(type, { dbSubnetGroupName: "default" }))).toEqual(["dbSubnetGroupName"]);
        expect(violatedProperties(run(type, { dbSubnetGroupName: "Default" }))).toEqual(["dbSubnetGroupName"]);
    });

    it("flags a dbSubnetGroupName of the wrong type", () => {
        expect(violatedProperties(run(instance, { dbSubnetGroupName: ["a", "b"] }))).toEqual(["dbSubnetGroupName"]);
    });

    it("passes a cluster instance without its own group: it is placed in its cluster's group", () => {
        expect(run(clusterInstance, { clusterIdentifier: "c", engine: "aurora-mysql", instanceClass: "db.r6g.large" }).diagnostics).toEqual([]);
    });

    describe("read replicas", () => {
        it("passes a same-region replica named by identifier (inherits the source's group)", () => {
            expect(run(instance, { replicateSourceDb: "primary" }).diagnostics).toEqual([]);
        });

        it("passes an ARN-named replica whose ARN is in the replica's own region", () => {
            expect(run(instance, { replicateSourceDb: "arn:aws:rds:eu-west-1:111122223333:db:primary", region: "eu-west-1" }).diagnostics).toEqual([]);
        });

        it("flags a cross-region replica without dbSubnetGroupName (default group of its region)", () => {
            expect(violatedProperties(run(instance, { replicateSourceDb: "arn:aws:rds:us-east-1:111122223333:db:primary" }))).toEqual(["dbSubnetGroupName"]);
            expect(violatedProperties(run(instance, { replicateSourceDb: "arn:aws:rds:us-east-1:111122223333:db:primary", region: "eu-west-1" }))).toEqual([
                "dbSubnetGroupName",
            ]);
        });

        it("does not treat a cluster's replicationSourceIdentifier as inheriting a group", () => {
            expect(violatedProperties(run(cluster, { replicationSourceIdentifier: "arn:aws:rds:us-east-1:1:cluster:a" }))).toEqual(["dbSubnetGroupName"]);
        });
    });

    it("reports a replica whose source is computed as undecided during preview", () => {
        const result = run(instance, { replicateSourceDb: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["replicateSourceDb", "advisory"]]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/cluster:Cluster", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
