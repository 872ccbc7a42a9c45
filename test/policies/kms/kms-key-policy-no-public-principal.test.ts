import { describe, expect, it } from "vitest";
import { kmsKeyPolicyNoPublicPrincipal as policy } from "../../../policies/kms/kms-key-policy-no-public-principal";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { ACCOUNT, defaultPolicy, doc, goodPolicy } from "./key-policies";

const run = (props: Record<string, unknown>, type = "aws:kms/key:Key") => evaluateResource(policy, { type, props });

const publicDecrypt = (extra: Record<string, unknown> = {}) => ({ Sid: "Open", Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Principal: "*", ...extra });

describe("kms-key-policy-no-public-principal", () => {
    it("passes the well-built policy, the default policy and an omitted policy", () => {
        expect(run({ policy: goodPolicy }).diagnostics).toEqual([]);
        expect(run({ policy: defaultPolicy }).diagnostics).toEqual([]);
        expect(run({}).diagnostics).toEqual([]);
    });

    it("flags a wildcard principal without a condition, as mandatory", () => {
        const result = run({ policy: doc(publicDecrypt()) });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/Statement\[0\] \(Sid "Open"\)/);
    });

    it.each([
        ["Principal \"*\"", { Principal: "*" }],
        ["{AWS: \"*\"}", { Principal: { AWS: "*" } }],
        ["a list containing \"*\"", { Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/App`, "*"] } }],
        ["NotPrincipal", { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Blocked` }, Principal: undefined }],
        ["{Service: \"*\"}", { Principal: { Service: "*" } }],
        ["a lower-case element name", { principal: "*", Principal: undefined }],
    ])("flags %s", (_label, extra) => {
        const statement = JSON.parse(JSON.stringify(publicDecrypt(extra))) as Record<string, unknown>;
        expect(violatedProperties(run({ policy: doc(statement) }))).toEqual(["policy"]);
    });

    it.each([
        ["an IfExists account condition", { StringEqualsIfExists: { "kms:CallerAccount": ACCOUNT } }],
        ["a wildcard account value", { StringLike: { "aws:PrincipalAccount": "*" } }],
        ["a partial wildcard account", { StringLike: { "kms:CallerAccount": "1111*" } }],
        ["a principal ARN in any account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/App" } }],
        ["a ForAnyValue account condition", { "ForAnyValue:StringEquals": { "aws:PrincipalAccount": ACCOUNT } }],
        ["kms:ViaService alone", { StringEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } }],
        ["a negated account condition", { StringNotEquals: { "kms:CallerAccount": "999999999999" } }],
    ])("flags a wildcard principal behind %s", (_label, condition) => {
        expect(violatedProperties(run({ policy: doc(publicDecrypt({ Condition: condition })) }))).toEqual(["policy"]);
    });

    it.each([
        ["kms:CallerAccount", { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "rds.eu-west-1.amazonaws.com" } }],
        ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }],
        ["aws:PrincipalArn in the account", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }],
        ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }],
        ["aws:VpceAccount", { StringEquals: { "aws:VpceAccount": ACCOUNT } }],
        ["aws:VpceOrgID", { StringEquals: { "aws:VpceOrgID": "o-a1b2c3d4e5" } }],
    ])("passes a wildcard principal scoped by %s", (_label, condition) => {
        expect(run({ policy: doc(publicDecrypt({ Condition: condition })) }).diagnostics).toEqual([]);
    });

    it("ignores Deny statements with a wildcard principal", () => {
        const deny = { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
        expect(run({ policy: doc(deny) }).diagnostics).toEqual([]);
    });

    it("reads object documents, a single Statement object, and flags each public statement", () => {
        const result = run({ policy: { Version: "2012-10-17", Statement: [publicDecrypt(), publicDecrypt({ Sid: "Second" })] } });
        expect(violatedProperties(result)).toEqual(["policy", "policy"]);
        expect(violatedProperties(run({ policy: { Statement: publicDecrypt() } }))).toEqual(["policy"]);
    });

    it("treats an invalid Effect as Allow", () => {
        const result = run({ policy: doc(publicDecrypt({ Effect: "allow" })) });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.message).toMatch(/neither Allow nor Deny/);
    });

    it.each(["{not json", "[]", JSON.stringify({ Version: "2012-10-17" }), JSON.stringify({ Statement: [{ Effect: "Allow", Principal: 5, Action: "*" }] })])(
        "flags a malformed policy %s",
        (policyText) => {
            const result = run({ policy: policyText });
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.violations[0]!.message).toMatch(/not a valid key policy/);
        },
    );

    it.each(["aws:kms/keyPolicy:KeyPolicy", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"])("applies to %s", (type) => {
        expect(violatedProperties(run({ policy: doc(publicDecrypt()), keyId: "k" }, type))).toEqual(["policy"]);
    });

    describe("preview (unknown values)", () => {
        it("reports a computed policy as undecided", () => {
            const result = run({ policy: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["policy", "advisory"]]);
        });

        it("reports a computed account condition on a wildcard statement as undecided", () => {
            const result = run({ policy: { Statement: [publicDecrypt({ Condition: { StringEquals: { "kms:CallerAccount": UNKNOWN } } })] } });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("still decides a known public statement next to a computed principal", () => {
            const result = run({ policy: { Statement: [publicDecrypt(), { Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "kms:Decrypt", Resource: "*" }] } });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });
    });

    it("does not apply to grants", () => {
        expect(evaluateResource(policy, { type: "aws:kms/grant:Grant", props: {} }).notApplicable).toBeDefined();
    });
});
