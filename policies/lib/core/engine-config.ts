// The policy configuration the engine sent in its last Configure call, as the SDK itself reads it.
//
// Why this exists: @pulumi/policy 1.21 rebuilds the whole stack (protobuf Struct -> JS objects -> proxies, plus
// options, providers and dependencies) before it calls each stack policy: about 0.3 ms per resource per policy,
// 8 s for 26 stack policies on a 10,000-resource stack (BENCHMARKS.md). The pack therefore runs all its stack
// policies inside one SDK stack policy (lib/core/one-pass.ts stackPoliciesInOnePass), which needs what the SDK keeps private: every policy's enforcement
// level and properties (server.js `policyPackConfig`; a policy can read only its own properties, never its level).
// This module keeps what the engine configured; reading the Configure request where gRPC decodes it is
// sdk-internals.ts. When the SDK's service definition does not have the expected shape (another SDK version), or
// AWS_KEY_MATERIAL_GUARD_STACK_POLICIES=per-policy is set, `observeEngineConfiguration` returns false and the pack
// registers its stack policies one by one (slower on large stacks, same findings).

import { observeConfigureRequests, readConfigureRequest, type ConfigureRequestLike, type PolicyConfigEntry } from "./sdk-internals";

export type { ConfigureRequestLike, PolicyConfigEntry } from "./sdk-internals";

/** What the engine configured: undefined until the first Configure call (the SDK then uses the policies' defaults). */
let configured: ReadonlyMap<string, PolicyConfigEntry> | undefined;
const listeners: (() => void)[] = [];

/** Calls `listener` after every configuration change, before the SDK handles the Configure request. */
export function onConfiguration(listener: () => void): void {
    listeners.push(listener);
}

/**
 * Records a Configure request as the SDK will read it. Throws, keeping the previous configuration, on a request the
 * SDK would reject (the SDK keeps its previous configuration too).
 */
export function recordConfiguration(request: ConfigureRequestLike): void {
    configured = readConfigureRequest(request);
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

/** The environment variable that turns the one-pass stack runner off (`per-policy`), e.g. to rule it out. */
export const STACK_POLICIES_ENV = "AWS_KEY_MATERIAL_GUARD_STACK_POLICIES";

/**
 * Starts recording every Configure request the SDK's gRPC server will receive. Must run before the PolicyPack is
 * constructed. Returns false, changing nothing, when the SDK's service cannot be observed or the one-pass runner is
 * turned off (`AWS_KEY_MATERIAL_GUARD_STACK_POLICIES=per-policy`).
 */
export function observeEngineConfiguration(): boolean {
    if (process.env[STACK_POLICIES_ENV]?.trim().toLowerCase() === "per-policy") {
        return false;
    }
    return observeConfigureRequests(recordConfiguration);
}
