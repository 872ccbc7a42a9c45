// No remediation may touch a property whose change replaces the resource (and so loses the store's data):
// every property a remediation returns must be listed in replace-forcing.json as updatable in place, with the
// provider's ForceNew fact and its source, and the known replace-forcing properties are never returned.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import type { ResourcePolicyDefinition } from "../../policies/lib/core/policy";
import facts from "./replace-forcing.json";
import { remediationChanges } from "./remediate";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Facts = Record<string, { source: string; properties: Record<string, { terraform: string; forceNew: boolean }> }>;
const RESOURCES = facts.resources as Facts;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const remediating = allPolicies.filter((p): p is ResourcePolicyDefinition<any> => p.kind === "resource" && p.remediate !== undefined);

/** Inputs that exercise every branch: omitted, insecure, secure, wrong types, unknowns, on every listed property. */
function samples(type: string): Record<string, unknown>[] {
    const values: unknown[] = [undefined, true, false, 0, 1, 3, 40, "true", "false", "yes", UNKNOWN, null, ["x"], { a: 1 }];
    const properties = Object.keys(RESOURCES[type]?.properties ?? {});
    const engines = ["mysql", "postgres", "aurora-postgresql", "aurora-mysql", "oracle-ee", "sqlserver-se", UNKNOWN, undefined];
    const out: Record<string, unknown>[] = [{}];
    for (let i = 0; i < values.length * engines.length; i++) {
        const props: Record<string, unknown> = {};
        properties.forEach((property, j) => {
            const value = values[(i + j) % values.length];
            if (value !== undefined) {
                props[property] = value;
            }
        });
        const engine = engines[i % engines.length];
        if (engine !== undefined) {
            props.engine = engine;
        }
        for (const [key, value] of [
            ["customerMasterKeySpec", "SYMMETRIC_DEFAULT"],
            ["keyUsage", "ENCRYPT_DECRYPT"],
            ["engineMode", "provisioned"],
        ] as const) {
            if (i % 3 === 0) {
                props[key] = value;
            }
        }
        out.push(props);
    }
    return out;
}

describe("remediations never force a replacement", () => {
    it("knows which policies remediate", () => {
        expect(remediating.map((p) => p.name).sort()).toEqual([
            "docdb-deletion-protection-backups",
            "dynamodb-deletion-protection",
            "dynamodb-pitr",
            "kms-key-rotation",
            "neptune-deletion-protection-backups",
            "rds-backup-retention",
            "rds-cluster-instance-not-public",
            "rds-deletion-protection",
            "rds-iam-auth-enabled",
            "rds-instance-not-public",
        ]);
    });

    it("cites a provider source for every resource type", () => {
        for (const [type, entry] of Object.entries(RESOURCES)) {
            expect(entry.source, type).toMatch(/^hashicorp\/terraform-provider-aws internal\/service\/\S+\.go \(commit [0-9a-f]{40}\)/);
        }
    });

    it.each(remediating.map((p) => [p.name, p] as const))("%s only sets properties the provider updates in place", (_name, policy) => {
        const touched = new Set<string>();
        for (const type of policy.resourceTypes) {
            for (const props of samples(type)) {
                const changes = remediationChanges(policy, { type, props });
                for (const key of Object.keys(changes ?? {})) {
                    const fact = RESOURCES[type]?.properties[key];
                    expect(fact, `${policy.name} sets ${type}.${key}, which replace-forcing.json does not list`).toBeDefined();
                    expect(fact!.forceNew, `${policy.name} sets ${type}.${key}, which forces a replacement`).toBe(false);
                    touched.add(`${type}.${key}`);
                }
            }
        }
        // Every remediation does something on some input (a remediation that never fires is dead code).
        expect(touched.size).toBeGreaterThan(0);
    });

    it("never returns a known replace-forcing property", () => {
        const forbidden = [
            "storageEncrypted",
            "kmsKeyId",
            "kmsKeyArn",
            "engine",
            "username",
            "masterUsername",
            "customerMasterKeySpec",
            "keyUsage",
            "engineMode",
            "dbSubnetGroupName",
            "snapshotIdentifier",
            "clusterIdentifier",
            "hashKey",
            "rangeKey",
            "globalTableArn",
        ];
        for (const [type, entry] of Object.entries(RESOURCES)) {
            for (const key of forbidden.filter((k) => k in entry.properties)) {
                expect(entry.properties[key]!.forceNew, `${type}.${key}`).toBe(true);
            }
        }
        for (const policy of remediating) {
            for (const type of policy.resourceTypes) {
                for (const props of samples(type)) {
                    const changes = remediationChanges(policy, { type, props }) ?? {};
                    expect(Object.keys(changes).filter((k) => forbidden.includes(k)), `${policy.name} on ${type}`).toEqual([]);
                }
            }
        }
    });
});
