import type { AnyPolicyDefinition } from "../lib/policy";
import { rdsClusterInstanceNotPublic } from "./rds-cluster-instance-not-public";
import { rdsClusterStorageEncrypted } from "./rds-cluster-storage-encrypted";
import { rdsDeletionProtection } from "./rds-deletion-protection";
import { rdsInstanceNotPublic } from "./rds-instance-not-public";
import { rdsInstanceStorageEncrypted } from "./rds-instance-storage-encrypted";
import { rdsStorageCmk } from "./rds-storage-cmk";

/** In catalog-row order (../../shared/controls.md). */
export const rdsPolicies: AnyPolicyDefinition[] = [
    rdsInstanceStorageEncrypted, // 1
    rdsClusterStorageEncrypted, // 2
    rdsStorageCmk, // 3
    rdsInstanceNotPublic, // 4
    rdsClusterInstanceNotPublic, // 5
    rdsDeletionProtection, // 12
];
