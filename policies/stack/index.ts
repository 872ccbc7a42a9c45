import type { AnyPolicyDefinition } from "../lib/policy";
import { dbSgNoPublicSource } from "./db-sg-no-public-source";
import { dbSubnetsPrivate } from "./db-subnets-private";
import { keyMaterialStoreIsolated } from "./key-material-store-isolated";

export const stackPolicies: AnyPolicyDefinition[] = [dbSubnetsPrivate, dbSgNoPublicSource, keyMaterialStoreIsolated];
