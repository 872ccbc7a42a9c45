import type { AnyPolicyDefinition } from "../lib/policy";
import { rdsDeletionProtection } from "./rds-deletion-protection";
import { rdsInstanceStorageEncrypted } from "./rds-instance-storage-encrypted";

export const rdsPolicies: AnyPolicyDefinition[] = [rdsInstanceStorageEncrypted, rdsDeletionProtection];
