import type { AnyPolicyDefinition } from "../lib/core/policy";
import { s3AclsDisabled } from "./s3-acls-disabled";
import { s3BlockPublicAccess } from "./s3-block-public-access";
import { s3BlockPublicAccessLinked } from "./s3-block-public-access-linked";
import { s3MfaDelete } from "./s3-mfa-delete";
import { s3NoPublicAcl } from "./s3-no-public-acl";
import { s3ObjectLock } from "./s3-object-lock";
import { s3PolicyNoPublicPrincipal } from "./s3-policy-no-public-principal";
import { s3SseKmsCmk } from "./s3-sse-kms-cmk";
import { s3SseKmsCmkLinked } from "./s3-sse-kms-cmk-linked";
import { s3TlsOnlyPolicy } from "./s3-tls-only-policy";
import { s3Versioning } from "./s3-versioning";

export const s3Policies: AnyPolicyDefinition[] = [
    s3BlockPublicAccess,
    s3BlockPublicAccessLinked,
    s3SseKmsCmk,
    s3SseKmsCmkLinked,
    s3TlsOnlyPolicy,
    s3PolicyNoPublicPrincipal,
    s3NoPublicAcl,
    s3Versioning,
    s3MfaDelete,
    s3ObjectLock,
    s3AclsDisabled,
];
