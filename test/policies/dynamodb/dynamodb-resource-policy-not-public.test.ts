import { describe, expect, it } from "vitest";
import { dynamodbResourcePolicyNotPublic as policy } from "../../../policies/dynamodb/dynamodb-resource-policy-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:dynamodb/resourcePolicy:ResourcePolicy";
const TABLE_ARN = "arn:aws:dynamodb:eu-west-1:111122223333:table/keys";
const run = (policyDoc: unknown) => evaluateResource(policy, { type, props: { resourceArn: TABLE_ARN, policy: policyDoc } });
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: principal, Action: "dynamodb:GetItem", Resource: TABLE_ARN, ...extra });

describe("dynamodb-resource-policy-not-public", () => {
    it("passes a policy that names a role", () => {
        expect(run(doc(allow({ AWS: "arn:aws:iam::111122223333:role/signer" }))).diagnostics).toEqual([]);
    });

    it("passes a wildcard principal pinned to the organization, account or VPC endpoint", () => {
        expect(run(doc(allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))).diagnostics).toEqual([]);
        expect(run(doc(allow({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalAccount": ["111122223333"] } } }))).diagnostics).toEqual([]);
        expect(run(doc(allow("*", { Condition: { StringEquals: { "aws:SourceVpce": "vpce-0abc" } } }))).diagnostics).toEqual([]);
    });

    it("passes a wildcard Allow taken back by a Deny for everyone outside the organization", () => {
        const guard = { Effect: "Deny", Principal: "*", Action: "dynamodb:*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
        expect(run(doc(allow("*"), guard)).diagnostics).toEqual([]);
    });

    it("does not accept a Deny that covers fewer actions or carries an extra condition", () => {
        const narrow = { Effect: "Deny", Principal: "*", Action: "dynamodb:Scan", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
        expect(violatedProperties(run(doc(allow("*"), narrow)))).toEqual(["policy"]);
        const extra = {
            Effect: "Deny",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" }, Bool: { "aws:SecureTransport": "false" } },
        };
        expect(violatedProperties(run(doc(allow("*"), extra)))).toEqual(["policy"]);
    });

    it.each([
        ["bare *", "*"],
        ["AWS *", { AWS: "*" }],
        ["AWS list with *", { AWS: ["arn:aws:iam::111122223333:root", "*"] }],
    ])("flags a wildcard principal (%s) at mandatory level", (_label, principal) => {
        const result = run(doc(allow(principal)));
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags NotPrincipal with Allow, a single Statement object, and an object document", () => {
        expect(violatedProperties(run(doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "dynamodb:*", Resource: "*" })))).toEqual(["policy"]);
        expect(violatedProperties(run(JSON.stringify({ Statement: allow("*") })))).toEqual(["policy"]);
        expect(violatedProperties(run({ Statement: [allow("*")] }))).toEqual(["policy"]);
    });

    it("does not accept conditions that do not pin the caller", () => {
        expect(violatedProperties(run(doc(allow("*", { Condition: { StringLike: { "aws:PrincipalAccount": "*" } } }))))).toEqual(["policy"]);
        expect(violatedProperties(run(doc(allow("*", { Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } } }))))).toEqual(["policy"]);
        expect(violatedProperties(run(doc(allow("*", { Condition: { Bool: { "aws:SecureTransport": "true" } } }))))).toEqual(["policy"]);
    });

    it("ignores wildcard Deny statements", () => {
        expect(run(doc({ Effect: "Deny", Principal: "*", Action: "dynamodb:DeleteTable", Resource: "*" }))).toMatchObject({ diagnostics: [] });
    });

    it("flags a malformed document without crashing", () => {
        expect(violatedProperties(run("{not json"))).toEqual(["policy"]);
        expect(violatedProperties(run(JSON.stringify({ Version: "2012-10-17" })))).toEqual(["policy"]);
        expect(violatedProperties(run(doc({ Effect: "Permit", Principal: "*", Action: "*" })))).toEqual(["policy"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on a computed document", () => {
            const result = run(UNKNOWN);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("is undecided on a computed principal or condition value, and decides known wildcard grants", () => {
            expect(run({ Statement: [allow({ AWS: UNKNOWN })] }).undecided.map((d) => d.property)).toEqual(["policy"]);
            const scopedByUnknown = run({ Statement: [allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } })] });
            expect(scopedByUnknown.violations).toEqual([]);
            expect(scopedByUnknown.undecided.map((d) => d.property)).toEqual(["policy"]);
            const known = run({ Statement: [allow("*", { Resource: UNKNOWN })] });
            expect(violatedProperties(known)).toEqual(["policy"]);
        });
    });
});
