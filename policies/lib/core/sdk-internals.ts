// Every use the pack makes of @pulumi/policy behaviour that is not its documented API, in one place. Each is
// pinned against the installed SDK by test/lib/core/sdk-internals.test.ts; when a new SDK version breaks one,
// that test names it. The pinned version is package.json's exact `@pulumi/policy` dependency.
//
// 1. The engine's Configure request, read where gRPC decodes it (server.js keeps every policy's level and
//    properties in a private `policyPackConfig`; a policy can read only its own properties, never its level).
// 2. Violations in object form (server.js makeReportViolationFun takes `name`, `enforcementLevel`, `severity`
//    from an object; the declared `ReportViolation` type only admits a message string).
// 3. `__pulumiType` on a validate function, which lets the SDK skip other resource types before it deserializes
//    their properties (policy.getPulumiType).
// 4. A policy listed without a validate function is skipped at no cost, and a policy's effective level is
//    `configured || own || pack` (server.js), which the one-pass runner reproduces.
// 5. The "not applicable" entries of an Analyze response, relayed for the policies the one-pass resource runner
//    evaluated (server.js collects them in a local list only the SDK pushes to; this relay takes them out of the
//    response's diagnostics and appends them, encoded, to the bytes the service's serializer makes, see
//    `relayNotApplicable`).
// 6. The AnalyzeStack request, read where gRPC decodes it: the SDK's decoder is given other bytes (a placeholder,
//    stack-request.ts), its handler reads nothing but `getResourcesList()` of the request, and builds each resource's
//    `props` from `getProperties()` with `deserializeProperties` (deserialize.js), whose output the reader matches
//    and whose secrets, assets and archives it leaves to that very function (`deserializeSdkProperties`).
// Outside this layer, readers/values.ts `snapshot` relies on two more (the unknown-checking proxy does not trap
// getOwnPropertyDescriptor; secrets arrive wrapped in a class named `Secret`), pinned by the same test.

import { createRequire } from "node:module";
import type { EnforcementLevel, ReportViolation, Severity } from "@pulumi/policy";

/** The @pulumi/policy version these internals were verified against. */
export const PINNED_SDK_VERSION = "1.21.0";

// ---------------------------------------------------------------------------------------------------------------
// 1. The Configure request
// ---------------------------------------------------------------------------------------------------------------

export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    /** The policy's properties as `args.getConfig()` would return them (engine-filled defaults included). */
    properties: Record<string, unknown>;
}

const LEVELS: Readonly<Record<number, EnforcementLevel>> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

interface StructLike {
    toJavaScript(): Record<string, unknown>;
}

interface PolicyConfigMessage {
    getEnforcementlevel(): number;
    getProperties(): StructLike | undefined;
}

export interface ConfigureRequestLike {
    getPolicyconfigMap(): { entries(): Iterable<[string, PolicyConfigMessage]> };
}

/**
 * Reads a Configure request the way the SDK's `configure` handler does (server.js), without touching it. Throws on
 * a request the SDK would reject (an unknown level, no properties).
 */
export function readConfigureRequest(request: ConfigureRequestLike): Map<string, PolicyConfigEntry> {
    const entries = new Map<string, PolicyConfigEntry>();
    for (const [name, value] of request.getPolicyconfigMap().entries()) {
        const level = LEVELS[value.getEnforcementlevel()];
        const props = value.getProperties()?.toJavaScript();
        if (!level || !props) {
            throw new Error(`unreadable configuration for policy ${name}`);
        }
        const { enforcementLevel: _ignored, ...properties } = props;
        entries.set(name, { enforcementLevel: level, properties });
    }
    return entries;
}

interface MethodDefinition {
    requestDeserialize?: (bytes: Buffer) => unknown;
}

const OBSERVED = Symbol.for("aws-key-material-guard.observes-configure");
let observer: ((request: ConfigureRequestLike) => void) | undefined;

/** The Configure method of the analyzer service the SDK's server registers, if it has the expected shape. */
function configureMethod(): (MethodDefinition & { [OBSERVED]?: true }) | undefined {
    try {
        // The very module instance the SDK's server registers (resolved from @pulumi/policy, not from this file).
        const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
        const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService?: { configure?: MethodDefinition } };
        const method = service.AnalyzerService?.configure;
        return method && typeof method.requestDeserialize === "function" ? method : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Calls `onRequest` with every Configure request the SDK's gRPC server will receive, before the SDK handles it;
 * the SDK gets the request unchanged. Must run before the PolicyPack is constructed (grpc-js takes the decoder
 * when the SDK registers its service). Returns false, changing nothing, when the SDK's service definition does not
 * have the expected shape. A later call replaces the observer.
 */
export function observeConfigureRequests(onRequest: (request: ConfigureRequestLike) => void): boolean {
    const method = configureMethod();
    if (!method) {
        return false;
    }
    observer = onRequest;
    if (method[OBSERVED]) {
        return true;
    }
    const decode = method.requestDeserialize!;
    method.requestDeserialize = (bytes: Buffer) => {
        const request = decode(bytes);
        try {
            observer?.(request as ConfigureRequestLike);
        } catch {
            // A request the SDK cannot read either: it answers the engine with the error and keeps its configuration.
        }
        return request;
    };
    method[OBSERVED] = true;
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Violations in object form
// ---------------------------------------------------------------------------------------------------------------

/** The object form of a violation, which the SDK takes field by field (server.js makeReportViolationFun). */
export interface SdkViolation {
    /** Reports under another policy's name (the one-pass runner); the reporting policy's name when omitted. */
    name?: string;
    message: string;
    description: string;
    urn?: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: Severity;
}

/** Reports a violation in object form through an SDK reporter. */
export function reportObject(reportViolation: ReportViolation, violation: SdkViolation): void {
    (reportViolation as unknown as (violation: SdkViolation) => void)(violation);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The type hint
// ---------------------------------------------------------------------------------------------------------------

/** Marks a validate or remediate function as applying to one resource type only (the SDK skips the others). */
export function hintResourceType(fn: object, type: string): void {
    (fn as { __pulumiType?: string }).__pulumiType = type;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Levels
// ---------------------------------------------------------------------------------------------------------------

/** The level the SDK applies to a policy: the configured one, else the policy's own (server.js). */
export function effectiveLevel<Own extends EnforcementLevel | undefined>(configured: EnforcementLevel | undefined, own: Own): EnforcementLevel | Own {
    return configured || own;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Not-applicable entries of other policies
// ---------------------------------------------------------------------------------------------------------------

/** A policy that does not apply to the resource of an Analyze call, and why (as the SDK would report it). */
export interface NotApplicableEntry {
    policyName: string;
    reason: string;
}

interface NotApplicableMessage {
    setPolicyName(name: string): void;
    setReason(reason: string): void;
}

interface DiagnosticMessage {
    getMessage(): string;
}

/** The part of the SDK's AnalyzeResponse the relay reads and rewrites (@pulumi/pulumi/proto/analyzer_pb). */
export interface AnalyzeResponseLike {
    getDiagnosticsList(): DiagnosticMessage[];
    setDiagnosticsList(list: DiagnosticMessage[]): void;
    getNotApplicableList(): NotApplicableMessage[];
    setNotApplicableList(list: NotApplicableMessage[]): void;
    serializeBinary(): Uint8Array;
}

interface ResponseMethodDefinition {
    responseSerialize?: (response: unknown) => Buffer;
}

/**
 * The marker a not-applicable report travels under inside the call's own diagnostic list (the only per-call channel
 * a validate function has): a message that no policy writes (it starts with a NUL character).
 */
const NOT_APPLICABLE_MARK = "\u0000aws-key-material-guard:not-applicable:";
const RELAYED = Symbol.for("aws-key-material-guard.relays-not-applicable");
const pendingNotApplicable = new Map<string, readonly NotApplicableEntry[]>();
let nextReport = 0;
let relayReady = false;
let sdkClasses: { PolicyNotApplicable: new () => NotApplicableMessage; AnalyzeResponse: new () => AnalyzeResponseLike } | undefined;

/**
 * Takes the not-applicable reports of `reportNotApplicable` out of an AnalyzeResponse's diagnostics and returns them
 * encoded: each as the bytes of an AnalyzeResponse holding that one entry in its not-applicable list (made with the
 * SDK's own classes, once per distinct entry). Protobuf merges concatenated messages field by field and appends
 * repeated fields, so these bytes after the response's own are the response with the entries added to its
 * not-applicable list, after the SDK's own: what the engine would decode had the SDK pushed them itself.
 * Serializing some ninety entries per call with google-protobuf cost about 0.5 ms; appending cached bytes costs
 * next to nothing. Responses without a report are left as they are (no bytes).
 */
export function relayNotApplicable(response: AnalyzeResponseLike): Buffer[] {
    const diagnostics = response.getDiagnosticsList();
    if (!diagnostics.some((d) => d.getMessage().startsWith(NOT_APPLICABLE_MARK))) {
        return [];
    }
    const kept: DiagnosticMessage[] = [];
    const added: Buffer[] = [];
    for (const diagnostic of diagnostics) {
        const message = diagnostic.getMessage();
        if (!message.startsWith(NOT_APPLICABLE_MARK)) {
            kept.push(diagnostic);
            continue;
        }
        const id = message.slice(NOT_APPLICABLE_MARK.length);
        const entries = pendingNotApplicable.get(id);
        if (entries) {
            added.push(encodedList(entries));
        }
        pendingNotApplicable.delete(id);
    }
    response.setDiagnosticsList(kept);
    return added;
}

/** Encoded entries, by entry object: callers that report the same entries every call keep them as constants. */
const encodedEntries = new WeakMap<NotApplicableEntry, Buffer>();
/** Encoded lists, by list object: the one-pass runner reports one constant list per resource type. */
const encodedLists = new WeakMap<readonly NotApplicableEntry[], Buffer>();

function encodedList(entries: readonly NotApplicableEntry[]): Buffer {
    let bytes = encodedLists.get(entries);
    if (!bytes) {
        bytes = Buffer.concat(entries.map(encodedNotApplicable));
        encodedLists.set(entries, bytes);
    }
    return bytes;
}

function encodedNotApplicable(entry: NotApplicableEntry): Buffer {
    let bytes = encodedEntries.get(entry);
    if (!bytes) {
        const notApplicable = new sdkClasses!.PolicyNotApplicable();
        notApplicable.setPolicyName(entry.policyName);
        if (entry.reason) {
            notApplicable.setReason(entry.reason);
        }
        const holder = new sdkClasses!.AnalyzeResponse();
        holder.setNotApplicableList([notApplicable]);
        bytes = Buffer.from(holder.serializeBinary());
        encodedEntries.set(entry, bytes);
    }
    return bytes;
}

/**
 * Installs the relay on the analyze method of the analyzer service the SDK's server registers (before the PolicyPack
 * is constructed: grpc-js takes the serializer when the SDK registers its service). Returns false, changing nothing,
 * when the SDK's service definition or protobuf classes do not have the expected shape; callers then must not use
 * `reportNotApplicable` (its reports would reach the engine as diagnostics) and register resource policies one by one.
 */
export function installNotApplicableRelay(): boolean {
    try {
        const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
        const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService?: { analyze?: ResponseMethodDefinition & { [RELAYED]?: true } } };
        const proto = sdkRequire("@pulumi/pulumi/proto/analyzer_pb") as { PolicyNotApplicable?: new () => NotApplicableMessage; AnalyzeResponse?: new () => AnalyzeResponseLike };
        const method = service.AnalyzerService?.analyze;
        const Response = proto.AnalyzeResponse;
        if (!method || typeof method.responseSerialize !== "function" || !proto.PolicyNotApplicable || !Response) {
            return false;
        }
        const probe = new Response();
        if (typeof probe.getDiagnosticsList !== "function" || typeof probe.setNotApplicableList !== "function" || typeof probe.serializeBinary !== "function") {
            return false;
        }
        sdkClasses = { PolicyNotApplicable: proto.PolicyNotApplicable, AnalyzeResponse: Response };
        if (!method[RELAYED]) {
            const serialize = method.responseSerialize;
            method.responseSerialize = (response: unknown) => {
                const added = relayNotApplicable(response as AnalyzeResponseLike);
                const bytes = serialize(response);
                return added.length > 0 ? Buffer.concat([bytes, ...added]) : bytes;
            };
            method[RELAYED] = true;
        }
        relayReady = true;
        return true;
    } catch {
        return false;
    }
}

/** Whether `installNotApplicableRelay` succeeded. */
export function notApplicableRelayInstalled(): boolean {
    return relayReady;
}

/**
 * Reports, through a policy's reporter in an Analyze call, that other policies do not apply to the resource. The
 * entries reach the engine in the response's not-applicable list (relayNotApplicable), never as a diagnostic. The
 * relay keeps the encoding of each list object: never change a list once reported.
 */
export function reportNotApplicable(reportViolation: ReportViolation, entries: readonly NotApplicableEntry[]): void {
    if (entries.length === 0) {
        return;
    }
    if (!relayReady) {
        throw new Error("reportNotApplicable called without the relay (installNotApplicableRelay)");
    }
    const id = String(nextReport++);
    pendingNotApplicable.set(id, entries);
    // A call that fails after reporting (a gRPC error) never serializes its response: keep the map bounded.
    if (pendingNotApplicable.size > 10_000) {
        pendingNotApplicable.delete(pendingNotApplicable.keys().next().value!);
    }
    reportObject(reportViolation, { message: `${NOT_APPLICABLE_MARK}${id}`, description: "", enforcementLevel: "advisory" });
}

// ---------------------------------------------------------------------------------------------------------------
// 6. The AnalyzeStack request
// ---------------------------------------------------------------------------------------------------------------

/**
 * Given the bytes of an AnalyzeStack request, other bytes for the SDK to decode instead, and an object to keep alive
 * for as long as the SDK holds the request it decodes from them; or undefined to leave the request as it is.
 */
export type StackRequestRewrite = (bytes: Buffer) => { bytes: Buffer; keepAlive: object } | undefined;

const REWRITTEN = Symbol.for("aws-key-material-guard.rewrites-analyze-stack");
const KEPT_ALIVE = Symbol.for("aws-key-material-guard.kept-alive");
let stackRewrite: StackRequestRewrite | undefined;

interface StackRequestLike {
    getResourcesList(): object[];
}

/**
 * Has every AnalyzeStack request the SDK's gRPC server receives pass through `rewrite` before the SDK decodes it.
 * Must run before the PolicyPack is constructed (grpc-js takes the decoder when the SDK registers its service).
 * A rewrite that throws leaves the request as it is. Returns false, changing nothing, when the SDK's service
 * definition does not have the expected shape. A later call replaces the rewrite.
 */
export function rewriteAnalyzeStackRequests(rewrite: StackRequestRewrite): boolean {
    let method: (MethodDefinition & { [REWRITTEN]?: true }) | undefined;
    try {
        const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
        const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService?: { analyzeStack?: MethodDefinition } };
        method = service.AnalyzerService?.analyzeStack;
    } catch {
        return false;
    }
    if (!method || typeof method.requestDeserialize !== "function") {
        return false;
    }
    stackRewrite = rewrite;
    if (method[REWRITTEN]) {
        return true;
    }
    const decode = method.requestDeserialize;
    method.requestDeserialize = (bytes: Buffer) => {
        let rewritten: ReturnType<StackRequestRewrite>;
        try {
            rewritten = stackRewrite?.(bytes);
        } catch {
            rewritten = undefined;
        }
        if (!rewritten) {
            return decode(bytes);
        }
        const request = decode(rewritten.bytes) as StackRequestLike;
        // The handler holds the resource list for the whole call (server.js makeAnalyzeStackRpcFun).
        for (const resource of request.getResourcesList()) {
            Object.defineProperty(resource, KEPT_ALIVE, { value: rewritten.keepAlive });
        }
        return request;
    };
    method[REWRITTEN] = true;
    return true;
}

/**
 * Deserializes a resource's properties (as Struct.toJavaScript returns them) exactly as the SDK's AnalyzeStack
 * handler does (deserialize.js deserializeProperties, secrets unwrapped, assets and archives as @pulumi/pulumi's
 * classes); throws where it throws.
 */
export function deserializeSdkProperties(raw: Record<string, unknown>): Record<string, unknown> {
    // Resolved once: every resource of a stack that holds a secret comes through here.
    sdkDeserialize ??= (createRequire(require.resolve("@pulumi/policy"))("./deserialize") as { deserializeProperties: SdkDeserialize }).deserializeProperties;
    return sdkDeserialize({ toJavaScript: () => raw }, false);
}

type SdkDeserialize = (struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean) => Record<string, unknown>;
let sdkDeserialize: SdkDeserialize | undefined;
