import { resourcePolicy, type Finding } from "../lib/core/policy";
import type { Statement } from "../lib/aws/iam";
import { publicPrincipalFindings } from "../lib/aws/resource-policy";
import { read } from "../lib/readers/values";
import { EFS_FILE_SYSTEM_POLICY } from "../lib/aws/types";

const FIX =
    'Name the IAM roles that mount the file system as principals, or keep `"*"` only with an `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:SourceVpce` condition, or with `elasticfilesystem:AccessedViaMountTarget` set to "true".';

/**
 * `elasticfilesystem:AccessedViaMountTarget` true (the console's "prevent anonymous access" statement) admits only
 * clients that mount through a mount target in the file system's VPC, so the mount targets' security groups
 * (db-sg-no-public-source) decide who reaches it: such a statement does not open the file system to every account.
 */
function viaMountTargetOnly(statement: Statement): boolean {
    return (
        Array.isArray(statement.conditions) &&
        statement.conditions.some(
            (c) =>
                c.key === "elasticfilesystem:accessedviamounttarget" &&
                c.operator.trim().toLowerCase() === "bool" &&
                c.values.length > 0 &&
                c.values.every((v) => typeof v === "string" && v.trim().toLowerCase() === "true"),
        )
    );
}

export const efsFileSystemPolicyNotPublic = resourcePolicy({
    name: "efs-file-system-policy-not-public",
    description: "EFS file system policies must not allow every principal without an account, organization, VPC-endpoint or mount-target condition.",
    controls: [113],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["AC-3", "AC-6"], pciDss: ["1.4.4"] },
    resourceTypes: [EFS_FILE_SYSTEM_POLICY],
    remediationSteps: [
        '1. Replace `Principal: "*"` (or `{AWS: "*"}`, NotPrincipal) in the aws.efs.FileSystemPolicy `policy` with the ARNs of the roles that mount the file system.',
        '2. Where a wildcard is needed, add `Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } }` or an `aws:PrincipalOrgID` / `aws:SourceVpce` condition.',
        "3. Keep `bypassPolicyLockoutSafetyCheck` off so EFS rejects a policy that locks you out.",
    ].join("\n"),
    check: ({ props }): Finding[] =>
        publicPrincipalFindings(read(props, "policy"), {
            property: "policy",
            holds: "the file system's files (principals of any AWS account can be granted them)",
            allowedAccountIds: [],
            fix: FIX,
            exempt: viaMountTargetOnly,
            narrowing: "aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or elasticfilesystem:AccessedViaMountTarget",
        }),
});
