import { describe, expect, it } from "vitest";
import { docdbStorageEncryptedCmk as policy } from "../../../policies/docdb/docdb-storage-encrypted-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:docdb/cluster:Cluster";
const GLOBAL = "aws:docdb/globalCluster:GlobalCluster";
const ELASTIC = "aws:docdb/elasticCluster:ElasticCluster";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props });

describe("docdb-storage-encrypted-cmk", () => {
    it("passes an encrypted cluster with a customer-managed key", () => {
        expect(cluster({ storageEncrypted: true, kmsKeyId: CMK }).diagnostics).toEqual([]);
    });

    it("flags the defaults (unencrypted, no key) once, at mandatory level", () => {
        const result = cluster({});
        expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        // One cause, one blocking finding: the unencrypted store's finding names the customer-managed key; no AWS key is in use.
        expect(result.violations[0]!.message).toMatch(/customer-managed/);
        expect(result.violations.map((d) => d.message).join("\n")).not.toMatch(/is encrypted with|aws\/rds|aws\/es|owned by/);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it.each([false, "false", "yes"])("flags storageEncrypted = %j even with a key", (value) => {
        expect(violatedProperties(cluster({ storageEncrypted: value, kmsKeyId: CMK }))).toEqual(["storageEncrypted"]);
    });

    it("flags encryption with the AWS-managed key (omitted or named)", () => {
        expect(violatedProperties(cluster({ storageEncrypted: true }))).toEqual(["kmsKeyId"]);
        expect(violatedProperties(cluster({ storageEncrypted: "true", kmsKeyId: "alias/aws/rds" }))).toEqual(["kmsKeyId"]);
    });

    it("requires an explicit key on snapshot and point-in-time restores (storageEncrypted is ignored there)", () => {
        expect(violatedProperties(cluster({ snapshotIdentifier: "keys-snap", storageEncrypted: true }))).toEqual(["kmsKeyId"]);
        expect(violatedProperties(cluster({ restoreToPointInTime: { sourceClusterIdentifier: "keys" } }))).toEqual(["kmsKeyId"]);
        expect(cluster({ snapshotIdentifier: "keys-snap", kmsKeyId: CMK }).diagnostics).toEqual([]);
    });

    it("checks global clusters: storageEncrypted unless created from a source cluster", () => {
        expect(violatedProperties(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g" } }))).toEqual(["storageEncrypted"]);
        expect(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g", storageEncrypted: true } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: GLOBAL, props: { globalClusterIdentifier: "g", sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:1:cluster:keys" } }).diagnostics).toEqual([]);
        expect(
            violatedProperties(evaluateResource(policy, { type: GLOBAL, props: { sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:1:cluster:keys", storageEncrypted: false } })),
        ).toEqual(["storageEncrypted"]);
    });

    it("checks elastic clusters for a customer-managed key", () => {
        const elastic = (props: Record<string, unknown>) =>
            evaluateResource(policy, { type: ELASTIC, props: { adminUserName: "admin", adminUserPassword: "arn:aws:secretsmanager:eu-west-1:1:secret:x", authType: "SECRET_ARN", shardCapacity: 2, shardCount: 1, ...props } });
        expect(violatedProperties(elastic({}))).toEqual(["kmsKeyId"]);
        expect(violatedProperties(elastic({ kmsKeyId: "arn:aws:kms:eu-west-1:1:alias/aws/docdb-elastic" }))).toEqual(["kmsKeyId"]);
        expect(elastic({ kmsKeyId: CMK }).diagnostics).toEqual([]);
    });

    describe("preview (unknown values)", () => {
        it("treats a computed key as customer-managed and is undecided on a computed flag", () => {
            const result = cluster({ storageEncrypted: UNKNOWN, kmsKeyId: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["storageEncrypted"]);
        });

        it("still decides a missing key when the flag is computed", () => {
            const result = cluster({ storageEncrypted: UNKNOWN });
            expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["storageEncrypted"]);
        });
    });
});
