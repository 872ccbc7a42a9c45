// The AnalyzeStack request read straight from its bytes, once, for the stack policies.
//
// @pulumi/policy 1.21 has gRPC decode the whole request into google-protobuf objects (for 10,000 resources, longer
// than every stack policy together takes), then turns each resource's properties into JavaScript again
// (Struct.toJavaScript, deserializeProperties, an unknown-checking proxy) before the one policy that runs them all
// copies them once more (stack-snapshot.ts). Here the request's bytes are read once into what that chain yields
// (`readStackRequest`), and the SDK is handed, instead of the resources, one placeholder resource naming them
// (`placeholderRequest`); the stack snapshot takes the resources from it (`takeStackRequest`).
//
// Exactness: a request is read here only when it is read exactly as the SDK would read it. Anything the SDK
// would read differently or reject (a field twice, a wrong wire type, a value without a kind, a string that is not
// UTF-8, a map entry without key or value, no options, a provider without properties, nesting deeper than 64, a
// `__proto__` key) makes `readStackRequest` return undefined, and the SDK then decodes the original bytes as
// always. Properties that carry the SDK's special signature (secrets, assets, archives) go through the SDK's own
// deserializer (sdk-internals.ts deserializeSdkProperties). A request that never passes through the service's
// decoder (the scanner's in-process pack hands the handler a request object) carries no placeholder, and the
// snapshot reads the SDK's resources as always.

import { isUtf8 } from "node:buffer";
import type { PlainObject } from "../readers/values";
import { isUnknownSentinel, MAX_DEPTH, snapshot, UNKNOWN } from "../readers/values";
import { deserializeSdkProperties, type StackRequestRewrite } from "./sdk-internals";

/** One resource of an AnalyzeStack request, as the SDK's AnalyzeStack handler would give it to a stack policy. */
export interface RequestResource {
    type: string;
    name: string;
    urn: string;
    /** The properties as `snapshot` copies them out of the SDK's proxy. */
    props: PlainObject;
    /** The parent's URN as sent (possibly empty, possibly not a resource of the stack). */
    parent: string;
    dependencies: string[];
    /** Sorted by property name, as the SDK's getPropertyDependencies lists them. */
    propertyDependencies: [string, string[]][];
}

/** Thrown inside the reader when the request is not one it reads exactly; caught at the top (never escapes). */
class NotExact extends Error {}
const NOT_EXACT = new NotExact("not read exactly");

/** The SDK's marker of a special value (@pulumi/pulumi runtime rpc specialSigKey): secrets, assets, archives. */
const SPECIAL_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const MAX_NESTING = 64;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

class Reader {
    pos: number;
    private readonly view: DataView;
    /** Set when a struct key is the special signature key: the resource then goes through the SDK's deserializer. */
    special = false;
    /**
     * Values as `snapshot` copies them (unknown sentinels as UNKNOWN, structures deeper than its MAX_DEPTH cut off),
     * rather than as Struct.toJavaScript returns them. The same thing for properties without special values.
     */
    plain = false;

    constructor(readonly buf: Buffer) {
        this.pos = 0;
        this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }

    varint(): number {
        let result = 0;
        let multiplier = 1;
        for (let i = 0; i < 10; i++) {
            if (this.pos >= this.buf.length) {
                throw NOT_EXACT;
            }
            const byte = this.buf[this.pos++]!;
            result += (byte & 0x7f) * multiplier;
            if (byte < 0x80) {
                return result;
            }
            multiplier *= 128;
        }
        throw NOT_EXACT;
    }

    /** The end of a length-delimited field that starts here. */
    end(limit: number): number {
        const length = this.varint();
        const end = this.pos + length;
        if (end > limit) {
            throw NOT_EXACT;
        }
        return end;
    }

    string(limit: number): string {
        const end = this.end(limit);
        const buf = this.buf;
        if (end - this.pos <= 16) {
            // Short ASCII strings (keys, flags, ids) without a native call.
            let text = "";
            let i = this.pos;
            for (; i < end; i++) {
                const byte = buf[i]!;
                if (byte >= 0x80) {
                    break;
                }
                text += String.fromCharCode(byte);
            }
            if (i === end) {
                this.pos = end;
                return text;
            }
        }
        const text = buf.toString("utf8", this.pos, end);
        // Node replaces bytes that are not UTF-8 with U+FFFD; google-protobuf decodes them otherwise.
        if (text.includes("\uFFFD") && !isUtf8(this.buf.subarray(this.pos, end))) {
            throw NOT_EXACT;
        }
        this.pos = end;
        return text;
    }

    double(limit: number): number {
        if (this.pos + 8 > limit) {
            throw NOT_EXACT;
        }
        const value = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return value;
    }

    skip(wireType: number, limit: number): void {
        switch (wireType) {
            case WIRE_VARINT:
                this.varint();
                break;
            case WIRE_FIXED64:
                this.pos += 8;
                break;
            case WIRE_BYTES:
                this.pos = this.end(limit);
                return;
            case WIRE_FIXED32:
                this.pos += 4;
                break;
            default:
                throw NOT_EXACT;
        }
        if (this.pos > limit) {
            throw NOT_EXACT;
        }
    }

    /** A field's tag (field number * 8 + wire type; read them with `fieldOf` and `wireOf`). */
    tag(): number {
        const tag = this.varint();
        if (tag > 0xffffffff) {
            throw NOT_EXACT;
        }
        return tag;
    }
}

const fieldOf = (tag: number): number => tag >>> 3;
const wireOf = (tag: number): number => tag & 7;

function expect(actual: number, wanted: number): void {
    if (actual !== wanted) {
        throw NOT_EXACT;
    }
}

// google.protobuf.Struct / Value / ListValue, as Struct.toJavaScript returns them (google-protobuf 3.21: map keys
// sorted, each value by its kind, a value without a kind throws).

function readStruct(r: Reader, end: number, depth: number): Record<string, unknown> | typeof UNKNOWN {
    if (depth > MAX_NESTING) {
        throw NOT_EXACT;
    }
    const keys: string[] = [];
    const values: unknown[] = [];
    let sorted = true;
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        if (field !== 1 || wire !== WIRE_BYTES) {
            throw NOT_EXACT;
        }
        const entryEnd = r.end(end);
        let key: string | undefined;
        let value: unknown;
        let hasValue = false;
        while (r.pos < entryEnd) {
            const entryTag = r.tag();
            const entryField = fieldOf(entryTag);
            const entryWire = wireOf(entryTag);
            expect(entryWire, WIRE_BYTES);
            if (entryField === 1 && key === undefined) {
                key = r.string(entryEnd);
            } else if (entryField === 2 && !hasValue) {
                value = readValue(r, r.end(entryEnd), depth + 1);
                hasValue = true;
            } else {
                throw NOT_EXACT;
            }
        }
        if (r.pos !== entryEnd || key === undefined || !hasValue || key === "__proto__") {
            throw NOT_EXACT;
        }
        if (key === SPECIAL_SIGNATURE_KEY) {
            r.special = true;
        }
        if (sorted && keys.length > 0 && !(keys[keys.length - 1]! < key)) {
            sorted = false;
        }
        keys.push(key);
        values.push(value);
    }
    if (r.pos !== end) {
        throw NOT_EXACT;
    }
    // Strictly increasing keys are already in google-protobuf's order (and distinct); others are sorted here.
    const order = sorted ? undefined : keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
        const at = order ? order[i]! : i;
        if (order && i > 0 && keys[at] === keys[order[i - 1]!]) {
            throw NOT_EXACT;
        }
        out[keys[at]!] = values[at];
    }
    return r.plain && depth >= MAX_DEPTH ? UNKNOWN : out;
}

function readValue(r: Reader, end: number, depth: number): unknown {
    let kinds = 0;
    let value: unknown;
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        kinds++;
        switch (field) {
            case 1:
                expect(wire, WIRE_VARINT);
                r.varint();
                value = null;
                break;
            case 2:
                expect(wire, WIRE_FIXED64);
                value = r.double(end);
                break;
            case 3: {
                expect(wire, WIRE_BYTES);
                const text = r.string(end);
                value = r.plain && isUnknownSentinel(text) ? UNKNOWN : text;
                break;
            }
            case 4: {
                expect(wire, WIRE_VARINT);
                const flag = r.varint();
                if (flag !== 0 && flag !== 1) {
                    throw NOT_EXACT;
                }
                value = flag === 1;
                break;
            }
            case 5:
                expect(wire, WIRE_BYTES);
                value = readStruct(r, r.end(end), depth);
                break;
            case 6:
                expect(wire, WIRE_BYTES);
                value = readList(r, r.end(end), depth);
                break;
            default:
                throw NOT_EXACT;
        }
    }
    if (kinds !== 1 || r.pos !== end) {
        throw NOT_EXACT;
    }
    return value;
}

function readList(r: Reader, end: number, depth: number): unknown[] | typeof UNKNOWN {
    if (depth > MAX_NESTING) {
        throw NOT_EXACT;
    }
    const out: unknown[] = [];
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        if (field !== 1 || wire !== WIRE_BYTES) {
            throw NOT_EXACT;
        }
        out.push(readValue(r, r.end(end), depth + 1));
    }
    if (r.pos !== end) {
        throw NOT_EXACT;
    }
    return r.plain && depth >= MAX_DEPTH ? UNKNOWN : out;
}

/** Struct.toJavaScript of a struct. */
function readRawStruct(r: Reader, end: number): Record<string, unknown> {
    r.plain = false;
    return readStruct(r, end, 0) as Record<string, unknown>;
}

/**
 * The properties of one resource as the SDK's stack handler deserializes them, copied as `snapshot` does: read in
 * that form at once, unless they hold a special value (secrets, assets, archives), which the SDK's own deserializer
 * makes from Struct.toJavaScript's form (and throws where the SDK would: not exact).
 */
function readProperties(r: Reader, end: number): PlainObject {
    const start = r.pos;
    r.special = false;
    r.plain = true;
    const plain = readStruct(r, end, 0) as PlainObject;
    if (!r.special) {
        return plain;
    }
    r.pos = start;
    const raw = readRawStruct(r, end);
    try {
        return snapshot(deserializeSdkProperties(raw));
    } catch {
        throw NOT_EXACT;
    }
}

/** A provider's properties: the SDK deserializes them (and throws where it would: not exact); nothing reads them. */
function checkProviderProperties(r: Reader, end: number): void {
    r.special = false;
    const raw = readRawStruct(r, end);
    if (r.special) {
        try {
            deserializeSdkProperties(raw);
        } catch {
            throw NOT_EXACT;
        }
    }
}

// pulumirpc messages (@pulumi/pulumi proto/analyzer.proto). Fields the SDK decodes but the stack snapshot does not
// read are checked for their wire types (google-protobuf asserts them) and skipped; unknown fields are skipped, as
// google-protobuf does.

interface Schema {
    readonly [field: number]: number | Schema;
}
const CUSTOM_TIMEOUTS: Schema = { 1: WIRE_FIXED64, 2: WIRE_FIXED64, 3: WIRE_FIXED64, 4: WIRE_FIXED64 };
const OPTIONS: Schema = { 1: WIRE_VARINT, 2: WIRE_BYTES, 3: WIRE_VARINT, 4: WIRE_VARINT, 5: WIRE_BYTES, 6: WIRE_BYTES, 7: CUSTOM_TIMEOUTS, 8: WIRE_BYTES };

function checkMessage(r: Reader, end: number, schema: Schema): void {
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        const expected = schema[field];
        if (expected === undefined) {
            r.skip(wire, end);
        } else if (typeof expected === "number") {
            expect(wire, expected);
            r.skip(wire, end);
        } else {
            expect(wire, WIRE_BYTES);
            checkMessage(r, r.end(end), expected);
        }
    }
    if (r.pos !== end) {
        throw NOT_EXACT;
    }
}

/** AnalyzerProviderResource: read as the SDK does (getProviderResource deserializes its properties), then dropped. */
function checkProvider(r: Reader, end: number): void {
    const seen = new Set<number>();
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        if (field >= 1 && field <= 4) {
            if (seen.has(field)) {
                throw NOT_EXACT;
            }
            seen.add(field);
            expect(wire, WIRE_BYTES);
            if (field === 2) {
                checkProviderProperties(r, r.end(end));
            } else {
                r.string(end);
            }
        } else {
            r.skip(wire, end);
        }
    }
    if (!seen.has(2) || r.pos !== end) {
        throw NOT_EXACT;
    }
}

function readPropertyDependency(r: Reader, end: number): [string, string[]] {
    let key: string | undefined;
    let urns: string[] | undefined;
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        expect(wire, WIRE_BYTES);
        if (field === 1 && key === undefined) {
            key = r.string(end);
        } else if (field === 2 && urns === undefined) {
            const valueEnd = r.end(end);
            urns = [];
            while (r.pos < valueEnd) {
                const urnTag = r.tag();
                const urnField = fieldOf(urnTag);
                const urnWire = wireOf(urnTag);
                if (urnField !== 1 || urnWire !== WIRE_BYTES) {
                    throw NOT_EXACT;
                }
                urns.push(r.string(valueEnd));
            }
            if (r.pos !== valueEnd) {
                throw NOT_EXACT;
            }
        } else {
            throw NOT_EXACT;
        }
    }
    if (r.pos !== end || key === undefined || urns === undefined || key === "__proto__") {
        throw NOT_EXACT;
    }
    return [key, urns];
}

function readResource(r: Reader, end: number): RequestResource {
    const seen = new Set<number>();
    const resource: RequestResource = { type: "", name: "", urn: "", props: {}, parent: "", dependencies: [], propertyDependencies: [] };
    while (r.pos < end) {
        const tag = r.tag();
        const field = fieldOf(tag);
        const wire = wireOf(tag);
        if (field >= 1 && field <= 7) {
            if (seen.has(field)) {
                throw NOT_EXACT;
            }
            seen.add(field);
        }
        switch (field) {
            case 1:
                expect(wire, WIRE_BYTES);
                resource.type = r.string(end);
                break;
            case 2:
                expect(wire, WIRE_BYTES);
                resource.props = readProperties(r, r.end(end));
                break;
            case 3:
                expect(wire, WIRE_BYTES);
                resource.urn = r.string(end);
                break;
            case 4:
                expect(wire, WIRE_BYTES);
                resource.name = r.string(end);
                break;
            case 5:
                expect(wire, WIRE_BYTES);
                checkMessage(r, r.end(end), OPTIONS);
                break;
            case 6:
                expect(wire, WIRE_BYTES);
                checkProvider(r, r.end(end));
                break;
            case 7:
                expect(wire, WIRE_BYTES);
                resource.parent = r.string(end);
                break;
            case 8:
                expect(wire, WIRE_BYTES);
                resource.dependencies.push(r.string(end));
                break;
            case 9:
                expect(wire, WIRE_BYTES);
                resource.propertyDependencies.push(readPropertyDependency(r, r.end(end)));
                break;
            default:
                r.skip(wire, end);
        }
    }
    // The SDK throws on a resource without properties or options (an older CLI); it reads those the usual way.
    if (!seen.has(2) || !seen.has(5) || r.pos !== end) {
        throw NOT_EXACT;
    }
    const names = resource.propertyDependencies.map(([name]) => name);
    if (new Set(names).size !== names.length) {
        throw NOT_EXACT;
    }
    resource.propertyDependencies.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return resource;
}

/** A request read exactly: its resources, and the bytes of its other top-level fields (kept for the SDK). */
export interface StackRequest {
    resources: RequestResource[];
    otherFields: Buffer[];
}

/** Reads an AnalyzeStackRequest, or returns undefined when it is not one read exactly as the SDK reads it. */
export function readStackRequest(bytes: Buffer): StackRequest | undefined {
    const r = new Reader(bytes);
    const resources: RequestResource[] = [];
    const otherFields: Buffer[] = [];
    try {
        while (r.pos < bytes.length) {
            const start = r.pos;
            const tag = r.tag();
            const field = fieldOf(tag);
            const wire = wireOf(tag);
            if (field === 1) {
                expect(wire, WIRE_BYTES);
                resources.push(readResource(r, r.end(bytes.length)));
            } else {
                r.skip(wire, bytes.length);
                otherFields.push(bytes.subarray(start, r.pos));
            }
        }
    } catch (error) {
        if (error instanceof NotExact) {
            return undefined;
        }
        throw error;
    }
    return { resources, otherFields };
}

// ---------------------------------------------------------------------------------------------------------------
// The placeholder the SDK sees, and the way back to the resources
// ---------------------------------------------------------------------------------------------------------------

/** The property of the placeholder resource that names its request (a name no provider uses: it starts with NUL). */
export const PLACEHOLDER_PROPERTY = "\u0000aws-key-material-guard:stack-request";
const PLACEHOLDER_TYPE = "aws-key-material-guard:internal:StackRequest";

function varintBytes(value: number): number[] {
    const out: number[] = [];
    while (value >= 0x80) {
        out.push((value % 0x80) | 0x80);
        value = Math.floor(value / 0x80);
    }
    out.push(value);
    return out;
}

function lengthDelimited(field: number, content: Buffer): Buffer {
    return Buffer.concat([Buffer.from([...varintBytes(field * 8 + WIRE_BYTES), ...varintBytes(content.length)]), content]);
}

const text = (field: number, value: string) => lengthDelimited(field, Buffer.from(value, "utf8"));

/** An AnalyzeStackRequest with the other top-level fields of `request` and one placeholder resource naming `id`. */
export function placeholderRequest(request: StackRequest, id: string): Buffer {
    const value = lengthDelimited(2, text(3, id)); // Value { string_value }
    const entry = lengthDelimited(1, Buffer.concat([text(1, PLACEHOLDER_PROPERTY), value])); // Struct.fields entry
    const resource = Buffer.concat([
        text(1, PLACEHOLDER_TYPE),
        lengthDelimited(2, entry),
        text(3, `urn:pulumi:stack::aws-key-material-guard::${PLACEHOLDER_TYPE}::${id}`),
        text(4, id),
        lengthDelimited(5, Buffer.alloc(0)), // options: the SDK requires them
    ]);
    return Buffer.concat([...request.otherFields, lengthDelimited(1, resource)]);
}

/** The requests read, by id, while the SDK handles them: each lives as long as the request the SDK holds. */
const pending = new Map<string, WeakRef<RequestResource[]>>();
const finalizer = new FinalizationRegistry<string>((id) => {
    if (pending.get(id)?.deref() === undefined) {
        pending.delete(id);
    }
});
let nextId = 0;

/** What the SDK's AnalyzeStack decoder is given (sdk-internals.ts rewriteAnalyzeStackRequests). */
export const rewriteStackRequest: StackRequestRewrite = (bytes) => {
    const request = readStackRequest(bytes);
    if (!request) {
        return undefined;
    }
    const id = `${process.pid}-${nextId++}`;
    pending.set(id, new WeakRef(request.resources));
    finalizer.register(request.resources, id);
    return { bytes: placeholderRequest(request, id), keepAlive: request.resources };
};

/**
 * The resources of the request a placeholder names, or undefined when the SDK's resources are not a placeholder
 * (a request that did not pass through the decoder). Throws when a placeholder names a request no longer held,
 * rather than judge an empty stack.
 */
export function takeStackRequest(sdkResources: readonly { props: unknown }[]): readonly RequestResource[] | undefined {
    if (sdkResources.length !== 1) {
        return undefined;
    }
    // The SDK's proxy does not trap getOwnPropertyDescriptor (pinned with values.ts snapshot).
    const props = sdkResources[0]!.props;
    const descriptor = typeof props === "object" && props !== null ? Object.getOwnPropertyDescriptor(props, PLACEHOLDER_PROPERTY) : undefined;
    const id: unknown = descriptor && "value" in descriptor ? descriptor.value : undefined;
    if (typeof id !== "string") {
        return undefined;
    }
    const resources = pending.get(id)?.deref();
    if (!resources) {
        throw new Error("the AnalyzeStack request read for the stack policies is no longer held");
    }
    return resources;
}
