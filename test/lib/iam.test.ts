import { describe, expect, it } from "vitest";
import {
    coversAction,
    coversAllResources,
    deniesWithoutMfa,
    globMatch,
    hasWildcardPrincipal,
    isAccountScoped,
    parsePolicyDocument,
    principalAccounts,
    requiresMfa,
    type Statement,
} from "../../policies/lib/iam";
import { snapshot, UNKNOWN } from "../../policies/lib/values";
import { UNKNOWN as SENTINEL } from "../support/evaluate";

function statements(document: unknown): Statement[] {
    const parsed = parsePolicyDocument(snapshot({ d: document }).d!);
    if (parsed.kind !== "document") {
        throw new Error(`expected a document, got ${parsed.kind}`);
    }
    return parsed.statements;
}

const one = (statement: Record<string, unknown>) => statements({ Version: "2012-10-17", Statement: statement })[0]!;

describe("parsePolicyDocument", () => {
    it("reads JSON strings and objects, Statement as object or list", () => {
        const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" } };
        expect(statements(JSON.stringify(doc))).toHaveLength(1);
        expect(statements(doc)).toHaveLength(1);
        expect(statements({ Statement: [doc.Statement, doc.Statement] })).toHaveLength(2);
    });

    it.each([
        ["{not json", "malformed"],
        ["[]", "malformed"],
        [{ Version: "2012-10-17" }, "malformed"],
        [{ Statement: ["x"] }, "malformed"],
        [{ Statement: { Effect: "Allow", Action: [{}] } }, "malformed"],
        [{ Statement: { Effect: "Allow", Principal: 5, Action: "*" } }, "malformed"],
        ["", "absent"],
        [undefined, "absent"],
        [SENTINEL, "unknown"],
        [{ Statement: SENTINEL }, "unknown"],
    ])("classifies %j as %s", (value, kind) => {
        expect(parsePolicyDocument(snapshot({ d: value }).d!).kind).toBe(kind);
    });

    it("keeps unknown statements and fields as UNKNOWN", () => {
        const [s] = statements({ Statement: [{ Effect: "Allow", Action: [SENTINEL], Resource: SENTINEL }] });
        expect(coversAction(s!, "kms:Decrypt")).toBe(UNKNOWN);
        expect(coversAllResources(s!)).toBe(UNKNOWN);
    });
});

describe("actions", () => {
    it("matches globs case-insensitively in both directions", () => {
        expect(globMatch("kms:*", "kms:Decrypt")).toBe(true);
        expect(globMatch("KMS:de*", "kms:Decrypt")).toBe(true);
        expect(globMatch("kms:?ecrypt", "kms:Decrypt")).toBe(true);
        expect(globMatch("kms:Encrypt", "kms:Decrypt")).toBe(false);
        expect(coversAction(one({ Effect: "Allow", Action: "*", Resource: "*" }), "kms:Decrypt")).toBe(true);
        expect(coversAction(one({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }), "kms:Decrypt")).toBe(false);
    });

    it("treats NotAction as granting everything not listed", () => {
        expect(coversAction(one({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), "kms:Decrypt")).toBe(true);
        expect(coversAction(one({ Effect: "Allow", NotAction: ["kms:*"], Resource: "*" }), "kms:Decrypt")).toBe(false);
    });

    it("sees wildcard resources and NotResource", () => {
        expect(coversAllResources(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }))).toBe(true);
        expect(coversAllResources(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:*:*:*" }))).toBe(true);
        expect(coversAllResources(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:111122223333:key/*" }))).toBe(true);
        expect(coversAllResources(one({ Effect: "Allow", Action: "kms:Decrypt", NotResource: "arn:aws:kms:eu-west-1:111122223333:key/x" }))).toBe(true);
        expect(coversAllResources(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:111122223333:key/1234" }))).toBe(false);
    });
});

describe("principals", () => {
    it.each([
        ["*", true],
        [{ AWS: "*" }, true],
        [{ AWS: ["arn:aws:iam::111122223333:root", "*"] }, true],
        [{ AWS: "arn:aws:iam::111122223333:root" }, false],
        [{ Service: "rds.amazonaws.com" }, false],
    ])("wildcard(%j) is %s", (principal, expected) => {
        expect(hasWildcardPrincipal(one({ Effect: "Allow", Principal: principal, Action: "kms:*", Resource: "*" }))).toBe(expected);
    });

    it("treats Allow with NotPrincipal as everyone", () => {
        expect(hasWildcardPrincipal(one({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }))).toBe(true);
    });

    it("lists principal accounts from ARNs and bare ids", () => {
        expect(principalAccounts(one({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:role/app", "444455556666"] }, Action: "*", Resource: "*" }))).toEqual([
            "111122223333",
            "444455556666",
        ]);
    });
});

describe("conditions", () => {
    it("recognizes account scoping only with concrete positive matches", () => {
        const withCondition = (condition: unknown) => isAccountScoped(one({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(withCondition({ StringEquals: { "kms:CallerAccount": "111122223333" } })).toBe(true);
        expect(withCondition({ StringEquals: { "aws:PrincipalOrgID": ["o-abc123"] } })).toBe(true);
        expect(withCondition({ StringLike: { "aws:PrincipalAccount": "*" } })).toBe(false);
        expect(withCondition({ StringEqualsIfExists: { "aws:PrincipalAccount": "111122223333" } })).toBe(false);
        expect(withCondition({ StringNotEquals: { "aws:PrincipalAccount": "111122223333" } })).toBe(false);
        expect(withCondition({ Bool: { "aws:SecureTransport": "true" } })).toBe(false);
        expect(withCondition({ StringEquals: { "aws:PrincipalAccount": SENTINEL } })).toBe(UNKNOWN);
    });

    it("requires Bool MultiFactorAuthPresent true or a MultiFactorAuthAge bound for MFA", () => {
        const mfa = (condition: unknown) => requiresMfa(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": "true" } })).toBe(true);
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": true } })).toBe(true);
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } })).toBe(true);
        expect(mfa({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })).toBe(false);
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": "false" } })).toBe(false);
        expect(mfa(undefined)).toBe(false);
        expect(mfa(SENTINEL)).toBe(UNKNOWN);
    });

    it("recognizes the deny-without-MFA guard in its BoolIfExists form only", () => {
        const deny = (condition: unknown) => deniesWithoutMfa(one({ Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: condition }));
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } })).toBe(true);
        expect(deny({ Null: { "aws:MultiFactorAuthAge": "true" } })).toBe(true);
        expect(deny({ Bool: { "aws:MultiFactorAuthPresent": "false" } })).toBe(false);
    });
});

describe("hardening against evasions in the shared IAM reader", () => {
    it("treats principals containing a wildcard, and Service/Federated wildcards, as everyone", () => {
        for (const principal of [{ AWS: "arn:aws:iam::*:root" }, { Service: "*" }, { Federated: "*" }]) {
            expect(hasWildcardPrincipal(one({ Effect: "Allow", Principal: principal, Action: "kms:Decrypt", Resource: "*" }))).toBe(true);
        }
    });

    it("does not accept wildcards in the account part of a scoping condition", () => {
        const scoped = (condition: unknown) => isAccountScoped(one({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(scoped({ StringLike: { "kms:CallerAccount": "1111*" } })).toBe(false);
        expect(scoped({ StringLike: { "aws:PrincipalOrgID": "o-*" } })).toBe(false);
        expect(scoped({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } })).toBe(false);
        expect(scoped({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" } })).toBe(true);
    });

    it("sees one bucket's objects as one bucket, not every resource", () => {
        expect(coversAllResources(one({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::wallet-backups/*" }))).toBe(false);
        expect(coversAllResources(one({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" }))).toBe(true);
        expect(coversAllResources(one({ Effect: "Allow", Action: "rds-db:connect", Resource: "arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/*" }))).toBe(true);
    });

    it("reads an empty document as no policy and an invalid Effect as malformed", () => {
        expect(parsePolicyDocument("{}").kind).toBe("absent");
        expect(parsePolicyDocument(JSON.stringify({ Statement: { Effect: "allow", Action: "*", Resource: "*" } })).kind).toBe("malformed");
    });
});
