// One proxy-free copy of the stack per AnalyzeStack call, shared by every stack policy.

import type { StackValidationArgs } from "@pulumi/policy";
import type { StackResource } from "../aws/graph";
import { translateStack } from "../aws/native";
import { snapshot } from "../readers/values";

let stackCache: { signature: string; resources: readonly StackResource[] } | undefined;

/**
 * The proxy-free copy of a stack, made once per AnalyzeStack call. The SDK hands every stack policy its own
 * proxies over the same request, and runs them one after another in one macrotask; the copy is reused while
 * the URN list is the same and dropped on the next turn of the event loop, so no other call can see it.
 */
/** Forgets the per-call stack copy (for callers that run several stacks within one turn of the event loop). */
export function clearStackSnapshotCache(): void {
    stackCache = undefined;
}

export function stackSnapshot(sdkResources: StackValidationArgs["resources"]): readonly StackResource[] {
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
