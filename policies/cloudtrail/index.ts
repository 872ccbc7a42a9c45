import type { AnyPolicyDefinition } from "../lib/policy";

export const cloudtrailPolicies: AnyPolicyDefinition[] = [];
