// Property-based robustness: every resource policy, fed random and hostile property bags, never throws, never
// falls back to the SDK's "can't run during preview", and never turns a failing resource into a silent pass
// when the deciding input becomes unknown.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";
import type { AnyPolicyDefinition, ResourcePolicyDefinition } from "../policies/lib/core/policy";
import { evaluateResource, UNKNOWN } from "./support/evaluate";

const resourcePolicies = allPolicies.filter((p): p is ResourcePolicyDefinition => p.kind === "resource");

/** Property names the policies read, plus noise; random bags draw their keys from here. */
const KEY_POOL = [
    "storageEncrypted", "kmsKeyId", "kmsKeyArn", "publiclyAccessible", "engine", "engineMode", "deletionProtection",
    "backupRetentionPeriod", "iamDatabaseAuthenticationEnabled", "manageMasterUserPassword", "password", "masterPassword",
    "policy", "enableKeyRotation", "deletionWindowInDays", "ingress", "egress", "type", "protocol", "fromPort", "toPort",
    "cidrBlocks", "ipv6CidrBlocks", "cidrIpv4", "cidrIpv6", "ipProtocol", "parameters", "family", "serverSideEncryption",
    "pointInTimeRecovery", "encryptAtRest", "vpcOptions", "accessPolicies", "transitEncryptionEnabled", "atRestEncryptionEnabled",
    "encrypted", "tags", "name", "replicateSourceDb", "sharedAccounts", "userData", "assumeRolePolicy", "inlinePolicies",
    "performanceInsightsEnabled", "performanceInsightsKmsKeyId", "enabledCloudwatchLogsExports", "rules", "bucket", "acl",
    "versioningConfiguration", "value", "keyId", "secretString", "operations", "granteePrincipal", "constraints", "x",
];

const SENTINELS = [UNKNOWN, "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "dd056dcd-154b-4c76-9bd3-c8f88648b5ff"];

const hostileString = fc.oneof(
    fc.string(),
    fc.constantFrom("", "true", "false", "-1", "all", "0.0.0.0/0", "::/0", "{", "{\"Statement\":", "[]", "null", "alias/aws/rds", "*"),
    fc.constantFrom(...SENTINELS),
    fc.constant("x".repeat(100_000)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small" },
        hostileString,
        fc.boolean(),
        fc.integer(),
        fc.double(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...KEY_POOL, "Statement", "Effect", "Action", "Principal", "enabled"), tie("value"), { maxKeys: 4 }),
    ),
})).value;

const bag = fc.dictionary(fc.constantFrom(...KEY_POOL), hostileValue, { maxKeys: 8 });

/**
 * An unknown reference to another resource (a key, a subnet group, a parameter group) means one is being
 * supplied, so a violation about it being absent may rightly disappear; flags and numbers may not.
 */
const KEY_REFERENCE = /kms|key(id|arn)?$|ids?$|name$|arn$|identifier$/i;

function typesOf(policy: AnyPolicyDefinition): string[] {
    return [...policy.resourceTypes];
}

describe.each(resourcePolicies.map((p) => [p.name, p] as const))("%s under hostile input", (_name, policy) => {
    it("never throws, never degrades to can't-run, and tags every finding with a property", () => {
        for (const type of typesOf(policy)) {
            fc.assert(
                fc.property(bag, (props) => {
                    const result = evaluateResource(policy, { type, props });
                    expect(result.cantRun).toBe(false);
                    for (const d of result.diagnostics) {
                        expect(d.property).not.toBe("");
                        expect(d.message).not.toMatch(/could not evaluate/);
                    }
                }),
                { numRuns: 40 },
            );
        }
    });

    it("never passes silently when the input behind a violation becomes unknown", () => {
        for (const type of typesOf(policy)) {
            fc.assert(
                fc.property(bag, (props) => {
                    const before = evaluateResource(policy, { type, props });
                    for (const violation of before.violations) {
                        const key = violation.property.split(/[.[]/)[0]!;
                        if (!key || key === "*" || key.startsWith("config") || KEY_REFERENCE.test(key)) {
                            continue;
                        }
                        const after = evaluateResource(policy, { type, props: { ...props, [key]: UNKNOWN } });
                        expect(after.diagnostics.length, `${type}: ${key} unknown`).toBeGreaterThan(0);
                    }
                }),
                { numRuns: 25 },
            );
            // The defaults (nothing set) are where most insecure setups start.
            const empty = evaluateResource(policy, { type, props: {} });
            for (const violation of empty.violations) {
                const key = violation.property.split(/[.[]/)[0]!;
                if (key && key !== "*" && !KEY_REFERENCE.test(key)) {
                    expect(evaluateResource(policy, { type, props: { [key]: UNKNOWN } }).diagnostics.length, `${type}: ${key} unknown`).toBeGreaterThan(0);
                }
            }
        }
    });
});
