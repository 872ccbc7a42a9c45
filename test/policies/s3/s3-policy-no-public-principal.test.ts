import { describe, expect, it } from "vitest";
import { s3PolicyNoPublicPrincipal as policy } from "../../../policies/s3/s3-policy-no-public-principal";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BUCKET = "aws:s3/bucket:Bucket";
const allow = (overrides: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::keys/*", ...overrides });
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const run = (policyDocument: unknown, type = POLICY, config?: Record<string, unknown>) => evaluateResource(policy, { type, props: { bucket: "keys", policy: policyDocument }, config });

describe("s3-policy-no-public-principal", () => {
    it("passes named principals, org/VPC-endpoint-scoped wildcards and TLS denies", () => {
        expect(run(doc(allow({ Principal: { AWS: "arn:aws:iam::111122223333:role/reader" } }))).diagnostics).toEqual([]);
        expect(run(doc(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))).diagnostics).toEqual([]);
        expect(run(JSON.stringify(doc(allow({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } } })))).diagnostics).toEqual([]);
        expect(run(doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } })).diagnostics).toEqual([]);
    });

    it.each([
        ["Principal *", allow()],
        ["AWS *", allow({ Principal: { AWS: "*" } })],
        ["AWS list with *", allow({ Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] } })],
        ["NotPrincipal", { ...allow(), Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }],
        ["IP condition only", allow({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })],
        ["IfExists scoping", allow({ Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } } })],
        ["wildcard org value", allow({ Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } })],
    ])("flags a public Allow (%s) at mandatory", (_label, statement) => {
        const result = run(doc(statement));
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("checks the deprecated inline bucket policy and flags malformed documents", () => {
        expect(violatedProperties(run(JSON.stringify(doc(allow())), BUCKET))).toEqual(["policy"]);
        expect(violatedProperties(run("{oops"))).toEqual(["policy"]);
        expect(violatedProperties(run(doc(allow({ Effect: "allow" }))))).toEqual(["policy"]);
        expect(evaluateResource(policy, { type: BUCKET, props: { bucket: "b" } }).diagnostics).toEqual([]);
    });

    it("flags accounts outside the configured allow-list", () => {
        const statement = allow({ Principal: { AWS: "arn:aws:iam::444455556666:root" } });
        expect(run(doc(statement)).diagnostics).toEqual([]);
        expect(violatedProperties(run(doc(statement), POLICY, { allowedAccountIds: ["111122223333"] }))).toEqual(["policy"]);
        expect(run(doc(statement), POLICY, { allowedAccountIds: ["444455556666"] }).diagnostics).toEqual([]);
    });

    it("is undecided when the document or its principal is computed", () => {
        const computed = run(UNKNOWN);
        expect(computed.cantRun).toBe(false);
        expect(computed.undecided.map((d) => d.property)).toEqual(["policy"]);
        expect(computed.violations).toEqual([]);
        expect(run(doc(allow({ Principal: { AWS: UNKNOWN } }))).undecided).toHaveLength(1);
        expect(run(doc(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } }))).undecided).toHaveLength(1);
    });
});
