// The pack's own remediations over the wire: with enforcementLevel "remediate" the engine's Remediate call returns
// the fixed inputs (in-place properties only; secrets and replace-forcing properties untouched), and Analyze sees
// them, so the remediated findings disappear while the others stay.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicyEngine } from "../../scanner/engine/engine";
import { findingKeys } from "../harness/report";
import { secret, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../../scanner/engine/values";
import { deployment } from "../data/deployment";
import { builtPackDir } from "./built-pack";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/0f2b1c55-4a39-4a6f-8e0f-2b5a2c6d7e11";
const REMEDIATE = {
    "rds-instance-not-public": "remediate",
    "rds-cluster-instance-not-public": "remediate",
    "rds-deletion-protection": "remediate",
    "rds-backup-retention": "remediate",
    "rds-iam-auth-enabled": "remediate",
    "kms-key-rotation": "remediate",
    "dynamodb-deletion-protection": "remediate",
    "dynamodb-pitr": "remediate",
    "docdb-deletion-protection-backups": "remediate",
    "neptune-deletion-protection-backups": "remediate",
} as const;
const REMEDIATING = Object.keys(REMEDIATE);

function stack(preview: boolean) {
    return deployment(preview, [
        [
            "aws:rds/instance:Instance",
            "orders-db",
            {
                engine: "postgres",
                instanceClass: "db.t4g.micro",
                publiclyAccessible: true,
                deletionProtection: false,
                backupRetentionPeriod: 1,
                storageEncrypted: true,
                kmsKeyId: KEY_ARN,
                username: "orders_admin",
                password: secret("correct-horse-battery"),
            },
        ],
        ["aws:rds/clusterInstance:ClusterInstance", "orders-reader", { engine: "aurora-postgresql", clusterIdentifier: "orders", instanceClass: "db.r6g.large", publiclyAccessible: true }],
        ["aws:kms/key:Key", "orders-key", { description: "orders" }],
        ["aws:kms/key:Key", "signing-key", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }],
        [
            "aws:dynamodb/table:Table",
            "keys-table",
            {
                name: "keys",
                hashKey: "id",
                billingMode: "PAY_PER_REQUEST",
                attributes: [{ name: "id", type: "S" }],
                pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: 14 },
                serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN },
            },
        ],
        ["aws:dynamodb/tableReplica:TableReplica", "keys-replica", { globalTableArn: "arn:aws:dynamodb:us-east-1:111122223333:table/keys", deletionProtectionEnabled: true }],
        [
            "aws:docdb/cluster:Cluster",
            "keys-docdb",
            { clusterIdentifier: "keys-docdb", masterUsername: "keys_admin", masterPassword: secret("docdb-password-123"), storageEncrypted: true, kmsKeyId: KEY_ARN, backupRetentionPeriod: 1 },
        ],
        ["aws:neptune/cluster:Cluster", "keys-graph", { clusterIdentifier: "keys-graph", storageEncrypted: true, kmsKeyArn: KEY_ARN, deletionProtection: false }],
    ]);
}

describe("remediation through the wire (the pack's own policies)", () => {
    let engine: PolicyEngine;

    beforeAll(async () => {
        engine = await PolicyEngine.boot({ packDir: builtPackDir() });
    });

    afterAll(async () => {
        await engine?.close();
    });

    it("advertises remediation only for the safe policies", () => {
        // Every remediating policy is served by the pack; the others report findings only.
        const names = engine.info.policies.map((p) => p.name);
        expect(REMEDIATING.every((name) => names.includes(name))).toBe(true);
    });

    it("returns exactly the in-place changes and keeps secrets and replace-forcing inputs", async () => {
        const result = await engine.run(stack(false), { config: REMEDIATE });
        const db = result.resources.find((r) => r.name === "orders-db")!;
        expect(db.remediations.map((r) => r.policyName).sort()).toEqual(["rds-backup-retention", "rds-deletion-protection", "rds-iam-auth-enabled", "rds-instance-not-public"]);
        expect(db.remediations.every((r) => r.diagnostic === "")).toBe(true);
        expect(db.analyzedProperties).toMatchObject({
            publiclyAccessible: false,
            deletionProtection: true,
            backupRetentionPeriod: 7,
            iamDatabaseAuthenticationEnabled: true,
            storageEncrypted: true,
            kmsKeyId: KEY_ARN,
            engine: "postgres",
            username: "orders_admin",
        });
        // Remediate keeps secretness on the wire.
        const last = db.remediations[db.remediations.length - 1]!;
        expect(last.properties?.password).toEqual({ [SIG_KEY]: SECRET_SIG, value: "correct-horse-battery" });

        const reader = result.resources.find((r) => r.name === "orders-reader")!;
        expect(reader.remediations.map((r) => [r.policyName, r.properties?.publiclyAccessible])).toEqual([["rds-cluster-instance-not-public", false]]);
        const key = result.resources.find((r) => r.name === "orders-key")!;
        expect(key.remediations.map((r) => [r.policyName, r.properties?.enableKeyRotation])).toEqual([["kms-key-rotation", true]]);
        // An asymmetric signing key cannot rotate automatically: nothing to remediate.
        expect(result.resources.find((r) => r.name === "signing-key")!.remediations).toEqual([]);

        const table = result.resources.find((r) => r.name === "keys-table")!;
        expect(table.remediations.map((r) => r.policyName).sort()).toEqual(["dynamodb-deletion-protection", "dynamodb-pitr"]);
        expect(table.analyzedProperties).toMatchObject({
            deletionProtectionEnabled: true,
            pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 14 },
            name: "keys",
            hashKey: "id",
            serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN },
        });
        const replica = result.resources.find((r) => r.name === "keys-replica")!;
        expect(replica.remediations.map((r) => [r.policyName, r.properties?.pointInTimeRecovery])).toEqual([["dynamodb-pitr", true]]);

        const docdb = result.resources.find((r) => r.name === "keys-docdb")!;
        expect(docdb.remediations.map((r) => r.policyName)).toEqual(["docdb-deletion-protection-backups"]);
        expect(docdb.analyzedProperties).toMatchObject({ deletionProtection: true, backupRetentionPeriod: 7, clusterIdentifier: "keys-docdb", storageEncrypted: true, kmsKeyId: KEY_ARN });
        expect(docdb.remediations[0]!.properties?.masterPassword).toEqual({ [SIG_KEY]: SECRET_SIG, value: "docdb-password-123" });
        const graph = result.resources.find((r) => r.name === "keys-graph")!;
        expect(graph.remediations.map((r) => r.policyName)).toEqual(["neptune-deletion-protection-backups"]);
        expect(graph.analyzedProperties).toMatchObject({ deletionProtection: true, backupRetentionPeriod: 7, clusterIdentifier: "keys-graph", kmsKeyArn: KEY_ARN });

        // The remediated findings are gone after remediation; none of the remediating policies reports anything.
        expect(findingKeys(result).filter((k) => REMEDIATING.includes(k.policy))).toEqual([]);
    });

    it("reports the same policies as findings when they are not set to remediate", async () => {
        const result = await engine.run(stack(false));
        expect(result.resources.flatMap((r) => r.remediations)).toEqual([]);
        const policies = new Set(findingKeys(result).filter((k) => k.resource === "orders-db").map((k) => k.policy));
        for (const name of ["rds-backup-retention", "rds-deletion-protection", "rds-iam-auth-enabled", "rds-instance-not-public"]) {
            expect(policies.has(name), name).toBe(true);
        }
    });

    it("remediates during preview too: a boolean set to its secure value over an unknown, never a guess over an unknown number", async () => {
        const preview = stack(true);
        const db = preview.resources.find((r) => r.name === "orders-db")!;
        db.inputs = { ...db.inputs, publiclyAccessible: UNKNOWN_SENTINEL, backupRetentionPeriod: UNKNOWN_SENTINEL };
        const result = await engine.run(preview, { config: REMEDIATE });
        const analyzed = result.resources.find((r) => r.name === "orders-db")!;
        expect(analyzed.remediations.filter((r) => r.diagnostic !== "")).toEqual([]);
        expect(analyzed.analyzedProperties.publiclyAccessible).toBe(false);
        expect(analyzed.analyzedProperties.backupRetentionPeriod).toBe(UNKNOWN_SENTINEL);
    });

    it("leaves unknown DynamoDB, DocumentDB and Neptune values alone during preview, fixing only what is known", async () => {
        const preview = stack(true);
        const set = (name: string, inputs: Record<string, unknown>) => {
            const resource = preview.resources.find((r) => r.name === name)!;
            resource.inputs = { ...resource.inputs, ...inputs } as typeof resource.inputs;
        };
        set("keys-table", { deletionProtectionEnabled: UNKNOWN_SENTINEL, pointInTimeRecovery: UNKNOWN_SENTINEL });
        set("keys-replica", { pointInTimeRecovery: UNKNOWN_SENTINEL });
        set("keys-docdb", { deletionProtection: UNKNOWN_SENTINEL });
        set("keys-graph", { deletionProtection: UNKNOWN_SENTINEL, backupRetentionPeriod: UNKNOWN_SENTINEL });
        const result = await engine.run(preview, { config: REMEDIATE });
        const find = (name: string) => result.resources.find((r) => r.name === name)!;
        for (const name of ["keys-table", "keys-replica", "keys-graph"]) {
            expect(find(name).remediations, name).toEqual([]);
        }
        expect(find("keys-table").analyzedProperties).toMatchObject({ deletionProtectionEnabled: UNKNOWN_SENTINEL, pointInTimeRecovery: UNKNOWN_SENTINEL });
        expect(find("keys-graph").analyzedProperties).toMatchObject({ deletionProtection: UNKNOWN_SENTINEL, backupRetentionPeriod: UNKNOWN_SENTINEL });
        // The known, too-short retention is still raised; the unknown flag is kept.
        expect(find("keys-docdb").analyzedProperties).toMatchObject({ deletionProtection: UNKNOWN_SENTINEL, backupRetentionPeriod: 7 });
    });
});
