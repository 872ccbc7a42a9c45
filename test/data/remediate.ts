// Runs a policy's remediation the way the SDK's Remediate handler does (the props in the SDK's unknown-checking
// proxy, getConfig) and returns only the top-level inputs it changed, or undefined when it changed nothing.

import { unknownCheckingProxy, type ResourceValidationArgs } from "@pulumi/policy";
import type { ResourcePolicyDefinition } from "../../policies/lib/core/policy";
import { toResourcePolicy } from "../../policies/lib/core/sdk";

export interface RemediationInput {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    config?: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function remediationChanges(policy: ResourcePolicyDefinition<any>, input: RemediationInput): Record<string, unknown> | undefined {
    const remediate = toResourcePolicy(policy).remediateResource;
    if (!remediate) {
        throw new Error(`${policy.name} has no remediation`);
    }
    const name = input.name ?? "res";
    const props = structuredClone(input.props);
    const args = {
        type: input.type,
        props: unknownCheckingProxy(structuredClone(props)),
        urn: `urn:pulumi:test::project::${input.type}::${name}`,
        name,
        opts: {},
        stackTags: new Map(),
        getConfig: () => input.config ?? {},
        notApplicable: () => {
            throw new Error("notApplicable is not expected from a remediation");
        },
    } as unknown as ResourceValidationArgs;
    const result = remediate(args) as Record<string, unknown> | undefined;
    if (result === undefined) {
        return undefined;
    }
    const changes: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(props), ...Object.keys(result)])) {
        if (JSON.stringify(props[key]) !== JSON.stringify(result[key])) {
            changes[key] = result[key];
        }
    }
    return changes;
}
