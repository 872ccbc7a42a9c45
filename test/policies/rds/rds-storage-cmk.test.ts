import { describe, expect, it } from "vitest";
import { rdsStorageCmk as policy } from "../../../policies/rds/rds-storage-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-storage-cmk", () => {
    it.each([instance, cluster])("passes %s with a customer-managed key ARN, alias or computed key", (type) => {
        expect(run(type, { storageEncrypted: true, kmsKeyId: key }).diagnostics).toEqual([]);
        expect(run(type, { storageEncrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/wallet-db" }).diagnostics).toEqual([]);
        expect(run(type, { storageEncrypted: true, kmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
    });

    it.each([instance, cluster])("flags %s without kmsKeyId (AWS-managed aws/rds)", (type) => {
        const result = run(type, { storageEncrypted: true });
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/aws\/rds/);
    });

    it("leaves unencrypted storage to the encryption policies: one cause, one blocking finding, and no claim of an aws/rds key", () => {
        expect(run(instance, { storageEncrypted: false }).diagnostics).toEqual([]);
        expect(run(instance, {}).diagnostics).toEqual([]);
        expect(run(cluster, {}).diagnostics).toEqual([]);
        expect(run(cluster, { storageEncrypted: "false" }).diagnostics).toEqual([]);
    });

    it("says what is true of encrypted storage without a key, and of storage whose encryption is computed", () => {
        const encrypted = run(instance, { storageEncrypted: true });
        expect(violatedProperties(encrypted)).toEqual(["kmsKeyId"]);
        expect(encrypted.violations[0]!.message).toMatch(/storage \(backups and snapshots included\) is encrypted with the AWS-managed key `aws\/rds`/);
        const serverless = run(cluster, { engineMode: "serverless" });
        expect(violatedProperties(serverless)).toEqual(["kmsKeyId"]);
        const computed = run(instance, { storageEncrypted: UNKNOWN });
        expect(violatedProperties(computed)).toEqual(["kmsKeyId"]);
        expect(computed.violations[0]!.message).toMatch(/whenever the storage is encrypted/);
        expect(computed.violations[0]!.message).not.toMatch(/is encrypted with/);
    });

    it.each(["alias/aws/rds", "ALIAS/AWS/RDS", "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds", " "])("flags kmsKeyId %j", (value) => {
        expect(violatedProperties(run(cluster, { storageEncrypted: true, kmsKeyId: value }))).toEqual(["kmsKeyId"]);
    });

    it("flags a kmsKeyId of the wrong type", () => {
        expect(violatedProperties(run(instance, { storageEncrypted: true, kmsKeyId: { arn: key } }))).toEqual(["kmsKeyId"]);
    });

    it.each(["none", "default", "aws/rds"])("flags kmsKeyId %j, which names no key, as malformed", (value) => {
        const result = run(instance, { storageEncrypted: true, kmsKeyId: value });
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        expect(result.violations[0]!.message).toContain("is not a key id, ARN or alias");
    });

    it("passes replicas and restores without their own key (they keep the source's key) but checks a key they name", () => {
        expect(run(instance, { replicateSourceDb: "primary" }).diagnostics).toEqual([]);
        expect(run(instance, { snapshotIdentifier: "snap" }).diagnostics).toEqual([]);
        expect(run(cluster, { replicationSourceIdentifier: UNKNOWN }).diagnostics).toEqual([]);
        expect(run(cluster, { restoreToPointInTime: { sourceClusterIdentifier: "a" } }).diagnostics).toEqual([]);
        expect(violatedProperties(run(instance, { replicateSourceDb: "arn:aws:rds:us-east-1:1:db:p", kmsKeyId: "alias/aws/rds" }))).toEqual(["kmsKeyId"]);
    });

    it("does not exempt global-cluster members, whose primary would otherwise use aws/rds", () => {
        expect(violatedProperties(run(cluster, { storageEncrypted: true, globalClusterIdentifier: "g" }))).toEqual(["kmsKeyId"]);
    });

    it("decides during preview: an unknown key is a supplied key, unrelated unknowns do not matter", () => {
        const result = run(cluster, { storageEncrypted: UNKNOWN, dbSubnetGroupName: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided).toEqual([]);
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        expect(run(cluster, { kmsKeyId: UNKNOWN }).cantRun).toBe(false);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/clusterInstance:ClusterInstance", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
