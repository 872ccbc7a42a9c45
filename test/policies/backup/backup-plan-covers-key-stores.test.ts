import { describe, expect, it } from "vitest";
import { backupPlanCoversKeyStores as policy } from "../../../policies/backup/backup-plan-covers-key-stores";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const DB = "aws:rds/instance:Instance";
const TABLE = "aws:dynamodb/table:Table";
const CMK = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

function base(vaultProps: Record<string, unknown> = { name: "keys-vault", kmsKeyArn: CMK }): StackInputResource[] {
    return [
        { type: VAULT, name: "vault", props: vaultProps },
        { type: PLAN, name: "plan", props: { id: "plan-1", rules: [{ ruleName: "daily", targetVaultName: "keys-vault" }] } },
    ];
}

describe("backup-plan-covers-key-stores", () => {
    it("passes stores selected by ARN, by dependency (preview) and by tag, into a CMK vault", () => {
        const result = evaluateStack(policy, [
            ...base(),
            { type: DB, name: "db", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:keys" } },
            { type: TABLE, name: "table", props: { arn: UNKNOWN } },
            { type: TABLE, name: "tagged", props: { arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/t", tags: { backup: "key-store" } } },
            { type: SELECTION, name: "by-arn", props: { planId: "plan-1", resources: ["arn:aws:rds:eu-west-1:111122223333:db:*", UNKNOWN] }, propertyDependencies: { resources: ["table"] } },
            { type: SELECTION, name: "by-tag", props: { planId: "plan-1", selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "key-store" }] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags stores in no plan, stores whose plan targets a vault without a CMK, and exempts read replicas", () => {
        const result = evaluateStack(policy, [
            ...base({ name: "keys-vault" }),
            { type: DB, name: "db", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:keys" } },
            { type: DB, name: "replica", props: { replicateSourceDb: "keys" } },
            { type: TABLE, name: "table", props: { arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/t" } },
            { type: SELECTION, name: "sel", props: { planId: "plan-1", resources: ["arn:aws:rds:eu-west-1:111122223333:db:keys"] } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(DB, "db"), "backup"],
            [urnOf(TABLE, "table"), "backup"],
        ]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/customer-managed key/);
    });

    it("matches exact ARNs case-insensitively, and in preview treats only ARNs naming nothing in the stack as possibly this store", () => {
        const update = evaluateStack(policy, [
            ...base(),
            { type: DB, name: "db", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:keys" } },
            { type: DB, name: "other", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:other" } },
            { type: SELECTION, name: "sel", props: { planId: "plan-1", resources: ["ARN:AWS:RDS:EU-WEST-1:111122223333:DB:KEYS"] } },
        ]);
        expect(pairs(update)).toEqual([[urnOf(DB, "other"), "backup"]]);
        const preview = (resources: string[]) =>
            evaluateStack(policy, [
                ...base(),
                { type: DB, name: "db", props: { arn: UNKNOWN } },
                { type: DB, name: "known", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:known" } },
                { type: SELECTION, name: "sel", props: { planId: "plan-1", resources } },
            ]);
        const outside = preview(["arn:aws:rds:eu-west-1:111122223333:db:outside-the-stack", "arn:aws:rds:eu-west-1:111122223333:db:known"]);
        expect(outside.violations).toEqual([]);
        expect(outside.undecided.map((v) => [v.urn, v.level])).toEqual([[urnOf(DB, "db"), "advisory"]]);
        const inside = preview(["arn:aws:rds:eu-west-1:111122223333:db:known"]);
        expect(pairs(inside)).toEqual([[urnOf(DB, "db"), "backup"]]);
        expect(inside.undecided).toEqual([]);
    });

    it("respects notResources and tag conditions", () => {
        const result = evaluateStack(policy, [
            ...base(),
            { type: DB, name: "db", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:keys", tags: { env: "dev" } } },
            { type: TABLE, name: "table", props: { arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/t" } },
            {
                type: SELECTION,
                name: "all",
                props: { planId: "plan-1", resources: ["*"], notResources: ["arn:aws:dynamodb:*:*:table/*"], conditions: [{ stringEquals: [{ key: "aws:ResourceTag/env", value: "prod" }] }] },
            },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(DB, "db"), "backup"],
            [urnOf(TABLE, "table"), "backup"],
        ]);
    });

    it("is undecided when a selection's plan or the vault key cannot be resolved", () => {
        const result = evaluateStack(policy, [
            { type: DB, name: "db", props: { arn: "arn:aws:rds:eu-west-1:111122223333:db:keys" } },
            { type: SELECTION, name: "sel", props: { planId: UNKNOWN, resources: ["*"] } },
        ]);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(DB, "db"), "backup"]]);
    });
});
