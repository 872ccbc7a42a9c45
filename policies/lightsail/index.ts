import type { AnyPolicyDefinition } from "../lib/core/policy";
import { lightsailDatabaseBackups } from "./lightsail-database-backups";
import { lightsailDatabaseNotPublic } from "./lightsail-database-not-public";

export const lightsailPolicies: AnyPolicyDefinition[] = [lightsailDatabaseNotPublic, lightsailDatabaseBackups];
