import { describe, expect, it } from "vitest";
import { neptuneStorageEncryptedCmk as policy } from "../../../policies/neptune/neptune-storage-encrypted-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:neptune/cluster:Cluster";
const GLOBAL = "aws:neptune/globalCluster:GlobalCluster";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props });

describe("neptune-storage-encrypted-cmk", () => {
    it("passes an encrypted cluster with a customer-managed kmsKeyArn", () => {
        expect(cluster({ storageEncrypted: true, kmsKeyArn: CMK }).diagnostics).toEqual([]);
    });

    it("flags the defaults once, at mandatory level", () => {
        const result = cluster({});
        expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        // One cause, one blocking finding: the unencrypted store's finding names the customer-managed key; no AWS key is in use.
        expect(result.violations[0]!.message).toMatch(/customer-managed/);
        expect(result.violations.map((d) => d.message).join("\n")).not.toMatch(/is encrypted with|aws\/rds|aws\/es|owned by/);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it("flags the RDS spelling kmsKeyId, which Neptune ignores, and says so", () => {
        const result = cluster({ storageEncrypted: true, kmsKeyId: CMK });
        expect(violatedProperties(result)).toEqual(["kmsKeyArn"]);
        expect(result.violations[0]!.message).toMatch(/rename it to `kmsKeyArn`/);
    });

    it.each([false, "false", 1])("flags storageEncrypted = %j", (value) => {
        expect(violatedProperties(cluster({ storageEncrypted: value, kmsKeyArn: CMK }))).toEqual(["storageEncrypted"]);
    });

    it("flags the AWS-managed key", () => {
        expect(violatedProperties(cluster({ storageEncrypted: true, kmsKeyArn: "arn:aws:kms:eu-west-1:1:alias/aws/rds" }))).toEqual(["kmsKeyArn"]);
    });

    it("requires an explicit key on snapshot restores, and lets read replicas share the source's key", () => {
        expect(violatedProperties(cluster({ snapshotIdentifier: "graph-snap" }))).toEqual(["kmsKeyArn"]);
        expect(cluster({ snapshotIdentifier: "graph-snap", kmsKeyArn: CMK }).diagnostics).toEqual([]);
        expect(cluster({ replicationSourceIdentifier: "arn:aws:rds:eu-west-1:1:cluster:graph" }).diagnostics).toEqual([]);
        expect(violatedProperties(cluster({ replicationSourceIdentifier: "arn:aws:rds:eu-west-1:1:cluster:graph", kmsKeyArn: "alias/aws/rds" }))).toEqual(["kmsKeyArn"]);
    });

    it("checks global clusters", () => {
        expect(violatedProperties(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g" } }))).toEqual(["storageEncrypted"]);
        expect(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g", storageEncrypted: true } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: GLOBAL, props: { sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:1:cluster:graph" } }).diagnostics).toEqual([]);
    });

    it("decides from what is known during preview", () => {
        const computedKey = cluster({ storageEncrypted: true, kmsKeyArn: UNKNOWN });
        expect(computedKey.cantRun).toBe(false);
        expect(computedKey.diagnostics).toEqual([]);
        const computedFlag = cluster({ storageEncrypted: UNKNOWN, kmsKeyArn: CMK });
        expect(computedFlag.violations).toEqual([]);
        expect(computedFlag.undecided.map((d) => d.property)).toEqual(["storageEncrypted"]);
    });
});
