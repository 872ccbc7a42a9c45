import { describe, expect, it } from "vitest";
import { iamNoPublicPrincipal as policy } from "../../../policies/iam/iam-no-public-principal";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:iam/role:Role";
const trust = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const run = (assumeRolePolicy: unknown) => evaluateResource(policy, { type, props: { assumeRolePolicy } });
const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

describe("iam-no-public-principal", () => {
    it("passes service, account and pinned GitHub trusts", () => {
        expect(run(trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })).diagnostics).toEqual([]);
        expect(run(JSON.stringify(trust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }))).diagnostics).toEqual([]);
        const github = trust({
            Effect: "Allow",
            Principal: { Federated: GITHUB },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/wallet:ref:refs/heads/main" },
            },
        });
        expect(run(github).diagnostics).toEqual([]);
    });

    it.each([
        [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
        [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
        [{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:*" }],
        [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "*" }],
        [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } }],
    ])("flags public trust %j as critical", (statement) => {
        const result = run(trust(statement));
        expect(violatedProperties(result)).toEqual(["assumeRolePolicy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("accepts a wildcard principal scoped by org id or external id", () => {
        expect(run(trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })).diagnostics).toEqual([]);
        expect(run(trust({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "vendor-7781" } } })).diagnostics).toEqual([]);
    });

    it.each([
        ["no condition", undefined],
        ["audience only", { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }],
        ["sub wildcard", { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }],
        ["sub IfExists", { StringLikeIfExists: { "token.actions.githubusercontent.com:sub": "repo:acme/wallet:*" } }],
    ])("flags a GitHub OIDC trust with %s", (_label, Condition) => {
        const result = run(trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }));
        expect(violatedProperties(result)).toEqual(["assumeRolePolicy"]);
    });

    it("requires the Cognito identity-pool audience", () => {
        const base = { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" };
        expect(violatedProperties(run(trust(base)))).toEqual(["assumeRolePolicy"]);
        expect(run(trust({ ...base, Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-west-1:pool-id" } } })).diagnostics).toEqual([]);
    });

    it("ignores Deny statements and SAML trusts", () => {
        expect(run(trust({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })).diagnostics).toEqual([]);
        expect(run(trust({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:saml-provider/okta" }, Action: "sts:AssumeRoleWithSAML" })).diagnostics).toEqual([]);
    });

    it("reports malformed trust policies", () => {
        expect(violatedProperties(run("{"))).toEqual(["assumeRolePolicy"]);
    });

    describe("preview", () => {
        it("is undecided for an unknown trust document or principal", () => {
            for (const value of [UNKNOWN, trust({ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "sts:AssumeRole" })]) {
                const result = run(value);
                expect(result.cantRun).toBe(false);
                expect(result.violations).toEqual([]);
                expect(result.undecided.map((d) => d.property)).toEqual(["assumeRolePolicy"]);
            }
        });

        it("flags an unpinned web-identity trust even when the provider ARN is computed", () => {
            const result = run(trust({ Effect: "Allow", Principal: { Federated: UNKNOWN }, Action: "sts:AssumeRoleWithWebIdentity" }));
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["assumeRolePolicy"]);
        });

        it("passes a known service trust even if other inputs are unknown", () => {
            const result = evaluateResource(policy, { type, props: { name: UNKNOWN, assumeRolePolicy: trust({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }) } });
            expect(result.diagnostics).toEqual([]);
        });
    });
});
