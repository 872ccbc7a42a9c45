// Registration with the SDK: a definition becomes a `@pulumi/policy` policy. This is the only place that talks to
// the SDK's argument objects, so every policy gets the same handling of unknowns, bad input and configuration.

import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { readConfig, type ConfigValues } from "./config";
import { policyTags, sdkMetadata } from "./metadata";
import type { AnyPolicyDefinition, ResourcePolicyDefinition, StackPolicyDefinition } from "./policy";
import { report, sdkEmitter, stackSubjects } from "./report";
import { hintableType, otherTypeReason, prepareResource, resourceApplicability, runResourcePolicy, runStackCheck, safeConfig } from "./run";
import { hintResourceType } from "./sdk-internals";
import { activeSettings, isSelected } from "./settings";
import { stackSnapshot } from "./stack-snapshot";

/** A shallow copy of the raw inputs (secrets stay wrapped, unknowns stay sentinels) with changes applied. */
function withChanges(props: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
        out[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
    }
    return Object.assign(out, changes);
}

export function toResourcePolicy<C extends ConfigValues>(definition: ResourcePolicyDefinition<C>): ResourceValidationPolicy {
    const types = new Set(definition.resourceTypes);
    const appliesTo = definition.appliesTo?.bind(definition);
    const applies = resourceApplicability(definition);
    const tags = policyTags(definition);
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!applies(args.type)) {
            args.notApplicable(otherTypeReason(definition));
            return;
        }
        const settings = activeSettings();
        if (!isSelected(settings, definition.severity, tags)) {
            args.notApplicable("not selected by the pack-settings framework/severity selection");
            return;
        }
        const config = readConfig(definition.config, safeConfig(() => args.getConfig()));
        for (const { subject, findings } of runResourcePolicy(definition, types, prepareResource(args), config)) {
            report(sdkEmitter(reportViolation, definition), definition, findings, () => subject, settings);
        }
    };
    let remediateResource: ResourceValidationPolicy["remediateResource"];
    if (definition.remediate) {
        const remediate = definition.remediate.bind(definition);
        remediateResource = (args) => {
            // Remediation writes @pulumi/aws property names, so it never touches an aws-native or CloudFormation resource.
            if (!(appliesTo ? appliesTo(args.type) : types.has(args.type))) {
                return undefined;
            }
            const { values } = readConfig(definition.config, safeConfig(() => args.getConfig()));
            const changes = remediate({ ...prepareResource(args), config: values });
            return changes && Object.keys(changes).length > 0 ? withChanges(args.props, changes) : undefined;
        };
    }
    const hinted = hintableType(definition);
    if (hinted !== undefined) {
        // Lets the SDK skip other types before it deserializes their properties.
        hintResourceType(validateResource, hinted);
        if (remediateResource) {
            hintResourceType(remediateResource, hinted);
        }
    }
    return { ...sdkMetadata(definition), validateResource, ...(remediateResource ? { remediateResource } : {}) };
}

export function toStackPolicy<C extends ConfigValues>(definition: StackPolicyDefinition<C>): StackValidationPolicy {
    const tags = policyTags(definition);
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const settings = activeSettings();
        if (!isSelected(settings, definition.severity, tags)) {
            return;
        }
        const resources = stackSnapshot(args.resources);
        const subjectOf = stackSubjects(resources);
        const findings = runStackCheck(definition, resources, safeConfig(() => args.getConfig()), settings);
        report(sdkEmitter(reportViolation, definition), definition, findings, subjectOf, settings);
    };
    return { ...sdkMetadata(definition), validateStack };
}

export function toSdkPolicy(definition: AnyPolicyDefinition): ResourceValidationPolicy | StackValidationPolicy {
    return definition.kind === "resource" ? toResourcePolicy(definition) : toStackPolicy(definition);
}
