import type { AnyPolicyDefinition } from "../lib/core/policy";
import { qldbLedgerCmk } from "./qldb-ledger-cmk";

export const qldbPolicies: AnyPolicyDefinition[] = [qldbLedgerCmk];
