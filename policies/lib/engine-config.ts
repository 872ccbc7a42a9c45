// The policy configuration the engine sent in its last Configure call, as the SDK itself reads it.
//
// Why this exists: @pulumi/policy 1.21 rebuilds the whole stack (protobuf Struct -> JS objects -> proxies, plus
// options, providers and dependencies) before it calls each stack policy: about 0.3 ms per resource per policy,
// 8 s for 26 stack policies on a 10,000-resource stack (BENCHMARKS.md). The pack therefore runs all its stack
// policies inside one SDK stack policy (lib/policy.ts stackPoliciesInOnePass), which needs what the SDK keeps private: every policy's enforcement
// level and properties (server.js `policyPackConfig`; a policy can read only its own properties, never its level).
// This module reads the same Configure request as the SDK does, at the point where gRPC decodes it, and gives the
// request to the SDK unchanged. When the SDK's service definition does not have the expected shape (another SDK
// version), `observeEngineConfiguration` returns false and the pack registers its stack policies one by one.

import { createRequire } from "node:module";
import type { EnforcementLevel } from "@pulumi/policy";

export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    /** The policy's properties as `args.getConfig()` would return them (engine-filled defaults included). */
    properties: Record<string, unknown>;
}

/** What the engine configured: undefined until the first Configure call (the SDK then uses the policies' defaults). */
let configured: ReadonlyMap<string, PolicyConfigEntry> | undefined;
const listeners: (() => void)[] = [];

/** Calls `listener` after every configuration change, before the SDK handles the Configure request. */
export function onConfiguration(listener: () => void): void {
    listeners.push(listener);
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
 * Reads a Configure request the way the SDK's `configure` handler does (server.js), without touching it. Throws,
 * keeping the previous configuration, on a request the SDK would reject.
 */
export function recordConfiguration(request: ConfigureRequestLike): void {
    const entries = new Map<string, PolicyConfigEntry>();
    for (const [name, value] of request.getPolicyconfigMap().entries()) {
        const level = LEVELS[value.getEnforcementlevel()];
        const props = value.getProperties()?.toJavaScript();
        if (!level || !props) {
            // The SDK rejects such a request and keeps its previous configuration; so does this module.
            throw new Error(`unreadable configuration for policy ${name}`);
        }
        const { enforcementLevel: _ignored, ...properties } = props;
        entries.set(name, { enforcementLevel: level, properties });
    }
    configured = entries;
    listeners.forEach((listener) => listener());
}

/** Forgets the recorded configuration (tests). */
export function resetConfiguration(): void {
    configured = undefined;
    listeners.forEach((listener) => listener());
}

/** Everything the engine configured, including names that are no policy of the pack; undefined before Configure. */
export function configuredPolicies(): ReadonlyMap<string, PolicyConfigEntry> | undefined {
    return configured;
}

/** The engine's configuration of one policy, or undefined when none was sent for it. */
export function configuredPolicy(name: string): PolicyConfigEntry | undefined {
    return configured?.get(name);
}

interface MethodDefinition {
    requestDeserialize?: (bytes: Buffer) => unknown;
}

const OBSERVED = Symbol.for("aws-key-material-guard.observes-configure");

/**
 * Starts reading every Configure request the SDK's gRPC server will receive. Must run before the PolicyPack is
 * constructed (grpc-js takes the decoder when the SDK registers its service). Returns false, changing nothing,
 * when the SDK's service definition cannot be found in the expected shape.
 */
export function observeEngineConfiguration(): boolean {
    let method: (MethodDefinition & { [OBSERVED]?: true }) | undefined;
    try {
        // The very module instance the SDK's server registers (resolved from @pulumi/policy, not from this file).
        const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
        const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService?: { configure?: MethodDefinition } };
        method = service.AnalyzerService?.configure;
    } catch {
        return false;
    }
    if (!method || typeof method.requestDeserialize !== "function") {
        return false;
    }
    if (method[OBSERVED]) {
        return true;
    }
    const decode = method.requestDeserialize;
    method.requestDeserialize = (bytes: Buffer) => {
        const request = decode(bytes);
        try {
            recordConfiguration(request as ConfigureRequestLike);
        } catch {
            // A request the SDK cannot read either: it answers the engine with the error and keeps its configuration.
        }
        return request;
    };
    method[OBSERVED] = true;
    return true;
}
