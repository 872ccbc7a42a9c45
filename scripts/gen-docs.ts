// `npm run docs`: regenerates the README's policy catalog from the policies' metadata.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allPolicies } from "../policies/catalog";
import { CONTROLS } from "../policies/controls";
import { renderCatalog, updateReadme } from "./docs";

const readmePath = join(__dirname, "..", "README.md");
const before = readFileSync(readmePath, "utf8");
const after = updateReadme(before, renderCatalog(allPolicies, CONTROLS));
if (after !== before) {
    writeFileSync(readmePath, after);
    console.log("README.md: policy catalog updated");
} else {
    console.log("README.md: policy catalog already up to date");
}
