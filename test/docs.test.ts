import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";
import { CONTROLS } from "../policies/controls";
import { renderCatalog, updateReadme } from "../scripts/docs";

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

    it("maps every policy to existing catalog rows", () => {
        const rows = new Set(CONTROLS.map((c) => c.row));
        for (const policy of allPolicies) {
            for (const row of policy.controls) {
                expect(rows.has(row), `${policy.name} -> row ${row}`).toBe(true);
            }
        }
    });
});
