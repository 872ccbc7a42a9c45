import { describe, expect, it } from "vitest";
import { rdsInstanceStorageEncrypted as policy } from "../../../policies/rds/rds-instance-storage-encrypted";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:rds/instance:Instance";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-instance-storage-encrypted", () => {
    it("passes an encrypted instance", () => {
        const result = run({ instanceClass: "db.t4g.micro", storageEncrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" });
        expect(result.diagnostics).toEqual([]);
    });

    it("flags storageEncrypted omitted (documented default false)", () => {
        const result = run({ instanceClass: "db.t4g.micro", engine: "postgres" });
        expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/defaults to false/);
    });

    it.each([false, "false", "yes", 1, null])("flags storageEncrypted = %j", (value) => {
        const result = run({ storageEncrypted: value });
        expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
    });

    it('accepts the string "true" the engine may send', () => {
        expect(run({ storageEncrypted: "true" }).diagnostics).toEqual([]);
    });

    it("flags a cross-region read replica without kmsKeyId, which is created unencrypted", () => {
        const result = run({ replicateSourceDb: "arn:aws:rds:us-east-1:111122223333:db:primary", storageEncrypted: true });
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
    });

    it("passes a cross-region read replica with kmsKeyId, and a same-region replica that inherits the source key", () => {
        expect(run({ replicateSourceDb: "arn:aws:rds:us-east-1:111122223333:db:primary", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" }).diagnostics).toEqual([]);
        expect(run({ replicateSourceDb: "primary-db" }).diagnostics).toEqual([]);
    });

    describe("preview (unknown values)", () => {
        it("reports an unknown storageEncrypted as undecided advisory, never as can't-run", () => {
            const result = run({ storageEncrypted: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["storageEncrypted", "advisory"]]);
        });

        it("still decides when only unrelated inputs are unknown", () => {
            const result = run({ storageEncrypted: false, dbSubnetGroupName: UNKNOWN, vpcSecurityGroupIds: [UNKNOWN] });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        });

        it("treats a replica whose source is computed as inheriting the source's encryption", () => {
            expect(run({ replicateSourceDb: UNKNOWN }).diagnostics).toEqual([]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/cluster:Cluster", props: { storageEncrypted: false } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
