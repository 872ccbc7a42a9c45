import { describe, expect, it } from "vitest";
import { kmsKeyPolicyLeastPrivilege as policy } from "../../../policies/kms/kms-key-policy-least-privilege";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";
import { ACCOUNT, adminStatement, APP_ROLE, defaultPolicy, doc, goodPolicy, grantStatement, logsServiceStatement, rootStatement, usageStatement } from "./key-policies";

const run = (props: Record<string, unknown>, type = "aws:kms/key:Key") => evaluateResource(policy, { type, props });
const decryptFor = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: principal, Action: "kms:Decrypt", Resource: "*", ...extra });

describe("kms-key-policy-least-privilege", () => {
    it("passes the standard pattern: admin statement, usage with kms:ViaService, grants for AWS resources, a service principal", () => {
        expect(run({ policy: goodPolicy }).diagnostics).toEqual([]);
    });

    it("passes a root statement limited to key management (lockout safety without usage)", () => {
        const rootAdmin = { ...adminStatement, Sid: "RootManagement", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } };
        expect(run({ policy: doc(rootAdmin, usageStatement) }).diagnostics).toEqual([]);
    });

    it("flags the AWS default root kms:* statement as advisory", () => {
        const result = run({ policy: defaultPolicy });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/Enable IAM User Permissions/);
    });

    it.each([
        ["a bare account id", ACCOUNT],
        ["a list with the root ARN", [`arn:aws:iam::${ACCOUNT}:root`]],
        ["the root with \"*\" actions", `arn:aws:iam::${ACCOUNT}:root`],
    ])("flags the root statement written as %s", (_label, principal) => {
        const statement = { ...rootStatement, Principal: { AWS: principal }, Action: _label.includes('"*"') ? "*" : "kms:*" };
        expect(violatedProperties(run({ policy: doc(adminStatement, statement, usageStatement) }))).toEqual(["policy"]);
    });

    it("flags decrypt actions granted to an account root even with conditions", () => {
        const statement = decryptFor({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, { Condition: { StringEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } } });
        expect(violatedProperties(run({ policy: doc(adminStatement, statement) }))).toEqual(["policy"]);
    });

    it("flags a wildcard principal scoped to the account that can decrypt (every principal of the account)", () => {
        const statement = decryptFor("*", { Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } });
        const result = run({ policy: doc(statement) });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.message).toMatch(/every principal of an account/);
    });

    it("leaves unscoped wildcard principals to kms-key-policy-no-public-principal", () => {
        expect(run({ policy: doc(decryptFor("*")) }).diagnostics).toEqual([]);
    });

    it.each([
        ["kms:Decrypt", "kms:Decrypt"],
        ["kms:ReEncrypt*", "kms:ReEncrypt*"],
        ["kms:*", "kms:*"],
        ["a case-changed action", "KMS:decrypt"],
        ["an explicit kms:CreateGrant", "kms:CreateGrant"],
        ["NotAction", undefined],
    ])("flags %s to a named role without a ViaService/VPC/MFA condition", (_label, action) => {
        const statement = action === undefined ? { Effect: "Allow", Principal: { AWS: APP_ROLE }, NotAction: "kms:ScheduleKeyDeletion", Resource: "*" } : decryptFor({ AWS: APP_ROLE }, { Action: action });
        const result = run({ policy: doc(adminStatement, statement) });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.message).toMatch(/Statement\[1\]/);
    });

    it.each([
        ["kms:ViaService", { StringEquals: { "kms:ViaService": ["rds.eu-west-1.amazonaws.com", "secretsmanager.eu-west-1.amazonaws.com"] } }],
        ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }],
        ["MFA (Bool true)", { Bool: { "aws:MultiFactorAuthPresent": true } }],
        ["MFA age", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }],
    ])("passes decrypt to a named role gated by %s", (_label, condition) => {
        expect(run({ policy: doc(adminStatement, decryptFor({ AWS: APP_ROLE }, { Condition: condition })) }).diagnostics).toEqual([]);
    });

    it.each([
        ["BoolIfExists MFA", { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }],
        ["a wildcard ViaService", { StringLike: { "kms:ViaService": "*" } }],
        ["an IfExists ViaService", { StringEqualsIfExists: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } }],
        ["an account condition only", { StringEquals: { "kms:CallerAccount": ACCOUNT } }],
    ])("does not accept %s as a gate", (_label, condition) => {
        expect(violatedProperties(run({ policy: doc(decryptFor({ AWS: APP_ROLE }, { Condition: condition })) }))).toEqual(["policy"]);
    });

    it("accepts a Deny for everyone that blocks decryption without MFA or outside the VPC endpoint", () => {
        const mfaDeny = { Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
        const vpceDeny = { Effect: "Deny", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:ReEncrypt*"], Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } } };
        expect(run({ policy: doc(adminStatement, decryptFor({ AWS: APP_ROLE }), mfaDeny) }).diagnostics).toEqual([]);
        expect(run({ policy: doc(adminStatement, decryptFor({ AWS: APP_ROLE }, { Action: ["kms:Decrypt", "kms:ReEncryptFrom"] }), vpceDeny) }).diagnostics).toEqual([]);
        // A plain Bool false Deny misses long-term access keys, so it does not gate.
        const weakDeny = { ...mfaDeny, Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } };
        expect(violatedProperties(run({ policy: doc(decryptFor({ AWS: APP_ROLE }), weakDeny) }))).toEqual(["policy"]);
    });

    it("does not count kms:Create* in the admin statement as a grant of decryption", () => {
        expect(run({ policy: doc(adminStatement) }).diagnostics).toEqual([]);
        expect(run({ policy: doc(grantStatement) }).diagnostics).toEqual([]);
    });

    it("does not flag service principals or encrypt-only grants", () => {
        expect(run({ policy: doc(logsServiceStatement) }).diagnostics).toEqual([]);
        expect(run({ policy: doc(decryptFor({ AWS: APP_ROLE }, { Action: ["kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"] })) }).diagnostics).toEqual([]);
    });

    it("flags a malformed document", () => {
        expect(violatedProperties(run({ policy: "{oops" }))).toEqual(["policy"]);
    });

    it("leaves an omitted policy to the -linked stack policy (it can see an aws.kms.KeyPolicy)", () => {
        expect(run({}).diagnostics).toEqual([]);
    });

    it.each(["aws:kms/keyPolicy:KeyPolicy", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"])("applies to %s", (type) => {
        expect(violatedProperties(run({ keyId: "k", policy: defaultPolicy }, type))).toEqual(["policy"]);
    });

    describe("preview (unknown values)", () => {
        it("reports a computed policy as undecided", () => {
            const result = run({ policy: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("is undecided for a computed condition on a decrypt grant, decided for the rest", () => {
            const computed = decryptFor({ AWS: APP_ROLE }, { Condition: { StringEquals: { "kms:ViaService": UNKNOWN } } });
            const result = run({ policy: { Statement: [rootStatement, computed, usageStatement] } });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("passes a computed role ARN in a ViaService-gated usage statement", () => {
            expect(run({ policy: { Statement: [{ ...usageStatement, Principal: { AWS: UNKNOWN } }] } }).diagnostics).toEqual([]);
        });
    });
});
