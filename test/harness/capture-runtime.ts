// Runs a Pulumi program under `pulumi.runtime.setMocks` and records every registration the way the engine
// receives it. Loaded by capture-worker.cjs in a fresh process: the Pulumi runtime keeps global state (the
// monitor, the root stack, config), and a program's modules register resources once, when first required.
//
// Capture happens at the monitor: after setMocks, the MockMonitor's registerResource/registerResourceOutputs are
// replaced, so the full RegisterResourceRequest is seen (parent, dependencies, property dependencies, provider
// reference, options), not just what `Mocks.newResource` gets. The program runs inside `runInPulumiStack`, as
// under the language host, so the root stack resource exists and is every top-level resource's parent.

import { createRequire } from "node:module";
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type * as PulumiModule from "@pulumi/pulumi";
import type * as ResourcePb from "@pulumi/pulumi/proto/resource_pb";
import type { Capture, CaptureRequest } from "./capture";
import { defaultOptions, makeUrn, ROOT_STACK_TYPE, type ResourceState } from "../../scanner/engine/model";
import { checkInputs, createResource, invoke, type ProviderContext } from "./provider";
import { isObject, type JsonObject } from "../../scanner/engine/values";

interface SourcePositionLike {
    getUri(): string;
    getLine(): number;
    getColumn(): number;
}

/**
 * The engine's form of the SDK's source position (the first frame of user code): a file inside the project
 * becomes `project:///<relative path>#line,column`, as the engine stores it in the state. The engine keeps a
 * `file://` URI for files outside the project; the capture leaves those out (here that is only the root stack,
 * registered from the SDK in the repository's node_modules), so stacks/exports do not depend on the checkout's
 * path. No position, or one without a line, is not recorded.
 */
export function engineSourcePosition(position: SourcePositionLike | undefined, projectRoot: string): string | undefined {
    if (!position || position.getLine() <= 0 || !position.getUri()) {
        return undefined;
    }
    const fragment = position.getColumn() > 0 ? `${position.getLine()},${position.getColumn()}` : `${position.getLine()}`;
    let file: string;
    try {
        file = fileURLToPath(position.getUri());
    } catch {
        return undefined;
    }
    const rel = relative(projectRoot, file);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) {
        return `project:///${rel.split(sep).map(encodeURIComponent).join("/")}#${fragment}`;
    }
    return undefined;
}

interface StructLike {
    toJavaScript(): Record<string, unknown>;
}

type Callback = (error: unknown, response?: unknown) => void;

interface MonitorLike {
    registerResource(request: ResourcePb.RegisterResourceRequest, callback: Callback): unknown;
    registerResourceOutputs(request: ResourcePb.RegisterResourceOutputsRequest, callback: Callback): unknown;
    resources: Map<string, { urn: string; id: string | null; state: unknown }>;
}

/** Go duration strings ("10m", "1h30m", "45s") to seconds, as the engine stores custom timeouts. */
export function durationSeconds(text: string): number {
    if (!text) {
        return 0;
    }
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, "µs": 0.000001, ns: 1e-9 };
    let total = 0;
    const pattern = /(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
        total += Number(match[1]) * (units[match[2]!] ?? 0);
    }
    return total;
}

function structToJson(struct: StructLike | undefined): JsonObject {
    return (struct?.toJavaScript() ?? {}) as JsonObject;
}

export async function runCapture(request: CaptureRequest): Promise<Capture> {
    const started = Date.now();
    const programDir = request.programDir;
    const fromProgram = createRequire(join(programDir, "index.ts"));
    const pulumi = fromProgram("@pulumi/pulumi") as typeof PulumiModule;
    const settings = fromProgram("@pulumi/pulumi/runtime/settings") as { getMonitor(): unknown; waitForRPCs(): Promise<void> };
    const { project, stack, organization, preview } = request;
    const context: ProviderContext = { region: request.config["aws:region"] ?? "us-east-1", preview };

    process.chdir(programDir);
    pulumi.runtime.setAllConfig(request.config, request.secretKeys);
    await pulumi.runtime.setMocks(
        {
            // Only reads (`Resource.get`) reach this; registrations are handled at the monitor below.
            newResource: (args) => ({ id: args.id ?? `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
            call: (args) => invoke(args.token, args.inputs as JsonObject, context),
        },
        project,
        stack,
        preview,
        organization,
    );
    const monitor = settings.getMonitor() as MonitorLike;

    const resources: ResourceState[] = [];
    const byUrn = new Map<string, ResourceState>();
    const defaultProviders = new Map<string, ResourceState>();

    /** The engine creates one default provider per package and version, the first time it is needed. */
    const defaultProviderRef = (pkg: string, version: string): string => {
        const key = `${pkg}@${version}`;
        let provider = defaultProviders.get(key);
        if (!provider) {
            const type = `pulumi:providers:${pkg}`;
            const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
            const inputs: JsonObject = {};
            for (const [configKey, value] of Object.entries(request.config)) {
                if (configKey.startsWith(`${pkg}:`)) {
                    inputs[configKey.slice(pkg.length + 1)] = value;
                }
            }
            if (version) {
                inputs.version = version;
            }
            const created = createResource(type, name, inputs, context);
            provider = {
                urn: makeUrn(stack, project, "", type, name),
                type,
                name,
                custom: true,
                id: created.id,
                parent: "",
                provider: "",
                dependencies: [],
                propertyDependencies: {},
                inputs,
                outputs: created.outputs,
                options: defaultOptions(),
                synthetic: "default-provider",
            };
            defaultProviders.set(key, provider);
            resources.push(provider);
            byUrn.set(provider.urn, provider);
        }
        return `${provider.urn}::${provider.id || "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}`;
    };

    monitor.registerResource = (req: ResourcePb.RegisterResourceRequest, callback: Callback) => {
        try {
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent();
            const custom = req.getCustom();
            const urn = makeUrn(stack, project, parent, type, name);
            const programInputs = structToJson(req.getObject() as StructLike | undefined);
            const isProvider = type.startsWith("pulumi:providers:");
            const inputs = custom && !isProvider ? checkInputs(type, name, programInputs) : programInputs;

            let provider = req.getProvider();
            if (custom && !isProvider && !provider) {
                provider = defaultProviderRef(type.split(":")[0] ?? "", req.getVersion());
            }
            let id = "";
            let outputs: JsonObject = {};
            if (custom) {
                const created = createResource(type, name, inputs, context);
                id = created.id;
                outputs = created.outputs;
            }

            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = deps.getUrnsList();
            });
            const timeouts = req.getCustomtimeouts();
            const aliases = [
                ...req.getAliasurnsList(),
                ...req
                    .getAliasesList()
                    .map((alias) => {
                        const spec = alias.getSpec();
                        if (alias.getUrn() || !spec) {
                            return alias.getUrn();
                        }
                        const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
                        return makeUrn(spec.getStack() || stack, spec.getProject() || project, aliasParent, spec.getType() || type, spec.getName() || name);
                    })
                    .filter((alias) => alias !== ""),
            ];
            const state: ResourceState = {
                urn,
                type,
                name,
                custom,
                id,
                parent,
                provider,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                inputs,
                outputs,
                options: {
                    protect: req.getProtect() ?? false,
                    ignoreChanges: req.getIgnorechangesList(),
                    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                    aliases,
                    customTimeouts: {
                        create: durationSeconds(timeouts?.getCreate() ?? ""),
                        update: durationSeconds(timeouts?.getUpdate() ?? ""),
                        delete: durationSeconds(timeouts?.getDelete() ?? ""),
                        read: durationSeconds(timeouts?.getRead() ?? ""),
                    },
                },
            };
            const position = engineSourcePosition(req.getSourceposition(), programDir);
            if (position) {
                state.sourcePosition = position;
            }
            if (byUrn.has(urn)) {
                throw new Error(`duplicate resource URN ${urn}`);
            }
            resources.push(state);
            byUrn.set(urn, state);
            monitor.resources.set(urn, { urn, id: id || null, state: outputs });
            // The SDK only calls these accessors on the response (runtime/resource.js registerResource).
            callback(null, {
                getUrn: () => urn,
                getId: () => id,
                getObject: (): StructLike => ({ toJavaScript: () => outputs as Record<string, unknown> }),
                getPropertydependenciesMap: () => undefined,
                getResult: () => 0,
            });
        } catch (error) {
            callback(error);
        }
    };

    monitor.registerResourceOutputs = (req: ResourcePb.RegisterResourceOutputsRequest, callback: Callback) => {
        const state = byUrn.get(req.getUrn());
        if (!state) {
            callback(new Error(`unknown resource ${req.getUrn()}`));
            return;
        }
        state.outputs = structToJson(req.getOutputs() as StructLike | undefined);
        callback(null, {});
    };

    const stackOutputs = await pulumi.runtime.runInPulumiStack(async () => {
        // As the language host does (cmd/run/run.js): require the program directory, then, if it exported a
        // function (or a default export), call it and use its result as the stack outputs.
        let exported: unknown = fromProgram(programDir.endsWith("/") ? programDir : `${programDir}/`);
        if (isObject(exported) && Object.getOwnPropertyDescriptor(exported, "default") !== undefined) {
            exported = (exported as { default: unknown }).default;
        }
        if (typeof exported === "function") {
            exported = await (exported as () => unknown)();
        }
        return exported;
    });
    await settings.waitForRPCs();

    const root = resources.find((r) => r.type === ROOT_STACK_TYPE);
    return {
        programDir,
        organization,
        project,
        stack,
        preview,
        config: request.config,
        resources,
        stackOutputs: root?.outputs ?? ((stackOutputs ?? {}) as JsonObject),
        durationMs: Date.now() - started,
    };
}
