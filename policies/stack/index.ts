import type { AnyPolicyDefinition } from "../lib/policy";

export const stackPolicies: AnyPolicyDefinition[] = [];
