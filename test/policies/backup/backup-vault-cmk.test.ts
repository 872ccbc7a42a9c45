import { describe, expect, it } from "vitest";
import { backupVaultCmk as policy } from "../../../policies/backup/backup-vault-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const VAULT = "aws:backup/vault:Vault";
const LAG = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("backup-vault-cmk", () => {
    it("passes vaults with a customer-managed key (known or computed)", () => {
        expect(evaluateResource(policy, { type: VAULT, props: { name: "v", kmsKeyArn: CMK } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: LAG, props: { minRetentionDays: 7, maxRetentionDays: 35, encryptionKeyArn: CMK } }).diagnostics).toEqual([]);
        const preview = evaluateResource(policy, { type: VAULT, props: { kmsKeyArn: UNKNOWN } });
        expect(preview.cantRun).toBe(false);
        expect(preview.diagnostics).toEqual([]);
    });

    it("flags an omitted key (aws/backup or AWS-owned) and the AWS-managed alias at mandatory", () => {
        const vault = evaluateResource(policy, { type: VAULT, props: { name: "v" } });
        expect(violatedProperties(vault)).toEqual(["kmsKeyArn"]);
        expect(vault.violations[0]!.level).toBe("mandatory");
        expect(violatedProperties(evaluateResource(policy, { type: VAULT, props: { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/backup" } }))).toEqual(["kmsKeyArn"]);
        expect(violatedProperties(evaluateResource(policy, { type: LAG, props: { minRetentionDays: 7, maxRetentionDays: 35 } }))).toEqual(["encryptionKeyArn"]);
        expect(violatedProperties(evaluateResource(policy, { type: LAG, props: { encryptionKeyArn: { arn: "x" } } }))).toEqual(["encryptionKeyArn"]);
    });
});
