import { describe, expect, it } from "vitest";
import { rdsClusterStorageEncrypted as policy } from "../../../policies/rds/rds-cluster-storage-encrypted";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const cluster = "aws:rds/cluster:Cluster";
const globalCluster = "aws:rds/globalCluster:GlobalCluster";
const run = (props: Record<string, unknown>, type = cluster) => evaluateResource(policy, { type, props });
const key = "arn:aws:kms:eu-west-1:111122223333:key/abc";

describe("rds-cluster-storage-encrypted", () => {
    it("passes an encrypted Aurora cluster and an encrypted global cluster", () => {
        expect(run({ engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: key }).diagnostics).toEqual([]);
        expect(run({ engine: "aurora-mysql", storageEncrypted: "true" }).diagnostics).toEqual([]);
        expect(run({ globalClusterIdentifier: "g", storageEncrypted: true }, globalCluster).diagnostics).toEqual([]);
    });

    it("flags storageEncrypted omitted on provisioned, Serverless v2 and Multi-AZ clusters (default false)", () => {
        for (const props of [
            { engine: "aurora-postgresql" },
            { engine: "aurora-postgresql", engineMode: "provisioned", serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 2 } },
            { engine: "mysql", dbClusterInstanceClass: "db.m6gd.large" },
            { engine: "aurora-mysql", engineMode: "" },
        ]) {
            const result = run(props);
            expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toMatch(/defaults to false/);
        }
    });

    it.each([false, "false", "yes", 1, null])("flags storageEncrypted = %j", (value) => {
        expect(violatedProperties(run({ engine: "aurora-mysql", storageEncrypted: value }))).toEqual(["storageEncrypted"]);
    });

    it("passes Aurora Serverless v1, which is always encrypted, in any case spelling", () => {
        expect(run({ engine: "aurora-mysql", engineMode: "serverless" }).diagnostics).toEqual([]);
        expect(run({ engine: "aurora-mysql", engineMode: "Serverless" }).diagnostics).toEqual([]);
    });

    it("does not let kmsKeyId alone stand in for storageEncrypted on a new cluster", () => {
        expect(violatedProperties(run({ engine: "aurora-mysql", kmsKeyId: key }))).toEqual(["storageEncrypted"]);
    });

    describe("restores and replicas", () => {
        it("passes a restore or replica that sets a key or states storageEncrypted", () => {
            expect(run({ engine: "aurora-mysql", snapshotIdentifier: "snap", kmsKeyId: key }).diagnostics).toEqual([]);
            expect(run({ engine: "aurora-mysql", replicationSourceIdentifier: "arn:aws:rds:us-east-1:1:cluster:a", kmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
            expect(run({ engine: "aurora-mysql", restoreToPointInTime: { sourceClusterIdentifier: "a" }, storageEncrypted: true }).diagnostics).toEqual([]);
            expect(run({ engine: "aurora-mysql", globalClusterIdentifier: "g", kmsKeyId: key }).diagnostics).toEqual([]);
        });

        it("flags a restore that explicitly turns encryption off", () => {
            expect(violatedProperties(run({ engine: "aurora-mysql", snapshotIdentifier: "snap", storageEncrypted: false }))).toEqual(["storageEncrypted"]);
        });

        it("reports a restore that states nothing as undecided: the snapshot's encryption is not visible", () => {
            const result = run({ engine: "aurora-mysql", snapshotIdentifier: "snap" });
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["storageEncrypted", "advisory"]]);
            expect(result.undecided[0]!.message).toMatch(/snapshotIdentifier/);
        });

        it("flags a global-cluster member without storageEncrypted or a key (the global cluster is not a source of encryption here)", () => {
            expect(violatedProperties(run({ engine: "aurora-mysql", globalClusterIdentifier: "g" }))).toEqual(["storageEncrypted"]);
        });
    });

    describe("global clusters", () => {
        it("flags a global cluster without storageEncrypted or source (default false)", () => {
            expect(violatedProperties(run({ globalClusterIdentifier: "g", engine: "aurora-postgresql" }, globalCluster))).toEqual(["storageEncrypted"]);
            expect(violatedProperties(run({ globalClusterIdentifier: "g", storageEncrypted: "false" }, globalCluster))).toEqual(["storageEncrypted"]);
        });

        it("passes a global cluster created from a source cluster (it copies that cluster's encryption) unless it says false", () => {
            expect(run({ globalClusterIdentifier: "g", sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:1:cluster:a" }, globalCluster).diagnostics).toEqual([]);
            expect(run({ globalClusterIdentifier: "g", sourceDbClusterIdentifier: UNKNOWN }, globalCluster).diagnostics).toEqual([]);
            expect(violatedProperties(run({ globalClusterIdentifier: "g", sourceDbClusterIdentifier: "a", storageEncrypted: false }, globalCluster))).toEqual([
                "storageEncrypted",
            ]);
        });
    });

    describe("preview (unknown values)", () => {
        it("reports an unknown storageEncrypted as undecided, never as can't-run", () => {
            const result = run({ engine: "aurora-mysql", storageEncrypted: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["storageEncrypted"]);
        });

        it("is undecided on an unknown engineMode only when encryption is not stated", () => {
            const open = run({ engine: "aurora-mysql", engineMode: UNKNOWN });
            expect(open.cantRun).toBe(false);
            expect(open.undecided.map((d) => d.property)).toEqual(["engineMode"]);
            expect(run({ engine: "aurora-mysql", engineMode: UNKNOWN, storageEncrypted: true }).diagnostics).toEqual([]);
            expect(violatedProperties(run({ engine: "aurora-mysql", engineMode: UNKNOWN, storageEncrypted: false }))).toEqual(["storageEncrypted"]);
        });

        it("decides from known inputs when others are unknown", () => {
            const result = run({ engine: "aurora-mysql", dbSubnetGroupName: UNKNOWN, vpcSecurityGroupIds: [UNKNOWN] });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/instance:Instance", props: { storageEncrypted: false } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
