import { describe, expect, it } from "vitest";
import { rdsSnapshotCopyCmk as policy } from "../../../policies/rds/rds-snapshot-copy-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = [
    "aws:rds/snapshotCopy:SnapshotCopy",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
];
const key = "arn:aws:kms:us-west-2:111122223333:key/abc";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-snapshot-copy-cmk", () => {
    it.each(types)("passes %s with a customer-managed key", (type) => {
        expect(run(type, { kmsKeyId: key }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without kmsKeyId at the mandatory level", (type) => {
        const result = run(type, {});
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/unencrypted/);
    });

    it.each(["alias/aws/rds", "arn:aws:kms:us-west-2:111122223333:alias/aws/rds", "", ["k"]])("flags kmsKeyId %j", (value) => {
        expect(violatedProperties(run(types[0]!, { kmsKeyId: value }))).toEqual(["kmsKeyId"]);
    });

    it("treats a computed key as a supplied key during preview", () => {
        const result = run(types[2]!, { kmsKeyId: UNKNOWN, sourceDbInstanceArn: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided).toEqual([]);
        expect(result.violations).toEqual([]);
    });

    it("does not apply to snapshots without an encryption input", () => {
        const result = evaluateResource(policy, { type: "aws:rds/snapshot:Snapshot", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
