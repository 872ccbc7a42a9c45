// Prints every finding of the bundled stacks (update and preview) through the real protocol.
import { join } from "node:path";
import { captureProgram, readProjectName } from "../test/harness/capture";
import { PolicyEngine } from "../scanner/engine/engine";

async function main() {
    const packDir = join(__dirname, "..", "policies");
    for (const name of process.argv.slice(2)) {
        const programDir = join(__dirname, "..", "stacks", name);
        const stack = { project: readProjectName(programDir), stack: "dev", config: { "aws:region": "us-east-1" } };
        const engine = await PolicyEngine.boot({ packDir, stack });
        for (const preview of [false, true]) {
            const run = await engine.run(await captureProgram({ programDir, preview }));
            console.log(`=== ${name} ${preview ? "preview" : "update"}`);
            for (const d of [...run.mandatory, ...run.advisory]) {
                const res = d.urn ? d.urn.split("::").pop() : "-";
                console.log(`${d.enforcementLevel}\t${d.policyName}\t${res}\t${d.message.split("\n").slice(1).join(" ").slice(0, 300)}`);
            }
        }
        await engine.close();
    }
}
main().catch((e) => {
    console.error(e);
    process.exit(1);
});
