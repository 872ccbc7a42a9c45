import type { AnyPolicyDefinition } from "../lib/policy";

export const dynamodbPolicies: AnyPolicyDefinition[] = [];
