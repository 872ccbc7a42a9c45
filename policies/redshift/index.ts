import type { AnyPolicyDefinition } from "../lib/policy";

export const redshiftPolicies: AnyPolicyDefinition[] = [];
