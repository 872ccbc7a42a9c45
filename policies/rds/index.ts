import type { AnyPolicyDefinition } from "../lib/core/policy";
import { dbNonDefaultAdminUsername } from "./db-non-default-admin-username";
import { rdsBackupRetention } from "./rds-backup-retention";
import { rdsCaCertCurrent } from "./rds-ca-cert-current";
import { rdsClusterInstanceNotPublic } from "./rds-cluster-instance-not-public";
import { rdsClusterStorageEncrypted } from "./rds-cluster-storage-encrypted";
import { rdsDataApiDisabled } from "./rds-data-api-disabled";
import { rdsDbSubnetGroupSet } from "./rds-db-subnet-group-set";
import { rdsDefaultParameterGroupTls } from "./rds-default-parameter-group-tls";
import { rdsDeletionProtection } from "./rds-deletion-protection";
import { rdsIamAuthEnabled } from "./rds-iam-auth-enabled";
import { rdsInstanceNotPublic } from "./rds-instance-not-public";
import { rdsInstanceStorageEncrypted } from "./rds-instance-storage-encrypted";
import { rdsLogExports } from "./rds-log-exports";
import { rdsManagedMasterPassword } from "./rds-managed-master-password";
import { rdsMasterSecretCmk } from "./rds-master-secret-cmk";
import { rdsParameterGroupTls } from "./rds-parameter-group-tls";
import { rdsPerformanceInsightsCmk } from "./rds-performance-insights-cmk";
import { rdsProxyIamAuth } from "./rds-proxy-iam-auth";
import { rdsProxyRequireTls } from "./rds-proxy-require-tls";
import { rdsSnapshotCopyCmk } from "./rds-snapshot-copy-cmk";
import { rdsSnapshotNotPublic } from "./rds-snapshot-not-public";
import { rdsStorageCmk } from "./rds-storage-cmk";

/** In catalog-row order (docs/controls.md). */
export const rdsPolicies: AnyPolicyDefinition[] = [
    rdsInstanceStorageEncrypted, // 1
    rdsClusterStorageEncrypted, // 2
    rdsStorageCmk, // 3
    rdsInstanceNotPublic, // 4
    rdsClusterInstanceNotPublic, // 5
    rdsDbSubnetGroupSet, // 6
    rdsIamAuthEnabled, // 8
    rdsParameterGroupTls, // 9 (single-resource half)
    rdsDefaultParameterGroupTls, // 9 (default parameter groups)
    rdsManagedMasterPassword, // 10
    rdsMasterSecretCmk, // 11
    rdsDeletionProtection, // 12
    rdsBackupRetention, // 13
    rdsSnapshotNotPublic, // 14
    rdsSnapshotCopyCmk, // 15 (single-resource half)
    rdsPerformanceInsightsCmk, // 16
    rdsLogExports, // 17
    rdsDataApiDisabled, // 18
    rdsProxyRequireTls, // 19
    rdsProxyIamAuth, // 20
    rdsCaCertCurrent, // 21
    dbNonDefaultAdminUsername, // 22
];
