import { describe, expect, it } from "vitest";
import { parsePolicyDocument, type Statement } from "../../../policies/lib/aws/iam";
import { accountPrincipals, decryptActions, denyGates, grantsAllKms, isDefaultKeyPolicy, isUseGated, onlyServicePrincipals } from "../../../policies/lib/aws/kms";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

function statements(...list: Record<string, unknown>[]): Statement[] {
    const parsed = parsePolicyDocument(snapshot({ d: { Version: "2012-10-17", Statement: list } }).d!);
    if (parsed.kind !== "document") {
        throw new Error(`expected a document, got ${parsed.kind}`);
    }
    return parsed.statements;
}

const one = (statement: Record<string, unknown>) => statements(statement)[0]!;
const allow = (extra: Record<string, unknown>) => one({ Effect: "Allow", Resource: "*", ...extra });
const ROOT = "arn:aws:iam::111122223333:root";

describe("accountPrincipals", () => {
    it("lists whole-account principals (root ARNs, bare ids) but not roles or users", () => {
        const s = allow({ Principal: { AWS: [ROOT, "444455556666", "arn:aws:iam::777788889999:role/app", " arn:aws-us-gov:iam::222233334444:ROOT "] }, Action: "kms:*" });
        expect(accountPrincipals(s)).toEqual(["111122223333", "444455556666", "222233334444"]);
        expect(accountPrincipals(allow({ Principal: { Service: "logs.amazonaws.com", AWS: SENTINEL }, Action: "kms:*" }))).toEqual([UNKNOWN]);
        expect(accountPrincipals(allow({ Principal: SENTINEL, Action: "kms:*" }))).toEqual([UNKNOWN]);
        expect(accountPrincipals(allow({ Action: "kms:*" }))).toEqual([]);
        expect(accountPrincipals(allow({ Principal: { AWS: "1111222233334" }, Action: "kms:*" }))).toEqual([]);
    });
});

describe("onlyServicePrincipals", () => {
    it("is true only for a non-empty list of concrete service principals", () => {
        expect(onlyServicePrincipals(allow({ Principal: { Service: ["logs.amazonaws.com", "rds.amazonaws.com"] }, Action: "kms:Decrypt" }))).toBe(true);
        expect(onlyServicePrincipals(allow({ Principal: { Service: "*" }, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ Principal: { Service: SENTINEL }, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ Principal: { Service: "logs.amazonaws.com", AWS: ROOT }, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ NotPrincipal: { Service: "logs.amazonaws.com" }, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ Principal: { Service: [] }, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ Principal: SENTINEL, Action: "kms:Decrypt" }))).toBe(false);
        expect(onlyServicePrincipals(allow({ Action: "kms:Decrypt" }))).toBe(false);
    });
});

describe("decryptActions", () => {
    it("lists Decrypt, ReEncryptFrom and CreateGrant grants", () => {
        expect(decryptActions(allow({ Action: "kms:*" }))).toEqual(["kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant"]);
        expect(decryptActions(allow({ Action: ["kms:Decrypt"] }))).toEqual(["kms:Decrypt"]);
        expect(decryptActions(allow({ Action: ["kms:ReEncrypt*"] }))).toEqual(["kms:ReEncryptFrom"]);
        expect(decryptActions(allow({ Action: [" kms:CreateGrant "] }))).toEqual(["kms:CreateGrant"]);
        expect(decryptActions(allow({ Action: ["kms:Encrypt", "kms:DescribeKey"] }))).toEqual([]);
    });

    it("does not count the administrators' kms:Create* as a grant", () => {
        expect(decryptActions(allow({ Action: ["kms:Create*", "kms:Describe*"] }))).toEqual([]);
        expect(decryptActions(allow({ Action: ["KMS:CREATE*"] }))).toEqual([]);
    });

    it("reads NotAction as everything not excluded", () => {
        expect(decryptActions(allow({ NotAction: ["kms:Encrypt"] }))).toEqual(["kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant"]);
        expect(decryptActions(allow({ NotAction: ["kms:CreateGrant"] }))).toEqual(["kms:Decrypt", "kms:ReEncryptFrom"]);
        expect(decryptActions(allow({ NotAction: ["kms:*"] }))).toEqual([]);
    });

    it("is unknown only when unknown actions could add a decrypting one", () => {
        expect(decryptActions(allow({ Action: SENTINEL }))).toBe(UNKNOWN);
        expect(decryptActions(allow({ Action: [SENTINEL, "kms:Encrypt"] }))).toBe(UNKNOWN);
        expect(decryptActions(allow({ Action: [SENTINEL, "kms:Decrypt"] }))).toEqual(["kms:Decrypt"]);
        expect(decryptActions(allow({ Action: [SENTINEL, "kms:CreateGrant"] }))).toEqual(["kms:CreateGrant"]);
    });
});

describe("grantsAllKms", () => {
    it("is true for kms:* and *, and a NotAction that leaves Decrypt and PutKeyPolicy in", () => {
        expect(grantsAllKms(allow({ Action: "kms:*" }))).toBe(true);
        expect(grantsAllKms(allow({ Action: [" KMS:* "] }))).toBe(true);
        expect(grantsAllKms(allow({ Action: ["*"] }))).toBe(true);
        expect(grantsAllKms(allow({ Action: ["kms:Decrypt", "kms:PutKeyPolicy"] }))).toBe(false);
        expect(grantsAllKms(allow({ Action: [SENTINEL] }))).toBe(false);
        expect(grantsAllKms(allow({ Action: SENTINEL }))).toBe(UNKNOWN);
        expect(grantsAllKms(allow({ NotAction: ["iam:*"] }))).toBe(true);
        expect(grantsAllKms(allow({ NotAction: ["kms:Decrypt"] }))).toBe(false);
        expect(grantsAllKms(allow({ NotAction: ["kms:PutKeyPolicy"] }))).toBe(false);
    });
});

describe("isUseGated", () => {
    const gated = (condition: unknown) => isUseGated(allow({ Principal: "*", Action: "kms:Decrypt", Condition: condition }));

    it("accepts concrete ViaService, VPC endpoint and VPC conditions, AWS-resource grants and MFA", () => {
        expect(gated({ StringEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } })).toBe(true);
        expect(gated({ StringLike: { "kms:ViaService": ["rds.*.amazonaws.com"] } })).toBe(true);
        expect(gated({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } })).toBe(true);
        expect(gated({ StringEquals: { "aws:SourceVpc": "vpc-1a2b3c" } })).toBe(true);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": "true" } })).toBe(true);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": ["true", "TRUE"] } })).toBe(true);
        expect(gated({ Bool: { "aws:MultiFactorAuthPresent": "true" } })).toBe(true);
    });

    it("rejects wildcard-only, negative, IfExists, set-operator and unrelated conditions", () => {
        expect(gated(undefined)).toBe(false);
        expect(gated({ StringLike: { "kms:ViaService": "*" } })).toBe(false);
        expect(gated({ StringLike: { "kms:ViaService": ["rds.amazonaws.com", "*?"] } })).toBe(false);
        expect(gated({ StringNotEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } })).toBe(false);
        expect(gated({ StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c" } })).toBe(false);
        expect(gated({ "ForAnyValue:StringEquals": { "aws:SourceVpc": "vpc-1a2b3c" } })).toBe(false);
        expect(gated({ StringEquals: { "kms:CallerAccount": "111122223333" } })).toBe(false);
        expect(gated({ StringEquals: { "kms:ViaService": [] } })).toBe(false);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": "false" } })).toBe(false);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": [] } })).toBe(false);
        expect(gated({ BoolIfExists: { "kms:GrantIsForAWSResource": "true" } })).toBe(false);
        expect(gated({ "ForAllValues:Bool": { "kms:GrantIsForAWSResource": "true" } })).toBe(false);
        expect(gated({ Null: { "kms:GrantIsForAWSResource": "true" } })).toBe(false);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": ["true", "false"] } })).toBe(false);
    });

    it("is undecided when a gating condition or the whole condition block is computed", () => {
        expect(gated(SENTINEL)).toBe(UNKNOWN);
        expect(gated({ StringEquals: { "kms:ViaService": SENTINEL } })).toBe(UNKNOWN);
        expect(gated({ Bool: { "kms:GrantIsForAWSResource": [SENTINEL] } })).toBe(UNKNOWN);
        expect(gated({ Bool: { "aws:MultiFactorAuthPresent": SENTINEL } })).toBe(UNKNOWN);
        // A concrete gate wins over an unknown one.
        expect(gated({ StringEquals: { "kms:ViaService": SENTINEL, "aws:SourceVpc": "vpc-1a2b3c" } })).toBe(true);
    });
});

describe("denyGates", () => {
    const deny = (extra: Record<string, unknown>) => one({ Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*", ...extra });

    it("accepts a Deny for everyone unless through a concrete service, endpoint or VPC", () => {
        expect(denyGates(deny({ Condition: { StringNotEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } } }), "kms:Decrypt")).toBe(true);
        expect(denyGates(deny({ Principal: { AWS: "*" }, Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-1"] } } }), "kms:Decrypt")).toBe(true);
        expect(
            denyGates(deny({ Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" }, StringNotLike: { "kms:ViaService": "rds.*" } } }), "kms:Decrypt"),
        ).toBe(true);
    });

    it("accepts the strict deny-without-MFA forms only", () => {
        expect(denyGates(deny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }), "kms:Decrypt")).toBe(true);
        expect(denyGates(deny({ Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } }), "kms:Decrypt")).toBe(true);
        expect(denyGates(deny({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { Null: { "aws:MultiFactorAuthAge": "false" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { Null: { "aws:MultiFactorAuthAge": SENTINEL } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { Null: { "aws:MultiFactorAuthAge": [] } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { "ForAnyValue:Null": { "aws:MultiFactorAuthAge": "true" } } }), "kms:Decrypt")).toBe(false);
    });

    it("rejects Allows, NotPrincipal, named principals, other actions, no or unknown conditions and weak gates", () => {
        const gate = { StringNotEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } };
        expect(denyGates(one({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: gate }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Principal: undefined, NotPrincipal: { AWS: ROOT }, Condition: gate }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Principal: { AWS: ROOT }, Condition: gate }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Principal: SENTINEL, Condition: gate }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Principal: { AWS: SENTINEL }, Condition: gate }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: gate }), "kms:Encrypt")).toBe(false);
        expect(denyGates(deny({}), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: SENTINEL }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { StringNotEquals: { "kms:ViaService": "*" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { StringNotEquals: { "kms:ViaService": [] } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { StringNotEquals: { "kms:ViaService": SENTINEL } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { StringEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { "ForAnyValue:StringNotEquals": { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } } }), "kms:Decrypt")).toBe(false);
        expect(denyGates(deny({ Condition: { StringNotEquals: { "kms:CallerAccount": "111122223333" } } }), "kms:Decrypt")).toBe(false);
        // Every condition must gate: an unrelated one next to a gate means the deny applies more narrowly.
        expect(
            denyGates(deny({ Condition: { StringNotEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com", "aws:PrincipalTag/team": "db" } } }), "kms:Decrypt"),
        ).toBe(false);
    });
});

describe("isDefaultKeyPolicy", () => {
    const rootAll = { Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };

    it("recognises AWS's default policy: account roots with every KMS action and no conditions", () => {
        expect(isDefaultKeyPolicy(statements(rootAll))).toBe(true);
        expect(isDefaultKeyPolicy(statements(rootAll, { ...rootAll, Principal: { AWS: "444455556666" } }))).toBe(true);
    });

    it("rejects anything else", () => {
        expect(isDefaultKeyPolicy([])).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Effect: "Deny" }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Action: "kms:Decrypt" }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Condition: { Bool: { "aws:SecureTransport": "true" } } }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Condition: SENTINEL }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Principal: { AWS: [ROOT, "arn:aws:iam::111122223333:role/app"] } }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Principal: SENTINEL }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ ...rootAll, Principal: { AWS: [] } }))).toBe(false);
        expect(isDefaultKeyPolicy(statements({ Effect: "Allow", Action: "kms:*", Resource: "*" }))).toBe(false);
        expect(isDefaultKeyPolicy(statements(rootAll, { ...rootAll, Principal: "*" }))).toBe(false);
    });
});
