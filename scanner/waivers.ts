// Recognizing waived findings. The pack writes a waived finding as an advisory whose text starts with the waiver
// (policies/lib/core/waiver-text.ts); the scanner parses it with that very module, compiled into the pack it runs,
// so a change of the wording in the pack cannot silently turn waived findings into ordinary advisories here.

import { existsSync } from "node:fs";
import { join } from "node:path";

export interface Waiver {
    expires: string;
    reason: string;
}

export type WaiverParser = (message: string) => (Waiver & { text: string }) | undefined;

/** The compiled waiver-text module, relative to the pack directory. */
export const WAIVER_TEXT_MODULE = join("bin", "lib", "core", "waiver-text.js");

/** The pack's own parser of waived findings. */
export function loadWaiverParser(packDir: string): WaiverParser {
    const file = join(packDir, WAIVER_TEXT_MODULE);
    if (!existsSync(file)) {
        throw new Error(`the policy pack has no ${WAIVER_TEXT_MODULE} (is it built, and a version this scanner knows?)`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(file) as { parseWaived?: unknown };
    if (typeof loaded.parseWaived !== "function") {
        throw new Error(`${file} does not export parseWaived`);
    }
    return loaded.parseWaived as WaiverParser;
}
