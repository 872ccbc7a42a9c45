import type { AnyPolicyDefinition } from "../lib/policy";

export const iamPolicies: AnyPolicyDefinition[] = [];
