import { undecided, violation } from "../lib/readers/checks";
import { anyResource, describeStatement, type Statement } from "../lib/aws/iam";
import { documentStatements, IAM_TYPES, identityDocuments, isAllow, matchesManagedList, parseDocument } from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { and, asList, or, read, UNKNOWN, type Tri } from "../lib/readers/values";

const REQUIREMENT = "no statement may allow every action (`*`, `*:*`, or NotAction) on every resource, and no broad AWS-managed policy (AdministratorAccess, PowerUserAccess, ...) may be attached.";

/** `*`, `*:*`, `?*`: a pattern that matches every action. */
function isEveryAction(pattern: string): boolean {
    const p = pattern.trim();
    return p.includes("*") && /^[*?]*(:[*?]*)?$/.test(p);
}

/** `*`, `arn:*`, `arn:aws:*:*:*:*`: a pattern that matches every resource. */
function isEveryResource(pattern: string): boolean {
    const p = pattern.trim();
    if (!p.includes("*")) {
        return false;
    }
    const rest = p.replace(/^arn:(aws[a-z-]*|\*)?/i, "");
    return /^[*?:/]*$/.test(rest);
}

function allActions(statement: Statement): Tri {
    if (statement.actions === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.notAction) {
        // Allow + NotAction grants everything except the listed actions: an administrator in all but name.
        return true;
    }
    let unknown = false;
    for (const action of statement.actions) {
        if (action === UNKNOWN) {
            unknown = true;
        } else if (isEveryAction(action)) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

function allResources(statement: Statement): Tri {
    return anyResource(statement, isEveryResource);
}

/**
 * What each default-denied AWS-managed policy grants, as its AWS documentation (AWS Managed Policy Reference) lists
 * it: the message says what is true of the policy attached, not what the worst of them grants.
 */
const MANAGED_GRANTS: Readonly<Record<string, string>> = {
    AdministratorAccess: "every action on every resource: kms:Decrypt on every key that trusts IAM and every secret",
    PowerUserAccess: "every action outside IAM and Organizations: kms:Decrypt on every key that trusts IAM and every secret",
    IAMFullAccess: "iam:*, so the holder can grant itself any permission, key access included",
    AWSKeyManagementServicePowerUser: "key administration, kms:PutKeyPolicy included, on every key that trusts IAM",
    SecretsManagerReadWrite: "secretsmanager:* on every secret",
    AmazonSSMFullAccess: "ssm:*, reading every parameter",
    AmazonRDSFullAccess: "rds:* on every database, its snapshots and their sharing",
    AmazonDynamoDBFullAccess: "dynamodb:* on every table",
    AmazonS3FullAccess: "s3:* on every bucket and object",
    SystemAdministrator: "broad operations access across compute, network and data services",
    DatabaseAdministrator: "broad control of every database service",
};

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
            if (hit) {
                hits.push(hit);
            }
        }
    }
    if (hits.length === 0) {
        return [];
    }
    return [
        violation(
            property,
            `\`${property}\` attaches the broad AWS-managed ${hits.length === 1 ? "policy" : "policies"} ${hits.map((hit) => `${hit} (${MANAGED_GRANTS[hit] ?? "on the pack's list of policies too broad for key material"})`).join(", ")}. Attach a customer-managed policy that names the needed actions and ARNs instead.`,
        ),
    ];
}

export const iamNoAdminPolicy = resourcePolicy<Config>({
    name: "iam-no-admin-policy",
    description: "IAM policies must not grant full administrator access, and broad AWS-managed policies must not be attached.",
    controls: [97],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
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
    ],
    remediationSteps: [
        "1. Replace `Action: \"*\"` / NotAction statements on `Resource: \"*\"` with the specific actions and ARNs the principal needs.",
        "2. Detach AdministratorAccess and the other broad AWS-managed policies (PowerUserAccess, AWSKeyManagementServicePowerUser, SecretsManagerReadWrite, ...); write a least-privilege customer-managed policy.",
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
                const verdict = and(isAllow(statement), allActions(statement), allResources(statement));
                const where = describeStatement(statement);
                if (verdict === true) {
                    const what = statement.notAction ? "every action except the NotAction list" : "every action";
                    findings.push(
                        violation(
                            slot.property,
                            `\`${slot.property}\` ${where} allows ${what} on every resource: full administrator access, including kms:Decrypt on every key that trusts IAM and every secret. Grant the specific actions and ARNs instead.`,
                        ),
                    );
                } else if (verdict === UNKNOWN && or(allActions(statement), allResources(statement)) !== false) {
                    findings.push(undecided(slot.property, `\`${slot.property}\` ${where} is only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`));
                }
            }
        }
        return findings;
    },
});
