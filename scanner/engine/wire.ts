// Reading protobuf bytes without decoding all of them.
//
// A caller that never reads a response's not-applicable list (the scanner) should not pay for decoding it: the pack
// answers every Analyze call with some ninety entries, which google-protobuf turns into ninety message objects and
// the engine emulator into ninety more (about 1.5 s of a 10,000-resource scan, and over a gigabyte kept on
// 100,000 resources). The response's bytes are still produced by the service's own serializer, as on the wire; only
// the skipped field's entries are left out before the rest is decoded by the generated class, so what is read is
// exactly what a full decode would have given.

/** `repeated PolicyNotApplicable not_applicable = 3;` of AnalyzeResponse (pulumi proto/pulumi/analyzer.proto). */
export const NOT_APPLICABLE_FIELD = 3;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** Reads a varint at `offset`; undefined when the bytes end inside it or it is longer than 10 bytes. */
function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } | undefined {
    let value = 0;
    let scale = 1;
    for (let i = offset; i < bytes.length && i < offset + 10; i++) {
        const byte = bytes[i]!;
        value += (byte & 0x7f) * scale;
        if ((byte & 0x80) === 0) {
            return { value, next: i + 1 };
        }
        scale *= 128;
    }
    return undefined;
}

/**
 * The message's bytes without the top-level fields numbered `field` (protobuf is a sequence of tagged fields, so the
 * rest stays a valid encoding of the same message with that field empty). The bytes are returned unchanged when the
 * field does not occur, and also when they cannot be walked (a group, or a truncated field): the decoder then reports
 * them as it would have anyway.
 */
export function withoutField(bytes: Buffer, field: number): Buffer {
    const kept: Buffer[] = [];
    let keptFrom = 0;
    let offset = 0;
    let removed = false;
    while (offset < bytes.length) {
        const tag = readVarint(bytes, offset);
        if (!tag) {
            return bytes;
        }
        let end: number;
        switch (tag.value % 8) {
            case VARINT: {
                const value = readVarint(bytes, tag.next);
                if (!value) {
                    return bytes;
                }
                end = value.next;
                break;
            }
            case FIXED64:
                end = tag.next + 8;
                break;
            case LENGTH_DELIMITED: {
                const length = readVarint(bytes, tag.next);
                if (!length) {
                    return bytes;
                }
                end = length.next + length.value;
                break;
            }
            case FIXED32:
                end = tag.next + 4;
                break;
            default:
                // Groups (deprecated, never in the Analyzer protocol) cannot be skipped without walking them.
                return bytes;
        }
        if (end > bytes.length) {
            return bytes;
        }
        if (Math.floor(tag.value / 8) === field) {
            if (offset > keptFrom) {
                kept.push(bytes.subarray(keptFrom, offset));
            }
            keptFrom = end;
            removed = true;
        }
        offset = end;
    }
    if (!removed) {
        return bytes;
    }
    if (keptFrom < bytes.length) {
        kept.push(bytes.subarray(keptFrom));
    }
    return Buffer.concat(kept);
}
