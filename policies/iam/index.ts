import type { AnyPolicyDefinition } from "../lib/core/policy";
import { iamConsoleUsersMfaEnforced } from "./iam-console-users-mfa-enforced";
import { iamNoAdminPolicy } from "./iam-no-admin-policy";
import { iamNoLongLivedAccessKeys } from "./iam-no-long-lived-access-keys";
import { iamNoLongLivedAccessKeysAdvisory } from "./iam-no-long-lived-access-keys-advisory";
import { iamNoPublicPrincipal } from "./iam-no-public-principal";
import { iamNoUserAttachedPolicies } from "./iam-no-user-attached-policies";
import { iamNoWildcardResourceKeyActions } from "./iam-no-wildcard-resource-key-actions";
import { iamSensitiveActionsRequireMfa } from "./iam-sensitive-actions-require-mfa";

export const iamPolicies: AnyPolicyDefinition[] = [
    iamSensitiveActionsRequireMfa,
    iamNoWildcardResourceKeyActions,
    iamNoPublicPrincipal,
    iamNoAdminPolicy,
    iamConsoleUsersMfaEnforced,
    iamNoLongLivedAccessKeys,
    iamNoLongLivedAccessKeysAdvisory,
    iamNoUserAttachedPolicies,
];
