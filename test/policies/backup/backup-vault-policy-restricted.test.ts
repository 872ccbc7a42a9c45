import { describe, expect, it } from "vitest";
import { backupVaultPolicyRestricted as policy } from "../../../policies/backup/backup-vault-policy-restricted";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const TYPE = "aws:backup/vaultPolicy:VaultPolicy";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: "*", Action: "backup:CopyIntoBackupVault", Resource: "*", ...extra });
const run = (policyDocument: unknown, config?: Record<string, unknown>) => evaluateResource(policy, { type: TYPE, props: { backupVaultName: "v", policy: policyDocument }, config });

describe("backup-vault-policy-restricted", () => {
    it("passes org-scoped wildcards, named accounts and deny statements", () => {
        expect(run(doc(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))).diagnostics).toEqual([]);
        expect(run(doc(allow({ Principal: { AWS: "arn:aws:iam::111122223333:root" } }))).diagnostics).toEqual([]);
        expect(run(doc({ Effect: "Deny", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" })).diagnostics).toEqual([]);
    });

    it.each([
        ["Principal *", allow()],
        ["AWS *", allow({ Principal: { AWS: ["*"] } })],
        ["NotPrincipal", { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "backup:*", Resource: "*" }],
    ])("flags a public Allow (%s) at mandatory", (_label, statement) => {
        const result = run(doc(statement));
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags malformed documents and accounts outside the allow-list", () => {
        expect(violatedProperties(run("[]"))).toEqual(["policy"]);
        expect(violatedProperties(run(doc(allow({ Principal: { AWS: "444455556666" } })), { allowedAccountIds: ["111122223333"] }))).toEqual(["policy"]);
    });

    it("is undecided when the document is computed", () => {
        const result = run(UNKNOWN);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
    });
});
