// What the engine knows about a deployment when it talks to analyzers: one state per registered resource,
// in registration order (the root stack, providers, components and custom resources alike).

import type { ResourceOptionsMessage } from "./pack";
import type { JsonObject } from "./values";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface ResourceState {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** The provider's ID; "" when unknown (a resource being created during preview) or for components. */
    id: string;
    /** The parent URN, "" for the root stack (and default providers). */
    parent: string;
    /** Provider reference `<provider URN>::<provider ID>`, "" for components and providers. */
    provider: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /**
     * The inputs after the provider's Check, in the SDK's encoding (secret and resource-reference signatures,
     * unknown sentinels). What Remediate and Analyze receive, encoded by values.ts encodeForAnalyzer.
     */
    inputs: JsonObject;
    /** The outputs (state) the provider returned, or a component's registered outputs. What AnalyzeStack receives. */
    outputs: JsonObject;
    options: Omit<ResourceOptionsMessage, "parent">;
    /** Set for resources the engine adds on its own (default providers), which the program never registered. */
    synthetic?: "default-provider";
    /**
     * Where the program registered the resource, as the engine records it in the state: `project:///<path
     * relative to the project root>#<line>,<column>` (or the `file://` URI when the file is outside the project).
     */
    sourcePosition?: string;
}

export interface Deployment {
    organization: string;
    project: string;
    stack: string;
    /** True for `pulumi preview`, false for `pulumi up`. */
    preview: boolean;
    resources: ResourceState[];
}

export function defaultOptions(): ResourceState["options"] {
    return {
        protect: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        customTimeouts: { create: 0, update: 0, delete: 0, read: 0 },
    };
}

export function stackUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::${ROOT_STACK_TYPE}::${project}-${stack}`;
}

/**
 * The engine's URN for a resource (resource.NewURN): the parent's qualified type is prefixed, unless the parent
 * is the root stack.
 */
export function makeUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parentType = parentUrn.split("::")[2] ?? "";
        if (parentType !== ROOT_STACK_TYPE && parentType !== "") {
            qualifiedType = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}
