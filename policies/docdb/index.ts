import type { AnyPolicyDefinition } from "../lib/policy";

export const docdbPolicies: AnyPolicyDefinition[] = [];
