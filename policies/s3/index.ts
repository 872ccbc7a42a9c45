import type { AnyPolicyDefinition } from "../lib/policy";

export const s3Policies: AnyPolicyDefinition[] = [];
