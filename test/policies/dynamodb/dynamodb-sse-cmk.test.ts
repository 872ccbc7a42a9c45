import { describe, expect, it } from "vitest";
import { dynamodbSseCmk as policy } from "../../../policies/dynamodb/dynamodb-sse-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CMK_US = "arn:aws:kms:us-east-1:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab";
const table = (props: Record<string, unknown>) => evaluateResource(policy, { type: TABLE, props: { hashKey: "id", ...props } });

describe("dynamodb-sse-cmk", () => {
    it("passes a table encrypted with a customer-managed key, with CMK replicas", () => {
        const result = table({
            serverSideEncryption: { enabled: true, kmsKeyArn: CMK },
            replicas: [{ regionName: "us-east-1", kmsKeyArn: CMK_US }],
        });
        expect(result.diagnostics).toEqual([]);
    });

    it("flags an omitted serverSideEncryption block (AWS-owned key) at mandatory level", () => {
        const result = table({});
        expect(violatedProperties(result)).toEqual(["serverSideEncryption"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/AWS-owned/);
    });

    it("flags enabled: true without kmsKeyArn (AWS-managed aws/dynamodb key)", () => {
        expect(violatedProperties(table({ serverSideEncryption: { enabled: true } }))).toEqual(["serverSideEncryption.kmsKeyArn"]);
    });

    it.each(["alias/aws/dynamodb", "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb"])("flags the AWS-managed key named as %s", (key) => {
        expect(violatedProperties(table({ serverSideEncryption: { enabled: true, kmsKeyArn: key } }))).toEqual(["serverSideEncryption.kmsKeyArn"]);
    });

    it("flags enabled: false even with a key (the key is ignored), and enabled false without a key on both properties", () => {
        expect(violatedProperties(table({ serverSideEncryption: { enabled: false, kmsKeyArn: CMK } }))).toEqual(["serverSideEncryption.enabled"]);
        expect(violatedProperties(table({ serverSideEncryption: { enabled: "false" } }))).toEqual([
            "serverSideEncryption.enabled",
            "serverSideEncryption.kmsKeyArn",
        ]);
    });

    it.each([["yes"], [1], [null]])("flags a non-boolean or missing enabled = %j", (enabled) => {
        expect(violatedProperties(table({ serverSideEncryption: { enabled, kmsKeyArn: CMK } }))).toEqual(["serverSideEncryption.enabled"]);
    });

    it('accepts the string "true" and a one-element block list', () => {
        expect(table({ serverSideEncryption: { enabled: "true", kmsKeyArn: CMK } }).diagnostics).toEqual([]);
        expect(table({ serverSideEncryption: [{ enabled: true, kmsKeyArn: CMK }] }).diagnostics).toEqual([]);
    });

    it("flags a serverSideEncryption that is not an object, and a key that is not a string", () => {
        expect(violatedProperties(table({ serverSideEncryption: "KMS" }))).toEqual(["serverSideEncryption"]);
        expect(violatedProperties(table({ serverSideEncryption: { enabled: true, kmsKeyArn: { arn: CMK } } }))).toEqual(["serverSideEncryption.kmsKeyArn"]);
    });

    it("flags every inline replica without its own customer-managed key", () => {
        const result = table({
            serverSideEncryption: { enabled: true, kmsKeyArn: CMK },
            replicas: [{ regionName: "us-east-1", kmsKeyArn: CMK_US }, { regionName: "us-west-2" }, { regionName: "ap-south-1", kmsKeyArn: "alias/aws/dynamodb" }],
        });
        expect(violatedProperties(result)).toEqual(["replicas.1.kmsKeyArn", "replicas.2.kmsKeyArn"]);
    });

    it("flags a standalone TableReplica without a customer-managed key, and passes one with it", () => {
        const run = (props: Record<string, unknown>) => evaluateResource(policy, { type: REPLICA, props: { globalTableArn: "arn:aws:dynamodb:eu-west-1:1:table/keys", ...props } });
        expect(violatedProperties(run({}))).toEqual(["kmsKeyArn"]);
        expect(violatedProperties(run({ kmsKeyArn: "alias/aws/dynamodb" }))).toEqual(["kmsKeyArn"]);
        expect(run({ kmsKeyArn: CMK_US }).diagnostics).toEqual([]);
    });

    describe("preview (unknown values)", () => {
        it("treats a computed key ARN as a customer-managed key", () => {
            const result = table({ serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN }, replicas: [{ regionName: "us-east-1", kmsKeyArn: UNKNOWN }] });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("is undecided on a computed enabled flag when the key is right, and still decides a missing key", () => {
            const undecidedOnly = table({ serverSideEncryption: { enabled: UNKNOWN, kmsKeyArn: CMK } });
            expect(undecidedOnly.cantRun).toBe(false);
            expect(undecidedOnly.violations).toEqual([]);
            expect(undecidedOnly.undecided.map((d) => [d.property, d.level])).toEqual([["serverSideEncryption.enabled", "advisory"]]);

            const decided = table({ serverSideEncryption: { enabled: UNKNOWN } });
            expect(violatedProperties(decided)).toEqual(["serverSideEncryption.kmsKeyArn"]);
            expect(decided.undecided).toEqual([]);
        });

        it("is undecided on a computed block or replica list", () => {
            const result = table({ serverSideEncryption: UNKNOWN, replicas: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property).sort()).toEqual(["replicas", "serverSideEncryption"]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:dax/cluster:Cluster", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
