// A small deployment for end-to-end tests of configuration and remediation: the resources are given as
// (type, name, inputs); the stack, the default provider, URNs, outputs and IDs are filled in as the engine would.

import { defaultOptions, makeUrn, stackUrn, type Deployment, type ResourceState } from "../../scanner/engine/model";
import { UNKNOWN_SENTINEL, type JsonObject } from "../../scanner/engine/values";

const STACK = "dev";
const PROJECT = "rollout";
export const ROOT_URN = stackUrn(STACK, PROJECT);
const PROVIDER_URN = makeUrn(STACK, PROJECT, "", "pulumi:providers:aws", "default_7_48_0");

function resource(type: string, name: string, inputs: JsonObject, preview: boolean): ResourceState {
    const custom = type !== "pulumi:pulumi:Stack";
    const isProvider = type.startsWith("pulumi:providers:");
    return {
        urn: custom ? makeUrn(STACK, PROJECT, isProvider ? "" : ROOT_URN, type, name) : ROOT_URN,
        type,
        name,
        custom,
        id: custom && !preview ? `${name}-id` : "",
        parent: !custom || isProvider ? "" : ROOT_URN,
        provider: custom && !isProvider ? `${PROVIDER_URN}::${preview ? UNKNOWN_SENTINEL : "provider-id"}` : "",
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: { ...inputs, ...(custom ? { id: preview ? UNKNOWN_SENTINEL : `${name}-id` } : {}) },
        options: defaultOptions(),
    };
}

export function deployment(preview: boolean, resources: readonly [type: string, name: string, inputs: JsonObject][]): Deployment {
    return {
        organization: "organization",
        project: PROJECT,
        stack: STACK,
        preview,
        resources: [
            resource("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, {}, preview),
            resource("pulumi:providers:aws", "default_7_48_0", { region: "us-east-1", version: "7.48.0" }, preview),
            ...resources.map(([type, name, inputs]) => resource(type, name, inputs, preview)),
        ],
    };
}
