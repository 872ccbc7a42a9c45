import type { AnyPolicyDefinition } from "../lib/policy";

export const neptunePolicies: AnyPolicyDefinition[] = [];
