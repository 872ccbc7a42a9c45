import type { AnyPolicyDefinition } from "../lib/core/policy";
import { storageTypeUnchecked } from "./storage-type-unchecked";

export const coveragePolicies: AnyPolicyDefinition[] = [storageTypeUnchecked];
