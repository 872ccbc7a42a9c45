// Reading what a security team has at hand, and turning it into the deployment the engine emulator analyzes.
//
// Three offline formats are recognized (see README "Scanning existing stacks"):
// - `pulumi stack export [--show-secrets]`: `{version: 3|4, features?, deployment: {manifest, secrets_providers,
//   resources: [ResourceV3]}}` (pulumi sdk/go/common/apitype/core.go UntypedDeployment/DeploymentV3);
// - a DIY backend checkpoint (`.pulumi/stacks/<project>/<stack>.json`): `{version, checkpoint: {stack, config,
//   latest: DeploymentV3}}`;
// - a `pulumi preview --json` digest: `{steps: [{op, urn, newState?: ResourceV3, oldState?}], ...}`.
//
// Values are mapped the way `pulumi policy analyze --stack <stack>` maps a stack's state (it has no flag to read a
// file; pkg/resource/deploy/analyze_snapshot.go):
// resources marked `delete: true` are skipped, Analyze gets the inputs, AnalyzeStack the outputs, a provider's
// properties are its inputs, resource references collapse to their ID (or URN). Secrets the scanner cannot
// decrypt (ciphertext, or "[secret]" in a preview digest) are analyzed as the string "[secret]", still marked
// secret; `--show-secrets` plaintext is decoded. Unknown sentinels stay unknown: the policies report what they
// cannot decide as advisory findings.

import { isAscii } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { defaultOptions, ROOT_STACK_TYPE, type Deployment, type ResourceState } from "./engine/model";
import {
    ARCHIVE_SIG,
    ASSET_SIG,
    isObject,
    OUTPUT_VALUE_SIG,
    RESOURCE_REFERENCE_SIG,
    SECRET_SIG,
    secret,
    SIG_KEY,
    UNKNOWN_SENTINEL,
    urnName,
    type JsonObject,
    type JsonValue,
} from "./engine/values";

/** The placeholder the Pulumi CLI analyzes instead of a secret it cannot decrypt. */
export const REDACTED = "[secret]";

/** A non-finite number (NaN, ±Inf) in a v4 deployment, and a non-UTF-8 string (feature `byteString`). */
const NON_FINITE_SIG = "8ad145fe-0d11-4827-bfd7-1abcbf086f5c";
const BYTE_STRING_SIG = "803fd3297a5875dc03ca845dda5d2a98";

/** Deployment schema versions this scanner reads (pulumi DeploymentSchemaVersionCurrent = 3, Latest = 4). */
export const SUPPORTED_VERSIONS: readonly number[] = [3, 4];

/** v4 features the Pulumi CLI knows (pkg/resource/stack/deployment.go supportedFeatures). */
const KNOWN_FEATURES = new Set([
    "refreshBeforeUpdate",
    "views",
    "hooks",
    "taint",
    "replaceWith",
    "snippets-prototype",
    "extensionParameterization",
    "byteString",
]);

/** Preview steps whose resource is going away: nothing of it is analyzed. */
const DELETING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

export type InputFormat = "stack-export" | "checkpoint" | "preview-digest";

export const FORMAT_NAMES: Record<InputFormat, string> = {
    "stack-export": "stack export",
    checkpoint: "DIY backend checkpoint",
    "preview-digest": "preview --json digest",
};

/** A problem with an input: reported on one line, exit status 2. */
export class InputError extends Error {}

export interface LoadedInput {
    file: string;
    format: InputFormat;
    /** The deployment schema version (exports and checkpoints). */
    version?: number;
    deployment: Deployment;
    /** Resources left out (deleted, or replaced halves of a preview). */
    skipped: number;
    /** Plaintext of every decoded secret (every string inside one). */
    secretValues: string[];
    /** The same, per resource URN: what a message about that resource may have quoted from a secret (redact.ts). */
    secretsByUrn: Map<string, string[]>;
    /** Where the program registered each resource (`sourcePosition` of the state), by URN. */
    sourcePositions: Map<string, string>;
    warnings: string[];
    /**
     * The file's text, for locating resources in reports (SARIF), unless the caller left it out (`keepText: false`):
     * a 100,000-resource export is 240 MB of text.
     */
    text?: string;
}

interface Counts {
    encryptedSecrets: number;
    redactedSecrets: number;
    nonFinite: number;
    byteStrings: number;
}

interface Context {
    file: string;
    where: string;
    /** Shared by every copy of a context (copies only change `where` or `digest`). */
    counts: Counts;
    secretValues: Set<string>;
    /** The secrets of the resource being converted. */
    resourceSecrets?: Set<string>;
    /** Collected per resource URN. */
    secretsOf?: Map<string, string[]>;
    /** True for a preview digest, whose secrets are the plain string "[secret]". */
    digest: boolean;
    /**
     * Inside a decoded secret: the path of the secret. Errors name it and never a key or value inside it, since
     * those are part of the secret.
     */
    secretPath?: string;
}

/** A property path short enough for a one-line error (keys can be long, and nesting deep). */
function shortPath(path: string): string {
    const segments = path.split(".");
    const head = segments.length > 6 ? `${segments.slice(0, 4).join(".")}.(${segments.length - 5} more).${segments[segments.length - 1]}` : path;
    return head.length > 160 ? `${head.slice(0, 157)}...` : head;
}

/** What an error names: the property, or the secret it is inside (never a path within a secret). */
function subject(context: Context, path: string): string {
    return context.secretPath !== undefined ? `the secret at ${shortPath(context.secretPath)}` : `property ${shortPath(path)}`;
}

function fail(context: Pick<Context, "file">, message: string): never {
    throw new InputError(`${context.file}: ${message}`);
}

function describe(value: unknown): string {
    return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Every string inside a decoded secret (what must never reach an output), including the strings inside a JSON
 * document held as text (a secret policy document's Sids and CIDRs).
 */
function collectStrings(value: JsonValue, into: Set<string>, depth = 0): void {
    if (depth > 64) {
        return;
    }
    if (typeof value === "string") {
        into.add(value);
        if (/^\s*[[{]/.test(value)) {
            try {
                collectStrings(JSON.parse(value) as JsonValue, into, depth + 1);
            } catch {
                // Not JSON: the string itself is collected.
            }
        }
    } else if (Array.isArray(value)) {
        value.forEach((element) => collectStrings(element, into, depth + 1));
    } else if (isObject(value)) {
        Object.values(value).forEach((element) => collectStrings(element, into, depth + 1));
    }
}

function collectSecret(value: JsonValue, context: Context): void {
    collectStrings(value, context.secretValues);
    if (context.resourceSecrets) {
        collectStrings(value, context.resourceSecrets);
    }
}

/**
 * A state value (stack export / checkpoint / digest encoding) in the SDK encoding the engine emulator takes
 * (values.ts): secrets as `{sig, value}`, resource references, assets and archives as they are (the emulator
 * collapses references and drops content-less assets as the engine does), unknowns as sentinels.
 */
function convertValue(value: unknown, context: Context, path: string, depth: number): JsonValue {
    if (depth > 64) {
        fail(context, `${context.where}: ${subject(context, path)} is nested more than 64 levels deep`);
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
        // JSON.parse reads 1e999 as Infinity, which no protobuf Struct can carry: refuse it before the pack starts.
        fail(context, `${context.where}: ${subject(context, path)} holds a number too large to represent (like 1e999); a stack export encodes such values with the non-finite signature`);
    }
    if (value === null || typeof value === "boolean" || typeof value === "number") {
        return value;
    }
    if (typeof value === "string") {
        if (context.digest && value === REDACTED) {
            context.counts.redactedSecrets++;
            return secret(REDACTED);
        }
        return value;
    }
    // Inside a secret the path stays the secret's: no key of it may reach a message.
    const inner = context.secretPath !== undefined;
    // Lists and objects are copied only when something inside them changes (a secret, a reference, ...): most of a
    // state is plain JSON, and a second copy of a 100,000-resource export is hundreds of megabytes.
    if (Array.isArray(value)) {
        let out: JsonValue[] | undefined;
        for (let index = 0; index < value.length; index++) {
            const element: unknown = value[index];
            const converted = convertValue(element, context, inner ? path : `${path}[${index}]`, depth + 1);
            if (out) {
                out.push(converted);
            } else if (converted !== element) {
                out = (value as JsonValue[]).slice(0, index);
                out.push(converted);
            }
        }
        return out ?? (value as JsonValue[]);
    }
    if (!isObject(value)) {
        fail(context, `${context.where}: ${subject(context, path)} is ${describe(value)}, not a JSON value`);
    }
    if (!(SIG_KEY in value)) {
        let out: JsonObject | undefined;
        const keys = Object.keys(value);
        for (let index = 0; index < keys.length; index++) {
            const key = keys[index]!;
            const element = value[key];
            const converted = convertValue(element, context, inner ? path : path ? `${path}.${key}` : key, depth + 1);
            if (out) {
                out[key] = converted;
            } else if (converted !== element) {
                out = {};
                for (const earlier of keys.slice(0, index)) {
                    out[earlier] = value[earlier]!;
                }
                out[key] = converted;
            }
        }
        return out ?? value;
    }
    const sig = value[SIG_KEY];
    switch (sig) {
        case SECRET_SIG: {
            if (typeof value.plaintext === "string") {
                let decoded: unknown;
                try {
                    decoded = JSON.parse(value.plaintext);
                } catch {
                    // Never echo the plaintext, even a broken one.
                    fail(context, `${context.where}: the plaintext of the secret at ${shortPath(context.secretPath ?? path)} is not valid JSON`);
                }
                const plain = convertValue(decoded, { ...context, digest: false, secretPath: context.secretPath ?? path }, path, depth + 1);
                collectSecret(plain, context);
                return secret(plain);
            }
            if ("ciphertext" in value) {
                context.counts.encryptedSecrets++;
                return secret(REDACTED);
            }
            if ("value" in value) {
                // The wire/SDK form, as some tools write it.
                const plain = convertValue(value.value, { ...context, secretPath: context.secretPath ?? path }, path, depth + 1);
                collectSecret(plain, context);
                return secret(plain);
            }
            return fail(context, `${context.where}: the secret at ${shortPath(context.secretPath ?? path)} has neither ciphertext nor plaintext`);
        }
        case RESOURCE_REFERENCE_SIG: {
            if (typeof value.urn !== "string") {
                fail(context, `${context.where}: ${subject(context, path)} is a resource reference with no urn`);
            }
            // Collapsed as the engine does (KeepResources=false): the ID when there is one, else the URN.
            if ("id" in value && value.id !== undefined) {
                return typeof value.id === "string" && value.id !== "" ? value.id : UNKNOWN_SENTINEL;
            }
            return value.urn;
        }
        case ASSET_SIG:
        case ARCHIVE_SIG:
            return value as JsonObject;
        case OUTPUT_VALUE_SIG: {
            const inner = "value" in value ? convertValue(value.value, context, path, depth + 1) : UNKNOWN_SENTINEL;
            return value.secret === true ? secret(inner) : inner;
        }
        case NON_FINITE_SIG:
            // A protobuf Struct cannot carry NaN or infinities; the policies see an undecidable value.
            context.counts.nonFinite++;
            return UNKNOWN_SENTINEL;
        case BYTE_STRING_SIG: {
            context.counts.byteStrings++;
            return typeof value.value === "string" ? Buffer.from(value.value, "base64").toString("utf8") : UNKNOWN_SENTINEL;
        }
        default:
            return fail(context, `${context.where}: ${subject(context, path)} carries an unrecognized value signature`);
    }
}

function convertProperties(value: unknown, context: Context, field: string): JsonObject {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isObject(value)) {
        fail(context, `${context.where}: \`${field}\` must be an object, not ${describe(value)}`);
    }
    const converted = convertValue(value, context, "", 1);
    return converted as JsonObject;
}

function stringList(value: unknown, context: Context, field: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value) || value.some((element) => typeof element !== "string")) {
        fail(context, `${context.where}: \`${field}\` must be a list of strings`);
    }
    return value as string[];
}

function isUrn(value: unknown): value is string {
    return typeof value === "string" && value.startsWith("urn:pulumi:") && value.split("::").length >= 4;
}

/** One ResourceV3 (stack export, checkpoint, digest state) as a ResourceState; undefined when it is skipped. */
function convertResource(raw: unknown, outerContext: Context): ResourceState | undefined {
    const context: Context = { ...outerContext, resourceSecrets: new Set() };
    if (!isObject(raw)) {
        fail(context, `${context.where} must be an object, not ${describe(raw)}`);
    }
    if (!isUrn(raw.urn)) {
        fail(context, `${context.where}: \`urn\` must be a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
    }
    if (typeof raw.type !== "string" || raw.type === "") {
        fail(context, `${context.where}: \`type\` must be a non-empty string`);
    }
    if (raw.delete === true) {
        return undefined;
    }
    const resourceContext = { ...context, where: `${context.where} (${raw.urn})` };
    const propertyDependencies: Record<string, string[]> = {};
    if (raw.propertyDependencies !== undefined && raw.propertyDependencies !== null) {
        if (!isObject(raw.propertyDependencies)) {
            fail(resourceContext, `${resourceContext.where}: \`propertyDependencies\` must be an object`);
        }
        for (const [key, urns] of Object.entries(raw.propertyDependencies)) {
            propertyDependencies[key] = stringList(urns, resourceContext, `propertyDependencies.${key}`);
        }
    }
    const options = defaultOptions();
    options.protect = raw.protect === true;
    options.ignoreChanges = stringList(raw.ignoreChanges, resourceContext, "ignoreChanges");
    options.additionalSecretOutputs = stringList(raw.additionalSecretOutputs, resourceContext, "additionalSecretOutputs");
    // v3 aliases are URNs; anything else (alias specs) is left out.
    options.aliases = Array.isArray(raw.aliases) ? raw.aliases.filter((alias): alias is string => typeof alias === "string") : [];
    if (isObject(raw.customTimeouts)) {
        for (const key of ["create", "update", "delete", "read"] as const) {
            const seconds = raw.customTimeouts[key];
            options.customTimeouts[key] = typeof seconds === "number" && Number.isFinite(seconds) ? seconds : 0;
        }
    }
    const str = (field: string): string => {
        const value = raw[field];
        if (value === undefined || value === null) {
            return "";
        }
        if (typeof value !== "string") {
            fail(resourceContext, `${resourceContext.where}: \`${field}\` must be a string`);
        }
        return value;
    };
    const state: ResourceState = {
        urn: raw.urn,
        type: raw.type,
        name: urnName(raw.urn),
        custom: raw.custom === true,
        id: str("id"),
        parent: str("parent"),
        provider: str("provider"),
        dependencies: stringList(raw.dependencies, resourceContext, "dependencies"),
        propertyDependencies,
        inputs: convertProperties(raw.inputs, resourceContext, "inputs"),
        outputs: convertProperties(raw.outputs, resourceContext, "outputs"),
        options,
    };
    // Only a position the engine could have written (a URI with a line) is kept; anything else is ignored.
    if (typeof raw.sourcePosition === "string" && /^[a-z][a-z0-9+.-]*:\/\/[^#]*#\d+(,\d+)?$/i.test(raw.sourcePosition)) {
        state.sourcePosition = raw.sourcePosition;
    }
    if (context.resourceSecrets!.size > 0 && outerContext.secretsOf) {
        // A URN seen twice (only the first state is analyzed): redacting the secrets of both is the safe side.
        const previous = outerContext.secretsOf.get(raw.urn) ?? [];
        outerContext.secretsOf.set(raw.urn, [...new Set([...previous, ...context.resourceSecrets!])]);
    }
    return state;
}

/** `urn:pulumi:<stack>::<project>::...` */
function stackAndProject(urn: string): { stack: string; project: string } {
    const [head = "", project = ""] = urn.split("::");
    return { stack: head.slice("urn:pulumi:".length), project };
}

function newContext(file: string, where: string, digest: boolean): Context {
    return { file, where, counts: { encryptedSecrets: 0, redactedSecrets: 0, nonFinite: 0, byteStrings: 0 }, secretValues: new Set(), digest };
}

/** Cross-references a scanner cannot satisfy: a provider that is not in the input (a digest without sames). */
function dropMissingProviders(resources: ResourceState[], warnings: string[]): void {
    const urns = new Set(resources.map((r) => r.urn));
    const missing = new Set<string>();
    for (const resource of resources) {
        if (!resource.provider) {
            continue;
        }
        const separator = resource.provider.lastIndexOf("::");
        const providerUrn = separator > 0 ? resource.provider.slice(0, separator) : resource.provider;
        if (!urns.has(providerUrn)) {
            missing.add(providerUrn);
            resource.provider = "";
        }
    }
    if (missing.size > 0) {
        warnings.push(
            `${missing.size} provider(s) referenced by resources are not in the input; those resources are analyzed without provider properties` +
                " (for a preview digest, run `pulumi preview --json --show-sames`)",
        );
    }
}

function buildDeployment(
    file: string,
    rawResources: readonly { raw: unknown; where: string }[],
    digest: boolean,
    fallbackStack: string | undefined,
): { deployment: Deployment; skipped: number; secretValues: string[]; secretsByUrn: Map<string, string[]>; sourcePositions: Map<string, string>; warnings: string[] } {
    const warnings: string[] = [];
    const context = newContext(file, "", digest);
    context.secretsOf = new Map();
    const resources: ResourceState[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    let duplicates = 0;
    for (const { raw, where } of rawResources) {
        context.where = where;
        const resource = convertResource(raw, context);
        if (!resource) {
            skipped++;
            continue;
        }
        if (seen.has(resource.urn)) {
            duplicates++;
            skipped++;
            continue;
        }
        seen.add(resource.urn);
        resources.push(resource);
    }
    if (resources.length === 0) {
        throw new InputError(
            `${file}: the deployment has no resources to scan${skipped ? ` (${skipped} marked for deletion)` : ""}; was the stack ever updated?`,
        );
    }
    if (duplicates > 0) {
        warnings.push(`${duplicates} resource(s) appear more than once; the first state of each was analyzed`);
    }
    dropMissingProviders(resources, warnings);
    if (context.counts.encryptedSecrets > 0) {
        warnings.push(
            `${context.counts.encryptedSecrets} secret value(s) are encrypted; they were analyzed as "${REDACTED}"` +
                " (`pulumi policy analyze --stack` decrypts them with the stack's secrets provider; export with `pulumi stack export --show-secrets` to analyze their values here)",
        );
    }
    if (context.counts.redactedSecrets > 0) {
        warnings.push(`${context.counts.redactedSecrets} secret value(s) are redacted to "${REDACTED}" in a preview digest; policies see the placeholder`);
    }
    if (context.counts.nonFinite > 0) {
        warnings.push(`${context.counts.nonFinite} non-finite number(s) (NaN, Infinity) were analyzed as unknown values`);
    }
    if (context.counts.byteStrings > 0) {
        warnings.push(`${context.counts.byteStrings} non-UTF-8 string(s) were decoded lossily`);
    }
    const root = resources.find((r) => r.type === ROOT_STACK_TYPE) ?? resources[0]!;
    const { stack, project } = stackAndProject(root.urn);
    return {
        deployment: {
            organization: "organization",
            project,
            stack: stack || fallbackStack || "dev",
            preview: digest,
            resources,
        },
        skipped,
        secretValues: [...context.secretValues],
        secretsByUrn: context.secretsOf,
        sourcePositions: new Map(resources.filter((r) => r.sourcePosition).map((r) => [r.urn, r.sourcePosition!])),
        warnings,
    };
}

function checkVersion(file: string, version: unknown, what: string): number {
    if (typeof version !== "number" || !Number.isInteger(version)) {
        throw new InputError(`${file}: ${what} has no numeric \`version\``);
    }
    if (!SUPPORTED_VERSIONS.includes(version)) {
        const hint = version > 4 ? "it is newer than this scanner" : "export it again with a current Pulumi CLI";
        throw new InputError(`${file}: deployment version ${version} is not supported (supported: ${SUPPORTED_VERSIONS.join(", ")}; ${hint})`);
    }
    return version;
}

function deploymentResources(file: string, deployment: unknown, where: string): { raw: unknown; where: string }[] {
    if (!isObject(deployment)) {
        throw new InputError(`${file}: \`${where}\` must be an object, not ${describe(deployment)}`);
    }
    const resources = deployment.resources;
    if (resources === undefined || resources === null) {
        return [];
    }
    if (!Array.isArray(resources)) {
        throw new InputError(`${file}: \`${where}.resources\` must be a list, not ${describe(resources)}`);
    }
    return resources.map((raw, index) => ({ raw, where: `${where}.resources[${index}]` }));
}

function loadStackExport(file: string, document: JsonObject, warnings: string[]) {
    const version = checkVersion(file, document.version, "the stack export");
    if (document.features !== undefined) {
        const features = Array.isArray(document.features) ? document.features : [];
        const unknown = features.filter((f) => typeof f !== "string" || !KNOWN_FEATURES.has(f));
        if (unknown.length > 0) {
            warnings.push(`the deployment uses feature(s) this scanner does not know: ${unknown.map(String).join(", ")}`);
        }
    }
    const pending = isObject(document.deployment) && Array.isArray(document.deployment.pending_operations) ? document.deployment.pending_operations.length : 0;
    if (pending > 0) {
        warnings.push(`${pending} pending operation(s) (an interrupted update) were not analyzed`);
    }
    return { version, ...buildDeployment(file, deploymentResources(file, document.deployment, "deployment"), false, undefined) };
}

function loadCheckpoint(file: string, document: JsonObject) {
    const version = checkVersion(file, document.version, "the checkpoint");
    const checkpoint = document.checkpoint;
    if (!isObject(checkpoint)) {
        throw new InputError(`${file}: \`checkpoint\` must be an object, not ${describe(checkpoint)}`);
    }
    if (checkpoint.latest === undefined || checkpoint.latest === null) {
        throw new InputError(`${file}: the checkpoint has no deployment (\`checkpoint.latest\`); was the stack ever updated?`);
    }
    const stackName = typeof checkpoint.stack === "string" ? checkpoint.stack.split("/").pop() : undefined;
    return { version, ...buildDeployment(file, deploymentResources(file, checkpoint.latest, "checkpoint.latest"), false, stackName) };
}

function loadPreviewDigest(file: string, document: JsonObject) {
    const steps = document.steps;
    if (!Array.isArray(steps)) {
        throw new InputError(`${file}: \`steps\` must be a list, not ${describe(steps)}`);
    }
    const states: { raw: unknown; where: string }[] = [];
    let deleted = 0;
    steps.forEach((step, index) => {
        if (!isObject(step)) {
            throw new InputError(`${file}: steps[${index}] must be an object, not ${describe(step)}`);
        }
        if (typeof step.op !== "string") {
            throw new InputError(`${file}: steps[${index}]: \`op\` must be a string`);
        }
        if (DELETING_OPS.has(step.op) || step.newState === undefined || step.newState === null) {
            deleted++;
            return;
        }
        if (isObject(step.newState)) {
            // Outputs in a digest are unreliable (often absent for creates): AnalyzeStack gets the inputs,
            // overlaid with whatever outputs the provider's preview returned.
            const state = { ...step.newState };
            if (isObject(state.inputs) && (isObject(state.outputs) || state.outputs === undefined || state.outputs === null)) {
                state.outputs = { ...state.inputs, ...(isObject(state.outputs) ? state.outputs : {}) };
            }
            states.push({ raw: state, where: `steps[${index}].newState` });
        } else {
            throw new InputError(`${file}: steps[${index}].newState must be an object, not ${describe(step.newState)}`);
        }
    });
    if (states.length === 0) {
        throw new InputError(`${file}: the preview digest has no resource states to scan${deleted ? ` (${deleted} step(s) delete resources)` : ""}`);
    }
    const built = buildDeployment(file, states, true, undefined);
    return { version: undefined, ...built, skipped: built.skipped + deleted };
}

/** Which of the three formats a parsed document is, or an error naming what was expected. */
export function detectFormat(file: string, document: unknown): InputFormat {
    if (!isObject(document)) {
        throw new InputError(
            `${file}: expected a JSON object (a \`pulumi stack export\`, a DIY checkpoint or a \`pulumi preview --json\` digest), not ${describe(document)}`,
        );
    }
    if ("deployment" in document) {
        return "stack-export";
    }
    if ("checkpoint" in document) {
        return "checkpoint";
    }
    if ("steps" in document) {
        return "preview-digest";
    }
    if ("type" in document && "sequence" in document) {
        throw new InputError(`${file}: this looks like an engine event stream (--event-log); scan a \`pulumi preview --json\` digest or a stack export instead`);
    }
    throw new InputError(
        `${file}: unrecognized input format: expected a \`pulumi stack export\` file ({version, deployment}), a DIY checkpoint ({version, checkpoint}) or a \`pulumi preview --json\` digest ({steps})`,
    );
}

export interface LoadOptions {
    /** Keep the file's text in the result (default true). */
    keepText?: boolean;
}

/** Parses one input document (already read). */
export function parseInput(file: string, text: string, options: LoadOptions = {}): LoadedInput {
    if (text.trim() === "") {
        throw new InputError(`${file}: the file is empty`);
    }
    let document: unknown;
    try {
        document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/\s+/g, " ") : String(error);
        // JSON.parse messages may quote the input; keep only the position.
        const position = /position (\d+)/.exec(reason);
        const trimmed = text.trimEnd();
        const atEnd = /Unexpected end of JSON input|Unterminated|end of data/i.test(reason) || (position !== null && Number(position[1]) >= trimmed.length - 1);
        const truncated = atEnd || (/^\s*[[{]/.test(text) && !/[}\]]$/.test(trimmed)) ? " (the file looks truncated)" : "";
        throw new InputError(`${file}: not valid JSON${truncated}${position ? ` at position ${position[1]}` : ""}`);
    }
    const format = detectFormat(file, document);
    const warnings: string[] = [];
    const doc = document as JsonObject;
    const loaded =
        format === "stack-export" ? loadStackExport(file, doc, warnings) : format === "checkpoint" ? loadCheckpoint(file, doc) : loadPreviewDigest(file, doc);
    return {
        file,
        format,
        version: loaded.version,
        deployment: loaded.deployment,
        skipped: loaded.skipped,
        secretValues: loaded.secretValues,
        secretsByUrn: loaded.secretsByUrn,
        sourcePositions: loaded.sourcePositions,
        warnings: [...warnings, ...loaded.warnings],
        ...(options.keepText === false ? {} : { text }),
    };
}

/**
 * The largest input read (500 MiB): a 100,000-resource export is about 240 MB, and V8 cannot hold a string much
 * over 512 MiB, so a larger file would fail later with a less useful error.
 */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

/** Reads and parses one input file: a regular file (never a device or FIFO, which could block or never end). */
export function loadInput(file: string, maxBytes = MAX_INPUT_BYTES, options: LoadOptions = {}): LoadedInput {
    let text: string;
    try {
        // stat, not open: opening a FIFO blocks until a writer comes, and /dev/zero never ends.
        const stats = statSync(file);
        if (stats.isDirectory()) {
            throw new InputError(`${file}: is a directory, not a file`);
        }
        if (!stats.isFile()) {
            throw new InputError(`${file}: is not a regular file (a device, FIFO or socket); save the export to a file first`);
        }
        if (stats.size > maxBytes) {
            throw new InputError(`${file}: is ${(stats.size / 1024 / 1024).toFixed(0)} MiB, over the scanner's limit of ${(maxBytes / 1024 / 1024).toFixed(0)} MiB per file; split the estate into one export per stack`);
        }
        const bytes = readFileSync(file);
        // Exports are ASCII (the CLI escapes nothing else, but may write UTF-8): read as latin1, ASCII is the same
        // text, and Node keeps a string that large outside the JavaScript heap, where it does not count toward the
        // heap's growth while the document is parsed (a 100,000-resource export is 240 MB of text).
        text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    } catch (error) {
        if (error instanceof InputError) {
            throw error;
        }
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code ?? "error"})`);
    }
    return parseInput(file, text, options);
}
