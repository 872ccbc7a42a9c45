import { describe, expect, it } from "vitest";
import { exportTargetRestricted as policy } from "../../../policies/stack/export-target-restricted";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties, type Evaluation, type StackInputResource } from "../../support/evaluate";

const OWN = "111122223333";
const PARTNER = "444455556666";
const OTHER = "999988887777";
const CMK = `arn:aws:kms:eu-west-1:${OWN}:key/0b3c5d8e-1111-2222-3333-444455556666`;
const TABLE = "aws:dynamodb/table:Table";
const TABLE_EXPORT = "aws:dynamodb/tableExport:TableExport";
const EXPORT_TASK = "aws:rds/exportTask:ExportTask";
const BUCKET = "aws:s3/bucket:Bucket";

const levels = (r: Evaluation) => r.violations.map((d) => [d.property, d.level]);

function tableExport(table: string, exportProps: Record<string, unknown>, preview = false): StackInputResource[] {
    const tableArn = preview ? UNKNOWN : `arn:aws:dynamodb:eu-west-1:${OWN}:table/${table}`;
    return [
        { type: TABLE, name: table, props: { arn: tableArn, name: table } },
        { type: BUCKET, name: "exports", props: { id: preview ? UNKNOWN : "exports-bucket", bucket: preview ? UNKNOWN : "exports-bucket" } },
        {
            type: TABLE_EXPORT,
            name: `${table}-export`,
            props: { tableArn, s3Bucket: preview ? UNKNOWN : "exports-bucket", s3SseAlgorithm: "KMS", s3SseKmsKeyId: preview ? UNKNOWN : CMK, ...exportProps },
            propertyDependencies: { tableArn: [table], s3Bucket: ["exports"] },
        },
    ];
}

function rdsExport(database: string, taskProps: Record<string, unknown>, preview = false): StackInputResource[] {
    const id = (value: string) => (preview ? UNKNOWN : value);
    return [
        { type: "aws:rds/instance:Instance", name: database, props: { id: id("db-1"), identifier: database, arn: id(`arn:aws:rds:eu-west-1:${OWN}:db:${database}`) } },
        {
            type: "aws:rds/snapshot:Snapshot",
            name: `${database}-snap`,
            props: { dbInstanceIdentifier: id(database), dbSnapshotIdentifier: "nightly", dbSnapshotArn: id(`arn:aws:rds:eu-west-1:${OWN}:snapshot:nightly`) },
            propertyDependencies: { dbInstanceIdentifier: [database] },
        },
        { type: BUCKET, name: "exports", props: { id: id("exports-bucket"), bucket: id("exports-bucket") } },
        {
            type: EXPORT_TASK,
            name: `${database}-export`,
            props: { exportTaskIdentifier: "nightly-export", iamRoleArn: id("arn:aws:iam::111122223333:role/export"), kmsKeyId: id(CMK), s3BucketName: id("exports-bucket"), sourceArn: id(`arn:aws:rds:eu-west-1:${OWN}:snapshot:nightly`), ...taskProps },
            propertyDependencies: { sourceArn: [`${database}-snap`], s3BucketName: ["exports"] },
        },
    ];
}

describe("export-target-restricted", () => {
    it.each([false, true])("passes exports into a bucket of the stack, with a customer-managed key (preview=%s)", (preview) => {
        for (const resources of [tableExport("wallet-ledger", {}, preview), rdsExport("wallet-db", {}, preview)]) {
            const result = evaluateStack(policy, resources);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        }
    });

    it("passes a table export to the table's own account, or to an allowed one", () => {
        expect(evaluateStack(policy, tableExport("wallet-ledger", { s3BucketOwner: OWN })).diagnostics).toEqual([]);
        expect(evaluateStack(policy, tableExport("wallet-ledger", { s3BucketOwner: PARTNER }), { allowedAccountIds: [PARTNER] }).diagnostics).toEqual([]);
    });

    it("blocks a key-material table exported to a bucket of another account", () => {
        const result = evaluateStack(policy, tableExport("wallet-ledger", { s3Bucket: "partner-bucket", s3BucketOwner: OTHER }));
        expect(violatedProperties(result)).toEqual(["s3BucketOwner"]);
        expect(levels(result)).toEqual([["s3BucketOwner", "mandatory"]]);
        expect(result.violations[0]!.urn).toBe(urnOf(TABLE_EXPORT, "wallet-ledger-export"));
        expect(result.violations[0]!.message).toMatch(/owns the bucket.*key material/);
        // The same export of a table that holds no key material is advice.
        expect(levels(evaluateStack(policy, tableExport("orders", { s3BucketOwner: OTHER })))).toEqual([["s3BucketOwner", "advisory"]]);
    });

    it("is undecided while the table's account or the bucket owner is computed", () => {
        const computedTable = evaluateStack(policy, tableExport("wallet-ledger", { s3BucketOwner: OTHER }, true));
        expect(computedTable.cantRun).toBe(false);
        expect(computedTable.violations).toEqual([]);
        expect(computedTable.undecided.map((d) => d.property)).toEqual(["s3BucketOwner"]);
        const computedOwner = evaluateStack(policy, tableExport("wallet-ledger", { s3BucketOwner: UNKNOWN }));
        expect(computedOwner.undecided.map((d) => d.property)).toEqual(["s3BucketOwner"]);
    });

    it("flags exports encrypted without a customer-managed key: mandatory for key material, advice otherwise", () => {
        const aes = evaluateStack(policy, tableExport("wallet-ledger", { s3SseAlgorithm: "AES256", s3SseKmsKeyId: undefined }));
        expect(levels(aes)).toEqual([["s3SseAlgorithm", "mandatory"]]);
        expect(aes.violations[0]!.message).toContain("S3-managed keys");
        expect(levels(evaluateStack(policy, tableExport("wallet-ledger", { s3SseKmsKeyId: "alias/aws/s3" })))).toEqual([["s3SseKmsKeyId", "mandatory"]]);
        expect(levels(evaluateStack(policy, tableExport("wallet-ledger", { s3SseKmsKeyId: undefined })))).toEqual([["s3SseKmsKeyId", "mandatory"]]);
        expect(levels(evaluateStack(policy, tableExport("orders", { s3SseAlgorithm: "aes256" })))).toEqual([["s3SseAlgorithm", "advisory"]]);
        expect(levels(evaluateStack(policy, tableExport("orders", { s3SseAlgorithm: "ROT13" })))).toEqual([["s3SseAlgorithm", "mandatory"]]);
        expect(levels(evaluateStack(policy, rdsExport("wallet-db", { kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds" })))).toEqual([["kmsKeyId", "mandatory"]]);
        expect(levels(evaluateStack(policy, rdsExport("orders-db", { kmsKeyId: "alias/aws/rds" })))).toEqual([["kmsKeyId", "advisory"]]);
    });

    it("leaves the encryption of the exported objects to the bucket when no algorithm is set", () => {
        expect(evaluateStack(policy, tableExport("wallet-ledger", { s3SseAlgorithm: undefined, s3SseKmsKeyId: undefined })).diagnostics).toEqual([]);
    });

    it("advises on exports into buckets the stack does not manage, unless the data is known not to be key material", () => {
        const outside = (resources: StackInputResource[]) => resources.map((r) => (r.type === BUCKET ? { ...r, name: "unrelated", props: { bucket: "unrelated" } } : { ...r, propertyDependencies: { ...r.propertyDependencies, s3Bucket: [], s3BucketName: [] } }));
        const rds = evaluateStack(policy, outside(rdsExport("wallet-db", {})));
        expect(levels(rds)).toEqual([["s3BucketName", "advisory"]]);
        expect(rds.violations[0]!.message).toContain("not in the stack");
        expect(levels(evaluateStack(policy, outside(tableExport("wallet-ledger", {}))))).toEqual([["s3Bucket", "advisory"]]);
        expect(evaluateStack(policy, outside(tableExport("orders", {}))).diagnostics).toEqual([]);
        // Naming the table's own account as the owner does not make a bucket outside the stack visible.
        expect(levels(evaluateStack(policy, outside(tableExport("wallet-ledger", { s3BucketOwner: OWN }))))).toEqual([["s3Bucket", "advisory"]]);
        // A foreign owner is the one finding; the bucket's location adds none.
        expect(levels(evaluateStack(policy, outside(tableExport("wallet-ledger", { s3BucketOwner: OTHER }))))).toEqual([["s3BucketOwner", "mandatory"]]);
    });

    it("follows an RDS export by snapshot ARN to the database, and treats a source outside the stack as unclassified", () => {
        const byArn = rdsExport("wallet-db", { kmsKeyId: "alias/aws/rds" }).map((r) => (r.type === EXPORT_TASK ? { ...r, propertyDependencies: { s3BucketName: ["exports"] } } : r));
        expect(levels(evaluateStack(policy, byArn))).toEqual([["kmsKeyId", "mandatory"]]);
        const foreignSource = rdsExport("orders-db", { kmsKeyId: "alias/aws/rds", sourceArn: `arn:aws:rds:eu-west-1:${OWN}:snapshot:legacy` }).map((r) =>
            r.type === EXPORT_TASK ? { ...r, propertyDependencies: { s3BucketName: ["exports"] } } : r,
        );
        const result = evaluateStack(policy, foreignSource);
        expect(levels(result)).toEqual([["kmsKeyId", "advisory"]]);
        expect(result.violations[0]!.message).toContain("cannot be told");
    });

    it("flags a bucket owner that is not an account id", () => {
        expect(violatedProperties(evaluateStack(policy, tableExport("orders", { s3BucketOwner: "partner" })))).toEqual(["s3BucketOwner"]);
        expect(violatedProperties(evaluateStack(policy, tableExport("orders", { s3BucketOwner: "*" })))).toEqual(["s3BucketOwner"]);
    });
});
