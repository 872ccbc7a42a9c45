import { describe, expect, it } from "vitest";
import { s3TlsOnlyPolicy as policy } from "../../../policies/s3/s3-tls-only-policy";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

const deny = (overrides: Record<string, unknown> = {}) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::keys-1", "arn:aws:s3:::keys-1/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
    ...overrides,
});
const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

function stack(policyDocument: unknown) {
    return evaluateStack(policy, [
        { type: BUCKET, name: "keys", props: { bucket: "keys-1", id: "keys-1" } },
        { type: POLICY, name: "keys-policy", props: { bucket: "keys-1", policy: policyDocument } },
    ]);
}

describe("s3-tls-only-policy", () => {
    it("passes a SecureTransport deny as an object or a JSON string, with other spellings of the same deny", () => {
        expect(stack(doc(deny())).diagnostics).toEqual([]);
        expect(stack(JSON.stringify(doc(deny()))).diagnostics).toEqual([]);
        expect(stack(doc(deny({ Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"], Condition: { BoolIfExists: { "aws:SecureTransport": false } } }))).diagnostics).toEqual([]);
        expect(stack(doc(deny({ Resource: "arn:aws:s3:::keys-*/*", Condition: { NumericLessThanIfExists: { "s3:TlsVersion": "1.2" } } }))).diagnostics).toEqual([]);
    });

    it("passes an inline bucket policy (deprecated input, or the bucket's output)", () => {
        const result = evaluateStack(policy, [{ type: BUCKET, name: "keys", props: { bucket: "keys-1", policy: JSON.stringify(doc(deny())) } }]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a bucket without a policy and policies whose deny does not reach plaintext reads", () => {
        const none = evaluateStack(policy, [{ type: BUCKET, name: "keys", props: { bucket: "keys-1" } }]);
        expect(pairs(none)).toEqual([[urnOf(BUCKET, "keys"), "policy"]]);
        expect(none.violations[0]!.level).toBe("mandatory");
        const weak = [
            deny({ Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } }), // absent key over HTTP: no match
            deny({ Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "111122223333" } } }),
            deny({ Effect: "Allow" }),
            deny({ Action: "s3:PutObject" }),
            deny({ Resource: "arn:aws:s3:::keys-1" }),
            deny({ Resource: "arn:aws:s3:::keys-1/public/*" }),
            deny({ Principal: { AWS: "arn:aws:iam::111122223333:root" } }),
            deny({ Condition: { Bool: { "aws:SecureTransport": "true" } } }),
        ];
        for (const statement of weak) {
            expect(pairs(stack(doc(statement)))).toEqual([[urnOf(BUCKET, "keys"), "policy"]]);
        }
    });

    it("blocks a key-material bucket or a DynamoDB export target without the deny; an ordinary bucket gets an advisory", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { bucket: "keys-1" } },
            { type: BUCKET, name: "exports", props: { bucket: "acme-exports" } },
            { type: "aws:dynamodb/tableExport:TableExport", name: "ledger-export", props: { s3Bucket: UNKNOWN, tableArn: UNKNOWN }, propertyDependencies: { s3Bucket: ["exports"] } },
            { type: BUCKET, name: "site", props: { bucket: "acme-site" } },
        ]);
        expect(result.violations.map((v) => [v.urn, v.level])).toEqual([
            [urnOf(BUCKET, "keys"), "mandatory"],
            [urnOf(BUCKET, "exports"), "mandatory"],
            [urnOf(BUCKET, "site"), "advisory"],
        ]);
        expect(result.violations[2]!.message).toContain("plain HTTP");
        expect(result.violations[2]!.message).toContain("Defence in depth, advisory here");
    });

    it("flags a malformed policy document instead of crashing", () => {
        expect(pairs(stack("{not json"))).toEqual([[urnOf(BUCKET, "keys"), "policy"]]);
    });

    it("decides from propertyDependencies in preview and is undecided when the document is unknown", () => {
        const known = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { id: UNKNOWN } },
            { type: POLICY, name: "p", props: { bucket: UNKNOWN, policy: doc(deny({ Resource: [UNKNOWN, UNKNOWN] })) }, propertyDependencies: { bucket: ["keys"] } },
        ]);
        expect(known.cantRun).toBe(false);
        expect(known.violations).toEqual([]);
        expect(known.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(BUCKET, "keys"), "policy"]]);
        const computed = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { id: UNKNOWN } },
            { type: POLICY, name: "p", props: { bucket: UNKNOWN, policy: UNKNOWN }, propertyDependencies: { bucket: ["keys"] } },
        ]);
        expect(computed.violations).toEqual([]);
        expect(computed.undecided).toHaveLength(1);
        const resolved = evaluateStack(policy, [
            { type: BUCKET, name: "keys", props: { id: UNKNOWN } },
            { type: POLICY, name: "p", props: { bucket: UNKNOWN, policy: doc(deny({ Resource: ["arn:aws:s3:::whatever/*"] })) }, propertyDependencies: { bucket: ["keys"] } },
        ]);
        expect(resolved.diagnostics).toEqual([]);
    });
});
