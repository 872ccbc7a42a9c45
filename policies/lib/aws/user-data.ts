// EC2 user data as text. A program passes it plain (`userData`), base64-encoded (`userDataBase64`, a launch
// template's `userData`), gzip-compressed inside base64 (cloud-init accepts gzip), or as a MIME multi-part
// document whose parts are base64; scripts also embed base64 blobs (`echo ... | base64 -d | sh`). Policies that read
// user data (secrets in it, the database server it installs) read every layer this module can decode.

import { gunzipSync } from "node:zlib";

const MAX_TEXT = 1_000_000;
const MAX_DEPTH = 2;
const MAX_EMBEDDED = 200;

function looksLikeText(buffer: Buffer): boolean {
    if (buffer.length === 0) {
        return false;
    }
    let printable = 0;
    for (const byte of buffer.subarray(0, 4096)) {
        if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127) || byte >= 128) {
            printable++;
        }
    }
    return printable / Math.min(buffer.length, 4096) > 0.95;
}

/** Decodes base64 (and gzip inside it) into text, or undefined when it is not that. */
function decode(candidate: string): string | undefined {
    const compact = candidate.replace(/\s+/g, "");
    if (compact.length < 16 || compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
        return undefined;
    }
    let buffer = Buffer.from(compact, "base64");
    if (buffer[0] === 0x1f && buffer[1] === 0x8b) {
        try {
            buffer = gunzipSync(buffer, { maxOutputLength: MAX_TEXT });
        } catch {
            return undefined;
        }
    }
    return looksLikeText(buffer) ? buffer.toString("utf8") : undefined;
}

/**
 * The text plus every base64 (optionally gzipped) layer found in it: the whole value decoded, and embedded blobs
 * (MIME parts, `echo ... | base64 -d`), at most two layers deep and one megabyte each.
 */
export function userDataLayers(text: string, depth = 0): string[] {
    const out = [text.slice(0, MAX_TEXT)];
    if (depth >= MAX_DEPTH) {
        return out;
    }
    const whole = decode(text);
    if (whole !== undefined) {
        out.push(...userDataLayers(whole, depth + 1));
    }
    let count = 0;
    for (const match of text.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)) {
        if (++count > MAX_EMBEDDED) {
            break;
        }
        const decoded = decode(match[0]);
        if (decoded !== undefined && decoded !== whole) {
            out.push(...userDataLayers(decoded, depth + 1));
        }
    }
    return out;
}

/** The user-data inputs of an instance, spot request, launch template or launch configuration. */
export const USER_DATA_PROPERTIES: readonly string[] = ["userData", "userDataBase64"];
