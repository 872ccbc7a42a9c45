// npm run exports: regenerates stacks/exports/<stack>.json, the `pulumi stack export` of each bundled stack after
// an update (captured under mocks with realistic IDs; secrets as stand-in ciphertext). `npm start` scans them;
// test/scanner/exports.test.ts fails when they are out of date.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { captureProgram } from "../test/harness/capture";
import { stackExportText } from "../test/harness/stack-export";

export const EXPORTED_STACKS = ["exposed-wallet-db", "hardened"] as const;
export const exportsDir = join(__dirname, "..", "stacks", "exports");

export async function exportText(stack: string): Promise<string> {
    const capture = await captureProgram({ programDir: join(__dirname, "..", "stacks", stack), preview: false });
    return stackExportText(capture);
}

async function main(): Promise<void> {
    mkdirSync(exportsDir, { recursive: true });
    for (const stack of EXPORTED_STACKS) {
        const file = join(exportsDir, `${stack}.json`);
        writeFileSync(file, await exportText(stack));
        console.log(`wrote ${file}`);
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
