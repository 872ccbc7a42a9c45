// Running a check: its configuration read with defaults, and a bug or hostile input turned into a finding
// instead of a crashed RPC.

import type { StackResource } from "../aws/graph";
import { isClassifiedKeyMaterial } from "../aws/key-material";
import { translateStackFindings } from "../aws/native";
import type { Finding } from "../readers/finding";
import { readConfig, type ConfigValues } from "./config";
import type { ResourceContext, ResourcePolicyDefinition, StackPolicyDefinition } from "./policy";
import { activeSettings, type Settings } from "./settings";

function failure(error: unknown): Finding {
    const reason = error instanceof Error ? error.message : String(error);
    return {
        property: "*",
        message: `The policy could not evaluate this resource (${reason.slice(0, 200)}), so it cannot vouch for it. Report this to the pack's maintainers.`,
    };
}

/** Runs a check safely: a bug or hostile input yields a clear finding, never a crashed RPC. */
export function runResourceCheck<C extends ConfigValues>(
    definition: ResourcePolicyDefinition<C>,
    resource: Omit<ResourceContext<C>, "config">,
    rawConfig: unknown,
): Finding[] {
    const { values, problems } = readConfig(definition.config, rawConfig);
    try {
        return [...problems, ...definition.check({ ...resource, config: values })];
    } catch (error) {
        return [...problems, failure(error)];
    }
}

export function runStackCheck<C extends ConfigValues>(
    definition: StackPolicyDefinition<C>,
    resources: readonly StackResource[],
    rawConfig: unknown,
    settings: Settings = activeSettings(),
): Finding[] {
    const { values, problems } = readConfig(definition.config, rawConfig);
    try {
        const isKeyMaterialResource = (r: StackResource) => isClassifiedKeyMaterial(settings, r.name, r.props);
        // Findings on aws-native resources name their own properties (lib/aws/native.ts).
        return [...problems, ...translateStackFindings(resources, definition.check({ resources, config: values, isKeyMaterial: isKeyMaterialResource }))];
    } catch (error) {
        return [...problems, failure(error)];
    }
}

export function safeConfig(getConfig: () => unknown): unknown {
    try {
        return getConfig();
    } catch {
        return {};
    }
}
