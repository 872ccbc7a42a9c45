import type { AnyPolicyDefinition } from "../lib/policy";

export const opensearchPolicies: AnyPolicyDefinition[] = [];
