import type { AnyPolicyDefinition } from "../lib/policy";

export const backupPolicies: AnyPolicyDefinition[] = [];
