// A policy pack process, started and spoken to the way the Pulumi CLI does it.
//
// Launch (pulumi-language-nodejs RunPlugin, analyzer kind): `node <pack's @pulumi/pulumi/cmd/run-policy-pack>
// <engine address> <absolute pack dir>`, cwd = pack dir, environment = the caller's plus PULUMI_NODEJS_* and
// PULUMI_CONFIG. The first stdout line is the port (pkg/resource/plugin/plugin.go parsePort); later stdout and
// stderr lines are diagnostics. Shutdown: SIGINT to the process group, SIGKILL after 5 s (plugin.Kill).

import { spawn, type ChildProcess } from "node:child_process";
import { isAbsolute, resolve } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as AnalyzerGrpcPb from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type { EnforcementLevel, PolicyConfigEntry } from "./config";
import { loadProto, resolveRunPolicyPack, type ProtoModules } from "./proto";
import type { JsonObject } from "./values";
import { NOT_APPLICABLE_FIELD, withoutField } from "./wire";

export type Severity = "" | "low" | "medium" | "high" | "critical";

export interface OutputLine {
    stream: "stdout" | "stderr";
    line: string;
    /** Milliseconds since the process was spawned. */
    at: number;
}

export interface StackSettings {
    organization: string;
    project: string;
    stack: string;
    dryRun: boolean;
    /** Stack config, `{"project:key": "value"}`, secrets in plaintext (as PULUMI_CONFIG carries them). */
    config: Record<string, string>;
    configSecretKeys: string[];
    tags: Record<string, string>;
}

/** The stack the engine describes to the pack (ConfigureStack), with these fields overridden. */
export function stackSettings(overrides: Partial<StackSettings> = {}): StackSettings {
    return { organization: "organization", project: "project", stack: "dev", dryRun: true, config: {}, configSecretKeys: [], tags: {}, ...overrides };
}

export interface StartPackOptions {
    packDir: string;
    stack?: Partial<StackSettings>;
    /** Extra environment variables; the process otherwise inherits this process's environment, as under the CLI. */
    env?: Record<string, string | undefined>;
    /** How long to wait for the port line (the engine has no limit; ts-node cold starts take ~10 s). */
    portTimeoutMs?: number;
    /** Deadline of each RPC. */
    rpcTimeoutMs?: number;
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    policyType: "resource" | "stack" | "unknown";
    configSchema?: { properties: JsonObject; required: string[] };
    tags: string[];
    remediationSteps: string;
    url: string;
    framework?: { name: string; version: string; reference: string; specification: string };
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    description: string;
    /** Pack-level metadata for Pulumi Cloud (empty when the pack sets none). */
    readme: string;
    provider: string;
    tags: string[];
    repository: string;
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfigEntry>;
}

export interface WireDiagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    urn: string;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
}

export interface AnalyzeResult {
    diagnostics: WireDiagnostic[];
    notApplicable: NotApplicable[];
}

export interface WireRemediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    /** The remediated properties (secrets keep their signature), or undefined when the policy only reported. */
    properties?: JsonObject;
    diagnostic: string;
}

export interface RemediateResult {
    remediations: WireRemediation[];
    notApplicable: NotApplicable[];
}

export interface ResourceOptionsMessage {
    protect: boolean;
    ignoreChanges: string[];
    /** Undefined means "not set" (deleteBeforeReplaceDefined = false). */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    /** Seconds; the engine always sends the message, zeros when unset. */
    customTimeouts: { create: number; update: number; delete: number; read: number };
    parent: string;
}

export interface ProviderMessage {
    type: string;
    urn: string;
    name: string;
    /** Already encoded for the wire. */
    properties: JsonObject;
}

export interface AnalyzeRequestMessage {
    urn: string;
    type: string;
    name: string;
    /** Already encoded for the wire (see values.ts encodeForAnalyzer). */
    properties: JsonObject;
    options: ResourceOptionsMessage;
    provider?: ProviderMessage;
}

export interface AnalyzerResourceMessage extends AnalyzeRequestMessage {
    parent: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

/** What the caller of an Analyze or AnalyzeStack call reads of the response. */
export interface ResponseReading {
    /**
     * Whether the not-applicable list is decoded (default true). Without it the list comes back empty and the
     * diagnostics are exactly what a full decode gives (wire.ts): a caller that never reads the list saves decoding
     * the pack's ninety entries per call.
     */
    notApplicable?: boolean;
}

/** How a call decodes its response. */
export interface CallOptions {
    /** A top-level field of the response left out before it is decoded (wire.ts withoutField). */
    skipResponseField?: number;
}

function readingOptions(reading: ResponseReading | undefined): CallOptions | undefined {
    return reading?.notApplicable === false ? { skipResponseField: NOT_APPLICABLE_FIELD } : undefined;
}

export class PackStartError extends Error {
    constructor(
        message: string,
        readonly output: OutputLine[],
    ) {
        const stderr = output.filter((l) => l.stream === "stderr").map((l) => `  ${l.line}`);
        super(stderr.length ? `${message}\nstderr of the pack:\n${stderr.join("\n")}` : `${message} (the pack wrote nothing to stderr)`);
    }
}

const LEVEL_NAMES: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const SEVERITY_NAMES: Record<number, Severity> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

/** The .NET progress escapes the engine strips from the port line before parsing it. */
const PROGRESS_ESCAPES = ["\u001b]9;4;3;\u001b\\", "\u001b]9;4;0;\u001b\\"];

export function parsePortLine(line: string): number | undefined {
    let text = line;
    for (const escape of PROGRESS_ESCAPES) {
        text = text.split(escape).join("");
    }
    text = text.trim();
    if (!/^\d+$/.test(text)) {
        return undefined;
    }
    const port = Number(text);
    return port > 0 && port <= 65535 ? port : undefined;
}

export function grpcCode(error: unknown): number | undefined {
    return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : undefined;
}

/** A running pack with a connected Analyzer client. */
/**
 * The engine's side of every Analyzer RPC: requests built and responses read exactly as the engine does. How a
 * request reaches the pack (`call`) is the subclass's: a pack process over gRPC (PolicyPackProcess), or the pack's
 * own gRPC handlers in this process (in-process.ts InProcessPack).
 */
export abstract class AnalyzerStub {
    abstract readonly packDir: string;
    abstract readonly proto: ProtoModules;
    abstract readonly settings: StackSettings;
    /** The address sent in Handshake. */
    abstract readonly engineAddress: string;
    abstract exitCode: number | null;
    abstract exitSignal: NodeJS.Signals | null;
    /** Milliseconds the pack took to start (spawn to port line, or loading in process). */
    abstract bootMs: number;

    protected abstract call<Req, Res>(method: string, request: Req, options?: CallOptions): Promise<Res>;
    abstract shutdown(graceMs?: number): Promise<void>;

    protected empty(): InstanceType<ProtoModules["empty"]["Empty"]> {
        return new this.proto.empty.Empty();
    }

    protected struct(value: JsonObject): StructPb.Struct {
        return this.proto.struct.Struct.fromJavaScript(value as Record<string, StructPb.JavaScriptValue>);
    }

    /** Handshake, which Node packs do not implement (the engine tolerates UNIMPLEMENTED). Returns whether it was implemented. */
    async handshake(rootDirectory: string, programDirectory: string): Promise<boolean> {
        const request = new this.proto.analyzer.AnalyzerHandshakeRequest();
        request.setEngineAddress(this.engineAddress);
        request.setRootDirectory(rootDirectory);
        request.setProgramDirectory(programDirectory);
        return this.tolerateUnimplemented(() => this.call("handshake", request));
    }

    /** ConfigureStack, with the stack settings the pack was started with. Returns whether it was implemented. */
    async configureStack(): Promise<boolean> {
        const request = new this.proto.analyzer.AnalyzerStackConfigureRequest();
        request.setStack(this.settings.stack);
        request.setProject(this.settings.project);
        request.setOrganization(this.settings.organization);
        request.setDryRun(this.settings.dryRun);
        for (const [key, value] of Object.entries(this.settings.config)) {
            request.getConfigMap().set(key, value);
        }
        request.setConfigSecretKeysList(this.settings.configSecretKeys);
        for (const [key, value] of Object.entries(this.settings.tags)) {
            request.getTagsMap().set(key, value);
        }
        return this.tolerateUnimplemented(() => this.call("configureStack", request));
    }

    async cancel(): Promise<boolean> {
        return this.tolerateUnimplemented(() => this.call("cancel", this.empty()));
    }

    protected async tolerateUnimplemented(run: () => Promise<unknown>): Promise<boolean> {
        try {
            await run();
            return true;
        } catch (error) {
            if (grpcCode(error) === this.proto.grpc.status.UNIMPLEMENTED) {
                return false;
            }
            throw error;
        }
    }

    async getPluginInfo(): Promise<{ version: string }> {
        const response = await this.call<unknown, InstanceType<ProtoModules["plugin"]["PluginInfo"]>>("getPluginInfo", this.empty());
        return { version: response.getVersion() };
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const response = await this.call<unknown, AnalyzerPb.AnalyzerInfo>("getAnalyzerInfo", this.empty());
        const policyTypes: Record<number, PolicyInfo["policyType"]> = { 0: "unknown", 1: "resource", 2: "stack" };
        const initialConfig: Record<string, PolicyConfigEntry> = {};
        response.getInitialconfigMap().forEach((entry, name) => {
            initialConfig[name] = {
                enforcementLevel: LEVEL_NAMES[entry.getEnforcementlevel()] ?? "advisory",
                properties: (entry.getProperties()?.toJavaScript() ?? {}) as JsonObject,
            };
        });
        return {
            name: response.getName(),
            displayName: response.getDisplayname(),
            version: response.getVersion(),
            supportsConfig: response.getSupportsconfig(),
            description: response.getDescription(),
            readme: response.getReadme(),
            provider: response.getProvider(),
            tags: response.getTagsList(),
            repository: response.getRepository(),
            initialConfig,
            policies: response.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const framework = p.getFramework();
                const info: PolicyInfo = {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    message: p.getMessage(),
                    enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "advisory",
                    severity: SEVERITY_NAMES[p.getSeverity()] ?? "",
                    policyType: policyTypes[p.getPolicyType()] ?? "unknown",
                    tags: p.getTagsList(),
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                };
                if (schema) {
                    info.configSchema = {
                        properties: (schema.getProperties()?.toJavaScript() ?? {}) as JsonObject,
                        required: schema.getRequiredList(),
                    };
                }
                if (framework) {
                    info.framework = {
                        name: framework.getName(),
                        version: framework.getVersion(),
                        reference: framework.getReference(),
                        specification: framework.getSpecification(),
                    };
                }
                return info;
            }),
        };
    }

    /** Configure with an already reconciled config (see config.ts); properties are always sent. */
    async configure(config: Readonly<Record<string, PolicyConfigEntry>>): Promise<void> {
        const { analyzer } = this.proto;
        const levels: Record<EnforcementLevel, AnalyzerPb.EnforcementLevel> = {
            advisory: analyzer.EnforcementLevel.ADVISORY,
            mandatory: analyzer.EnforcementLevel.MANDATORY,
            disabled: analyzer.EnforcementLevel.DISABLED,
            remediate: analyzer.EnforcementLevel.REMEDIATE,
        };
        const request = new analyzer.ConfigureAnalyzerRequest();
        for (const [name, entry] of Object.entries(config)) {
            const policyConfig = new analyzer.PolicyConfig();
            policyConfig.setEnforcementlevel(levels[entry.enforcementLevel]);
            policyConfig.setProperties(this.struct(entry.properties));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.call("configure", request);
    }

    protected options(message: ResourceOptionsMessage): AnalyzerPb.AnalyzerResourceOptions {
        const { analyzer } = this.proto;
        const options = new analyzer.AnalyzerResourceOptions();
        options.setProtect(message.protect);
        options.setIgnorechangesList(message.ignoreChanges);
        options.setDeletebeforereplace(message.deleteBeforeReplace ?? false);
        options.setDeletebeforereplacedefined(message.deleteBeforeReplace !== undefined);
        options.setAdditionalsecretoutputsList(message.additionalSecretOutputs);
        options.setAliasesList(message.aliases);
        const timeouts = new analyzer.AnalyzerResourceOptions.CustomTimeouts();
        timeouts.setCreate(message.customTimeouts.create);
        timeouts.setUpdate(message.customTimeouts.update);
        timeouts.setDelete(message.customTimeouts.delete);
        timeouts.setRead(message.customTimeouts.read);
        options.setCustomtimeouts(timeouts);
        options.setParent(message.parent);
        return options;
    }

    protected provider(message: ProviderMessage | undefined): AnalyzerPb.AnalyzerProviderResource | undefined {
        if (!message) {
            return undefined;
        }
        const provider = new this.proto.analyzer.AnalyzerProviderResource();
        provider.setType(message.type);
        provider.setUrn(message.urn);
        provider.setName(message.name);
        provider.setProperties(this.struct(message.properties));
        return provider;
    }

    /**
     * The request object `call` sends for Analyze and Remediate: the generated message, which an in-process pack
     * replaces with a plain one that answers the same getters (plain-requests.ts).
     */
    protected sentAnalyzeRequest(message: AnalyzeRequestMessage): unknown {
        return this.analyzeRequest(message);
    }

    /** The request object `call` sends for AnalyzeStack (see sentAnalyzeRequest). */
    protected sentAnalyzeStackRequest(resources: readonly AnalyzerResourceMessage[]): unknown {
        return this.analyzeStackRequest(resources);
    }

    protected analyzeRequest(message: AnalyzeRequestMessage): AnalyzerPb.AnalyzeRequest {
        const request = new this.proto.analyzer.AnalyzeRequest();
        request.setUrn(message.urn);
        request.setType(message.type);
        request.setName(message.name);
        request.setProperties(this.struct(message.properties));
        request.setOptions(this.options(message.options));
        const provider = this.provider(message.provider);
        if (provider) {
            request.setProvider(provider);
        }
        return request;
    }

    protected toAnalyzeResult(response: AnalyzerPb.AnalyzeResponse): AnalyzeResult {
        return {
            diagnostics: response.getDiagnosticsList().map((d) => ({
                policyName: d.getPolicyname(),
                policyPackName: d.getPolicypackname(),
                policyPackVersion: d.getPolicypackversion(),
                description: d.getDescription(),
                message: d.getMessage(),
                enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "advisory",
                severity: SEVERITY_NAMES[d.getSeverity()] ?? "",
                urn: d.getUrn(),
            })),
            notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    async analyze(message: AnalyzeRequestMessage, reading?: ResponseReading): Promise<AnalyzeResult> {
        const response = await this.call<unknown, AnalyzerPb.AnalyzeResponse>("analyze", this.sentAnalyzeRequest(message), readingOptions(reading));
        return this.toAnalyzeResult(response);
    }

    async remediate(message: AnalyzeRequestMessage): Promise<RemediateResult> {
        let response: AnalyzerPb.RemediateResponse;
        try {
            response = await this.call<unknown, AnalyzerPb.RemediateResponse>("remediate", this.sentAnalyzeRequest(message));
        } catch (error) {
            // The engine skips analyzers that do not implement Remediate.
            if (grpcCode(error) === this.proto.grpc.status.UNIMPLEMENTED) {
                return { remediations: [], notApplicable: [] };
            }
            throw error;
        }
        return {
            remediations: response.getRemediationsList().map((r) => {
                const properties = r.getProperties();
                const remediation: WireRemediation = {
                    policyName: r.getPolicyname(),
                    policyPackName: r.getPolicypackname(),
                    policyPackVersion: r.getPolicypackversion(),
                    description: r.getDescription(),
                    diagnostic: r.getDiagnostic(),
                };
                if (properties) {
                    remediation.properties = properties.toJavaScript() as JsonObject;
                }
                return remediation;
            }),
            notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    protected analyzeStackRequest(resources: readonly AnalyzerResourceMessage[]): AnalyzerPb.AnalyzeStackRequest {
        const { analyzer } = this.proto;
        const request = new analyzer.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((message) => {
                const resource = new analyzer.AnalyzerResource();
                resource.setUrn(message.urn);
                resource.setType(message.type);
                resource.setName(message.name);
                resource.setProperties(this.struct(message.properties));
                resource.setOptions(this.options(message.options));
                const provider = this.provider(message.provider);
                if (provider) {
                    resource.setProvider(provider);
                }
                resource.setParent(message.parent);
                resource.setDependenciesList(message.dependencies);
                for (const [key, urns] of Object.entries(message.propertyDependencies)) {
                    // The engine skips properties without dependencies.
                    if (urns.length > 0) {
                        const deps = new analyzer.AnalyzerPropertyDependencies();
                        deps.setUrnsList(urns);
                        resource.getPropertydependenciesMap().set(key, deps);
                    }
                }
                return resource;
            }),
        );
        return request;
    }

    async analyzeStack(resources: readonly AnalyzerResourceMessage[], reading?: ResponseReading): Promise<AnalyzeResult> {
        try {
            return this.toAnalyzeResult(
                await this.call<unknown, AnalyzerPb.AnalyzeResponse>("analyzeStack", this.sentAnalyzeStackRequest(resources), readingOptions(reading)),
            );
        } catch (error) {
            if (grpcCode(error) === this.proto.grpc.status.UNIMPLEMENTED) {
                return { diagnostics: [], notApplicable: [] };
            }
            throw error;
        }
    }

    /**
     * The AnalyzeStack request as bytes on the wire. Building and serializing 10,000 resources with google-protobuf
     * in JavaScript takes seconds, which the Go engine does not spend; benchmarks encode first and time only
     * `analyzeStackEncoded`: transport, the pack's decoding and analysis, and the response.
     */
    encodeAnalyzeStack(resources: readonly AnalyzerResourceMessage[]): Uint8Array {
        return this.analyzeStackRequest(resources).serializeBinary();
    }

    /** An Analyze or Remediate request as bytes on the wire (benchmarks: see `callEncoded`). */
    encodeAnalyze(message: AnalyzeRequestMessage): Uint8Array {
        return this.analyzeRequest(message).serializeBinary();
    }

}

/** An already encoded request, as the bytes gRPC sends. */
function asBuffer(request: Uint8Array): Buffer {
    return Buffer.from(request.buffer, request.byteOffset, request.byteLength);
}

export class PolicyPackProcess extends AnalyzerStub {
    /** Every stdout/stderr line, the port line included (first stdout line). */
    readonly output: OutputLine[] = [];
    readonly startedAt = Date.now();
    port = 0;
    /** Milliseconds from spawn to the port line. */
    bootMs = 0;
    exitCode: number | null = null;
    exitSignal: NodeJS.Signals | null = null;

    private client?: AnalyzerGrpcPb.AnalyzerClient;
    readonly exited: Promise<void>;
    private markExited!: () => void;

    private constructor(
        readonly packDir: string,
        readonly proto: ProtoModules,
        readonly child: ChildProcess,
        readonly argv: string[],
        private readonly engineServer: GrpcJs.Server,
        readonly engineAddress: string,
        readonly settings: StackSettings,
        private readonly rpcTimeoutMs: number,
        /** Log calls the fake engine received (the CLI never points the pack at it, so normally none). */
        readonly engineLogs: string[],
    ) {
        super();
        this.exited = new Promise((done) => (this.markExited = done));
    }

    /** Lines after the port line: what the engine would show as diagnostics. */
    get diagnostics(): OutputLine[] {
        const portIndex = this.output.findIndex((l) => l.stream === "stdout");
        return this.output.filter((_, i) => i !== portIndex);
    }

    static async start(options: StartPackOptions): Promise<PolicyPackProcess> {
        const packDir = isAbsolute(options.packDir) ? options.packDir : resolve(options.packDir);
        const proto = loadProto(packDir);
        const settings = stackSettings(options.stack);
        const { server, address, logs } = await startFakeEngine(proto);
        const script = resolveRunPolicyPack(packDir);
        const argv = [script, address, packDir];
        const env: Record<string, string | undefined> = {
            ...process.env,
            PULUMI_NODEJS_ORGANIZATION: settings.organization,
            PULUMI_NODEJS_PROJECT: settings.project,
            PULUMI_NODEJS_STACK: settings.stack,
            PULUMI_NODEJS_DRY_RUN: String(settings.dryRun),
            PULUMI_CONFIG: JSON.stringify(settings.config),
            ...options.env,
        };
        const child = spawn(process.execPath, argv, { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
        const pack = new PolicyPackProcess(packDir, proto, child, argv, server, address, settings, options.rpcTimeoutMs ?? 60_000, logs);
        // The pack leads its own process group (as under the engine); never leave it behind if this process ends.
        const killOnExit = () => signalGroup(child.pid!, "SIGKILL");
        process.once("exit", killOnExit);
        void pack.exited.then(() => process.removeListener("exit", killOnExit));
        try {
            await pack.waitForPort(options.portTimeoutMs ?? 120_000);
            await pack.connect();
        } catch (error) {
            await pack.shutdown();
            throw error;
        }
        return pack;
    }

    private waitForPort(timeoutMs: number): Promise<void> {
        return new Promise((resolvePort, reject) => {
            let settled = false;
            const settle = (error?: Error) => {
                if (!settled) {
                    settled = true;
                    clearTimeout(timer);
                    if (error) {
                        reject(error);
                    } else {
                        resolvePort();
                    }
                }
            };
            const timer = setTimeout(
                () => settle(new PackStartError(`the policy pack printed no port within ${timeoutMs} ms`, this.output)),
                timeoutMs,
            );
            const onLine = (stream: OutputLine["stream"]) => (line: string) => {
                this.output.push({ stream, line, at: Date.now() - this.startedAt });
                if (stream === "stdout" && this.port === 0 && !settled) {
                    const port = parsePortLine(line);
                    if (port === undefined) {
                        settle(
                            new PackStartError(
                                `the policy pack wrote an invalid port to stdout: ${JSON.stringify(line)} (nothing may print to stdout before the port)`,
                                this.output,
                            ),
                        );
                        return;
                    }
                    this.port = port;
                    this.bootMs = Date.now() - this.startedAt;
                    settle();
                }
            };
            readLines(this.child.stdout!, onLine("stdout"));
            readLines(this.child.stderr!, onLine("stderr"));
            this.child.on("error", (error) => settle(new PackStartError(`could not start the policy pack: ${error.message}`, this.output)));
            this.child.on("exit", (code, signal) => {
                this.exitCode = code;
                this.exitSignal = signal;
                this.markExited();
                // Let the last stderr lines arrive before reporting.
                setTimeout(
                    () =>
                        settle(
                            new PackStartError(
                                `the policy pack exited before printing its port: ${signal ? `signal ${signal}` : `exit status ${code}`}`,
                                this.output,
                            ),
                        ),
                    50,
                );
            });
        });
    }

    private async connect(): Promise<void> {
        const { grpc, analyzerGrpc } = this.proto;
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${this.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
        });
        // The engine waits up to 10 s for the connection to be ready (pluginRPCConnectionTimeout).
        await new Promise<void>((ready, reject) =>
            client.waitForReady(Date.now() + 10_000, (error) =>
                error ? reject(new PackStartError(`could not connect to the policy pack on port ${this.port}: ${error.message}`, this.output)) : ready(),
            ),
        );
        this.client = client;
    }

    protected call<Req, Res>(method: string, request: Req, options?: CallOptions): Promise<Res> {
        // The generated client's methods are makeUnaryRequest with the definition's path and (de)serializers; calling it
        // with them directly lets a response field be left undecoded (wire.ts withoutField).
        const definition = (this.proto.analyzerGrpc.AnalyzerService as unknown as Record<string, GrpcJs.MethodDefinition<Req, Res> | undefined>)[method];
        if (!definition) {
            return Promise.reject(new Error(`${method} failed: the Analyzer protocol of this @pulumi/pulumi has no such method`));
        }
        const skip = options?.skipResponseField;
        const deserialize = skip === undefined ? definition.responseDeserialize : (bytes: Buffer) => definition.responseDeserialize(withoutField(bytes, skip));
        return this.unary(method, definition.path, request, definition.requestSerialize, deserialize);
    }

    /**
     * One unary call with a request already encoded, resolving to the response's bytes undecoded: what a Remediate or
     * Analyze costs the engine, whose Go code marshals natively, without the JavaScript encoding and decoding of this
     * emulator (google-protobuf takes longer to decode a response of ninety not-applicable entries than the pack takes
     * to judge the resource). Benchmarks only.
     */
    callEncoded(method: "Analyze" | "Remediate", bytes: Uint8Array): Promise<Buffer> {
        return this.unary(method, `/pulumirpc.Analyzer/${method}`, bytes, asBuffer, (response: Buffer) => response);
    }

    async analyzeStackEncoded(bytes: Uint8Array): Promise<AnalyzeResult> {
        const { analyzer } = this.proto;
        const response = await this.unary("analyzeStack", "/pulumirpc.Analyzer/AnalyzeStack", bytes, asBuffer, (b: Buffer) => analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(b)));
        return this.toAnalyzeResult(response);
    }

    /** A unary call on the pack's connection, its failure explained (whyFailed) and carrying the gRPC status code. */
    private unary<Req, Res>(name: string, path: string, request: Req, serialize: (request: Req) => Buffer, deserialize: (bytes: Buffer) => Res): Promise<Res> {
        const client = this.client;
        if (!client) {
            return Promise.reject(new Error("the policy pack is not connected"));
        }
        return new Promise((resolveCall, reject) => {
            client.makeUnaryRequest(path, serialize, deserialize, request, new this.proto.grpc.Metadata(), { deadline: Date.now() + this.rpcTimeoutMs }, (error, response) => {
                if (error || response === undefined) {
                    void this.whyFailed(`${name} failed: ${error?.message ?? "no response"}`).then((message) => {
                        const wrapped = new Error(message) as Error & { code?: number };
                        wrapped.code = error?.code;
                        reject(wrapped);
                    });
                } else {
                    resolveCall(response);
                }
            });
        });
    }

    /**
     * A failed call's message, with the reason when the pack process died under it ("14 UNAVAILABLE: Connection
     * dropped" says nothing): how it ended, whether it ran out of memory, and the last lines it wrote to stderr.
     */
    async whyFailed(message: string): Promise<string> {
        // A dying process closes the connection before its exit is reported; give the exit a moment to arrive.
        await Promise.race([this.exited, delay(1_000)]);
        if (this.exitCode === null && this.exitSignal === null) {
            return message;
        }
        const stderr = this.output.filter((l) => l.stream === "stderr").map((l) => l.line.trim()).filter(Boolean);
        const outOfMemory = stderr.some((line) => /heap out of memory|allocation failed|out of memory/i.test(line)) || this.exitSignal === "SIGKILL";
        const ended = this.exitSignal ? `was killed by ${this.exitSignal}` : `exited with status ${this.exitCode}`;
        const hint = outOfMemory
            ? "; it most likely ran out of memory (a stack this size may need more: NODE_OPTIONS=--max-old-space-size=<MiB>, or scan the stacks one export at a time)"
            : "";
        const tail = stderr.slice(-5);
        return `${message}: the policy pack process ${ended}${hint}${tail.length ? `; its last stderr lines: ${tail.join(" | ")}` : ""}`;
    }

    /** Ends the process as the engine does: SIGINT to its process group, SIGKILL after `graceMs`. */
    async shutdown(graceMs = 5_000): Promise<void> {
        this.client?.close();
        this.client = undefined;
        if (this.exitCode === null && this.exitSignal === null && this.child.pid !== undefined) {
            signalGroup(this.child.pid, "SIGINT");
            const killed = await Promise.race([this.exited.then(() => false), delay(graceMs).then(() => true)]);
            if (killed) {
                signalGroup(this.child.pid, "SIGKILL");
                await Promise.race([this.exited, delay(1_000)]);
            }
        }
        await new Promise<void>((done) => this.engineServer.tryShutdown(() => done()));
    }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        // detached: true made the pack the leader of its own process group.
        process.kill(-pid, signal);
    } catch {
        // Already gone.
    }
}

function delay(ms: number): Promise<void> {
    return new Promise((done) => setTimeout(done, ms).unref());
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
    let buffer = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
        buffer += chunk;
        let index = buffer.indexOf("\n");
        while (index >= 0) {
            onLine(buffer.slice(0, index).replace(/\r$/, ""));
            buffer = buffer.slice(index + 1);
            index = buffer.indexOf("\n");
        }
    });
    stream.on("end", () => {
        if (buffer.length > 0) {
            onLine(buffer);
            buffer = "";
        }
    });
}

/**
 * The engine passes its own gRPC address (host.ServerAddr) to every plugin. run-policy-pack drops it, but a
 * real, listening address keeps the launch faithful; Log calls that reach it are recorded.
 */
async function startFakeEngine(proto: ProtoModules): Promise<{ server: GrpcJs.Server; address: string; logs: string[] }> {
    const { grpc, engineGrpc } = proto;
    const server = new grpc.Server();
    const logs: string[] = [];
    server.addService(engineGrpc.EngineService, {
        log: (call: GrpcJs.ServerUnaryCall<{ getMessage(): string }, unknown>, callback: GrpcJs.sendUnaryData<unknown>) => {
            logs.push(call.request.getMessage());
            callback(null, new proto.empty.Empty());
        },
    });
    const port = await new Promise<number>((done, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : done(bound))),
    );
    return { server, address: `127.0.0.1:${port}`, logs };
}
