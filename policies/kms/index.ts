import type { AnyPolicyDefinition } from "../lib/core/policy";
import { kmsDeletionWindow } from "./kms-deletion-window";
import { kmsGrantConstrained } from "./kms-grant-constrained";
import { kmsKeyPolicyLeastPrivilege } from "./kms-key-policy-least-privilege";
import { kmsKeyPolicyLeastPrivilegeLinked } from "./kms-key-policy-least-privilege-linked";
import { kmsKeyPolicyNoPublicPrincipal } from "./kms-key-policy-no-public-principal";
import { kmsKeyRotation } from "./kms-key-rotation";
import { kmsMultiRegionReview } from "./kms-multi-region-review";
import { kmsNoImportedKeyMaterialInCode } from "./kms-no-imported-key-material-in-code";
import { kmsNoLockoutBypass } from "./kms-no-lockout-bypass";

export const kmsPolicies: AnyPolicyDefinition[] = [
    kmsKeyRotation,
    kmsKeyPolicyNoPublicPrincipal,
    kmsKeyPolicyLeastPrivilege,
    kmsKeyPolicyLeastPrivilegeLinked,
    kmsDeletionWindow,
    kmsNoLockoutBypass,
    kmsMultiRegionReview,
    kmsNoImportedKeyMaterialInCode,
    kmsGrantConstrained,
];
