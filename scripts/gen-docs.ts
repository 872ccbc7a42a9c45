// `npm run docs`: regenerates the README's policy catalog and profile table, the control catalog (docs/controls.md)
// and the configuration profiles (policies/config/*.json), from the policies' metadata and policies/controls.ts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allPolicies } from "../policies/catalog";
import { CONTROLS, SEVERITY_EXCEPTIONS } from "../policies/controls";
import { PROFILE_NAMES, PROFILES_END, PROFILES_START, renderCatalog, renderControlsDoc, renderProfileJson, renderProfilesTable, renderScopeLists, SCOPE_END, SCOPE_START, updateBlock, updateReadme } from "./docs";

function write(path: string, content: string, what: string): void {
    let before: string | undefined;
    try {
        before = readFileSync(path, "utf8");
    } catch {
        before = undefined;
    }
    if (before !== content) {
        writeFileSync(path, content);
        console.log(`${what}: updated`);
    } else {
        console.log(`${what}: already up to date`);
    }
}

const root = join(__dirname, "..");
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const withCatalog = updateReadme(readme, renderCatalog(allPolicies, CONTROLS));
const withProfiles = updateBlock(withCatalog, renderProfilesTable(allPolicies), PROFILES_START, PROFILES_END, "### Profile levels");
write(readmePath, updateBlock(withProfiles, renderScopeLists(allPolicies), SCOPE_START, SCOPE_END, "## What the pack blocks: the scope model"), "README.md");

mkdirSync(join(root, "docs"), { recursive: true });
write(join(root, "docs", "controls.md"), renderControlsDoc(allPolicies, CONTROLS, SEVERITY_EXCEPTIONS), "docs/controls.md");

const configDir = join(root, "policies", "config");
mkdirSync(configDir, { recursive: true });
for (const profile of PROFILE_NAMES) {
    write(join(configDir, `${profile}.json`), renderProfileJson(profile, allPolicies), `policies/config/${profile}.json`);
}
