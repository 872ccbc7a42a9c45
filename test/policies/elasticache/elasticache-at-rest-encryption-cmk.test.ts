import { describe, expect, it } from "vitest";
import { elasticacheAtRestEncryptionCmk as policy } from "../../../policies/elasticache/elasticache-at-rest-encryption-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const rg = (props: Record<string, unknown>) => evaluateResource(policy, { type: RG, props: { description: "keys", ...props } });

describe("elasticache-at-rest-encryption-cmk", () => {
    it("passes an encrypted replication group with a customer-managed key", () => {
        expect(rg({ atRestEncryptionEnabled: true, kmsKeyId: KEY }).diagnostics).toEqual([]);
    });

    it("flags a redis group with nothing set (default false) and no key once, at mandatory level", () => {
        const result = rg({});
        expect(violatedProperties(result)).toEqual(["atRestEncryptionEnabled"]);
        // One cause, one blocking finding: the unencrypted store's finding names the customer-managed key; no AWS key is in use.
        expect(result.violations[0]!.message).toMatch(/customer-managed/);
        expect(result.violations.map((d) => d.message).join("\n")).not.toMatch(/is encrypted with|aws\/rds|aws\/es|owned by/);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it("uses the valkey default (true) but still requires the CMK", () => {
        expect(violatedProperties(rg({ engine: "valkey" }))).toEqual(["kmsKeyId"]);
        expect(rg({ engine: "Valkey", kmsKeyId: KEY }).diagnostics).toEqual([]);
    });

    it.each([false, "false", "yes", 0])("flags atRestEncryptionEnabled = %j", (value) => {
        expect(violatedProperties(rg({ atRestEncryptionEnabled: value, kmsKeyId: KEY }))).toEqual(["atRestEncryptionEnabled"]);
    });

    it("flags valkey with encryption explicitly off", () => {
        expect(violatedProperties(rg({ engine: "valkey", atRestEncryptionEnabled: false, kmsKeyId: KEY }))).toEqual(["atRestEncryptionEnabled"]);
    });

    it.each(["alias/aws/elasticache", "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticache", ""])("flags kmsKeyId = %j (AWS-managed or empty)", (kmsKeyId) => {
        expect(violatedProperties(rg({ atRestEncryptionEnabled: true, kmsKeyId }))).toEqual(["kmsKeyId"]);
    });

    it("accepts a customer-managed alias", () => {
        expect(rg({ atRestEncryptionEnabled: "true", kmsKeyId: "alias/cache-keys" }).diagnostics).toEqual([]);
    });

    it("lets a global-datastore secondary inherit the flag but still requires its regional CMK", () => {
        expect(rg({ globalReplicationGroupId: "ldgnf-global", kmsKeyId: KEY }).diagnostics).toEqual([]);
        expect(violatedProperties(rg({ globalReplicationGroupId: UNKNOWN }))).toEqual(["kmsKeyId"]);
    });

    describe("serverless caches", () => {
        it("passes a CMK and flags a missing one", () => {
            expect(evaluateResource(policy, { type: SERVERLESS, props: { engine: "valkey", kmsKeyId: KEY } }).diagnostics).toEqual([]);
            expect(violatedProperties(evaluateResource(policy, { type: SERVERLESS, props: { engine: "valkey" } }))).toEqual(["kmsKeyId"]);
        });
    });

    describe("standalone cache clusters", () => {
        it("flags a standalone Redis cluster (no at-rest encryption possible)", () => {
            expect(violatedProperties(evaluateResource(policy, { type: CLUSTER, props: { engine: "redis" } }))).toEqual(["replicationGroupId"]);
            expect(violatedProperties(evaluateResource(policy, { type: CLUSTER, props: {} }))).toEqual(["replicationGroupId"]);
        });

        it("passes Memcached and replication-group members", () => {
            expect(evaluateResource(policy, { type: CLUSTER, props: { engine: "memcached" } }).diagnostics).toEqual([]);
            expect(evaluateResource(policy, { type: CLUSTER, props: { replicationGroupId: "keys" } }).diagnostics).toEqual([]);
            expect(evaluateResource(policy, { type: CLUSTER, props: { replicationGroupId: UNKNOWN } }).diagnostics).toEqual([]);
        });
    });

    describe("preview (unknown values)", () => {
        it("treats an unknown key ARN as a customer-managed key", () => {
            const result = rg({ atRestEncryptionEnabled: true, kmsKeyId: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("reports an unknown flag as undecided and still decides the key", () => {
            const result = rg({ atRestEncryptionEnabled: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["atRestEncryptionEnabled"]);
            expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        });

        it("is undecided when the engine is computed and the flag omitted, but decides when the flag is explicit", () => {
            const omitted = rg({ engine: UNKNOWN, kmsKeyId: KEY });
            expect(omitted.cantRun).toBe(false);
            expect(omitted.undecided.map((d) => d.property)).toEqual(["engine"]);
            expect(omitted.violations).toEqual([]);
            expect(violatedProperties(rg({ engine: UNKNOWN, atRestEncryptionEnabled: false, kmsKeyId: KEY }))).toEqual(["atRestEncryptionEnabled"]);
        });

        it("is undecided for a standalone cluster whose engine is computed", () => {
            const result = evaluateResource(policy, { type: CLUSTER, props: { engine: UNKNOWN } });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["engine"]);
        });
    });

    it("does not apply to other types", () => {
        expect(evaluateResource(policy, { type: "aws:elasticache/subnetGroup:SubnetGroup", props: {} }).notApplicable).toBeDefined();
    });
});
