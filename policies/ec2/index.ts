import type { AnyPolicyDefinition } from "../lib/policy";

export const ec2Policies: AnyPolicyDefinition[] = [];
