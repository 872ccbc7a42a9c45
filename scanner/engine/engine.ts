// The engine's side of a `pulumi preview/up --policy-pack DIR`, over the real Analyzer protocol.
//
// Boot (pkg/resource/plugin/analyzer_plugin.go NewPolicyAnalyzer, pkg/engine/update.go loadPolicyPlugins):
// Handshake, ConfigureStack, GetPluginInfo, GetAnalyzerInfo. Per deployment: Configure with the reconciled
// config; for every registered resource Remediate then Analyze (pkg/resource/deploy/step_generator.go: remediated
// properties replace the inputs from then on); at the end AnalyzeStack over the outputs with parent, dependencies
// and property dependencies. Close: Cancel, then SIGINT/SIGKILL.

import { reconcilePolicyConfig, type EnforcementLevel, type PolicyConfigEntry, type UserPolicyConfig } from "./config";
import type { Deployment, ResourceState } from "./model";
import { stackUrn } from "./model";
import { InProcessPack } from "./in-process";
import {
    AnalyzerStub,
    PolicyPackProcess,
    type AnalyzeRequestMessage,
    type AnalyzerInfo,
    type AnalyzerResourceMessage,
    type NotApplicable,
    type ProviderMessage,
    type Severity,
    type StartPackOptions,
    type WireDiagnostic,
} from "./pack";
import { encodeForAnalyzer, isObject, type JsonObject, type JsonValue, urnName, UNKNOWN_SENTINEL } from "./values";

export interface Diagnostic {
    policyName: string;
    /** After the engine's mapping: `remediate` is reported as `mandatory`. */
    enforcementLevel: Exclude<EnforcementLevel, "remediate">;
    /** From the diagnostic, else from the policy's info (as the engine fills it in). */
    severity: Severity;
    message: string;
    description: string;
    policyPackName: string;
    policyPackVersion: string;
    /** The resource the diagnostic is attached to (stack policies: the reported URN, else the root stack). */
    urn: string;
    resourceName: string;
    /** Which call produced it. */
    source: "analyze" | "analyzeStack" | "remediate";
}

export interface Remediation {
    policyName: string;
    description: string;
    /** The properties that replaced the inputs (SDK/wire encoding, secrets keep their signature). */
    properties?: JsonObject;
    diagnostic: string;
}

export interface ResourceResult {
    urn: string;
    type: string;
    name: string;
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
    remediations: Remediation[];
    /** The properties Analyze received (after remediation), wire-encoded (empty with keepAnalyzedProperties false). */
    analyzedProperties: JsonObject;
}

export interface RunResult {
    preview: boolean;
    /** What the pack reported in GetAnalyzerInfo (cached at boot, as the engine caches it). */
    analyzer: AnalyzerInfo;
    config: Record<string, PolicyConfigEntry>;
    resources: ResourceResult[];
    stack: { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] };
    /** Every diagnostic of the run: Remediate diagnostics, Analyze, AnalyzeStack. */
    diagnostics: Diagnostic[];
    mandatory: Diagnostic[];
    advisory: Diagnostic[];
    /** The engine fails the run when any diagnostic is mandatory (`pulumi preview` at the end, `pulumi up` at once). */
    blocked: boolean;
    /**
     * During an update the engine stops at the first resource with a mandatory violation and never calls
     * AnalyzeStack; the harness analyzes everything so a test sees every violation. This names that resource.
     */
    updateWouldStopAt?: string;
    timings: { configureMs: number; resourcesMs: number; analyzeStackMs: number; totalMs: number };
}

export interface RunOptions {
    /** What a user passes with `--policy-pack-config` (a level per policy, `all`, or properties). */
    config?: UserPolicyConfig;
    /** Called after each resource's Analyze, e.g. to show progress. */
    onProgress?: (done: number, total: number) => void;
    /** Called when AnalyzeStack is sent and when it has been answered (seconds on a large stack). */
    onStackAnalysis?: (state: "started" | "finished", resources: number) => void;
    /** How many resources are remediated and analyzed at once (default 1, strictly in order). */
    concurrency?: number;
    /**
     * Skip the Remediate calls when the configuration sets no policy to `remediate` (the SDK runs only policies at
     * that level in Remediate, so every answer would be empty). The engine always calls it; the scanner, which never
     * remediates, does not need to.
     */
    skipEmptyRemediate?: boolean;
    /** Keep a copy of what each Analyze received in the results (default true; a large scan does not need it). */
    keepAnalyzedProperties?: boolean;
    /**
     * Decode the not-applicable lists of Analyze and AnalyzeStack (default true). A caller that reads only the
     * diagnostics (the scanner) turns it off: `notApplicable` is then empty in the results, and the diagnostics are
     * the same (pack.ts ResponseReading).
     */
    readNotApplicable?: boolean;
}

export interface EngineOptions extends StartPackOptions {
    /** The root and program directories sent in Handshake. */
    rootDirectory?: string;
    programDirectory?: string;
}

export class PolicyEngine<Pack extends AnalyzerStub = PolicyPackProcess> {
    private constructor(
        readonly pack: Pack,
        readonly info: AnalyzerInfo,
        readonly pluginInfo: { version: string },
        /** Which optional RPCs the pack implements (Node packs: none of them). */
        readonly implemented: { handshake: boolean; configureStack: boolean },
    ) {}

    /** Starts the pack and performs the engine's boot sequence. */
    static async boot(options: EngineOptions): Promise<PolicyEngine> {
        return PolicyEngine.handshake(await PolicyPackProcess.start(options), options);
    }

    /**
     * Loads the pack into this process and performs the same boot sequence against its own gRPC handlers (no
     * process, no wire: in-process.ts). `env` is not applied: the pack reads this process's environment.
     */
    static async bootInProcess(options: EngineOptions): Promise<PolicyEngine<InProcessPack>> {
        return PolicyEngine.handshake(InProcessPack.load(options), options);
    }

    private static async handshake<P extends AnalyzerStub>(pack: P, options: EngineOptions): Promise<PolicyEngine<P>> {
        try {
            const handshake = await pack.handshake(options.rootDirectory ?? pack.packDir, options.programDirectory ?? pack.packDir);
            const configureStack = await pack.configureStack();
            const pluginInfo = await pack.getPluginInfo();
            const info = await pack.getAnalyzerInfo();
            return new PolicyEngine<P>(pack, info, pluginInfo, { handshake, configureStack });
        } catch (error) {
            await pack.shutdown();
            throw error;
        }
    }

    /** The config the engine would send for `userConfig` (throws PolicyConfigError when the engine would refuse it). */
    reconcile(userConfig?: UserPolicyConfig): Record<string, PolicyConfigEntry> {
        return reconcilePolicyConfig(
            this.info.policies.map((p) => ({ name: p.name, enforcementLevel: p.enforcementLevel, configSchema: p.configSchema })),
            this.info.initialConfig,
            userConfig,
        );
    }

    private severityOf(policyName: string): Severity {
        return this.info.policies.find((p) => p.name === policyName)?.severity ?? "";
    }

    private toDiagnostic(d: WireDiagnostic, urn: string, source: Diagnostic["source"]): Diagnostic {
        return {
            policyName: d.policyName,
            enforcementLevel: d.enforcementLevel === "remediate" ? "mandatory" : d.enforcementLevel,
            severity: d.severity || this.severityOf(d.policyName),
            message: d.message,
            description: d.description,
            policyPackName: d.policyPackName,
            policyPackVersion: d.policyPackVersion,
            urn,
            resourceName: urnName(urn),
            source,
        };
    }

    /**
     * Runs one deployment (a preview or an update) through the pack. The pack process may serve several runs
     * (the CLI starts one per run); Configure replaces the pack's whole config each time, and the process keeps
     * the dry-run flag it was started with (which the policy SDK does not read).
     */
    async run(deployment: Deployment, options: RunOptions = {}): Promise<RunResult> {
        const started = Date.now();
        const config = this.reconcile(options.config);
        await this.pack.configure(config);
        const reading = { notApplicable: options.readNotApplicable !== false };
        const remediates = !options.skipEmptyRemediate || Object.values(config).some((entry) => entry.enforcementLevel === "remediate");
        const configured = Date.now();

        // Inputs as they evolve through remediation, by URN (providers' inputs are read from here too).
        const inputs = new Map<string, JsonObject>(deployment.resources.map((r) => [r.urn, r.inputs]));
        const byUrn = new Map(deployment.resources.map((r) => [r.urn, r]));
        const providerOf = (resource: ResourceState): ProviderMessage | undefined => {
            if (!resource.provider) {
                return undefined;
            }
            const providerUrn = resource.provider.slice(0, resource.provider.lastIndexOf("::"));
            const provider = byUrn.get(providerUrn);
            if (!provider) {
                throw new Error(`${resource.urn}: provider ${providerUrn} was never registered`);
            }
            return {
                type: provider.type,
                urn: provider.urn,
                name: provider.name,
                properties: encodeForAnalyzer(inputs.get(provider.urn) ?? provider.inputs, { skipInternalKeys: true }),
            };
        };
        const request = (resource: ResourceState, properties: JsonObject, skipInternalKeys: boolean): AnalyzeRequestMessage => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            properties: encodeForAnalyzer(properties, { skipInternalKeys }),
            options: { ...resource.options, parent: resource.parent },
            provider: providerOf(resource),
        });

        const total = deployment.resources.length;
        const results: ResourceResult[] = new Array<ResourceResult>(total);
        let completed = 0;
        // Remediate then Analyze one resource. A resource waits for its provider's own remediation (whose
        // inputs it carries), as the engine's step order guarantees.
        const settled = new Map<string, Promise<unknown>>();
        const analyzeOne = async (resource: ResourceState, index: number): Promise<void> => {
            if (resource.provider) {
                await settled.get(resource.provider.slice(0, resource.provider.lastIndexOf("::")));
            }
            const remediated = remediates ? await this.pack.remediate(request(resource, inputs.get(resource.urn)!, false)) : { remediations: [], notApplicable: [] };
            const diagnostics: Diagnostic[] = [];
            const remediations: Remediation[] = [];
            for (const r of remediated.remediations) {
                remediations.push({ policyName: r.policyName, description: r.description, properties: r.properties, diagnostic: r.diagnostic });
                if (r.diagnostic) {
                    // The engine reports a remediation that could not run as an advisory violation.
                    diagnostics.push({
                        policyName: r.policyName,
                        enforcementLevel: "advisory",
                        severity: this.severityOf(r.policyName),
                        message: r.diagnostic,
                        description: r.description,
                        policyPackName: r.policyPackName,
                        policyPackVersion: r.policyPackVersion,
                        urn: resource.urn,
                        resourceName: resource.name,
                        source: "remediate",
                    });
                } else if (r.properties) {
                    inputs.set(resource.urn, r.properties);
                }
            }
            const analyzedProperties = inputs.get(resource.urn)!;
            const analyzed = await this.pack.analyze(request(resource, analyzedProperties, true), reading);
            diagnostics.push(...analyzed.diagnostics.map((d) => this.toDiagnostic(d, resource.urn, "analyze")));
            results[index] = {
                urn: resource.urn,
                type: resource.type,
                name: resource.name,
                diagnostics,
                notApplicable: [...remediated.notApplicable, ...analyzed.notApplicable],
                remediations,
                analyzedProperties: options.keepAnalyzedProperties === false ? {} : encodeForAnalyzer(analyzedProperties, { skipInternalKeys: true }),
            };
            completed++;
            options.onProgress?.(completed, total);
        };
        // Sequential by default (one call at a time, like a test wants it); a scanner may keep several in flight.
        let next = 0;
        const worker = async (): Promise<void> => {
            while (next < total) {
                const index = next++;
                const resource = deployment.resources[index]!;
                const running = analyzeOne(resource, index);
                settled.set(resource.urn, running.catch(() => undefined));
                await running;
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, total)) }, worker));
        let updateWouldStopAt: string | undefined;
        if (!deployment.preview) {
            updateWouldStopAt = results.find((r) => r.diagnostics.some((d) => d.enforcementLevel === "mandatory"))?.urn;
        }
        const resourcesDone = Date.now();

        // Every remediation is done: each provider's message is the same for all of its resources.
        const providers = new Map<string, ProviderMessage | undefined>();
        const stackProviderOf = (resource: ResourceState): ProviderMessage | undefined => {
            if (!providers.has(resource.provider)) {
                providers.set(resource.provider, providerOf(resource));
            }
            return providers.get(resource.provider);
        };
        const stackResources: AnalyzerResourceMessage[] = deployment.resources.map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            // Encoded when read (once over the wire, as the handler reads it in process): 100,000 resources' encoded
            // outputs are not all held at once beside the pack's own copy.
            get properties(): JsonObject {
                return encodeForAnalyzer(remediatedOutputs(resource, inputs.get(resource.urn)!), { skipInternalKeys: true });
            },
            options: { ...resource.options, parent: resource.parent },
            provider: stackProviderOf(resource),
            parent: resource.parent,
            dependencies: resource.dependencies,
            propertyDependencies: resource.propertyDependencies,
        }));
        options.onStackAnalysis?.("started", stackResources.length);
        const analyzedStack = await this.pack.analyzeStack(stackResources, reading);
        options.onStackAnalysis?.("finished", stackResources.length);
        const rootUrn = stackUrn(deployment.stack, deployment.project);
        const known = new Set(deployment.resources.map((r) => r.urn));
        const stackDiagnostics = analyzedStack.diagnostics.map((d) =>
            // pkg/resource/deploy/step_generator.go resolveStackPolicyViolationURN: unknown URNs go to the root stack.
            this.toDiagnostic(d, d.urn && known.has(d.urn) ? d.urn : rootUrn, "analyzeStack"),
        );
        const finished = Date.now();

        const diagnostics = [...results.flatMap((r) => r.diagnostics), ...stackDiagnostics];
        const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        return {
            preview: deployment.preview,
            analyzer: this.info,
            config,
            resources: results,
            stack: { diagnostics: stackDiagnostics, notApplicable: analyzedStack.notApplicable },
            diagnostics,
            mandatory,
            advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory"),
            blocked: mandatory.length > 0,
            updateWouldStopAt,
            timings: {
                configureMs: configured - started,
                resourcesMs: resourcesDone - configured,
                analyzeStackMs: finished - resourcesDone,
                totalMs: finished - started,
            },
        };
    }

    /** Cancel (tolerating UNIMPLEMENTED) and shut the pack down. */
    async close(): Promise<void> {
        try {
            // A pack that already died has nothing to cancel (the call would only fail to connect).
            if (this.pack.exitCode === null && this.pack.exitSignal === null) {
                await this.pack.cancel();
            }
        } finally {
            await this.pack.shutdown();
        }
    }
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The outputs after remediation. The engine sends remediated inputs to the provider, so its outputs carry them;
 * captured outputs come from the original inputs, so the changed keys are carried over. Keys that are still
 * being computed stay unknown.
 */
function remediatedOutputs(resource: ResourceState, finalInputs: JsonObject): JsonObject {
    if (finalInputs === resource.inputs || !isObject(resource.outputs)) {
        return resource.outputs;
    }
    const outputs: JsonObject = { ...resource.outputs };
    for (const key of new Set([...Object.keys(resource.inputs), ...Object.keys(finalInputs)])) {
        if (sameValue(resource.inputs[key], finalInputs[key])) {
            continue;
        }
        if (key in finalInputs) {
            outputs[key] = finalInputs[key] ?? UNKNOWN_SENTINEL;
        } else {
            delete outputs[key];
        }
    }
    return outputs;
}
