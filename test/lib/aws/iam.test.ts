import { describe, expect, it } from "vitest";
import {
    adminAccess,
    broadForAction,
    coveredActions,
    coversAction,
    coversAllResources,
    coversAnyAction,
    deniesWithoutMfa,
    describeCapabilities,
    describeStatement,
    globMatch,
    KEY_MATERIAL_ACTION_CLASSES,
    KEY_MATERIAL_ACTIONS,
    keyMaterialActionClass,
    hasWildcardPrincipal,
    isAccountScoped,
    isBroadResourceFor,
    operatorParts,
    parsePolicyDocument,
    principalAccounts,
    requiresMfa,
    serviceOf,
    type Statement,
} from "../../../policies/lib/aws/iam";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

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
        // The age key is present only for MFA sessions, so requiring its presence requires MFA.
        expect(mfa({ Null: { "aws:MultiFactorAuthAge": "false" } })).toBe(true);
        expect(mfa({ Null: { "aws:MultiFactorAuthAge": false } })).toBe(true);
        expect(mfa({ Null: { "aws:MultiFactorAuthAge": "true" } })).toBe(false);
        expect(mfa({ Null: { "aws:MultiFactorAuthAge": SENTINEL } })).toBe(UNKNOWN);
        // MultiFactorAuthPresent is present (as false) for sessions without MFA: its presence proves nothing.
        expect(mfa({ Null: { "aws:MultiFactorAuthPresent": "false" } })).toBe(false);
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

describe("parsing details", () => {
    it("reads element names leniently in case, and keeps Sid, NotPrincipal, NotAction and NotResource apart", () => {
        const s = one({ effect: "Allow", sid: "Admins", notprincipal: { AWS: "arn:aws:iam::111122223333:root" }, notaction: "iam:*", notresource: "arn:aws:s3:::x" });
        expect(s).toMatchObject({ sid: "Admins", effect: "Allow", notPrincipal: true, notAction: true, notResource: true });
        expect(s.actions).toEqual(["iam:*"]);
        expect(s.resources).toEqual(["arn:aws:s3:::x"]);
        const plain = one({ Effect: "Deny", Sid: 5, Principal: { AWS: ["a", "b"], Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: ["*"] });
        expect(plain).toMatchObject({ sid: undefined, effect: "Deny", notPrincipal: false, notAction: false, notResource: false, index: 0 });
        expect(plain.principals).toEqual([
            { kind: "AWS", value: "a" },
            { kind: "AWS", value: "b" },
            { kind: "Service", value: "logs.amazonaws.com" },
        ]);
        expect(one({ Effect: "Allow", Principal: " * ", Action: "*" }).principals).toEqual([{ kind: "*", value: "*" }]);
        expect(one({ Effect: "Allow", Principal: "arn:aws:iam::111122223333:root", Action: "*" }).principals).toEqual([{ kind: "AWS", value: "arn:aws:iam::111122223333:root" }]);
        expect(one({ Effect: "Allow", Principal: null, Action: "*" }).principals).toBeUndefined();
        expect(one({ Effect: "Allow", Principal: { AWS: SENTINEL }, Action: "*" }).principals).toEqual([{ kind: "AWS", value: UNKNOWN }]);
        expect(one({ Effect: "Allow", Principal: { AWS: [SENTINEL] }, Action: "*" }).principals).toEqual([{ kind: "AWS", value: UNKNOWN }]);
        expect(one({ Effect: "Allow", Action: [5, true] }).actions).toEqual(["5", "true"]);
        expect(one({ Effect: SENTINEL, Action: "*" }).effect).toBe(UNKNOWN);
    });

    it("reads conditions into lower-cased keys with their values, unknown blocks and values kept unknown", () => {
        const s = one({ Effect: "Allow", Action: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-1", "o-2"], "Kms:ViaService": "rds" } } });
        expect(s.conditions).toEqual([
            { operator: "StringEquals", key: "aws:principalorgid", values: ["o-1", "o-2"] },
            { operator: "StringEquals", key: "kms:viaservice", values: ["rds"] },
        ]);
        expect(one({ Effect: "Allow", Action: "*", Condition: { StringEquals: SENTINEL } }).conditions).toBe(UNKNOWN);
        expect(one({ Effect: "Allow", Action: "*", Condition: { StringEquals: { "aws:SourceVpc": SENTINEL } } }).conditions).toEqual([
            { operator: "StringEquals", key: "aws:sourcevpc", values: [UNKNOWN] },
        ]);
        expect(one({ Effect: "Allow", Action: "*", Condition: null }).conditions).toEqual([]);
    });

    it("keeps a wholly unknown statement unknown in every part", () => {
        const [s] = statements({ Statement: [SENTINEL] });
        expect(s).toMatchObject({ effect: UNKNOWN, principals: UNKNOWN, actions: UNKNOWN, resources: UNKNOWN, conditions: UNKNOWN, notAction: false, notPrincipal: false, notResource: false });
    });

    it.each([
        [{ Statement: [{ Effect: "Allow", Action: "*" }, "x"] }, "Statement 1"],
        [{ Statement: { Effect: "Allow", Principal: { AWS: [{}] }, Action: "*" } }, "Principal"],
        [{ Statement: { Effect: "Allow", Action: "*", Resource: [{}] } }, "Action or Resource"],
        [{ Statement: { Effect: "Allow", Action: "*", Condition: "x" } }, "Condition"],
        [{ Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: "x" } } }, "Condition"],
        [{ Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: [{}] } } } }, "Condition"],
        [{ Statement: { Effect: "Allow", Principal: ["*"], Action: "*" } }, "Principal"],
        [{ Statement: { Effect: 1, Action: "*" } }, "Effect"],
        [{ Statement: null }, "Statement"],
    ])("reports %j as malformed, naming the part", (document, part) => {
        const parsed = parsePolicyDocument(snapshot({ d: document }).d!);
        expect(parsed.kind).toBe("malformed");
        expect(parsed.kind === "malformed" && parsed.reason).toContain(part);
    });

    it("reads JSON strings with unknown sentinels inside, and refuses oversized or non-object JSON", () => {
        const parsed = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "kms:Decrypt", Resource: SENTINEL, Principal: { AWS: [SENTINEL] } } }));
        expect(parsed.kind).toBe("document");
        const [s] = parsed.kind === "document" ? parsed.statements : [];
        expect(s?.resources).toBe(UNKNOWN);
        expect(hasWildcardPrincipal(s!)).toBe(UNKNOWN);
        expect(parsePolicyDocument("   ").kind).toBe("absent");
        expect(parsePolicyDocument("5").kind).toBe("malformed");
        expect(parsePolicyDocument("null").kind).toBe("malformed");
        expect(parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "x".repeat(1_000_001) } })).kind).toBe("malformed");
        expect(parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "x".repeat(100_000) } })).kind).toBe("document");
        // Deeply nested JSON is cut off as unknown rather than recursed into without bound.
        let nested: unknown = "x";
        for (let i = 0; i < 40; i++) {
            nested = [nested];
        }
        const deep = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: nested } } } }));
        expect(deep.kind).toBe("malformed");
        const shallow = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: ["a"] } }));
        expect(shallow.kind === "document" && shallow.statements[0]!.resources).toEqual(["a"]);
    });
});

describe("action coverage", () => {
    const stmt = (action: unknown, not = false) => one({ Effect: "Allow", [not ? "NotAction" : "Action"]: action, Resource: "*" });

    it("matches globs exactly: ?, * runs and trailing stars", () => {
        expect(globMatch("kms:*", "kms:")).toBe(true);
        expect(globMatch("kms:**", "kms:Decrypt")).toBe(true);
        expect(globMatch("kms:De*pt", "kms:Decrypt")).toBe(true);
        expect(globMatch("kms:De*pt", "kms:DecryptX")).toBe(false);
        expect(globMatch("*crypt", "kms:Decrypt")).toBe(true);
        expect(globMatch("kms:?", "kms:")).toBe(false);
        expect(globMatch("kms:Decrypt", "kms:Decryp")).toBe(false);
        expect(globMatch("kms:Decryp", "kms:Decrypt")).toBe(false);
        expect(globMatch("a*b*c", "aXbYc")).toBe(true);
        expect(globMatch("a*b*c", "aXbY")).toBe(false);
    });

    it("is unknown only when an unknown entry could decide it", () => {
        expect(coversAction(stmt(SENTINEL), "kms:Decrypt")).toBe(UNKNOWN);
        expect(coversAction(stmt([SENTINEL, "kms:Decrypt"]), "kms:Decrypt")).toBe(true);
        expect(coversAction(stmt([SENTINEL, "s3:*"]), "kms:Decrypt")).toBe(UNKNOWN);
        expect(coversAction(stmt([SENTINEL, "kms:*"], true), "kms:Decrypt")).toBe(false);
        expect(coversAction(stmt([SENTINEL, "s3:*"], true), "kms:Decrypt")).toBe(UNKNOWN);
        expect(coversAction(stmt(["kms:De*"]), "kms:Decrypt")).toBe(true);
        expect(coversAction(stmt(["kms:Decrypt"]), "kms:*")).toBe(true);
    });

    it("answers for a set of actions", () => {
        expect(coversAnyAction(stmt(["s3:GetObject", "kms:Decrypt"]), ["kms:Encrypt", "kms:Decrypt"])).toBe(true);
        expect(coversAnyAction(stmt(["s3:GetObject"]), ["kms:Encrypt", "kms:Decrypt"])).toBe(false);
        expect(coversAnyAction(stmt([SENTINEL]), ["kms:Encrypt", "kms:Decrypt"])).toBe(UNKNOWN);
        expect(coversAnyAction(stmt([SENTINEL]), [])).toBe(false);
        expect(coveredActions(stmt(["kms:Decrypt", "kms:GenerateDataKey*"]), ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"])).toEqual([
            "kms:Decrypt",
            "kms:GenerateDataKey",
        ]);
        expect(coveredActions(stmt([SENTINEL, "kms:Decrypt"]), ["kms:Decrypt", "kms:Encrypt"])).toBe(UNKNOWN);
        expect(coveredActions(stmt(["s3:*"]), ["kms:Decrypt"])).toEqual([]);
    });
});

describe("resource breadth", () => {
    it.each([
        ["*", "kms", true],
        ["*:*", "kms", true],
        [" * ", "kms", true],
        ["arn:*", "kms", true],
        ["arn:aws:*", "kms", true],
        ["arn:aws::", "kms", false],
        ["arn:aws::*", "kms", true],
        ["arn:aws:kms", "kms", false],
        ["arn:aws:kms:*", "kms", true],
        ["arn:aws:s3:*", "kms", false],
        ["arn:aws:kms:*:*:*", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/*", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/abc*", "kms", false],
        ["arn:aws:kms:eu-west-1:111122223333:key/1234", "kms", false],
        // Globs every key id matches are every key, whatever their spelling.
        ["arn:aws:kms:*:111122223333:key/*-*", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/????????-????-????-????-????????????", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/*-*-*-*-*", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/?*", "kms", true],
        ["arn:aws:kms:eu-west-1:111122223333:key/*4*", "kms", true], // the version nibble of every key id
        ["arn:aws:kms:eu-west-1:111122223333:key/*a*", "kms", false],
        ["arn:aws:kms:eu-west-1:111122223333:key/*1*", "kms", false],
        // Narrower globs are not: one key's prefix, a multi-region key set, one fixed character.
        ["arn:aws:kms:eu-west-1:111122223333:key/0a1b*", "kms", false],
        ["arn:aws:kms:eu-west-1:111122223333:key/mrk-*", "kms", false],
        ["arn:aws:kms:eu-west-1:111122223333:key/????????-????-????-????-???????????", "kms", false],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:*-??????", "secretsmanager", true],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/*", "secretsmanager", false],
        ["arn:aws:ssm:eu-west-1:111122223333:parameter*", "ssm", true],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:*", "secretsmanager", true],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-*", "secretsmanager", false],
        ["arn:aws:ssm:eu-west-1:111122223333:parameter/*", "ssm", true],
        ["arn:aws:s3:::*", "s3", true],
        ["arn:aws:s3:::*/backups", "s3", true],
        ["arn:aws:s3:::bucket/*", "s3", false],
        ["arn:aws:s3:::bucket/*", "kms", false],
        ["ARN:aws:*:eu-west-1:111122223333:key/*", "kms", true],
        ["kms:*", "kms", false],
        ["key/*", "kms", false],
        ["arn:aws:kms:eu-west-1:111122223333:key", "kms", false],
    ])("%s is broad for %s: %s", (pattern, service, expected) => {
        expect(isBroadResourceFor(pattern, service)).toBe(expected);
    });

    it("judges a statement's resources for an action's service", () => {
        const stmt = (resource: unknown, not = false) => one({ Effect: "Allow", Action: "*", [not ? "NotResource" : "Resource"]: resource });
        expect(broadForAction(stmt("arn:aws:kms:eu-west-1:111122223333:key/*"), "kms:Decrypt")).toBe(true);
        expect(broadForAction(stmt("arn:aws:kms:eu-west-1:111122223333:key/*"), "secretsmanager:GetSecretValue")).toBe(false);
        expect(broadForAction(stmt(["arn:aws:kms:eu-west-1:111122223333:key/1", SENTINEL]), "kms:Decrypt")).toBe(UNKNOWN);
        expect(broadForAction(stmt([SENTINEL, "*"]), "kms:Decrypt")).toBe(true);
        expect(broadForAction(stmt(SENTINEL), "kms:Decrypt")).toBe(UNKNOWN);
        expect(broadForAction(stmt("arn:aws:kms:eu-west-1:111122223333:key/1", true), "kms:Decrypt")).toBe(true);
        expect(serviceOf("kms:Decrypt")).toBe("kms");
        expect(serviceOf("*")).toBe("*");
        expect(coversAllResources(stmt(SENTINEL))).toBe(UNKNOWN);
        expect(coversAllResources(stmt([SENTINEL, "arn:aws:kms:eu-west-1:111122223333:key/1"]))).toBe(UNKNOWN);
        expect(coversAllResources(stmt([SENTINEL, "arn:aws:kms:*:*:key/*"]))).toBe(true);
        expect(coversAllResources(stmt(["arn:aws:*:eu-west-1:111122223333:key/*"]))).toBe(true);
        expect(coversAllResources(stmt([]))).toBe(false);
    });
});

describe("principal details", () => {
    const withPrincipal = (principal: unknown, extra: Record<string, unknown> = {}) => one({ Effect: "Allow", Principal: principal, Action: "*", ...extra });

    it("gives no wildcard for identity policies and unknown for computed principals", () => {
        expect(hasWildcardPrincipal(one({ Effect: "Allow", Action: "*", Resource: "*" }))).toBe(false);
        expect(hasWildcardPrincipal(withPrincipal(SENTINEL))).toBe(UNKNOWN);
        expect(hasWildcardPrincipal(withPrincipal({ AWS: [SENTINEL, "arn:aws:iam::111122223333:root"] }))).toBe(UNKNOWN);
        expect(hasWildcardPrincipal(withPrincipal({ AWS: [SENTINEL, "*"] }))).toBe(true);
    });

    it("lists accounts of AWS principals only, unknowns kept", () => {
        expect(principalAccounts(withPrincipal({ Service: "111122223333", AWS: [" arn:aws-cn:iam::444455556666:user/x ", SENTINEL, "arn:aws:iam::1111222233334:root", "*"] }))).toEqual([
            "444455556666",
            UNKNOWN,
        ]);
        expect(principalAccounts(withPrincipal(SENTINEL))).toEqual([UNKNOWN]);
        expect(principalAccounts(one({ Effect: "Allow", Action: "*" }))).toEqual([]);
        expect(principalAccounts(withPrincipal({ AWS: "111122223333x" }))).toEqual([]);
    });

    it("describes a statement by index and Sid", () => {
        const [first, second] = statements({ Statement: [{ Effect: "Allow", Action: "*" }, { Sid: "Admins", Effect: "Allow", Action: "*" }] });
        expect(describeStatement(first!)).toContain("0");
        expect(describeStatement(second!)).toContain("1");
        expect(describeStatement(second!)).toContain("Admins");
        expect(describeStatement(first!)).not.toContain("Sid");
    });
});

describe("condition details", () => {
    const scoped = (condition: unknown) => isAccountScoped(one({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: condition }));

    it("splits operators into base, IfExists and set-operator parts", () => {
        expect(operatorParts("ForAnyValue:StringLikeIfExists")).toEqual({ base: "stringlike", ifExists: true, setOperator: true });
        expect(operatorParts("forallvalues:StringEquals")).toEqual({ base: "stringequals", ifExists: false, setOperator: true });
        expect(operatorParts("BoolIfExists")).toEqual({ base: "bool", ifExists: true, setOperator: false });
        expect(operatorParts("StringEquals")).toEqual({ base: "stringequals", ifExists: false, setOperator: false });
        expect(operatorParts("IfExistsStringEquals")).toEqual({ base: "ifexistsstringequals", ifExists: false, setOperator: false });
        expect(operatorParts("XForAnyValue:StringEquals").setOperator).toBe(false);
    });

    it.each([
        ["aws:SourceAccount", "111122223333", true],
        ["aws:SourceOwner", "111122223333", true],
        ["aws:SourceAccount", "11112222333", false],
        ["aws:SourceAccount", "1111222233334", false],
        ["aws:PrincipalAccount", " 111122223333 ", true],
        ["aws:SourceOrgID", "o-abc123", true],
        ["aws:SourceOrgID", "xo-abc123", false],
        ["aws:PrincipalOrgID", "o-abc123/", false],
        ["aws:PrincipalOrgPaths", "o-abc123/r-ab12/ou-ab12-11111111/", true],
        ["aws:PrincipalOrgPaths", "o-*/", false],
        ["aws:PrincipalOrgPaths", "x/o-abc123/", false],
        ["aws:VpceAccount", "111122223333", true],
        ["aws:VpceAccount", "1111*", false],
        ["aws:VpceOrgID", "o-abc123", true],
        ["aws:VpceOrgID", "o-*", false],
        ["aws:VpceOrgPaths", "o-abc123/r-ab12/", true],
        ["aws:SourceOrgPaths", "o-abc123/r-ab12/ou-ab12-11111111/", true],
        ["aws:SourceVpcArn", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1a2b3c4d", true],
        ["aws:SourceVpcArn", "arn:aws:ec2:eu-west-1:*:vpc/*", false],
        ["aws:SourceVpce", "vpce-1a2b3c4d", true],
        ["aws:SourceVpce", "vpce-*", false],
        ["aws:SourceVpce", "vpce-1a2b3c4d-x", false],
        ["aws:SourceVpce", "my-vpce-1a2b", false],
        ["aws:SourceVpc", "vpc-1a2b3c4d", true],
        ["aws:SourceVpc", "vpc-*", false],
        ["aws:SourceVpc", "vpc-1a2bx", false],
        ["aws:SourceVpc", "xvpc-1a2b", false],
        ["aws:SourceArn", "arn:aws:s3:::bucket", false],
        ["aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic", true],
        ["aws:SourceArn", "xarn:aws:sns:eu-west-1:111122223333:topic", false],
        ["aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333", false],
        ["aws:PrincipalArn", "arn:aws:iam::1111222233334:role/x", false],
        ["aws:userid", "AROAEXAMPLEID123456:*", true],
        ["aws:userid", "AROAEXAMPLEID123456", true],
        ["aws:userid", "AROAEXAMPLE:*", false],
        ["aws:userid", "*:AROAEXAMPLEID123456", false],
        ["aws:userid", "AROAEXAMPLEID123456x", false],
        ["aws:PrincipalTag/team", "db", false],
    ])("StringEquals %s %s scopes to an account: %s", (key, value, expected) => {
        expect(scoped({ StringEquals: { [key]: value } })).toBe(expected);
    });

    it("needs every value concrete and a positive, plain operator", () => {
        expect(scoped({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:topic" } })).toBe(true);
        expect(scoped({ StringEqualsIgnoreCase: { "aws:SourceAccount": "111122223333" } })).toBe(true);
        expect(scoped({ StringEquals: { "aws:SourceAccount": ["111122223333", "*"] } })).toBe(false);
        expect(scoped({ StringEquals: { "aws:SourceAccount": [] } })).toBe(false);
        expect(scoped({ "ForAnyValue:StringEquals": { "aws:SourceAccount": "111122223333" } })).toBe(false);
        expect(scoped(SENTINEL)).toBe(UNKNOWN);
        expect(scoped({ StringEquals: { "aws:SourceAccount": [SENTINEL], "aws:SourceVpc": "vpc-1a2b" } })).toBe(true);
        expect(scoped({ StringEquals: { "aws:SourceAccount": [SENTINEL] }, Bool: { "aws:SecureTransport": SENTINEL } })).toBe(UNKNOWN);
    });

    it("counts MFA conditions only in their strict forms", () => {
        const mfa = (condition: unknown) => requiresMfa(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": ["true", "TRUE "] } })).toBe(true);
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": ["true", "false"] } })).toBe(false);
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": [] } })).toBe(false);
        expect(mfa({ Bool: { "aws:MultiFactorAuthPresent": [SENTINEL] } })).toBe(UNKNOWN);
        expect(mfa({ "ForAllValues:Bool": { "aws:MultiFactorAuthPresent": "true" } })).toBe(false);
        expect(mfa({ StringEquals: { "aws:MultiFactorAuthPresent": "true" } })).toBe(false);
        expect(mfa({ Bool: { "aws:SecureTransport": "true" } })).toBe(false);
        expect(mfa({ NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } })).toBe(true);
        expect(mfa({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } })).toBe(false);
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthAge": "soon" } })).toBe(false);
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthAge": SENTINEL } })).toBe(UNKNOWN);
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthPresent": "3600" } })).toBe(false);
        expect(mfa({ NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } })).toBe(false);
    });

    it("recognizes the deny-without-MFA guard only on a Deny with every value matching", () => {
        const deny = (condition: unknown, effect = "Deny") => deniesWithoutMfa(one({ Effect: effect, NotAction: "iam:*", Resource: "*", Condition: condition }));
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, "Allow")).toBe(false);
        expect(deny(SENTINEL)).toBe(UNKNOWN);
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": [" FALSE "] } })).toBe(true);
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": ["false", SENTINEL] } })).toBe(false);
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": ["false", "true"] } })).toBe(false);
        expect(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": [] } })).toBe(false);
        expect(deny({ "ForAnyValue:BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } })).toBe(false);
        expect(deny({ BoolIfExists: { "aws:SecureTransport": "false" } })).toBe(false);
        expect(deny({ Null: { "aws:MultiFactorAuthAge": ["true", SENTINEL] } })).toBe(false);
        expect(deny({ Null: { "aws:MultiFactorAuthAge": ["false"] } })).toBe(false);
        expect(deny({ Null: { "aws:MultiFactorAuthAge": [] } })).toBe(false);
        expect(deny({ Null: { "aws:MultiFactorAuthPresent": "true" } })).toBe(false);
        expect(deny({ Bool: { "aws:MultiFactorAuthAge": "true" } })).toBe(false);
    });
});

describe("survivor-driven edge cases", () => {
    it("reads concrete values from a JSON document as concrete, and null parts as absent", () => {
        const parsed = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: null } }));
        expect(parsed.kind).toBe("document");
        const [s] = parsed.kind === "document" ? parsed.statements : [];
        expect(s?.effect).toBe("Allow");
        expect(hasWildcardPrincipal(s!)).toBe(true);
        expect(coversAction(s!, "kms:Decrypt")).toBe(true);
        expect(s?.conditions).toEqual([]);
    });

    it("rejects a Condition that is not an object, and reads a missing Action as no action", () => {
        expect(parsePolicyDocument(snapshot({ d: { Statement: { Effect: "Allow", Action: "*", Condition: 5 } } }).d!).kind).toBe("malformed");
        const s = one({ Effect: "Allow", Principal: "*" });
        expect(s.actions).toEqual([]);
        expect(coversAction(s, "kms:Decrypt")).toBe(false);
    });

    it("prefers the exactly spelled element over a differently cased duplicate", () => {
        expect(one({ effect: "Allow", Effect: "Deny", Action: "*" }).effect).toBe("Deny");
    });

    it("lets * match an empty run, and does not match a pattern as a mere suffix", () => {
        expect(globMatch("kms:*Key", "kms:Key")).toBe(true);
        expect(globMatch("kms:*Key", "kms:CreateKey")).toBe(true);
        expect(globMatch("Decrypt", "kms:Decrypt")).toBe(false);
        expect(isBroadResourceFor("", "kms")).toBe(false);
    });

    it("keeps a partly computed condition undecided rather than trusting the known values", () => {
        const scoped = (condition: unknown) => isAccountScoped(one({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(scoped({ StringEquals: { "aws:SourceAccount": ["111122223333", SENTINEL] } })).toBe(UNKNOWN);
        const mfa = (condition: unknown) => requiresMfa(one({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: condition }));
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600", SENTINEL] } })).toBe(UNKNOWN);
        expect(mfa({ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600", "soon"] } })).toBe(false);
        expect(deniesWithoutMfa(one({ Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { Null: { "aws:MultiFactorAuthAge": " TRUE " } } }))).toBe(true);
    });
});

describe("key-material action classes", () => {
    it("puts every action in exactly one class, spelt service:Action", () => {
        expect(new Set(KEY_MATERIAL_ACTIONS.map((a) => a.toLowerCase())).size).toBe(KEY_MATERIAL_ACTIONS.length);
        for (const action of KEY_MATERIAL_ACTIONS) {
            expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
            expect(KEY_MATERIAL_ACTION_CLASSES.filter((c) => c.actions.includes(action))).toHaveLength(1);
        }
    });

    it("finds a class case-insensitively and describes capabilities once each, in class order", () => {
        expect(keyMaterialActionClass("RDS:MODIFYDBINSTANCE")?.capability).toBe("can reset the master password");
        expect(keyMaterialActionClass("rds:DescribeDBInstances")).toBeUndefined();
        expect(describeCapabilities(["rds:ModifyDBCluster", "kms:Decrypt", "rds:ModifyDBInstance"])).toBe("can decrypt or sign with keys; can reset the master password");
        expect(describeCapabilities(["ec2:DescribeInstances"])).toBe("");
    });

    it("lets service and prefix wildcards reach the takeover actions", () => {
        const grants = (action: string) => coveredActions(one({ Effect: "Allow", Action: action, Resource: "*" }), KEY_MATERIAL_ACTIONS);
        expect(grants("rds:Modify*")).toEqual(expect.arrayContaining(["rds:ModifyDBInstance", "rds:ModifyDBCluster", "rds:ModifyDBSnapshotAttribute"]));
        expect(grants("kms:*")).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:CreateGrant"]));
        expect(grants("ec2:Modify*")).toEqual(["ec2:ModifySnapshotAttribute", "ec2:ModifyImageAttribute"]);
        expect(grants("rds:Describe*")).toEqual([]);
    });
});

describe("adminAccess", () => {
    const verdict = (s: Record<string, unknown>) => adminAccess(one({ Effect: "Allow", ...s }));

    it("names the kind, and the escalation actions granted", () => {
        expect(verdict({ Action: "*", Resource: "*" }).kind).toBe("every-action");
        expect(verdict({ NotAction: "s3:*", Resource: "*" }).kind).toBe("every-action");
        expect(verdict({ Action: "Iam:*", Resource: "arn:aws:iam::111122223333:*" }).kind).toBe("every-iam-action");
        const put = verdict({ Action: "iam:Put*", Resource: "*" });
        expect(put.kind).toBe("privilege-escalation");
        expect(put.escalation).toEqual(["iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy"]);
    });

    it("is not admin for a Deny, read-only IAM, one role, or the delegated-administration pattern", () => {
        expect(adminAccess(one({ Effect: "Deny", Action: "*", Resource: "*" })).kind).toBeUndefined();
        expect(verdict({ Action: ["iam:Get*", "iam:List*"], Resource: "*" })).toEqual({ kind: undefined, maybe: false, escalation: [] });
        expect(verdict({ Action: "iam:*", Resource: "arn:aws:iam::111122223333:role/app-worker" }).kind).toBeUndefined();
        const bounded = verdict({ Action: "*", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary" } } });
        expect(bounded.kind).toBeUndefined();
        expect(bounded.maybe).toBe(false);
    });

    it("is maybe, never sure, while the part that decides is unknown", () => {
        expect(adminAccess(one({ Effect: SENTINEL, Action: "*", Resource: "*" }))).toMatchObject({ kind: undefined, maybe: true });
        expect(verdict({ Action: SENTINEL, Resource: "*" })).toMatchObject({ kind: undefined, maybe: true });
        expect(verdict({ Action: "iam:AttachRolePolicy", Resource: SENTINEL })).toMatchObject({ kind: undefined, maybe: true });
        expect(verdict({ Action: "s3:GetObject", Resource: SENTINEL })).toMatchObject({ kind: undefined, maybe: false });
    });
});
