import { describe, expect, it } from "vitest";
import { keyMaterialNoCrossAccountAccess as policy } from "../../../policies/stack/key-material-no-cross-account-access";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const OWN = "111122223333";
const OTHER = "999988887777";
const KEY = urnOf("aws:kms/key:Key", "ledger-key");

const ownerStatement = { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: "kms:*", Resource: "*" };

function stack(statements: unknown[], preview = false, keyPolicyResource = false): StackInputResource[] {
    const document = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    return [
        { type: "aws:kms/key:Key", name: "ledger-key", props: { arn: preview ? UNKNOWN : `arn:aws:kms:eu-west-1:${OWN}:key/1`, ...(keyPolicyResource ? {} : { policy: document }) } },
        ...(keyPolicyResource
            ? [{ type: "aws:kms/keyPolicy:KeyPolicy", name: "ledger-key-policy", props: { keyId: preview ? UNKNOWN : "key-1", policy: document }, propertyDependencies: { keyId: ["ledger-key"] } }]
            : []),
        {
            type: "aws:dynamodb/table:Table",
            name: "ledger",
            props: { serverSideEncryption: { enabled: true, kmsKeyArn: preview ? UNKNOWN : `arn:aws:kms:eu-west-1:${OWN}:key/1` } },
            propertyDependencies: { serverSideEncryption: ["ledger-key"] },
        },
    ];
}

describe("key-material-no-cross-account-access", () => {
    it.each([false, true])("passes a key whose decrypt grants stay in its own account (preview=%s)", (preview) => {
        const result = evaluateStack(policy, stack([ownerStatement, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OWN}:role/app` }, Action: "kms:Decrypt", Resource: "*" }], preview));
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])("flags decrypt granted to a role of another account (preview=%s)", (preview) => {
        const result = evaluateStack(policy, stack([ownerStatement, { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${OTHER}:role/analytics`] }, Action: ["kms:Decrypt"], Resource: "*" }], preview));
        expect(result.violations.map((d) => [d.urn, d.property])).toEqual([[KEY, "policy"]]);
        expect(result.violations[0]!.message).toContain(OTHER);
    });

    it("catches the same grant through kms:* and a separate aws.kms.KeyPolicy", () => {
        const result = evaluateStack(policy, stack([ownerStatement, { Effect: "Allow", Principal: { AWS: OTHER }, Action: "kms:*", Resource: "*" }], false, true));
        expect(result.violations.map((d) => d.urn)).toEqual([urnOf("aws:kms/keyPolicy:KeyPolicy", "ledger-key-policy")]);
    });

    it("reports keys administered by several accounts as undecided until trustedAccountIds says which are yours", () => {
        const grant = { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/reader` }, Action: "kms:Decrypt", Resource: "*" };
        const otherAdmin = { ...ownerStatement, Principal: { AWS: `arn:aws:iam::${OTHER}:root` } };
        const result = evaluateStack(policy, stack([ownerStatement, otherAdmin, grant], true));
        expect(result.violations).toEqual([]);
        expect(result.undecided.length).toBeGreaterThan(0);
        const configured = evaluateStack(policy, stack([ownerStatement, otherAdmin, grant], true), { trustedAccountIds: [OWN] });
        expect(configured.violations.map((d) => d.urn)).toEqual([KEY, KEY]);
    });

    it("accepts accounts listed in trustedAccountIds and ignores keys that protect no store", () => {
        const grant = { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/backup` }, Action: "kms:Decrypt", Resource: "*" };
        expect(evaluateStack(policy, stack([ownerStatement, grant]), { trustedAccountIds: [OTHER] }).diagnostics).toEqual([]);
        const keyOnly = stack([ownerStatement, grant]).slice(0, 1);
        expect(evaluateStack(policy, keyOnly).diagnostics).toEqual([]);
    });

    describe("aws.kms.Grant: the same access as a key policy statement, the same rule", () => {
        const GRANT = urnOf("aws:kms/grant:Grant", "ledger-grant");
        const withGrant = (grant: Record<string, unknown>, preview = false) => [
            ...stack([ownerStatement], preview),
            { type: "aws:kms/grant:Grant", name: "ledger-grant", props: { keyId: preview ? UNKNOWN : `arn:aws:kms:eu-west-1:${OWN}:key/1`, ...grant }, propertyDependencies: { keyId: ["ledger-key"] } },
        ];

        it.each([false, true])("flags Decrypt granted to a role of another account, mandatory (preview=%s)", (preview) => {
            const result = evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OTHER}:role/analytics`, operations: ["Decrypt", "Encrypt"] }, preview));
            expect(result.violations.map((d) => [d.urn, d.property, d.level])).toEqual([[GRANT, "granteePrincipal", "mandatory"]]);
            expect(result.violations[0]!.message).toContain(`account ${OTHER} use Decrypt on KMS key ledger-key`);
        });

        it("flags an account id or root as grantee, and GenerateDataKey / CreateGrant operations", () => {
            for (const [grantee, operations] of [
                [OTHER, ["GenerateDataKey"]],
                [`arn:aws:iam::${OTHER}:root`, ["kms:CreateGrant"]],
            ] as const) {
                expect(evaluateStack(policy, withGrant({ granteePrincipal: grantee, operations })).violations.map((d) => d.urn)).toEqual([GRANT]);
            }
        });

        it("must not block: a grant to the own account, a trusted account, a service, or for encryption only", () => {
            expect(evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OWN}:role/app`, operations: ["Decrypt"] })).diagnostics).toEqual([]);
            expect(evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OTHER}:role/backup`, operations: ["Decrypt"] }), { trustedAccountIds: [OTHER] }).diagnostics).toEqual([]);
            expect(evaluateStack(policy, withGrant({ granteePrincipal: "rds.eu-west-1.amazonaws.com", operations: ["Decrypt"] })).diagnostics).toEqual([]);
            expect(evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OTHER}:role/writer`, operations: ["Encrypt", "DescribeKey"] })).diagnostics).toEqual([]);
        });

        it("is undecided for a computed grantee or computed operations to a foreign grantee", () => {
            const grantee = evaluateStack(policy, withGrant({ granteePrincipal: UNKNOWN, operations: ["Decrypt"] }));
            expect(grantee.violations).toEqual([]);
            expect(grantee.undecided.map((d) => [d.urn, d.property])).toEqual([[GRANT, "granteePrincipal"]]);
            const operations = evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OTHER}:role/x`, operations: UNKNOWN }));
            expect(operations.undecided.map((d) => [d.urn, d.property])).toEqual([[GRANT, "operations"]]);
            expect(evaluateStack(policy, withGrant({ granteePrincipal: `arn:aws:iam::${OWN}:role/x`, operations: UNKNOWN })).diagnostics).toEqual([]);
        });
    });

    it("flags GetSecretValue granted to another account in a secret policy", () => {
        const result = evaluateStack(policy, [
            { type: "aws:secretsmanager/secret:Secret", name: "seed", props: { arn: `arn:aws:secretsmanager:eu-west-1:${OWN}:secret:seed` } },
            {
                type: "aws:secretsmanager/secretPolicy:SecretPolicy",
                name: "seed-policy",
                props: { secretArn: `arn:aws:secretsmanager:eu-west-1:${OWN}:secret:seed`, policy: JSON.stringify({ Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "secretsmanager:GetSecretValue", Resource: "*" } }) },
            },
        ]);
        expect(result.violations.map((d) => d.urn)).toEqual([urnOf("aws:secretsmanager/secretPolicy:SecretPolicy", "seed-policy")]);
    });

    it("reports computed actions as undecided", () => {
        const result = evaluateStack(policy, [
            { type: "aws:kms/key:Key", name: "ledger-key", props: { policy: { Statement: [ownerStatement, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/x` }, Action: UNKNOWN, Resource: "*" }] } } },
            { type: "aws:dynamodb/table:Table", name: "ledger", props: { serverSideEncryption: { kmsKeyArn: UNKNOWN } }, propertyDependencies: { serverSideEncryption: ["ledger-key"] } },
        ]);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.urn)).toEqual([KEY]);
    });
});
