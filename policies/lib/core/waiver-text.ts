// How a waived finding reads: the one definition of the text the pack writes (policy.ts report) and the scanner
// parses (scanner/scan.ts loads the compiled module from the pack it runs), so the two cannot drift apart.

export interface WaivedFinding {
    /** The waiver's expiry date, YYYY-MM-DD. */
    expires: string;
    reason: string;
    /** The finding's own text. */
    text: string;
}

/** "Waived until <expires> (<reason>): <finding>". */
export function waivedText(expires: string, reason: string, text: string): string {
    return `Waived until ${expires} (${reason}): ${text}`;
}

// The reason may hold parentheses and colons; the finding's text starts with its `[property]` (formatFinding)
// or the undecided lead ("Cannot verify yet:", and "Cannot verify during preview:" in reports of earlier
// versions), so the reason ends at the last "): " before it.
const WAIVED = /^Waived until (\d{4}-\d{2}-\d{2}) \(([\s\S]*)\): (\[[^\]]*\] [\s\S]*|Cannot verify (?:yet|during preview): [\s\S]*)$/;
const WAIVED_LOOSE = /^Waived until (\d{4}-\d{2}-\d{2}) \(([\s\S]*?)\): ([\s\S]*)$/;

/** The waiver of a finding's text (the policy's text, after the SDK's description line), or undefined. */
export function parseWaived(message: string): WaivedFinding | undefined {
    const match = WAIVED.exec(message) ?? WAIVED_LOOSE.exec(message);
    if (!match) {
        return undefined;
    }
    return { expires: match[1]!, reason: match[2]!, text: match[3]! };
}
