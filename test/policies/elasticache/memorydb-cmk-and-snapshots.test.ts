import { describe, expect, it } from "vitest";
import { memorydbCmkAndSnapshots as policy } from "../../../policies/elasticache/memorydb-cmk-and-snapshots";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:memorydb/cluster:Cluster";
const SNAPSHOT = "aws:memorydb/snapshot:Snapshot";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const good = { aclName: "acl", nodeType: "db.r7g.large", kmsKeyArn: KEY, snapshotRetentionLimit: 7, subnetGroupName: "private-memorydb" };
const cluster = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props, config });

describe("memorydb-cmk-and-snapshots", () => {
    it("passes a cluster with a CMK, snapshots and an explicit subnet group", () => {
        expect(cluster(good).diagnostics).toEqual([]);
    });

    it("flags the defaults (service key, no snapshots, default subnet group) at mandatory level", () => {
        const result = cluster({ aclName: "acl", nodeType: "db.r7g.large" });
        expect(violatedProperties(result)).toEqual(["kmsKeyArn", "snapshotRetentionLimit", "subnetGroupName"]);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it("flags AWS-managed keys and zero retention", () => {
        expect(violatedProperties(cluster({ ...good, kmsKeyArn: "alias/aws/memorydb" }))).toEqual(["kmsKeyArn"]);
        expect(violatedProperties(cluster({ ...good, snapshotRetentionLimit: "0" }))).toEqual(["snapshotRetentionLimit"]);
    });

    it("can relax the snapshot and subnet parts through config", () => {
        const config = { minimumSnapshotRetentionDays: 0, requireSubnetGroup: false };
        expect(violatedProperties(cluster({ aclName: "acl", nodeType: "db.r7g.large" }, config))).toEqual(["kmsKeyArn"]);
        expect(violatedProperties(cluster({ ...good, snapshotRetentionLimit: 3 }, { minimumSnapshotRetentionDays: 7 }))).toEqual(["snapshotRetentionLimit"]);
    });

    it("requires a CMK on snapshots", () => {
        expect(evaluateResource(policy, { type: SNAPSHOT, props: { clusterName: "keys", kmsKeyArn: KEY } }).diagnostics).toEqual([]);
        expect(violatedProperties(evaluateResource(policy, { type: SNAPSHOT, props: { clusterName: "keys" } }))).toEqual(["kmsKeyArn"]);
        expect(violatedProperties(evaluateResource(policy, { type: SNAPSHOT, props: { clusterName: "keys", kmsKeyArn: "alias/aws/memorydb" } }))).toEqual(["kmsKeyArn"]);
    });

    it("treats computed keys and subnet groups as supplied, and an unknown retention as undecided", () => {
        const result = cluster({ ...good, kmsKeyArn: UNKNOWN, subnetGroupName: UNKNOWN, snapshotRetentionLimit: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["snapshotRetentionLimit"]);
    });
});
