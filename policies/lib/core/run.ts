// Running a check: its configuration read with defaults, and a bug or hostile input turned into a finding
// instead of a crashed RPC.

import type { StackResource } from "../aws/graph";
import { isClassifiedKeyMaterial } from "../aws/key-material";
import { judgedTypes, resourceViews } from "../aws/views";
import { translateStackFindings } from "../aws/native";
import type { Finding } from "../readers/finding";
import { snapshot } from "../readers/values";
import { readConfig, type ConfigValues } from "./config";
import type { ResourceContext, ResourcePolicyDefinition, StackPolicyDefinition } from "./policy";
import { activeSettings, type Settings } from "./settings";

/** The resource as the SDK hands it to a resource policy (its raw, proxied properties). */
export interface SdkResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
}

/**
 * The one step that prepares a resource for the resource checks: the SDK's proxied properties become one proxy-free
 * copy (secrets unwrapped, unknowns as `UNKNOWN`). Every path that runs a resource check calls this once per
 * resource and call: the one-pass runner (core/one-pass.ts, shared by every applicable policy), a policy registered
 * on its own (core/sdk.ts) and its remediation. A translation of the properties (e.g. another provider's spelling)
 * belongs here, so that every policy sees it.
 */
export function prepareResource(resource: SdkResource): Omit<ResourceContext, "config"> {
    return { type: resource.type, name: resource.name, urn: resource.urn, props: snapshot(resource.props) };
}

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
    return runResourceCheckWith(definition, resource, readConfig(definition.config, rawConfig));
}

/**
 * Which resource types a resource policy judges: its own @pulumi/aws types and their aws-native and CloudFormation
 * forms (lib/aws/views.ts), or, for a policy that decides by type alone, whatever its `appliesTo` says.
 */
export function resourceApplicability<C extends ConfigValues>(definition: ResourcePolicyDefinition<C>): (type: string) => boolean {
    if (definition.appliesTo) {
        return definition.appliesTo.bind(definition);
    }
    const judged = new Set(judgedTypes(definition.resourceTypes));
    return (type) => judged.has(type);
}

/**
 * The one @pulumi/aws type the SDK can be told a policy applies to, so that it skips other types before it
 * deserializes their properties: only for a policy that judges that type alone (no aws-native form, no `appliesTo`).
 */
export function hintableType<C extends ConfigValues>(definition: ResourcePolicyDefinition<C>): string | undefined {
    return !definition.appliesTo && judgedTypes(definition.resourceTypes).length === 1 ? definition.resourceTypes[0] : undefined;
}

/**
 * Why a policy does not apply to a resource of a type it does not judge, in the words the SDK would use: its own
 * for a hinted type (hintableType), else one short sentence. Every Analyze response carries one such entry per
 * policy that does not apply (some ninety), so the reason stays short: listing a policy's types made responses
 * about 14 KB and cost the engine more than the checks (BENCHMARKS.md); the catalog lists each policy's types.
 */
export function otherTypeReason<C extends ConfigValues>(definition: ResourcePolicyDefinition<C>): string {
    const hinted = hintableType(definition);
    return hinted !== undefined ? `Policy only applies to resources of type '${hinted}'` : "Policy does not apply to this resource type";
}

/**
 * Runs a resource policy on a prepared resource: on the resource itself when it is of one of the policy's
 * @pulumi/aws types (or the policy decides by type alone), else on each view of it that the policy judges (an
 * aws-native resource as its @pulumi/aws equivalent, each resource of a CloudFormation template), each view's
 * findings in the names its program or template uses. `awsTypes` is the policy's resourceTypes as a set, made once.
 */
export function runResourcePolicy<C extends ConfigValues>(
    definition: ResourcePolicyDefinition<C>,
    awsTypes: ReadonlySet<string>,
    prepared: Omit<ResourceContext<C>, "config">,
    config: { values: C; problems: readonly Finding[] },
): { subject: Omit<ResourceContext<C>, "config">; findings: Finding[] }[] {
    if (definition.appliesTo || awsTypes.has(prepared.type)) {
        return [{ subject: prepared, findings: runResourceCheckWith(definition, prepared, config) }];
    }
    return resourceViews(prepared.type, prepared.props, awsTypes, definition.name).map((view) => {
        const subject = { ...prepared, type: view.type, props: view.props };
        return { subject, findings: view.preset ? [...view.preset] : view.translate(runResourceCheckWith(definition, subject, config)) };
    });
}

/** runResourceCheck with the configuration already read (the one-pass runner reads it once per Configure). */
export function runResourceCheckWith<C extends ConfigValues>(
    definition: ResourcePolicyDefinition<C>,
    resource: Omit<ResourceContext<C>, "config">,
    { values, problems }: { values: C; problems: readonly Finding[] },
): Finding[] {
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
