import { describe, expect, it } from "vitest";
import { kmsGrantConstrained as policy } from "../../../policies/kms/kms-grant-constrained";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:kms/grant:Grant";
const ROLE = "arn:aws:iam::111122223333:role/WalletService";
const CONSTRAINTS = [{ encryptionContextEquals: { Department: "wallets" } }];
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { keyId: "k", ...props } });

describe("kms-grant-constrained", () => {
    it("passes a decrypt grant to one role with an encryption-context constraint", () => {
        expect(run({ granteePrincipal: ROLE, operations: ["Decrypt", "GenerateDataKey"], constraints: CONSTRAINTS }).diagnostics).toEqual([]);
        expect(run({ granteePrincipal: ROLE, operations: ["Decrypt"], constraints: [{ encryptionContextSubset: { app: "wallet" } }] }).diagnostics).toEqual([]);
    });

    it("passes grants without decrypting operations", () => {
        expect(run({ granteePrincipal: ROLE, operations: ["Encrypt", "DescribeKey"] }).diagnostics).toEqual([]);
        expect(run({ granteePrincipal: ROLE, operations: ["Sign", "Verify"] }).diagnostics).toEqual([]);
    });

    it.each([["Decrypt"], ["ReEncryptFrom"], ["CreateGrant"], ["GenerateDataKey"], ["GenerateDataKeyWithoutPlaintext"], ["GenerateDataKeyPair"], ["decrypt"], ["kms:Decrypt"]])(
        "flags an unconstrained %s grant",
        (operation) => {
            const result = run({ granteePrincipal: ROLE, operations: ["Encrypt", operation] });
            expect(violatedProperties(result)).toEqual(["constraints"]);
            expect(result.violations[0]!.level).toBe("advisory");
        },
    );

    it("flags empty constraints and constraints without an encryption context", () => {
        expect(violatedProperties(run({ granteePrincipal: ROLE, operations: ["Decrypt"], constraints: [] }))).toEqual(["constraints"]);
        expect(violatedProperties(run({ granteePrincipal: ROLE, operations: ["Decrypt"], constraints: [{}] }))).toEqual(["constraints.0"]);
        expect(violatedProperties(run({ granteePrincipal: ROLE, operations: ["Decrypt"], constraints: [{ encryptionContextEquals: {} }] }))).toEqual(["constraints.0"]);
        expect(violatedProperties(run({ granteePrincipal: ROLE, operations: ["Decrypt"], constraints: ["x"] }))).toEqual(["constraints.0"]);
    });

    it.each(["*", "arn:aws:iam::111122223333:root", "111122223333", "arn:aws:iam::111122223333:role/*", ""])("flags a non-specific grantee %j", (grantee) => {
        expect(violatedProperties(run({ granteePrincipal: grantee, operations: ["Decrypt"], constraints: CONSTRAINTS }))).toEqual(["granteePrincipal"]);
    });

    it("flags both problems together, and a non-string operation entry", () => {
        expect(violatedProperties(run({ granteePrincipal: "*", operations: ["Decrypt"] }))).toEqual(["constraints", "granteePrincipal"]);
        expect(violatedProperties(run({ granteePrincipal: ROLE, operations: [{ op: "Decrypt" }] }))).toEqual(["constraints"]);
    });

    describe("preview (unknown values)", () => {
        it("treats a computed grantee as a specific principal and a computed constraint as undecided", () => {
            const result = run({ granteePrincipal: UNKNOWN, operations: ["Decrypt"], constraints: [UNKNOWN] });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["constraints"]);
        });

        it("decides from a known decrypt operation next to a computed one, and is undecided for computed operations", () => {
            expect(violatedProperties(run({ granteePrincipal: ROLE, operations: [UNKNOWN, "Decrypt"] }))).toEqual(["constraints"]);
            const result = run({ granteePrincipal: ROLE, operations: UNKNOWN });
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["operations"]);
        });
    });
});
