import type { AnyPolicyDefinition } from "../lib/core/policy";
import { backupPlanCoversKeyStores } from "./backup-plan-covers-key-stores";
import { backupVaultCmk } from "./backup-vault-cmk";
import { backupVaultLock } from "./backup-vault-lock";
import { backupVaultPolicyRestricted } from "./backup-vault-policy-restricted";

export const backupPolicies: AnyPolicyDefinition[] = [backupVaultCmk, backupVaultLock, backupVaultPolicyRestricted, backupPlanCoversKeyStores];
