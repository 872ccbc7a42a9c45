import type { AnyPolicyDefinition } from "../lib/core/policy";
import { docdbAuditLogs } from "./docdb-audit-logs";
import { docdbAuditLogsLinked } from "./docdb-audit-logs-linked";
import { docdbDeletionProtectionBackups } from "./docdb-deletion-protection-backups";
import { docdbManagedMasterPassword } from "./docdb-managed-master-password";
import { docdbStorageEncryptedCmk } from "./docdb-storage-encrypted-cmk";
import { docdbTlsEnabled } from "./docdb-tls-enabled";
import { docdbTlsEnabledLinked } from "./docdb-tls-enabled-linked";

export const docdbPolicies: AnyPolicyDefinition[] = [
    docdbStorageEncryptedCmk,
    docdbTlsEnabled,
    docdbTlsEnabledLinked,
    docdbAuditLogs,
    docdbAuditLogsLinked,
    docdbManagedMasterPassword,
    docdbDeletionProtectionBackups,
];
