// Runs one policy the way the SDK's Analyze handler does (server.js makeAnalyzeRpcFun): properties wrapped in
// the SDK's own unknown-checking proxy, getConfig, notApplicable, and UnknownValueError turned into the
// "can't run during preview" advisory. End-to-end runs over gRPC live in the harness tests.

import { UnknownValueError, unknownCheckingProxy, type ResourceValidationArgs, type StackValidationArgs } from "@pulumi/policy";
import type { AnyPolicyDefinition } from "../../policies/lib/core/policy";
import { toResourcePolicy, toStackPolicy } from "../../policies/lib/core/sdk";
import { clearStackSnapshotCache } from "../../policies/lib/core/stack-snapshot";
import { UNKNOWN_SENTINEL } from "../../policies/lib/readers/values";

/**
 * The unknown sentinel the engine sends for every computed value during preview, as tests write it into raw inputs:
 * the wire string (policies/lib/readers/values.ts UNKNOWN_SENTINEL), not the `UNKNOWN` symbol checks see.
 */
export const UNKNOWN: string = UNKNOWN_SENTINEL;

export interface Diagnostic {
    level: "advisory" | "mandatory" | "disabled";
    /** The property the finding names (from "[property] ..."), or "" for SDK messages. */
    property: string;
    message: string;
    urn?: string;
}

export interface Evaluation {
    diagnostics: Diagnostic[];
    /** Diagnostics at the policy's own level (violations that block at mandatory). */
    violations: Diagnostic[];
    /** Undecided findings reported as advisory in the policy's words. */
    undecided: Diagnostic[];
    /** True when the SDK would have replaced the policy with "can't run during preview". */
    cantRun: boolean;
    notApplicable?: string;
}

class NotApplicable extends Error {}

function parse(message: string, level: Diagnostic["level"], urn?: string): Diagnostic {
    const body = message.includes("\n") ? message.slice(message.indexOf("\n") + 1) : message;
    // The property runs from "[" to the first "] " (paths such as parameters[1].value contain brackets).
    const match = /\[(.*?)\] /.exec(body);
    return { level, property: match?.[1] ?? "", message: body, urn };
}

function collector(policyLevel: Diagnostic["level"], into: Diagnostic[]) {
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const d = message as { message: string; enforcementLevel?: Diagnostic["level"]; urn?: string };
            into.push(parse(d.message, d.enforcementLevel ?? policyLevel, d.urn));
        } else {
            into.push(parse(String(message), policyLevel, urn));
        }
    };
}

function summarize(policy: AnyPolicyDefinition, diagnostics: Diagnostic[], cantRun: boolean, notApplicable?: string): Evaluation {
    const undecided = diagnostics.filter((d) => d.message.startsWith("Cannot verify yet: "));
    const violations = diagnostics.filter((d) => !undecided.includes(d));
    return { diagnostics, violations, undecided, cantRun, notApplicable };
}

export interface ResourceInput {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    config?: Record<string, unknown>;
}

export function evaluateResource(policy: AnyPolicyDefinition, input: ResourceInput): Evaluation {
    if (policy.kind !== "resource") {
        throw new Error(`${policy.name} is a stack policy`);
    }
    const sdkPolicy = toResourcePolicy(policy);
    const validate = sdkPolicy.validateResource;
    if (typeof validate !== "function") {
        throw new Error("expected a single validation function");
    }
    const diagnostics: Diagnostic[] = [];
    const name = input.name ?? "res";
    const urn = `urn:pulumi:test::project::${input.type}::${name}`;
    const args = {
        type: input.type,
        props: unknownCheckingProxy(structuredClone(input.props)),
        urn,
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: () => input.config ?? {},
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    } as unknown as ResourceValidationArgs;
    try {
        validate(args, collector(policy.enforcementLevel, diagnostics));
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return summarize(policy, diagnostics, true);
        }
        if (error instanceof NotApplicable) {
            return summarize(policy, diagnostics, false, error.message);
        }
        throw error;
    }
    return summarize(policy, diagnostics, false);
}

export interface StackInputResource {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** input property -> names of the resources (in the same stack) it was computed from */
    propertyDependencies?: Record<string, string[]>;
    dependencies?: string[];
    parent?: string;
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::project::${type}::${name}`;
}

export function evaluateStack(policy: AnyPolicyDefinition, resources: StackInputResource[], config?: Record<string, unknown>): Evaluation {
    if (policy.kind !== "stack") {
        throw new Error(`${policy.name} is a resource policy`);
    }
    // Tests run many stacks within one turn of the event loop; the SDK never does for different requests.
    clearStackSnapshotCache();
    const byName = new Map<string, { urn: string }>();
    const policyResources = resources.map((r) => {
        const resource = {
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: unknownCheckingProxy(structuredClone(r.props)),
            opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
            dependencies: [] as unknown[],
            propertyDependencies: {} as Record<string, unknown[]>,
            parent: undefined as unknown,
            isType: () => false,
            asType: () => undefined,
        };
        byName.set(r.name, resource);
        return resource;
    });
    resources.forEach((r, i) => {
        const resource = policyResources[i]!;
        resource.dependencies = (r.dependencies ?? []).map((n) => byName.get(n)).filter(Boolean);
        resource.parent = r.parent ? byName.get(r.parent) : undefined;
        for (const [key, names] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = names.map((n) => byName.get(n)).filter(Boolean);
        }
    });
    const diagnostics: Diagnostic[] = [];
    const args = {
        resources: policyResources,
        getConfig: () => config ?? {},
        stackTags: new Map<string, string>(),
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    } as unknown as StackValidationArgs;
    try {
        toStackPolicy(policy).validateStack(args, collector(policy.enforcementLevel, diagnostics));
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return summarize(policy, diagnostics, true);
        }
        if (error instanceof NotApplicable) {
            return summarize(policy, diagnostics, false, error.message);
        }
        throw error;
    }
    return summarize(policy, diagnostics, false);
}

/** The properties named by a policy's violations (not undecided), sorted: what tests compare. */
export function violatedProperties(evaluation: Evaluation): string[] {
    return evaluation.violations.map((d) => d.property).sort();
}
