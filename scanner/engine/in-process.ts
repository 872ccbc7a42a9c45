// A policy pack loaded into this process, spoken to through its own gRPC handlers without the wire.
//
// The pack's entry point is required as run-policy-pack would (cwd = the pack directory); constructing its
// PolicyPack makes @pulumi/policy register its Analyzer service on a grpc-js Server and bind a port. Here the
// registration is caught (grpc-js Server.addService, public API) and nothing is bound or printed: every RPC then
// calls the SDK's own handler for it. What the pack does with a request is therefore what it does behind a port:
// the same SDK code, the same policy code. Only the bytes are skipped where nothing reads them: requests of Analyze,
// Remediate and AnalyzeStack reach the handler as objects, plain ones that answer the generated message's getters
// with the values it would carry (plain-requests.ts: no google.protobuf.Struct built only to be taken apart); every
// other request (Configure: the pack reads it where gRPC decodes it), and every response, goes through the service's
// own serializers, as on the wire. test/scanner/in-process.test.ts holds the findings equal to the pack process's
// on every test stack.
//
// One pack directory loads once per process (the SDK serves one pack per process); later loads reuse its handlers,
// and each run's Configure replaces the configuration, as the engine does with one pack process per run.

import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import { AnalyzerStub, stackSettings, type AnalyzeRequestMessage, type AnalyzerResourceMessage, type CallOptions, type StackSettings } from "./pack";
import { PlainAnalyzeRequest, PlainAnalyzeStackRequest } from "./plain-requests";
import { withoutField } from "./wire";
import { loadProto, type ProtoModules } from "./proto";

interface MethodDefinition {
    requestSerialize(request: unknown): Buffer;
    requestDeserialize(bytes: Buffer): unknown;
    responseSerialize(response: unknown): Buffer;
    responseDeserialize(bytes: Buffer): unknown;
}

type Handler = (call: { request: unknown }, callback: (error: (Error & { code?: number }) | null | undefined, response?: unknown) => void) => unknown;

interface LoadedPack {
    service: Record<string, MethodDefinition>;
    handlers: Record<string, Handler | undefined>;
    bootMs: number;
}

const loaded = new Map<string, LoadedPack>();

/** The methods whose requests are handed over as objects (large and frequent; the SDK only reads them). */
const OBJECT_REQUESTS = new Set(["analyze", "remediate", "analyzeStack"]);

function loadPack(packDir: string, proto: ProtoModules): LoadedPack {
    const cached = loaded.get(packDir);
    if (cached) {
        return cached;
    }
    const started = Date.now();
    const fromPack = createRequire(join(packDir, "package.json"));
    // The grpc-js the SDK's server uses, and the one the protocol files load (normally the same module).
    const servers = new Set<typeof GrpcJs.Server.prototype>([
        (createRequire(fromPack.resolve("@pulumi/policy"))("@grpc/grpc-js") as typeof GrpcJs).Server.prototype,
        proto.grpc.Server.prototype,
    ]);
    let registered: { service: Record<string, MethodDefinition>; handlers: Record<string, Handler> } | undefined;
    const saved = [...servers].map((prototype) => ({ prototype, addService: prototype.addService, bindAsync: prototype.bindAsync }));
    for (const { prototype, addService } of saved) {
        prototype.addService = function (this: GrpcJs.Server, service: GrpcJs.ServiceDefinition, implementation: GrpcJs.UntypedServiceImplementation) {
            if ("analyzeStack" in service) {
                registered = { service: service as unknown as Record<string, MethodDefinition>, handlers: implementation as unknown as Record<string, Handler> };
                return;
            }
            addService.call(this, service, implementation);
        };
        // The SDK prints the bound port to stdout, which is the scanner's report: bind nothing.
        prototype.bindAsync = () => undefined;
    }
    const cwd = process.cwd();
    try {
        // PolicyPack reads `${cwd}/package.json` for the pack's version.
        process.chdir(packDir);
        fromPack(resolve(packDir));
    } finally {
        process.chdir(cwd);
        for (const { prototype, addService, bindAsync } of saved) {
            prototype.addService = addService;
            prototype.bindAsync = bindAsync;
        }
    }
    if (!registered) {
        throw new Error(`the policy pack in ${packDir} constructed no PolicyPack when loaded in process`);
    }
    const pack = { ...registered, bootMs: Date.now() - started };
    loaded.set(packDir, pack);
    return pack;
}

export class InProcessPack extends AnalyzerStub {
    exitCode: number | null = null;
    exitSignal: NodeJS.Signals | null = null;
    readonly engineAddress = "in-process";

    private constructor(
        readonly packDir: string,
        readonly proto: ProtoModules,
        readonly settings: StackSettings,
        private readonly pack: LoadedPack,
        public bootMs: number,
    ) {
        super();
    }

    /** Loads the pack in `packDir` (compiled; its package.json `main`) into this process. */
    static load(options: { packDir: string; stack?: Partial<StackSettings> }): InProcessPack {
        const packDir = resolve(options.packDir);
        const proto = loadProto(packDir);
        const settings = stackSettings(options.stack);
        const first = !loaded.has(packDir);
        const pack = loadPack(packDir, proto);
        return new InProcessPack(packDir, proto, settings, pack, first ? pack.bootMs : 0);
    }

    protected call<Req, Res>(method: string, request: Req, options?: CallOptions): Promise<Res> {
        const handler = this.pack.handlers[method];
        const definition = this.pack.service[method];
        if (!handler || !definition) {
            const error = new Error(`${method} failed: 12 UNIMPLEMENTED: the pack does not implement ${method}`) as Error & { code?: number };
            error.code = this.proto.grpc.status.UNIMPLEMENTED;
            return Promise.reject(error);
        }
        const delivered = OBJECT_REQUESTS.has(method) ? request : definition.requestDeserialize(definition.requestSerialize(request));
        return new Promise((resolveCall, reject) => {
            const callback = (error: (Error & { code?: number }) | null | undefined, response?: unknown) => {
                if (error) {
                    const wrapped = new Error(`${method} failed: ${error.code ?? 2} ${error.message}`) as Error & { code?: number };
                    wrapped.code = error.code ?? this.proto.grpc.status.UNKNOWN;
                    reject(wrapped);
                    return;
                }
                try {
                    const bytes = definition.responseSerialize(response);
                    const skip = options?.skipResponseField;
                    resolveCall(definition.responseDeserialize(skip === undefined ? bytes : withoutField(bytes, skip)) as Res);
                } catch (serializeError) {
                    reject(serializeError instanceof Error ? serializeError : new Error(String(serializeError)));
                }
            };
            try {
                const result = handler({ request: delivered }, callback);
                if (result instanceof Promise) {
                    result.catch((error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
                }
            } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
            }
        });
    }

    /** Analyze and Remediate requests as plain objects with the generated message's getters: no Struct to build and take apart. */
    protected override sentAnalyzeRequest(message: AnalyzeRequestMessage): unknown {
        return new PlainAnalyzeRequest(message);
    }

    /** The AnalyzeStack request likewise (on 100,000 resources the Struct messages alone took gigabytes). */
    protected override sentAnalyzeStackRequest(resources: readonly AnalyzerResourceMessage[]): unknown {
        return new PlainAnalyzeStackRequest(resources);
    }

    /** Nothing to stop: the handlers stay loaded for the next run in this process. */
    async shutdown(): Promise<void> {}
}
