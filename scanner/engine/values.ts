// Property values on the wire, and the engine's marshaling of them for the Analyzer protocol.
//
// Two encodings meet here:
// - what a Pulumi program's SDK sends to the resource monitor (`SdkValue`): secrets, resource references and
//   output values as signature objects, unknowns as the sentinel string;
// - what the engine sends to a policy pack (`WireValue`): pulumi/pulumi pkg/resource/plugin/rpc.go
//   MarshalPropertyValue with KeepUnknowns + KeepSecrets, and KeepResources, KeepOutputValues false.
// `encodeForAnalyzer` turns the first into the second, the way the engine does.

/** JSON, as carried in a google.protobuf.Struct. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
    [key: string]: JsonValue;
}

/** The signature key of special values (pulumi sdk/go/common/resource/sig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** The one unknown sentinel the engine sends (it builds every unknown as Computed{""}). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every unknown sentinel a value may carry; the engine collapses them all to `UNKNOWN_SENTINEL` on the wire. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    UNKNOWN_SENTINEL,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export function isObject(value: unknown): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

function signatureOf(value: unknown): string | undefined {
    if (!isObject(value)) {
        return undefined;
    }
    const sig = value[SIG_KEY];
    return typeof sig === "string" ? sig : undefined;
}

export function isSecret(value: unknown): value is JsonObject & { value: JsonValue } {
    return signatureOf(value) === SECRET_SIG;
}

// ---- Builders for SDK-side values (what a program sends), handy in tests and mocks --------------------

export function secret(value: JsonValue): JsonObject {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** A reference to a resource as the Node SDK serializes it when the monitor accepts resource references. */
export function resourceReference(ref: { urn: string; id?: string; packageVersion?: string }): JsonObject {
    const out: JsonObject = { [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: ref.urn };
    if (ref.id !== undefined) {
        out.id = ref.id;
    }
    if (ref.packageVersion !== undefined) {
        out.packageVersion = ref.packageVersion;
    }
    return out;
}

/** An output value (the SDK sends these only to monitors that support `outputValues`). */
export function outputValue(output: { value?: JsonValue; secret?: boolean; dependencies?: string[] }): JsonObject {
    const out: JsonObject = { [SIG_KEY]: OUTPUT_VALUE_SIG };
    if (output.value !== undefined) {
        out.value = output.value;
    }
    if (output.secret) {
        out.secret = true;
    }
    if (output.dependencies?.length) {
        out.dependencies = output.dependencies;
    }
    return out;
}

// ---- The engine's marshaling ------------------------------------------------------------------------

export interface EncodeOptions {
    /**
     * Drop top-level keys starting with `__` (the engine's SkipInternalKeys). True for Analyze, AnalyzeStack and
     * provider properties; false for Remediate.
     */
    skipInternalKeys: boolean;
}

function hasAssetContent(value: JsonObject, keys: readonly string[]): boolean {
    return keys.some((key) => value[key] !== undefined && value[key] !== null);
}

function encodeValue(value: unknown, depth: number): JsonValue | undefined {
    if (depth > 64) {
        throw new Error("property value nested too deeply");
    }
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "boolean" || typeof value === "string") {
        return isUnknown(value) ? UNKNOWN_SENTINEL : (value as JsonValue);
    }
    if (typeof value === "number") {
        if (!Number.isFinite(value)) {
            throw new Error("non-finite numbers cannot be sent in a protobuf Struct");
        }
        return value;
    }
    if (Array.isArray(value)) {
        // undefined elements become null, as the Struct encoding of a sparse array would.
        return value.map((element) => encodeValue(element, depth + 1) ?? null);
    }
    if (!isObject(value)) {
        throw new Error(`cannot encode a ${typeof value} as a property value`);
    }
    switch (signatureOf(value)) {
        case SECRET_SIG: {
            const inner = encodeValue(value.value, depth + 1);
            // A secret around another secret is one secret.
            return isSecret(inner) ? inner : { [SIG_KEY]: SECRET_SIG, value: inner ?? null };
        }
        case RESOURCE_REFERENCE_SIG: {
            // KeepResources=false: the referenced resource's ID (unknown while it is not created yet), else its URN.
            if ("id" in value) {
                const id = value.id;
                return typeof id === "string" && id !== "" && !isUnknown(id) ? id : UNKNOWN_SENTINEL;
            }
            return typeof value.urn === "string" ? value.urn : UNKNOWN_SENTINEL;
        }
        case OUTPUT_VALUE_SIG: {
            // KeepOutputValues=false: known -> the value, unknown -> the sentinel, secret -> a secret.
            const element = "value" in value ? (encodeValue(value.value, depth + 1) ?? null) : UNKNOWN_SENTINEL;
            return value.secret === true && !isSecret(element) ? { [SIG_KEY]: SECRET_SIG, value: element } : element;
        }
        case ASSET_SIG:
            // The SDK rejects hash-only assets ("Invalid asset"); their content is not known here.
            return hasAssetContent(value, ["text", "path", "uri"]) ? encodeObject(value, depth) : UNKNOWN_SENTINEL;
        case ARCHIVE_SIG:
            return hasAssetContent(value, ["assets", "path", "uri"]) ? encodeObject(value, depth) : UNKNOWN_SENTINEL;
        default:
            return encodeObject(value, depth);
    }
}

function encodeObject(value: JsonObject, depth: number): JsonObject {
    const out: JsonObject = {};
    for (const [key, element] of Object.entries(value)) {
        const encoded = encodeValue(element, depth + 1);
        if (encoded !== undefined) {
            out[key] = encoded;
        }
    }
    return out;
}

/** Encodes a property map for an Analyzer request, the way the engine marshals it. */
export function encodeForAnalyzer(properties: Readonly<Record<string, unknown>>, options: EncodeOptions): JsonObject {
    const out: JsonObject = {};
    for (const [key, element] of Object.entries(properties)) {
        if (options.skipInternalKeys && key.startsWith("__")) {
            continue;
        }
        const encoded = encodeValue(element, 1);
        if (encoded !== undefined) {
            out[key] = encoded;
        }
    }
    return out;
}

// ---- Reading values ---------------------------------------------------------------------------------

/** The value without secret wrappers (what a policy sees in Analyze). */
export function unwrapSecrets(value: JsonValue): JsonValue {
    if (isSecret(value)) {
        return unwrapSecrets(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: JsonValue): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (isObject(value)) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/** The name part of a URN (`urn:pulumi:stack::project::type::name`). */
export function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.slice(3).join("::");
}

/** The qualified type part of a URN (`parentType$type`). */
export function urnQualifiedType(urn: string): string {
    return urn.split("::")[2] ?? "";
}
