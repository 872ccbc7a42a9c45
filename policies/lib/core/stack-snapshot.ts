// One proxy-free copy of the stack per AnalyzeStack call, shared by every stack policy.

import type { StackValidationArgs } from "@pulumi/policy";
import type { StackResource } from "../aws/graph";
import { translateStack } from "../aws/native";
import { snapshot } from "../readers/values";
import { takeStackRequest, type RequestResource } from "./stack-request";

let stackCache: { signature: string; resources: readonly StackResource[] } | undefined;

/** Forgets the per-call stack copy (for callers that run several stacks within one turn of the event loop). */
export function clearStackSnapshotCache(): void {
    stackCache = undefined;
}

/** The copies of the requests read from their bytes (stack-request.ts), each for as long as its request lives. */
const fromRequest = new WeakMap<readonly RequestResource[], readonly StackResource[]>();

/**
 * The stack as `stackSnapshot` copies it from the SDK's resources, made from the request read from its bytes: the
 * SDK links a parent and dependencies only when they are resources of the stack (server.js makeAnalyzeStackRpcFun).
 */
function requestSnapshot(request: readonly RequestResource[]): StackResource[] {
    const urns = new Set(request.map((r) => r.urn));
    return request.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.props,
        parentUrn: r.parent && urns.has(r.parent) ? r.parent : undefined,
        dependencies: r.dependencies.filter((d) => urns.has(d)),
        propertyDependencies: Object.fromEntries(r.propertyDependencies.map(([key, deps]) => [key, deps.filter((d) => urns.has(d))])),
    }));
}

/**
 * The proxy-free copy of a stack, made once per AnalyzeStack call. The SDK hands every stack policy its own
 * proxies over the same request, and runs them one after another in one macrotask; the copy is reused while
 * the URN list is the same and dropped on the next turn of the event loop, so no other call can see it.
 * A request read from its bytes (stack-request.ts) reaches the policies as a placeholder: the copy is then made
 * from what was read, once per request.
 */
export function stackSnapshot(sdkResources: StackValidationArgs["resources"]): readonly StackResource[] {
    const request = takeStackRequest(sdkResources);
    if (request) {
        let resources = fromRequest.get(request);
        if (!resources) {
            resources = translateStack(requestSnapshot(request));
            fromRequest.set(request, resources);
        }
        return resources;
    }
    const signature = `${sdkResources.length}\n${sdkResources.map((r) => r.urn).join("\n")}`;
    if (stackCache?.signature === signature) {
        return stackCache.resources;
    }
    // aws-native resources as their @pulumi/aws equivalents, so the stack policies read one shape (lib/aws/native.ts).
    const resources: StackResource[] = translateStack(sdkResources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: snapshot(r.props),
        parentUrn: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)])),
    })));
    stackCache = { signature, resources };
    setImmediate(() => {
        stackCache = undefined;
    });
    return resources;
}
