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
import { judgedTypes } from "./lib/aws/views";
import { registerModelledTypes } from "./lib/core/coverage";
import { configuredPolicies, configuredPolicy, observeEngineConfiguration, onConfiguration } from "./lib/core/engine-config";
import { policyTags } from "./lib/core/metadata";
import type { AnyPolicyDefinition, ResourcePolicyDefinition, StackPolicyDefinition } from "./lib/core/policy";
import { resourcePoliciesInOnePass, stackPoliciesInOnePass } from "./lib/core/one-pass";
import { installNotApplicableRelay, rewriteAnalyzeStackRequests } from "./lib/core/sdk-internals";
import { rewriteStackRequest } from "./lib/core/stack-request";
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

// A type counts as modelled in every form a policy judges it in: @pulumi/aws, aws-native (lib/aws/views.ts).
registerModelledTypes(allPolicies.flatMap((p) => judgedTypes(p.resourceTypes)));

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
 * Every policy joins the one pass of its kind (lib/core/one-pass.ts) when the engine's configuration can be read
 * (lib/core/engine-config.ts) and, for resource policies, the not-applicable relay is in place (sdk-internals.ts);
 * otherwise, or with AWS_KEY_MATERIAL_GUARD_STACK_POLICIES=per-policy, each is registered on its own (same
 * findings, slower). Call once, before constructing the PolicyPack.
 */
export function sdkPolicies(): PolicyPackArgs["policies"] {
    if (!observeEngineConfiguration()) {
        return [packSettingsPolicy(packIndex, () => undefined), ...allPolicies.map(toSdkPolicy)];
    }
    let settingsPolicy = packSettingsPolicy(packIndex, configuredPolicies);
    const onePass = new Map<string, ResourceValidationPolicy | StackValidationPolicy>();
    if (installNotApplicableRelay()) {
        const resource = resourcePoliciesInOnePass(
            allPolicies.filter((p): p is ResourcePolicyDefinition => p.kind === "resource"),
            configuredPolicy,
            settingsPolicy,
        );
        onConfiguration(resource.rehost);
        settingsPolicy = resource.settingsPolicy;
        resource.policies.forEach((p) => onePass.set(p.name, p as ResourceValidationPolicy));
    }
    // The stack policies read the AnalyzeStack request from its bytes; the SDK decodes a placeholder (stack-request.ts).
    rewriteAnalyzeStackRequests(rewriteStackRequest);
    const stack = stackPoliciesInOnePass(
        allPolicies.filter((p): p is StackPolicyDefinition => p.kind === "stack"),
        configuredPolicy,
        settingsPolicy,
    );
    onConfiguration(stack.rehost);
    stack.policies.forEach((p) => onePass.set(p.name, p as StackValidationPolicy));
    return [stack.settingsPolicy as ResourceValidationPolicy & StackValidationPolicy, ...allPolicies.map((p) => onePass.get(p.name) ?? toSdkPolicy(p))];
}
