import type { AnyPolicyDefinition } from "../lib/policy";

export const elasticachePolicies: AnyPolicyDefinition[] = [];
