// A captured deployment (an update under mocks, with realistic IDs) written the way `pulumi stack export` writes
// a stack's state: apitype.UntypedDeployment, version 3, 4-space indentation, resources in registration order,
// secrets encrypted. This is what stacks/exports/*.json hold (npm run exports), so the scanner has real-shaped
// inputs of both bundled stacks.
//
// Secrets: a real export carries the secrets provider's ciphertext. No secrets provider runs here, so each secret
// gets an opaque stand-in (`v1:<nonce>:<ciphertext>`, the passphrase provider's shape) derived from its
// location only, never from its value: the files reveal nothing, and regenerating them is deterministic.

import { createHash, createHmac } from "node:crypto";
import type { Capture } from "./capture";
import type { ResourceState } from "../../scanner/engine/model";
import { isObject, isSecret, OUTPUT_VALUE_SIG, SECRET_SIG, SIG_KEY, type JsonObject, type JsonValue } from "../../scanner/engine/values";

/** The CLI version the exports claim to come from (the one this repository pins for the SDK). */
const CLI_VERSION = "v3.248.0";
/** Fixed, so the files only change when the stacks do. */
const EXPORT_TIME = "2026-01-01T00:00:00.000000000Z";
const STAND_IN_KEY = "aws-key-material-guard stand-in ciphertext (not a secret)";

function standInCiphertext(location: string, plaintext: string): string {
    const nonce = createHmac("sha256", STAND_IN_KEY).update(`nonce:${location}`).digest().subarray(0, 12);
    // As long as an AES-GCM ciphertext of the plaintext would be (length + 16-byte tag), but random-looking.
    let bytes = Buffer.alloc(0);
    for (let i = 0; bytes.length < Buffer.byteLength(plaintext) + 16; i++) {
        bytes = Buffer.concat([bytes, createHmac("sha256", STAND_IN_KEY).update(`ct:${location}#${i}`).digest()]);
    }
    return `v1:${nonce.toString("base64")}:${bytes.subarray(0, Buffer.byteLength(plaintext) + 16).toString("base64")}`;
}

/** The SDK's plain value of a secret's content (nested secrets are serialized once, at the outer level). */
function plainOf(value: JsonValue): JsonValue {
    if (isSecret(value)) {
        return plainOf(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plainOf);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainOf(v)]));
    }
    return value;
}

/** pkg/resource/stack/deployment.go SerializePropertyValue, with `showSecrets` as `--show-secrets`. */
function serializeValue(value: JsonValue, location: string, showSecrets: boolean): JsonValue {
    if (isSecret(value)) {
        const plaintext = JSON.stringify(plainOf(value.value));
        return showSecrets
            ? { [SIG_KEY]: SECRET_SIG, plaintext }
            : { [SIG_KEY]: SECRET_SIG, ciphertext: standInCiphertext(location, plaintext) };
    }
    if (Array.isArray(value)) {
        return value.map((element, i) => serializeValue(element, `${location}[${i}]`, showSecrets));
    }
    if (isObject(value)) {
        if (value[SIG_KEY] === OUTPUT_VALUE_SIG) {
            // State never holds output values: their value is stored.
            return "value" in value ? serializeValue(value.value!, location, showSecrets) : null;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serializeValue(v, `${location}.${k}`, showSecrets)]));
    }
    return value;
}

function serializeProperties(properties: JsonObject, location: string, showSecrets: boolean): JsonObject {
    return serializeValue(properties, location, showSecrets) as JsonObject;
}

/** ResourceV3 with its fields in the CLI's order (urn, custom, id, type, inputs, outputs, parent, ...). */
function serializeResource(resource: ResourceState, showSecrets: boolean): JsonObject {
    const out: JsonObject = { urn: resource.urn, custom: resource.custom };
    if (resource.id) {
        out.id = resource.id;
    }
    out.type = resource.type;
    if (Object.keys(resource.inputs).length > 0) {
        out.inputs = serializeProperties(resource.inputs, `${resource.urn}#inputs`, showSecrets);
    }
    if (Object.keys(resource.outputs).length > 0) {
        out.outputs = serializeProperties(resource.outputs, `${resource.urn}#outputs`, showSecrets);
    }
    if (resource.parent) {
        out.parent = resource.parent;
    }
    if (resource.options.protect) {
        out.protect = true;
    }
    if (resource.dependencies.length > 0) {
        out.dependencies = resource.dependencies;
    }
    if (resource.provider) {
        out.provider = resource.provider;
    }
    const propertyDependencies = Object.fromEntries(Object.entries(resource.propertyDependencies).filter(([, urns]) => urns.length > 0));
    if (Object.keys(propertyDependencies).length > 0) {
        out.propertyDependencies = propertyDependencies;
    }
    if (resource.options.additionalSecretOutputs.length > 0) {
        out.additionalSecretOutputs = resource.options.additionalSecretOutputs;
    }
    if (resource.options.aliases.length > 0) {
        out.aliases = resource.options.aliases;
    }
    if (resource.sourcePosition) {
        out.sourcePosition = resource.sourcePosition;
    }
    if (resource.options.ignoreChanges.length > 0) {
        out.ignoreChanges = resource.options.ignoreChanges;
    }
    return out;
}

export interface StackExportOptions {
    /** As `pulumi stack export --show-secrets`: secrets as plaintext JSON instead of ciphertext. */
    showSecrets?: boolean;
}

/** The `pulumi stack export` document of a captured update. */
export function toStackExport(capture: Capture, options: StackExportOptions = {}): JsonObject {
    if (capture.preview) {
        throw new Error("a stack export holds the state after an update: capture with preview: false");
    }
    const showSecrets = options.showSecrets ?? false;
    return {
        version: 3,
        deployment: {
            manifest: {
                time: EXPORT_TIME,
                magic: createHash("sha256").update(CLI_VERSION).digest("hex"),
                version: CLI_VERSION,
            },
            secrets_providers: {
                type: "passphrase",
                state: { salt: `v1:${createHmac("sha256", STAND_IN_KEY).update(`salt:${capture.project}/${capture.stack}`).digest("base64").slice(0, 12)}` },
            },
            resources: capture.resources.map((resource) => serializeResource(resource, showSecrets)),
        },
    };
}

/** The file text, as the CLI writes it (4-space indentation, no HTML escaping, trailing newline). */
export function stackExportText(capture: Capture, options: StackExportOptions = {}): string {
    return `${JSON.stringify(toStackExport(capture, options), null, 4)}\n`;
}
