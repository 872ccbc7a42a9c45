import { describe, expect, it } from "vitest";
import { rdsSnapshotSourceEncrypted as policy } from "../../../policies/stack/rds-snapshot-source-encrypted";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const SNAPSHOT = urnOf("aws:rds/snapshot:Snapshot", "nightly");
const CLUSTER_SNAPSHOT = urnOf("aws:rds/clusterSnapshot:ClusterSnapshot", "nightly-cluster");

function stack(sourceProps: Record<string, unknown>, preview = false): StackInputResource[] {
    return [
        { type: "aws:rds/instance:Instance", name: "orders-db", props: { id: preview ? UNKNOWN : "orders-db", identifier: "orders-db", ...sourceProps } },
        {
            type: "aws:rds/snapshot:Snapshot",
            name: "nightly",
            props: { dbInstanceIdentifier: preview ? UNKNOWN : "orders-db", dbSnapshotIdentifier: "nightly" },
            propertyDependencies: { dbInstanceIdentifier: ["orders-db"] },
        },
    ];
}

describe("rds-snapshot-source-encrypted", () => {
    it.each([false, true])("passes a snapshot of an encrypted instance (preview=%s)", (preview) => {
        const result = evaluateStack(policy, stack({ storageEncrypted: true, kmsKeyId: preview ? UNKNOWN : "arn:aws:kms:eu-west-1:1:key/k" }, preview));
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])("flags a snapshot of an unencrypted instance (preview=%s)", (preview) => {
        const result = evaluateStack(policy, stack({}, preview));
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[SNAPSHOT, "dbInstanceIdentifier"]]);
    });

    it("follows cluster snapshots to their cluster, and passes Aurora Serverless v1", () => {
        const resources = (clusterProps: Record<string, unknown>): StackInputResource[] => [
            { type: "aws:rds/cluster:Cluster", name: "ledger", props: { id: "ledger", clusterIdentifier: "ledger", ...clusterProps } },
            { type: "aws:rds/clusterSnapshot:ClusterSnapshot", name: "nightly-cluster", props: { dbClusterIdentifier: "ledger" } },
        ];
        expect(evaluateStack(policy, resources({ storageEncrypted: false })).violations.map((d) => d.urn)).toEqual([CLUSTER_SNAPSHOT]);
        expect(evaluateStack(policy, resources({ engineMode: "serverless" })).diagnostics).toEqual([]);
    });

    it("reports a source whose encryption is computed as undecided", () => {
        const result = evaluateStack(policy, stack({ storageEncrypted: UNKNOWN }, true));
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.urn)).toEqual([SNAPSHOT]);
    });

    it("does not judge snapshots of databases outside the stack", () => {
        const result = evaluateStack(policy, [{ type: "aws:rds/snapshot:Snapshot", name: "nightly", props: { dbInstanceIdentifier: "legacy-db" } }]);
        expect(result.diagnostics).toEqual([]);
    });
});
