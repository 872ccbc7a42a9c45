import type { AnyPolicyDefinition } from "../lib/policy";

export const kmsPolicies: AnyPolicyDefinition[] = [];
