import type { AnyPolicyDefinition } from "../lib/core/policy";
import { redshiftAuditLogging } from "./redshift-audit-logging";
import { redshiftAuditLoggingLinked } from "./redshift-audit-logging-linked";
import { redshiftAutomatedSnapshots } from "./redshift-automated-snapshots";
import { redshiftEncryptedCmk } from "./redshift-encrypted-cmk";
import { redshiftEnhancedVpcRouting } from "./redshift-enhanced-vpc-routing";
import { redshiftInVpc } from "./redshift-in-vpc";
import { redshiftManagedAdminPassword } from "./redshift-managed-admin-password";
import { redshiftNotPublic } from "./redshift-not-public";
import { redshiftRequireSsl } from "./redshift-require-ssl";
import { redshiftRequireSslLinked } from "./redshift-require-ssl-linked";

export const redshiftPolicies: AnyPolicyDefinition[] = [
    redshiftEncryptedCmk,
    redshiftNotPublic,
    redshiftRequireSsl,
    redshiftRequireSslLinked,
    redshiftEnhancedVpcRouting,
    redshiftInVpc,
    redshiftManagedAdminPassword,
    redshiftAuditLogging,
    redshiftAuditLoggingLinked,
    redshiftAutomatedSnapshots,
];
