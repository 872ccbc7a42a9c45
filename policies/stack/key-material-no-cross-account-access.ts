import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import {
    coversAction,
    coveredActions,
    describeStatement,
    hasWildcardPrincipal,
    isAccountScoped,
    parsePolicyDocument,
    principalAccounts,
    SECRET_READ_ACTIONS,
    type Statement,
} from "../lib/aws/iam";
import { grantDecryptOperations } from "../lib/aws/kms";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { KMS_KEY_TYPES, STORES } from "../lib/aws/stores";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { KMS_GRANT, KMS_KEY_POLICY, SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_POLICY } from "../lib/aws/types";

const KEY_POLICY = KMS_KEY_POLICY;
const SECRET = SECRETSMANAGER_SECRET;
const SECRET_POLICY = SECRETSMANAGER_SECRET_POLICY;
const DECRYPT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:GenerateDataKey"];

type Config = { trustedAccountIds: string[] };

/** The key policy documents of a key: its own `policy` and any aws.kms.KeyPolicy attached to it. */
function keyDocuments(graph: StackGraph, key: StackResource): { owner: StackResource; property: string }[] {
    const documents = [{ owner: key, property: "policy" }];
    for (const attached of graph.referencing(key, [KEY_POLICY], "keyId")) {
        documents.push({ owner: attached, property: "policy" });
    }
    return documents;
}

function secretDocuments(graph: StackGraph, secret: StackResource): { owner: StackResource; property: string }[] {
    const documents = [{ owner: secret, property: "policy" }];
    for (const attached of graph.referencing(secret, [SECRET_POLICY], "secretArn")) {
        documents.push({ owner: attached, property: "policy" });
    }
    return documents;
}

/** The key owner's account: the account whose root holds `kms:*` (the statement every key policy needs). */
function ownerAccounts(statements: readonly Statement[]): string[] {
    const owners: string[] = [];
    for (const statement of statements) {
        if (statement.effect === "Allow" && coversAction(statement, "kms:PutKeyPolicy") === true && coversAction(statement, "kms:Decrypt") === true) {
            for (const account of principalAccounts(statement)) {
                if (typeof account === "string" && !owners.includes(account)) {
                    owners.push(account);
                }
            }
        }
    }
    return owners;
}

/** The account an aws.kms.Grant's `granteePrincipal` belongs to: an account id, an IAM ARN's account, or none (a service). */
function granteeAccount(value: unknown): string | undefined | typeof UNKNOWN {
    const principal = asString(value);
    if (principal === UNKNOWN) {
        return UNKNOWN;
    }
    if (principal === undefined || principal === INVALID) {
        return undefined;
    }
    const text = principal.trim();
    if (/^\d{12}$/.test(text)) {
        return text;
    }
    const account = text.split(":")[4];
    return text.toLowerCase().startsWith("arn:") && account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * aws.kms.Grant resources on the key that give decrypting operations to a principal of another account: the same
 * access as a key policy statement naming that account, so the same finding.
 */
function grantFindings(graph: StackGraph, key: StackResource, trusted: ReadonlySet<string>, ambiguous: boolean, owners: readonly string[]): Finding[] {
    const findings: Finding[] = [];
    for (const grant of graph.referencing(key, [KMS_GRANT], "keyId")) {
        const { operations, unknown } = grantDecryptOperations(grant.props);
        const account = granteeAccount(read(grant.props, "granteePrincipal"));
        if (operations.length === 0) {
            if (unknown && account !== undefined && (account === UNKNOWN || !trusted.has(account))) {
                findings.push(undecided("operations", `Grant ${grant.name} on KMS key ${key.name} has computed operations; whether it lets another account decrypt is checked once known.`, grant.urn));
            }
            continue;
        }
        if (account === UNKNOWN) {
            findings.push(undecided("granteePrincipal", `Grant ${grant.name} gives ${operations.join(", ")} on KMS key ${key.name} to a computed principal; checked once known.`, grant.urn));
            continue;
        }
        if (account === undefined) {
            continue;
        }
        if (ambiguous) {
            findings.push(undecided("granteePrincipal", `Grant ${grant.name} gives ${operations.join(", ")} on KMS key ${key.name}; the key policy gives several accounts (${owners.join(", ")}) full control, so which one is foreign cannot be told. List your accounts in trustedAccountIds.`, grant.urn));
            continue;
        }
        if (trusted.size > 0 && !trusted.has(account)) {
            findings.push(
                violation(
                    "granteePrincipal",
                    `Grant ${grant.name} lets account ${account} use ${operations.join(", ")} on KMS key ${key.name}, which protects key material; that account's administrators can then decrypt it. Remove the grant or list the account in trustedAccountIds after review.`,
                    grant.urn,
                ),
            );
        }
    }
    return findings;
}

export const keyMaterialNoCrossAccountAccess = stackPolicy<Config>({
    name: "key-material-no-cross-account-access",
    description: "The KMS keys that encrypt data stores (by key policy or grant), and the secrets in the stack, give decrypt and read access to no principal of another AWS account.",
    controls: [68, 77],
    category: "key-management",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { securityHub: ["KMS.5"], nist: ["AC-3", "SC-12"], pciDss: ["3.6.1"] },
    resourceTypes: [...KMS_KEY_TYPES, KEY_POLICY, KMS_GRANT, SECRET, SECRET_POLICY],
    remediationSteps: [
        "1. Remove the other account's principals from the key policy or secret policy statement that allows kms:Decrypt / secretsmanager:GetSecretValue, and delete aws.kms.Grant resources that give another account's principal Decrypt, ReEncryptFrom, GenerateDataKey* or CreateGrant.",
        "2. If another account must read data, share a copy encrypted under a key that account owns, or grant through a role in your account that its principals assume with MFA and an external id.",
        "3. List partner accounts you do trust in this policy's `trustedAccountIds` config, each after a review.",
    ].join("\n"),
    config: {
        trustedAccountIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "AWS account ids (12 digits) that may be granted decrypt/read access besides the key's own account (e.g. your organization's backup account).",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        const storeKeys = new Set<StackResource>();
        for (const kind of STORES) {
            for (const store of graph.ofType(kind.type)) {
                for (const property of kind.keyProperties) {
                    graph.referenced(store, property, KMS_KEY_TYPES).resources.forEach((key) => storeKeys.add(key));
                }
            }
        }
        const targets = [
            ...[...storeKeys].map((key) => ({ resource: key, label: "KMS key", actions: DECRYPT_ACTIONS, documents: keyDocuments(graph, key) })),
            ...graph.ofType(SECRET).map((secret) => ({ resource: secret, label: "secret", actions: [...SECRET_READ_ACTIONS], documents: secretDocuments(graph, secret) })),
        ];
        for (const target of targets) {
            const parsedDocuments = target.documents.map((d) => ({ ...d, parsed: parsePolicyDocument(read(d.owner.props, d.property)) }));
            const allStatements = parsedDocuments.flatMap((d) => (d.parsed.kind === "document" ? d.parsed.statements : []));
            // The resource's own account: from its ARN when known, else the single account whose root administers
            // the key. Two such accounts are ambiguous: which one is foreign cannot be told without config.
            const ownArn = read(target.resource.props, "arn");
            const arnAccount = typeof ownArn === "string" ? ownArn.split(":")[4] : undefined;
            const owners = arnAccount && /^\d{12}$/.test(arnAccount) ? [arnAccount] : ownerAccounts(allStatements);
            const ambiguous = owners.length > 1 && config.trustedAccountIds.length === 0;
            const trusted = new Set([...config.trustedAccountIds, ...(owners.length === 1 ? owners : [])]);
            if (target.label === "KMS key") {
                findings.push(...grantFindings(graph, target.resource, trusted, ambiguous, owners));
            }
            for (const { owner, property, parsed } of parsedDocuments) {
                if (parsed.kind !== "document") {
                    // Absent, unknown and malformed documents are the key- and secret-policy policies' business.
                    continue;
                }
                for (const statement of parsed.statements) {
                    if (statement.effect !== "Allow" || hasWildcardPrincipal(statement) !== false || isAccountScoped(statement) === true) {
                        // Wildcards are kms-key-policy-no-public-principal's and secretsmanager-policy-not-public's findings.
                        continue;
                    }
                    const actions = coveredActions(statement, target.actions);
                    if (actions === UNKNOWN) {
                        findings.push(undecided(property, `${describeStatement(statement)} of ${owner.name} has computed actions; whether it lets another account read ${target.label} ${target.resource.name} is checked once known.`, owner.urn));
                        continue;
                    }
                    if (actions.length === 0) {
                        continue;
                    }
                    const accounts = principalAccounts(statement);
                    if (accounts.includes(UNKNOWN)) {
                        findings.push(undecided(property, `${describeStatement(statement)} of ${owner.name} grants ${actions.join(", ")} to a computed principal; checked once known.`, owner.urn));
                        continue;
                    }
                    if (ambiguous) {
                        findings.push(undecided(property, `${describeStatement(statement)} of ${owner.name} grants ${actions.join(", ")}; the key policy gives several accounts (${owners.join(", ")}) full control, so which one is foreign cannot be told. List your accounts in trustedAccountIds.`, owner.urn));
                        continue;
                    }
                    if (trusted.size === 0) {
                        continue;
                    }
                    const foreign = (accounts as string[]).filter((account) => !trusted.has(account));
                    if (foreign.length > 0) {
                        findings.push(
                            violation(
                                property,
                                `${describeStatement(statement)} of ${owner.name} lets account ${[...new Set(foreign)].join(", ")} use ${actions.join(", ")} on ${target.label} ${target.resource.name}, which protects key material; that account's administrators can then read it. Remove the grant or list the account in trustedAccountIds after review.`,
                                owner.urn,
                            ),
                        );
                    }
                }
            }
        }
        return findings;
    },
});
