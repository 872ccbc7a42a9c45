import type { AnyPolicyDefinition } from "../lib/policy";

export const secretsPolicies: AnyPolicyDefinition[] = [];
