import type { AnyPolicyDefinition } from "../lib/policy";

export const networkPolicies: AnyPolicyDefinition[] = [];
