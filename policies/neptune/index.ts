import type { AnyPolicyDefinition } from "../lib/core/policy";
import { neptuneAuditLogs } from "./neptune-audit-logs";
import { neptuneAuditLogsLinked } from "./neptune-audit-logs-linked";
import { neptuneDeletionProtectionBackups } from "./neptune-deletion-protection-backups";
import { neptuneIamAuth } from "./neptune-iam-auth";
import { neptuneInstanceNotPublic } from "./neptune-instance-not-public";
import { neptuneStorageEncryptedCmk } from "./neptune-storage-encrypted-cmk";
import { neptuneTlsEnforced } from "./neptune-tls-enforced";

export const neptunePolicies: AnyPolicyDefinition[] = [
    neptuneStorageEncryptedCmk,
    neptuneIamAuth,
    neptuneInstanceNotPublic,
    neptuneAuditLogs,
    neptuneAuditLogsLinked,
    neptuneDeletionProtectionBackups,
    neptuneTlsEnforced,
];
