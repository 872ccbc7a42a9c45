// Every policy of the pack, in catalog order. Importing this starts nothing: the entry point (index.ts)
// is the only module that constructs the PolicyPack, which starts the gRPC server.

import { backupPolicies } from "./backup";
import { cloudtrailPolicies } from "./cloudtrail";
import { coveragePolicies } from "./coverage";
import { dmsPolicies } from "./dms";
import { docdbPolicies } from "./docdb";
import { dynamodbPolicies } from "./dynamodb";
import { ec2Policies } from "./ec2";
import { efsPolicies } from "./efs";
import { elasticachePolicies } from "./elasticache";
import { iamPolicies } from "./iam";
import { keyspacesPolicies } from "./keyspaces";
import { kmsPolicies } from "./kms";
import type { PolicyPackArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { registerModelledTypes } from "./lib/core/coverage";
import { configuredPolicies, configuredPolicy, observeEngineConfiguration, onConfiguration } from "./lib/core/engine-config";
import { policyTags } from "./lib/core/metadata";
import type { AnyPolicyDefinition, StackPolicyDefinition } from "./lib/core/policy";
import { stackPoliciesInOnePass } from "./lib/core/one-pass";
import { toSdkPolicy } from "./lib/core/sdk";
import type { PackIndex } from "./lib/core/settings";
import { lightsailPolicies } from "./lightsail";
import { neptunePolicies } from "./neptune";
import { networkPolicies } from "./network";
import { opensearchPolicies } from "./opensearch";
import { packSettingsPolicy } from "./pack-settings";
import { qldbPolicies } from "./qldb";
import { rdsPolicies } from "./rds";
import { redshiftPolicies } from "./redshift";
import { s3Policies } from "./s3";
import { secretsPolicies } from "./secrets";
import { stackPolicies } from "./stack";

export const PACK_NAME = "aws-key-material-guard";

export const allPolicies: readonly AnyPolicyDefinition[] = [
    ...rdsPolicies,
    ...kmsPolicies,
    ...networkPolicies,
    ...ec2Policies,
    ...dynamodbPolicies,
    ...docdbPolicies,
    ...neptunePolicies,
    ...elasticachePolicies,
    ...redshiftPolicies,
    ...opensearchPolicies,
    ...lightsailPolicies,
    ...efsPolicies,
    ...keyspacesPolicies,
    ...qldbPolicies,
    ...dmsPolicies,
    ...secretsPolicies,
    ...s3Policies,
    ...backupPolicies,
    ...iamPolicies,
    ...cloudtrailPolicies,
    ...stackPolicies,
    ...coveragePolicies,
];

registerModelledTypes(allPolicies.flatMap((p) => p.resourceTypes));

/** What pack-settings checks a configuration against: every policy's name, selection tags, level and properties. */
export const packIndex: PackIndex = {
    policies: allPolicies.map((p) => ({
        name: p.name,
        severity: p.severity,
        tags: policyTags(p),
        enforcementLevel: p.enforcementLevel,
        configKeys: Object.keys(p.config ?? {}),
    })),
};

/**
 * The SDK policies of the pack, `pack-settings` first (it loads the settings the others apply), in catalog order.
 * Stack policies run in one pass when the engine's configuration can be read (lib/core/engine-config.ts), and are
 * registered one by one otherwise. Call once, before constructing the PolicyPack.
 */
export function sdkPolicies(): PolicyPackArgs["policies"] {
    if (!observeEngineConfiguration()) {
        return [packSettingsPolicy(packIndex, () => undefined), ...allPolicies.map(toSdkPolicy)];
    }
    const stack = stackPoliciesInOnePass(
        allPolicies.filter((p): p is StackPolicyDefinition => p.kind === "stack"),
        configuredPolicy,
        packSettingsPolicy(packIndex, configuredPolicies),
    );
    onConfiguration(stack.rehost);
    const stackPolicies = new Map(stack.policies.map((p) => [p.name, p]));
    return [stack.settingsPolicy as ResourceValidationPolicy & StackValidationPolicy, ...allPolicies.map((p) => stackPolicies.get(p.name) ?? toSdkPolicy(p))];
}
