import { undecided, violation } from "../lib/readers/checks";
import { adminAccess, describeStatement, type AdminVerdict } from "../lib/aws/iam";
import { awsManagedPolicyGrant, documentStatements, IAM_TYPES, identityDocuments, matchesManagedList, parseDocument } from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asList, read, UNKNOWN } from "../lib/readers/values";

const REQUIREMENT =
    "no statement may allow every action (`*`, `*:*`, or NotAction) on every resource, every IAM action, or an action that lets its holder grant itself any permission (iam:PutRolePolicy, iam:AttachUserPolicy, iam:CreatePolicyVersion, ...) on every IAM resource; no broad AWS-managed policy (AdministratorAccess, PowerUserAccess, ...) may be attached to an IAM principal or an IAM Identity Center permission set.";


const DEFAULT_DENIED = [
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "AWSKeyManagementServicePowerUser",
    "SecretsManagerReadWrite",
    "AmazonSSMFullAccess",
    "AmazonRDSFullAccess",
    "AmazonDynamoDBFullAccess",
    "AmazonS3FullAccess",
    "SystemAdministrator",
    "DatabaseAdministrator",
];

interface Config {
    [key: string]: string[];
    deniedManagedPolicies: string[];
}

const ATTACHMENTS: Record<string, string> = {
    [IAM_TYPES.rolePolicyAttachment]: "policyArn",
    [IAM_TYPES.userPolicyAttachment]: "policyArn",
    [IAM_TYPES.groupPolicyAttachment]: "policyArn",
    [IAM_TYPES.policyAttachment]: "policyArn",
    [IAM_TYPES.rolePolicyAttachmentsExclusive]: "policyArns",
    [IAM_TYPES.userPolicyAttachmentsExclusive]: "policyArns",
    [IAM_TYPES.groupPolicyAttachmentsExclusive]: "policyArns",
    [IAM_TYPES.ssoManagedPolicyAttachment]: "managedPolicyArn",
    [IAM_TYPES.ssoManagedPolicyAttachmentsExclusive]: "managedPolicyArns",
};

function managedFindings(property: string, value: unknown, denied: readonly string[]): Finding[] {
    const items = asList(value);
    if (items === UNKNOWN) {
        // Computed ARNs come from policies of the program (checked by their documents) or lookups.
        return [];
    }
    const hits: string[] = [];
    for (const item of items) {
        if (typeof item === "string") {
            const hit = matchesManagedList(item, denied);
            if (hit && !hits.includes(hit)) {
                hits.push(hit);
            }
        }
    }
    if (hits.length === 0) {
        return [];
    }
    const grants = hits.map((hit) => `${hit}, which grants ${awsManagedPolicyGrant(hit)}`).join("; ");
    return [violation(property, `\`${property}\` attaches the broad AWS-managed ${hits.length === 1 ? "policy" : "policies"} ${grants}. Attach a customer-managed policy that names the needed actions and ARNs instead.`)];
}

function adminMessage(property: string, where: string, verdict: AdminVerdict, notAction: boolean): string {
    switch (verdict.kind) {
        case "every-iam-action":
            return `\`${property}\` ${where} allows every IAM action on every IAM resource: whoever holds it can grant itself any permission, so it is administrator access, kms:Decrypt on every key that trusts IAM and every secret included. Grant the specific IAM actions on the specific roles or policies instead, or require a permissions boundary (\`iam:PermissionsBoundary\` condition).`;
        case "privilege-escalation":
            return `\`${property}\` ${where} allows ${verdict.escalation.slice(0, 3).join(", ")}${verdict.escalation.length > 3 ? ` and ${verdict.escalation.length - 3} more` : ""} on every IAM user, group, role or policy: each lets its holder grant itself any permission (write or attach a policy to itself, take over another identity), so it is administrator access in all but name. Name the specific roles or policies in Resource, or require a permissions boundary (\`iam:PermissionsBoundary\` condition).`;
        case "self-escalation":
            return `\`${property}\` ${where} allows ${verdict.escalation.join(", ")} on the caller's own user: whoever holds it can write or attach itself any policy, so it is administrator access in all but name. Grant only the self-management actions (password, access keys, MFA devices) on \`user/\${aws:username}\`.`;
        default: {
            const what = notAction ? "every action except the NotAction list" : "every action";
            return `\`${property}\` ${where} allows ${what} on every resource: full administrator access, including kms:Decrypt on every key that trusts IAM and every secret. Grant the specific actions and ARNs instead.`;
        }
    }
}

export const iamNoAdminPolicy = resourcePolicy<Config>({
    name: "iam-no-admin-policy",
    description: "IAM policies and IAM Identity Center permission sets must not grant administrator access in any spelling, and broad AWS-managed policies must not be attached.",
    controls: [97],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["IAM.1"],
        cis: ["1.15"],
        pciDss: ["7.2.2"],
        nist: ["AC-6"],
        checkov: ["CKV_AWS_62", "CKV_AWS_274"],
        cdkNag: ["IAMPolicyNoStatementsWithAdminAccess"],
    },
    resourceTypes: [
        IAM_TYPES.policy,
        IAM_TYPES.rolePolicy,
        IAM_TYPES.userPolicy,
        IAM_TYPES.groupPolicy,
        IAM_TYPES.role,
        IAM_TYPES.rolePolicyAttachment,
        IAM_TYPES.userPolicyAttachment,
        IAM_TYPES.groupPolicyAttachment,
        IAM_TYPES.policyAttachment,
        IAM_TYPES.rolePolicyAttachmentsExclusive,
        IAM_TYPES.userPolicyAttachmentsExclusive,
        IAM_TYPES.groupPolicyAttachmentsExclusive,
        IAM_TYPES.ssoInlinePolicy,
        IAM_TYPES.ssoManagedPolicyAttachment,
        IAM_TYPES.ssoManagedPolicyAttachmentsExclusive,
    ],
    remediationSteps: [
        "1. Replace `Action: \"*\"` / NotAction statements on `Resource: \"*\"`, `iam:*`, and IAM write actions on every role or policy (iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreatePolicyVersion, ...) with the specific actions and ARNs the principal needs; a team that creates roles gets them under a permissions boundary (`iam:PermissionsBoundary` condition).",
        "2. Detach AdministratorAccess and the other broad AWS-managed policies (PowerUserAccess, AWSKeyManagementServicePowerUser, SecretsManagerReadWrite, ...) from users, groups, roles and Identity Center permission sets; write a least-privilege customer-managed policy.",
        "3. Keep administrator access, if any, on a break-glass role outside this stack whose trust policy requires MFA.",
    ].join("\n"),
    config: {
        deniedManagedPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_DENIED,
            description: "AWS-managed policy names (or full ARNs) that must not be attached because they grant broad access to keys and secrets.",
        },
    },
    check: ({ type, props, config }) => {
        const findings: Finding[] = [];
        const arnProperty = ATTACHMENTS[type];
        if (arnProperty) {
            return managedFindings(arnProperty, read(props, arnProperty), config.deniedManagedPolicies);
        }
        if (type === IAM_TYPES.role) {
            findings.push(...managedFindings("managedPolicyArns", read(props, "managedPolicyArns"), config.deniedManagedPolicies));
        }
        for (const slot of identityDocuments(type, props)) {
            const { statements, findings: problems } = documentStatements(parseDocument(slot.value), slot.property, REQUIREMENT);
            findings.push(...problems);
            for (const statement of statements) {
                const verdict = adminAccess(statement);
                const where = describeStatement(statement);
                if (verdict.kind !== undefined) {
                    findings.push(violation(slot.property, adminMessage(slot.property, where, verdict, statement.notAction)));
                } else if (verdict.maybe) {
                    findings.push(undecided(slot.property, `\`${slot.property}\` ${where} is only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`));
                }
            }
        }
        return findings;
    },
});
