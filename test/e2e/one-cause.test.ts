// One cause, one blocking finding: over the bundled exposed stack (through the compiled pack and the engine
// emulator) and over small mutation fixtures (every policy in process), no two mandatory findings share a cause.
// A cause is one input of one resource (the same policy never blocks twice on it), and the pairs below, which
// name one mistake from two policies or two inputs, never block together: the pack reports the most specific one
// and names the other in its fix.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/catalog";
import type { PolicyEngine } from "../../scanner/engine/engine";
import { evaluateResource, evaluateStack, urnOf, type StackInputResource } from "../support/evaluate";
import { runBundledStack, type BundledStackRun } from "./bundled-stack";

interface Blocking {
    policy: string;
    urn: string;
    property: string;
    message: string;
}

/** [policy, property, policy, property] on one resource: encryption off and "no customer-managed key" are one cause. */
const SAME_RESOURCE_PAIRS: readonly (readonly [string, string, string, string])[] = [
    ["sg-no-public-db-port-ingress", "*", "sg-no-public-all-ports-ingress", "*"],
    ["rds-instance-storage-encrypted", "storageEncrypted", "rds-storage-cmk", "kmsKeyId"],
    ["rds-cluster-storage-encrypted", "storageEncrypted", "rds-storage-cmk", "kmsKeyId"],
    ["docdb-storage-encrypted-cmk", "storageEncrypted", "docdb-storage-encrypted-cmk", "kmsKeyId"],
    ["neptune-storage-encrypted-cmk", "storageEncrypted", "neptune-storage-encrypted-cmk", "kmsKeyArn"],
    ["elasticache-at-rest-encryption-cmk", "atRestEncryptionEnabled", "elasticache-at-rest-encryption-cmk", "kmsKeyId"],
    ["opensearch-encrypt-at-rest-cmk", "encryptAtRest.enabled", "opensearch-encrypt-at-rest-cmk", "encryptAtRest.kmsKeyId"],
    ["redshift-encrypted-cmk", "encrypted", "redshift-encrypted-cmk", "kmsKeyId"],
];

/** The causes that block more than once: a list of readable lines, empty when every cause blocks once. */
function sharedCauses(findings: readonly Blocking[], relatedUrns: readonly [acl: string, bucket: string][] = []): string[] {
    const problems: string[] = [];
    const byKey = new Map<string, Blocking[]>();
    for (const finding of findings) {
        const key = `${finding.policy}|${finding.urn}|${finding.property}`;
        byKey.set(key, [...(byKey.get(key) ?? []), finding]);
    }
    for (const [key, group] of byKey) {
        if (group.length > 1) {
            problems.push(`${group.length} findings of one policy on one input: ${key}`);
        }
    }
    const has = (policy: string, urn: string, property: string) => findings.some((f) => f.policy === policy && f.urn === urn && (property === "*" || f.property === property));
    for (const urn of new Set(findings.map((f) => f.urn))) {
        for (const [a, pa, b, pb] of SAME_RESOURCE_PAIRS) {
            if (pa === "*" ? findings.some((f) => f.urn === urn && f.policy === a && has(b, urn, f.property)) : has(a, urn, pa) && has(b, urn, pb)) {
                problems.push(`${a} [${pa}] and ${b} [${pb}] both block ${urn}`);
            }
        }
    }
    for (const [acl, bucket] of relatedUrns) {
        if (has("s3-no-public-acl", acl, "*") && has("s3-acls-disabled", bucket, "*")) {
            problems.push(`s3-no-public-acl on ${acl} and s3-acls-disabled on ${bucket}`);
        }
    }
    return problems;
}

/** "[property] text" after the policy's description line. */
function propertyOf(message: string): string {
    return /^(?:Cannot verify yet: )?\[([^\]]*)\]/m.exec(message.split("\n").slice(1).join("\n") || message)?.[1] ?? "";
}

/** Every policy of the pack in process over a small stack: the blocking findings. */
function blockingInProcess(resources: StackInputResource[]): Blocking[] {
    const out: Blocking[] = [];
    for (const policy of allPolicies) {
        if (policy.kind === "stack") {
            for (const d of evaluateStack(policy, resources).violations.filter((v) => v.level === "mandatory")) {
                out.push({ policy: policy.name, urn: d.urn ?? "", property: d.property, message: d.message });
            }
            continue;
        }
        for (const resource of resources.filter((r) => policy.resourceTypes.includes(r.type))) {
            const result = evaluateResource(policy, { type: resource.type, name: resource.name, props: resource.props });
            for (const d of result.violations.filter((v) => v.level === "mandatory")) {
                out.push({ policy: policy.name, urn: urnOf(resource.type, resource.name), property: d.property, message: d.message });
            }
        }
    }
    return out;
}

describe("one cause, one blocking finding", () => {
    describe("stacks/exposed-wallet-db", () => {
        let engine: PolicyEngine | undefined;
        const runs = {} as BundledStackRun["runs"];

        beforeAll(async () => {
            const result = await runBundledStack("exposed-wallet-db");
            engine = result.engine;
            Object.assign(runs, result.runs);
        });

        afterAll(async () => {
            await engine?.close();
        });

        it.each(["update", "preview"] as const)("%s: no two mandatory findings share a cause", (mode) => {
            const findings = runs[mode].mandatory.map((d) => ({ policy: d.policyName, urn: d.urn, property: propertyOf(d.message), message: d.message }));
            const urn = (name: string) => runs[mode].resources.find((r) => r.urn.endsWith(`::${name}`))!.urn;
            expect(findings.length).toBeGreaterThan(0);
            expect(sharedCauses(findings, [[urn("wallet-backups-acl"), urn("wallet-backups")]])).toEqual([]);
        });
    });

    describe("mutation fixtures", () => {
        const vpc: StackInputResource = { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } };
        const openGroup: StackInputResource = {
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "db-sg",
            props: {
                id: "sg-db",
                vpcId: "vpc-1",
                ingress: [
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::/0"] },
                ],
            },
            propertyDependencies: { vpcId: ["vpc"] },
        };
        const db: StackInputResource = {
            type: "aws:rds/instance:Instance",
            name: "app-db",
            props: { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: false, vpcSecurityGroupIds: ["sg-db"] },
            propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] },
        };

        it("an unencrypted PostgreSQL instance behind a group open on SSH, on every port and on 5432: each cause blocks once", () => {
            const findings = blockingInProcess([vpc, openGroup, db]);
            expect(sharedCauses(findings)).toEqual([]);
            const onGroup = findings.filter((f) => f.urn === urnOf(openGroup.type, "db-sg"));
            expect(onGroup.map((f) => [f.policy, f.property]).sort()).toEqual([
                ["sg-no-public-all-ports-ingress", "ingress.1.cidrBlocks.0"],
                ["sg-no-public-db-port-ingress", "ingress.2.ipv6CidrBlocks.0"],
            ]);
            const path = findings.filter((f) => f.policy === "db-sg-no-public-source");
            expect(path.map((f) => f.urn)).toEqual([urnOf(db.type, "app-db")]);
            expect(path[0]!.message).toMatch(/all ports/);
            expect(path[0]!.message).toMatch(/port 5432/);
            expect(path[0]!.message).not.toMatch(/port 22\b/);
            expect(findings.filter((f) => f.urn === urnOf(db.type, "app-db")).map((f) => f.policy)).toContain("rds-instance-storage-encrypted");
            expect(findings.some((f) => f.policy === "rds-storage-cmk")).toBe(false);
        });

        it("stores left at their encryption defaults: one finding for encryption off, none for the key", () => {
            const stores: StackInputResource[] = [
                { type: "aws:docdb/cluster:Cluster", name: "docs", props: { masterUsername: "app" } },
                { type: "aws:neptune/cluster:Cluster", name: "graph", props: {} },
                { type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "cache", props: { description: "cache", engine: "redis" } },
                { type: "aws:opensearch/domain:Domain", name: "search", props: { domainName: "search" } },
                { type: "aws:redshift/cluster:Cluster", name: "warehouse", props: { clusterIdentifier: "warehouse", nodeType: "ra3.xlplus", encrypted: "false" } },
                { type: "aws:rds/cluster:Cluster", name: "aurora", props: { engine: "aurora-postgresql" } },
            ];
            const findings = blockingInProcess(stores);
            expect(sharedCauses(findings)).toEqual([]);
            for (const store of stores) {
                expect(findings.some((f) => f.urn === urnOf(store.type, store.name) && /encrypt/i.test(f.property)), store.name).toBe(true);
            }
        });

        it("a bucket with a public ACL and ACLs kept by its ownership setting: one blocking finding, s3-no-public-acl's", () => {
            const bucket: StackInputResource = { type: "aws:s3/bucketV2:BucketV2", name: "backups", props: { bucket: "backups", tags: { "data-class": "key-material" } } };
            const ownership: StackInputResource = { type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls", name: "backups-ownership", props: { bucket: "backups", rule: { objectOwnership: "ObjectWriter" } }, propertyDependencies: { bucket: ["backups"] } };
            const acl: StackInputResource = { type: "aws:s3/bucketAclV2:BucketAclV2", name: "backups-acl", props: { bucket: "backups", acl: "public-read" }, propertyDependencies: { bucket: ["backups"] } };
            const findings = blockingInProcess([bucket, ownership, acl]);
            expect(sharedCauses(findings, [[urnOf(acl.type, "backups-acl"), urnOf(bucket.type, "backups")]])).toEqual([]);
            expect(findings.filter((f) => f.policy === "s3-no-public-acl").map((f) => f.urn)).toEqual([urnOf(acl.type, "backups-acl")]);
            expect(findings.find((f) => f.policy === "s3-no-public-acl")!.message).toMatch(/BucketOwnerEnforced/);
        });

        it("the check itself catches a shared cause (a fixture of what the pack used to report)", () => {
            const urn = urnOf(db.type, "app-db");
            expect(
                sharedCauses([
                    { policy: "rds-instance-storage-encrypted", urn, property: "storageEncrypted", message: "" },
                    { policy: "rds-storage-cmk", urn, property: "kmsKeyId", message: "" },
                    { policy: "db-subnets-private", urn, property: "subnetIds", message: "" },
                    { policy: "db-subnets-private", urn, property: "subnetIds", message: "" },
                ]),
            ).toHaveLength(2);
        });
    });
});
