import type { AnyPolicyDefinition } from "../lib/core/policy";
import { efsFileSystemCmk } from "./efs-file-system-cmk";
import { efsFileSystemEncrypted } from "./efs-file-system-encrypted";
import { efsFileSystemPolicyNotPublic } from "./efs-file-system-policy-not-public";

export const efsPolicies: AnyPolicyDefinition[] = [efsFileSystemEncrypted, efsFileSystemCmk, efsFileSystemPolicyNotPublic];
