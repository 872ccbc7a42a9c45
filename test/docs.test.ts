import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";
import { CONTROLS, SEVERITY_EXCEPTIONS } from "../policies/controls";
import { isSelected, parseSettings } from "../policies/lib/core/settings";
import { policyTags } from "../policies/lib/core/metadata";
import {
    PROFILE_NAMES,
    PROFILES_END,
    PROFILES_START,
    profileLevel,
    renderCatalog,
    renderControlsDoc,
    renderProfile,
    renderProfileJson,
    renderProfilesTable,
    renderScopeLists,
    rowSeverity,
    SCOPE_END,
    SCOPE_START,
    updateBlock,
    updateReadme,
} from "../scripts/docs";

describe("generated docs", () => {
    it("README.md's policy catalog matches the policies (run `npm run docs` after changing a policy)", () => {
        const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
        expect(updateReadme(readme, renderCatalog(allPolicies, CONTROLS))).toBe(readme);
    });

    it("names every policy and every catalog row", () => {
        const catalog = renderCatalog(allPolicies, CONTROLS);
        for (const policy of allPolicies) {
            expect(catalog).toContain(`\`${policy.name}\``);
        }
        for (const control of CONTROLS) {
            expect(catalog).toContain(`| ${control.row} | \`${control.id}\` |`);
        }
    });

    it("docs/controls.md matches policies/controls.ts and the policies (run `npm run docs`)", () => {
        const doc = readFileSync(join(__dirname, "..", "docs", "controls.md"), "utf8");
        expect(renderControlsDoc(allPolicies, CONTROLS, SEVERITY_EXCEPTIONS)).toBe(doc);
        for (const control of CONTROLS) {
            expect(doc).toContain(`| ${control.row} | \`${control.id}\` | ${control.category} | **${control.severity}**`);
        }
    });

    it("rates every policy as its rows: category of the first row, the highest severity unless an exception says why", () => {
        const byRow = new Map(CONTROLS.map((c) => [c.row, c]));
        const mismatches = allPolicies.flatMap((p) => {
            const problems: string[] = [];
            if (p.category !== byRow.get(p.controls[0]!)?.category) {
                problems.push(`${p.name}: category ${p.category}, row ${p.controls[0]} is ${byRow.get(p.controls[0]!)?.category}`);
            }
            const expected = rowSeverity(p, CONTROLS);
            if (SEVERITY_EXCEPTIONS[p.name] === undefined && p.severity !== expected) {
                problems.push(`${p.name}: severity ${p.severity}, its rows say ${expected}`);
            }
            return problems;
        });
        expect(mismatches).toEqual([]);
        // Every exception names a policy that really is rated lower than its rows.
        for (const name of Object.keys(SEVERITY_EXCEPTIONS)) {
            const policy = allPolicies.find((p) => p.name === name);
            expect(policy, name).toBeDefined();
            const order = ["low", "medium", "high", "critical"];
            expect(order.indexOf(policy!.severity), name).toBeLessThan(order.indexOf(rowSeverity(policy!, CONTROLS)));
        }
    });

    it("references nothing outside the repository", () => {
        const doc = readFileSync(join(__dirname, "..", "docs", "controls.md"), "utf8");
        const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
        for (const text of [doc, readme, readFileSync(join(__dirname, "..", "CONTRIBUTING.md"), "utf8")]) {
            expect(text).not.toMatch(/\.\.\/shared\/|shared\/controls\.md/);
        }
    });

    it("maps every policy to existing catalog rows", () => {
        const rows = new Set(CONTROLS.map((c) => c.row));
        for (const policy of allPolicies) {
            for (const row of policy.controls) {
                expect(rows.has(row), `${policy.name} -> row ${row}`).toBe(true);
            }
        }
    });
});

describe("configuration profiles (policies/config/*.json)", () => {
    it.each(PROFILE_NAMES)("%s.json matches the policies (run `npm run docs` after changing a policy)", (profile) => {
        const file = readFileSync(join(__dirname, "..", "policies", "config", `${profile}.json`), "utf8");
        expect(file).toBe(renderProfileJson(profile, allPolicies));
    });

    it("README.md's profile table matches the policies", () => {
        const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
        expect(readme).toContain(PROFILES_START);
        expect(updateBlock(readme, renderProfilesTable(allPolicies), PROFILES_START, PROFILES_END, "")).toBe(readme);
    });

    it("README.md's scope-model lists match the policies' `scope` metadata", () => {
        const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
        expect(readme).toContain(SCOPE_START);
        expect(updateBlock(readme, renderScopeLists(allPolicies), SCOPE_START, SCOPE_END, "")).toBe(readme);
        const lists = renderScopeLists(allPolicies);
        for (const policy of allPolicies) {
            expect(lists).toContain(`\`${policy.name}\``);
        }
    });

    it("declares defence in depth for the host and bucket hygiene policies, exposure for public grants and plaintext credentials", () => {
        const scopeOf = (name: string) => allPolicies.find((p) => p.name === name)?.scope;
        for (const name of ["ec2-db-host-imdsv2", "ec2-db-host-encrypted-volumes", "s3-sse-kms-cmk", "s3-sse-kms-cmk-linked", "s3-tls-only-policy", "s3-block-public-access", "s3-block-public-access-linked"]) {
            expect(scopeOf(name), name).toBe("defence-in-depth");
        }
        for (const name of ["ec2-db-host-no-public-ip", "ec2-no-secrets-in-user-data", "s3-policy-no-public-principal", "s3-no-public-acl", "rds-instance-storage-encrypted", "kms-key-policy-no-public-principal"]) {
            expect(scopeOf(name), name).toBe("exposure");
        }
    });

    it("baseline keeps every default level; strict makes everything mandatory but the no-escalation review items", () => {
        const baseline = renderProfile("baseline", allPolicies);
        const strict = renderProfile("strict", allPolicies);
        expect(Object.keys(baseline)).toEqual(["pack-settings", ...allPolicies.map((p) => p.name)]);
        expect(Object.keys(strict)).toEqual(Object.keys(baseline));
        for (const policy of allPolicies) {
            expect(baseline[policy.name]).toBe(policy.enforcementLevel);
            expect(strict[policy.name]).toBe(policy.keyMaterialEscalation === false ? policy.enforcementLevel : "mandatory");
            expect(profileLevel("strict", policy)).toBe(strict[policy.name]);
        }
        expect(strict["pack-settings"]).toMatchObject({ previewUnknowns: "mandatory", keyMaterialEnforcement: "mandatory" });
        // The baseline's settings are exactly the shipped defaults.
        const defaults = parseSettings({});
        const settings = parseSettings(baseline["pack-settings"]);
        expect(settings.problems).toEqual([]);
        expect({ ...settings, problems: [] }).toEqual({ ...defaults, problems: [] });
    });
});

describe("framework and severity selection over the catalog", () => {
    const selected = (config: Record<string, unknown>) =>
        allPolicies.filter((p) => isSelected(parseSettings(config), p.severity, policyTags(p))).map((p) => p.name);

    it("frameworks: [pci-dss-4.0] selects exactly the policies with PCI DSS ids", () => {
        const expected = allPolicies.filter((p) => (p.refs.pciDss ?? []).length > 0).map((p) => p.name);
        expect(expected.length).toBeGreaterThan(40);
        expect(selected({ frameworks: ["pci-dss-4.0"] })).toEqual(expected);
        expect(selected({ frameworks: ["PCI-DSS-4.0"] })).toEqual(expected);
    });

    it("frameworks select the union of their mappings", () => {
        const expected = allPolicies.filter((p) => (p.refs.nist ?? []).length > 0 || (p.refs.cis ?? []).length > 0).map((p) => p.name);
        expect(selected({ frameworks: ["nist-800-53", "cis-aws-5.0"] })).toEqual(expected);
    });

    it("minimumSeverity selects exactly the policies of at least that severity, combined with frameworks", () => {
        const order = ["low", "medium", "high", "critical"];
        for (const minimum of order) {
            const expected = allPolicies.filter((p) => order.indexOf(p.severity) >= order.indexOf(minimum)).map((p) => p.name);
            expect(selected({ minimumSeverity: minimum })).toEqual(expected);
        }
        const both = allPolicies.filter((p) => p.severity === "critical" && (p.refs.pciDss ?? []).length > 0).map((p) => p.name);
        expect(both.length).toBeGreaterThan(5);
        expect(selected({ minimumSeverity: "critical", frameworks: ["pci-dss-4.0"] })).toEqual(both);
    });

    it("every PCI DSS and NIST id is well-formed", () => {
        for (const policy of allPolicies) {
            for (const id of policy.refs.pciDss ?? []) {
                expect(id, policy.name).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
            }
            for (const id of policy.refs.nist ?? []) {
                expect(id, policy.name).toMatch(/^[A-Z]{2}-\d+(\(\d+\))?$/);
            }
        }
    });

    it("every policy maps to at least one public framework or is a documented pack-specific control", () => {
        const unmapped = allPolicies.filter((p) => !["securityHub", "cis", "pciDss", "nist"].some((k) => (p.refs[k as "nist"] ?? []).length > 0)).map((p) => p.name);
        expect(unmapped).toEqual(["rds-data-api-disabled", "rds-ca-cert-current"]);
    });
});

