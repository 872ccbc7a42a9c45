// stacks/exports/*.json (scanned by `npm start`) are the `pulumi stack export` of the bundled stacks after an
// update. They must match the stacks (npm run exports regenerates them), and scanning them must give exactly the
// findings the pack reports when the engine runs the same update.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureProgram, readProjectName } from "../harness/capture";
import { PolicyEngine } from "../../scanner/engine/engine";
import { findingKeys, sortFindings } from "../harness/report";
import { stackExportText } from "../harness/stack-export";
import { builtPackDir } from "../e2e/built-pack";
import { parseInput } from "../../scanner/inputs";
import { scan } from "../../scanner/scan";
import { repoDir } from "./built-cli";

const STACKS = ["exposed-wallet-db", "hardened"] as const;

describe.each(STACKS)("stacks/exports/%s.json", (stack) => {
    const programDir = join(repoDir, "stacks", stack);
    const exportFile = join(repoDir, "stacks", "exports", `${stack}.json`);

    it("is up to date with the stack, and scans to the same findings as the engine's run of the update", async () => {
        const capture = await captureProgram({ programDir, preview: false });
        const text = stackExportText(capture);
        expect(text === readFileSync(exportFile, "utf8"), `${exportFile} is stale: run npm run exports`).toBe(true);

        const packDir = builtPackDir();
        const engine = await PolicyEngine.boot({ packDir, stack: { project: readProjectName(programDir), stack: "dev" } });
        let direct;
        try {
            direct = findingKeys(await engine.run(capture));
        } finally {
            await engine.close();
        }
        // The checked-in export (secrets encrypted, so analyzed as "[secret]") and the --show-secrets form.
        const inputs = [parseInput(exportFile, text), parseInput("plain.json", stackExportText(capture, { showSecrets: true }))];
        const result = await scan(inputs, { packDir });
        for (const input of inputs) {
            const own = result.findings.filter((f) => f.file === input.file);
            const scanned = sortFindings([
                ...new Map(own.map((f) => [`${f.policy}|${f.resourceName}|${f.level}`, { policy: f.policy, resource: f.resourceName, level: f.level }])).values(),
            ]);
            expect(scanned, input.file).toEqual(direct);
        }
    });
});
