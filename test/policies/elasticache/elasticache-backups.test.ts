import { describe, expect, it } from "vitest";
import { elasticacheBackups as policy } from "../../../policies/elasticache/elasticache-backups";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

describe("elasticache-backups", () => {
    it.each([RG, CLUSTER, SERVERLESS])("passes %s with snapshots kept", (type) => {
        expect(evaluateResource(policy, { type, props: { engine: "redis", snapshotRetentionLimit: 7 } }).diagnostics).toEqual([]);
    });

    it.each([RG, CLUSTER, SERVERLESS])("flags %s without snapshots (default 0) at the advisory level", (type) => {
        const result = evaluateResource(policy, { type, props: { engine: "valkey" } });
        expect(violatedProperties(result)).toEqual(["snapshotRetentionLimit"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([0, "0", "a week", -1])("flags snapshotRetentionLimit = %j", (value) => {
        expect(violatedProperties(evaluateResource(policy, { type: RG, props: { snapshotRetentionLimit: value } }))).toEqual(["snapshotRetentionLimit"]);
    });

    it("honours a configured minimum", () => {
        const config = { minimumRetentionDays: 7 };
        expect(violatedProperties(evaluateResource(policy, { type: RG, props: { snapshotRetentionLimit: 3 }, config }))).toEqual(["snapshotRetentionLimit"]);
        expect(evaluateResource(policy, { type: RG, props: { snapshotRetentionLimit: 7 }, config }).diagnostics).toEqual([]);
    });

    it("skips Memcached (no snapshots) and replication-group members", () => {
        expect(evaluateResource(policy, { type: CLUSTER, props: { engine: "memcached" } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: SERVERLESS, props: { engine: "memcached" } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: CLUSTER, props: { replicationGroupId: "keys" } }).diagnostics).toEqual([]);
    });

    it("reports unknown values as undecided during preview", () => {
        const result = evaluateResource(policy, { type: RG, props: { snapshotRetentionLimit: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["snapshotRetentionLimit"]);
        const engine = evaluateResource(policy, { type: CLUSTER, props: { engine: UNKNOWN } });
        expect(engine.undecided.map((d) => d.property)).toEqual(["engine"]);
        expect(evaluateResource(policy, { type: CLUSTER, props: { engine: UNKNOWN, snapshotRetentionLimit: 5 } }).diagnostics).toEqual([]);
    });
});
