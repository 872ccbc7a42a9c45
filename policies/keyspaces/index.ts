import type { AnyPolicyDefinition } from "../lib/core/policy";
import { keyspacesTableCmk } from "./keyspaces-table-cmk";

export const keyspacesPolicies: AnyPolicyDefinition[] = [keyspacesTableCmk];
