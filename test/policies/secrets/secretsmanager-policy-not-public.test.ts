import { describe, expect, it } from "vitest";
import { secretsmanagerPolicyNotPublic as policy } from "../../../policies/secrets/secretsmanager-policy-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
const statement = (extra: Record<string, unknown>) => ({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", ...extra });
const doc = (extra: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement(extra)] });
const run = (policyDoc: unknown, type = SECRET) => evaluateResource(policy, { type, props: { policy: policyDoc, secretArn: "arn:aws:secretsmanager:eu-west-1:1:secret:x" } });

describe("secretsmanager-policy-not-public", () => {
    it.each([SECRET, SECRET_POLICY])("passes a %s policy naming a role", (type) => {
        expect(run(doc({ Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }), type).diagnostics).toEqual([]);
    });

    it.each([undefined, "", "{}"])("passes a secret without a policy (%j; \"{}\" deletes it)", (value) => {
        expect(run(value).diagnostics).toEqual([]);
    });

    it.each([
        ["\"*\"", { Principal: "*" }],
        ["{AWS: \"*\"}", { Principal: { AWS: "*" } }],
        ["a list with \"*\"", { Principal: { AWS: ["*"] } }],
        ["NotPrincipal", { NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }],
        ["a source-IP condition only (any account from that IP)", { Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }],
        ["an IfExists account condition", { Principal: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": "111122223333" } } }],
        ["a negated account condition", { Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "111122223333" } } }],
    ])("flags an Allow to %s as mandatory, on both resource types", (_label, extra) => {
        for (const type of [SECRET, SECRET_POLICY]) {
            const result = run(doc(extra), type);
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.violations[0]!.level).toBe("mandatory");
        }
    });

    it.each([
        ["an organization", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
        ["an account", { StringEquals: { "aws:PrincipalAccount": "111122223333" } }],
        ["a VPC endpoint", { StringEquals: { "aws:SourceVpce": "vpce-0abc" } }],
    ])("passes a wildcard scoped to %s", (_label, Condition) => {
        expect(run(doc({ Principal: "*", Condition })).diagnostics).toEqual([]);
    });

    it("ignores Deny statements and names each open statement", () => {
        const policyDoc = JSON.stringify({
            Statement: [
                { Effect: "Deny", Principal: "*", Action: "secretsmanager:*", Resource: "*" },
                statement({ Sid: "Open", Principal: "*" }),
            ],
        });
        const result = run(policyDoc);
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.message).toContain('Statement[1] (Sid "Open")');
    });

    it.each(["not json", JSON.stringify({ Statement: [statement({ Principal: 7 })] }), "[]"])("flags a malformed document %j", (value) => {
        expect(violatedProperties(run(value))).toEqual(["policy"]);
    });

    describe("preview", () => {
        it("reports an unknown document as undecided", () => {
            const result = run(UNKNOWN, SECRET_POLICY);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("decides a wildcard statement whose resource is computed, and leaves an unknown account condition undecided", () => {
            const open = run(JSON.stringify({ Statement: [statement({ Principal: "*", Resource: UNKNOWN })] }));
            expect(violatedProperties(open)).toEqual(["policy"]);
            const scoped = run(JSON.stringify({ Statement: [statement({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } })] }));
            expect(scoped.violations).toEqual([]);
            expect(scoped.undecided.map((d) => d.property)).toEqual(["policy"]);
        });
    });
});
