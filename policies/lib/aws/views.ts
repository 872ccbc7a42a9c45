// What a resource policy judges for one resource: the resource itself when it is of a @pulumi/aws type the policy
// applies to, its @pulumi/aws equivalent when it is an aws-native resource (native.ts), or each resource a
// CloudFormation stack's template declares (cloudformation.ts). The one place lib/core asks.

import type { PlainObject } from "../readers/values";
import { cloudFormationViews } from "./cloudformation";
import { nativeEquivalents, nativeViews, templatesCover, type ResourceView } from "./native";
import { CLOUDFORMATION_STACK } from "./types";

export type { ResourceView } from "./native";

/** Every resource type whose resources the policy for `awsTypes` judges: theirs, aws-native's, CloudFormation stacks. */
export function judgedTypes(awsTypes: readonly string[]): string[] {
    return templatesCover(awsTypes) ? [...awsTypes, ...nativeEquivalents(awsTypes), CLOUDFORMATION_STACK] : [...awsTypes];
}

/** The views of one resource for a policy (none when the policy does not apply to it). */
export function resourceViews(type: string, props: PlainObject, awsTypes: ReadonlySet<string>, policyName: string): ResourceView[] {
    if (awsTypes.has(type)) {
        return [{ type, props, translate: (findings) => [...findings] }];
    }
    if (type === CLOUDFORMATION_STACK) {
        return templatesCover(awsTypes) ? cloudFormationViews(props, awsTypes, policyName) : [];
    }
    return nativeViews(type, props, awsTypes);
}
