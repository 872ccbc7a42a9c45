import type { AnyPolicyDefinition } from "../lib/core/policy";
import { dbSgNoPublicSource } from "./db-sg-no-public-source";
import { dataShareNotExternal } from "./data-share-not-external";
import { dbSubnetsPrivate } from "./db-subnets-private";
import { exportTargetRestricted } from "./export-target-restricted";
import { keyMaterialNoCrossAccountAccess } from "./key-material-no-cross-account-access";
import { keyMaterialStoreIsolated } from "./key-material-store-isolated";
import { rdsSnapshotSourceEncrypted } from "./rds-snapshot-source-encrypted";
import { vpcDefaultSgAdopted } from "./vpc-default-sg-adopted";

export const stackPolicies: AnyPolicyDefinition[] = [dbSubnetsPrivate, rdsSnapshotSourceEncrypted, dbSgNoPublicSource, keyMaterialStoreIsolated, keyMaterialNoCrossAccountAccess, vpcDefaultSgAdopted, exportTargetRestricted, dataShareNotExternal];
