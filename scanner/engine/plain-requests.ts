// Analyze, Remediate and AnalyzeStack requests for a pack loaded in process (in-process.ts), without google-protobuf.
//
// Over the wire the engine emulator builds each request with the generated classes (pack.ts), and the SDK's handler
// reads it through their getters; a property map becomes a google.protobuf.Struct, which the handler turns back into
// plain values with `toJavaScript()` (@pulumi/policy deserialize.js). In process nothing crosses a wire, so building
// that Struct only to take it apart again is waste: on a 100,000-resource stack, seconds and gigabytes (every value a
// message object). These requests answer the same getters (those the SDK's server.js reads: the request's urn, type,
// name, properties, options and provider; a stack resource's parent, dependencies and property dependencies) from the
// plain messages, and their property maps give what a Struct built from them gives: a fresh copy with each object's
// keys in the order a protobuf map hands them out (sorted), refusing a value a Struct cannot carry.
// test/scanner/engine/plain-requests.test.ts runs the SDK's own handlers on both kinds of request and compares what
// the policies receive; test/scanner/in-process.test.ts holds the findings equal to the pack process's.

import type { AnalyzeRequestMessage, AnalyzerResourceMessage, ProviderMessage, ResourceOptionsMessage } from "./pack";
import type { JsonObject, JsonValue } from "./values";

/** What google-protobuf's Value.fromJavaScript throws for a value it cannot carry (a function, undefined, ...). */
const UNEXPECTED = "Unexpected struct type.";

function structCopy(value: object): JsonObject {
    const keys: string[] = [];
    // Struct.fromJavaScript reads the keys with for...in.
    for (const key in value) {
        keys.push(key);
    }
    // A protobuf map iterates its keys sorted (jspb.Map forEach), so Struct.toJavaScript inserts them in that order.
    keys.sort();
    const out: JsonObject = {};
    for (const key of keys) {
        out[key] = valueCopy((value as Record<string, unknown>)[key]);
    }
    return out;
}

function valueCopy(value: unknown): JsonValue {
    switch (typeof value) {
        case "string":
        case "number":
        case "boolean":
            return value;
        case "object":
            if (value === null) {
                return null;
            }
            return Array.isArray(value) ? value.map(valueCopy) : structCopy(value);
        default:
            throw new Error(UNEXPECTED);
    }
}

/** A property map as the SDK reads a google.protobuf.Struct: `toJavaScript()`, a new copy on every call. */
export class PlainStruct {
    constructor(private readonly value: JsonObject) {}

    toJavaScript(): JsonObject {
        return structCopy(this.value);
    }
}

class PlainCustomTimeouts {
    constructor(private readonly timeouts: ResourceOptionsMessage["customTimeouts"]) {}
    getCreate(): number {
        return this.timeouts.create;
    }
    getUpdate(): number {
        return this.timeouts.update;
    }
    getDelete(): number {
        return this.timeouts.delete;
    }
    getRead(): number {
        return this.timeouts.read;
    }
}

/** AnalyzerResourceOptions, as pack.ts `options` fills it in. */
class PlainOptions {
    constructor(private readonly options: ResourceOptionsMessage) {}
    getProtect(): boolean {
        return this.options.protect;
    }
    getIgnorechangesList(): string[] {
        return this.options.ignoreChanges;
    }
    getDeletebeforereplace(): boolean {
        return this.options.deleteBeforeReplace ?? false;
    }
    getDeletebeforereplacedefined(): boolean {
        return this.options.deleteBeforeReplace !== undefined;
    }
    getAdditionalsecretoutputsList(): string[] {
        return this.options.additionalSecretOutputs;
    }
    getAliasesList(): string[] {
        return this.options.aliases;
    }
    getCustomtimeouts(): PlainCustomTimeouts {
        return new PlainCustomTimeouts(this.options.customTimeouts);
    }
    getParent(): string {
        return this.options.parent;
    }
}

/** What a provider and a resource of a request both answer: type, URN, name and properties. */
class PlainNamedResource<M extends { type: string; urn: string; name: string; properties: ProviderMessage["properties"] }> {
    constructor(protected readonly message: M) {}
    getType(): string {
        return this.message.type;
    }
    getUrn(): string {
        return this.message.urn;
    }
    getName(): string {
        return this.message.name;
    }
    getProperties(): PlainStruct {
        return new PlainStruct(this.message.properties);
    }
}

class PlainProvider extends PlainNamedResource<ProviderMessage> {}

/** AnalyzeRequest (Analyze and Remediate), as pack.ts `analyzeRequest` fills it in. */
export class PlainAnalyzeRequest<M extends AnalyzeRequestMessage = AnalyzeRequestMessage> extends PlainNamedResource<M> {
    getOptions(): PlainOptions {
        return new PlainOptions(this.message.options);
    }
    getProvider(): PlainProvider | undefined {
        return this.message.provider ? new PlainProvider(this.message.provider) : undefined;
    }
}

class PlainPropertyDependencies {
    constructor(private readonly urns: string[]) {}
    getUrnsList(): string[] {
        return this.urns;
    }
}

/** AnalyzerResource of an AnalyzeStack request, as pack.ts `analyzeStackRequest` fills it in. */
class PlainAnalyzerResource extends PlainAnalyzeRequest<AnalyzerResourceMessage> {
    getParent(): string {
        return this.message.parent;
    }
    getDependenciesList(): string[] {
        return this.message.dependencies;
    }
    /** The map's entries sorted by key, as a protobuf map iterates them; the engine sends no property without dependencies. */
    getPropertydependenciesMap(): { entries(): IterableIterator<[string, PlainPropertyDependencies]> } {
        const entries = Object.entries(this.message.propertyDependencies)
            .filter(([, urns]) => urns.length > 0)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, urns]): [string, PlainPropertyDependencies] => [key, new PlainPropertyDependencies(urns)]);
        return { entries: () => entries[Symbol.iterator]() };
    }
}

export class PlainAnalyzeStackRequest {
    private readonly resources: PlainAnalyzerResource[];
    constructor(resources: readonly AnalyzerResourceMessage[]) {
        this.resources = resources.map((resource) => new PlainAnalyzerResource(resource));
    }
    getResourcesList(): PlainAnalyzerResource[] {
        return this.resources;
    }
}
