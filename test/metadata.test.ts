// The pack's metadata is complete and consistent: what the engine, the README and users rely on.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTROLS } from "../policies/controls";
import { allPolicies } from "../policies/catalog";
import type { AnyPolicyDefinition } from "../policies/lib/core/policy";
import { toSdkPolicy } from "../policies/lib/core/sdk";

const policiesDir = join(__dirname, "..", "policies");

function policyFiles(): { service: string; file: string }[] {
    const files: { service: string; file: string }[] = [];
    for (const service of readdirSync(policiesDir)) {
        const dir = join(policiesDir, service);
        if (service === "lib" || service === "bin" || service === "node_modules" || service === "config" || !statSync(dir).isDirectory()) {
            continue;
        }
        for (const file of readdirSync(dir)) {
            if (file.endsWith(".ts") && file !== "index.ts") {
                files.push({ service, file });
            }
        }
    }
    return files;
}

describe("policy metadata", () => {
    it("has at least one policy", () => {
        expect(allPolicies.length).toBeGreaterThan(0);
    });

    it("has unique policy names", () => {
        const names = allPolicies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
    });

    it.each(allPolicies.map((p) => [p.name, p] as [string, AnyPolicyDefinition]))("%s is complete", (name, policy) => {
        expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
        expect(policy.description.length).toBeGreaterThan(20);
        expect(policy.description).toMatch(/\.$/);
        expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
        expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
        expect(policy.remediationSteps.length).toBeGreaterThan(30);
        expect(policy.controls.length).toBeGreaterThan(0);
        for (const row of policy.controls) {
            expect(row).toBeGreaterThanOrEqual(1);
            expect(CONTROLS.map((c) => c.row)).toContain(row);
        }
        // A policy sees either the types it lists or, declared as such, every type (storage-type-unchecked).
        const everyType = policy.kind === "resource" && policy.appliesTo !== undefined;
        expect(policy.resourceTypes.length > 0).toBe(!everyType);
        for (const type of policy.resourceTypes) {
            expect(type).toMatch(/^aws:[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Z][a-zA-Z0-9]+$/);
        }
        const sdk = toSdkPolicy(policy);
        // The display name is the name's words, with AWS spellings (display-name.ts): no lower-case acronyms.
        expect(sdk.displayName).toMatch(/^[A-Z]/);
        expect(sdk.displayName!.split(" ").length).toBeGreaterThanOrEqual(name.split("-").length);
        expect(sdk.displayName).not.toMatch(/\b(rds|kms|iam|s3|cmk|tls|vpc|sg|db|ec2|acl|mfa)\b/);
        expect(sdk.severity).toBe(policy.severity);
        expect(sdk.remediationSteps).toBe(policy.remediationSteps);
        expect(sdk.tags).toContain(`category:${policy.category}`);
        if (policy.refs.securityHub?.length) {
            expect(sdk.framework?.reference).toContain(policy.refs.securityHub[0]);
            expect(sdk.url).toMatch(/^https:\/\//);
        }
        for (const [key, property] of Object.entries(policy.config ?? {})) {
            expect(key).not.toBe("enforcementLevel");
            expect((property as { description: string }).description.length).toBeGreaterThan(10);
            expect((property as { default: unknown }).default).toBeDefined();
        }
    });

    it("keeps one policy per file, named after the policy, and registers every file in the catalog", async () => {
        const registered = new Set(allPolicies.map((p) => p.name));
        const files = policyFiles();
        const fileNames = files.map((f) => f.file.replace(/\.ts$/, ""));
        expect(fileNames.sort()).toEqual([...registered].sort());
        for (const { service, file } of files) {
            const module = (await import(join(policiesDir, service, file))) as Record<string, unknown>;
            const exported = Object.values(module).filter((v) => typeof v === "object" && v !== null && "check" in v) as AnyPolicyDefinition[];
            expect(exported.map((p) => p.name)).toEqual([file.replace(/\.ts$/, "")]);
        }
    });
});
