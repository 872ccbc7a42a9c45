import { undecided, violation } from "../lib/readers/checks";
import { coversAction, describeStatement, isAccountScoped, type ConditionEntry, type Statement } from "../lib/aws/iam";
import { ASSUME_ACTIONS, classifyPrincipal, documentStatements, IAM_TYPES, isAllow, parseDocument } from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { and, or, read, UNKNOWN, type Tri } from "../lib/readers/values";

const PROPERTY = "assumeRolePolicy";
const REQUIREMENT =
    "the trust policy must not let anyone (`*`, `{AWS: \"*\"}`, NotPrincipal) assume the role without an account-scoping condition (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, ...) or sts:ExternalId, and web-identity trusts must pin the token's `sub` (GitHub, EKS) or `aud` (Cognito, other OIDC providers).";

const POSITIVE = /^(stringequals|stringequalsignorecase|stringlike)$/i;

/** A positive string condition on `key` whose values are more than wildcards (and, for `sub`, more than a bare prefix). */
function pins(conditions: ConditionEntry[], keyMatches: (key: string) => boolean, claim: "sub" | "aud"): Tri {
    let unknown = false;
    for (const condition of conditions) {
        const operator = condition.operator.replace(/^forallvalues:|^foranyvalue:/i, "");
        if (!keyMatches(condition.key) || !POSITIVE.test(operator) || /^forallvalues:/i.test(condition.operator)) {
            continue;
        }
        if (condition.values.length === 0) {
            continue;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            unknown = true;
            continue;
        }
        const concrete = (condition.values as string[]).every((v) => {
            let rest = v.replace(/[*?]/g, "").trim();
            if (claim === "sub") {
                // `repo:*`, `system:serviceaccount:*`: a prefix alone admits every repository or service account.
                rest = rest.replace(/^(repo|system:serviceaccount|project_path|organization)?:*/i, "").replace(/[:/]/g, "");
            }
            return rest !== "";
        });
        if (concrete) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

function hasExternalId(conditions: ConditionEntry[]): Tri {
    return pins(conditions, (key) => key === "sts:externalid", "aud");
}

/** The provider host of a Federated principal: `token.actions.githubusercontent.com`, `cognito-identity.amazonaws.com`. */
function providerHost(value: string): string {
    return value
        .trim()
        .replace(/^arn:[^:]*:iam::[^:]*:oidc-provider\//i, "")
        .replace(/^https?:\/\//i, "")
        .toLowerCase();
}

function webIdentityPinned(statement: Statement, provider: string | typeof UNKNOWN): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    const conditions = statement.conditions;
    if (provider === UNKNOWN) {
        return or(
            pins(conditions, (key) => key.endsWith(":sub"), "sub"),
            pins(conditions, (key) => key.endsWith(":aud") && !key.startsWith("token.actions.githubusercontent.com") && !key.startsWith("oidc.eks."), "aud"),
        );
    }
    const claim = (name: string) => (key: string) => key === `${provider}:${name}` || (key.endsWith(`:${name}`) && key.startsWith(provider.split("/")[0] ?? provider));
    if (provider.startsWith("token.actions.githubusercontent.com") || /^oidc\.eks\./.test(provider)) {
        // Every GitHub repository and every service account of the cluster gets `aud: sts.amazonaws.com`: only `sub` identifies the caller.
        return pins(conditions, claim("sub"), "sub");
    }
    if (provider === "cognito-identity.amazonaws.com") {
        return pins(conditions, claim("aud"), "aud");
    }
    return or(pins(conditions, claim("aud"), "aud"), pins(conditions, claim("sub"), "sub"));
}

function checkStatement(statement: Statement): Finding[] {
    const where = describeStatement(statement);
    const allow = isAllow(statement);
    if (allow === false) {
        return [];
    }
    const assume = or(...ASSUME_ACTIONS.map((a) => coversAction(statement, a)));
    if (assume === false) {
        return [];
    }
    const findings: Finding[] = [];
    let unknown = allow === UNKNOWN || assume === UNKNOWN;

    // Anyone: `*`, `{AWS: "*"}`, NotPrincipal.
    let publicPrincipal: Tri = false;
    if (statement.principals === UNKNOWN) {
        publicPrincipal = UNKNOWN;
    } else if (statement.notPrincipal) {
        publicPrincipal = true;
    } else {
        for (const entry of statement.principals ?? []) {
            const cls = classifyPrincipal(entry.kind, entry.value);
            if (cls === "public") {
                publicPrincipal = true;
            } else if (cls === "unknown" && publicPrincipal === false) {
                publicPrincipal = UNKNOWN;
            }
        }
    }
    if (publicPrincipal !== false) {
        const scoped =
            statement.conditions === UNKNOWN ? UNKNOWN : or(isAccountScoped(statement), hasExternalId(statement.conditions));
        const verdict = and(allow, assume, publicPrincipal, scoped === UNKNOWN ? UNKNOWN : !scoped);
        if (verdict === true) {
            findings.push(
                violation(
                    PROPERTY,
                    `\`${PROPERTY}\` ${where} lets any AWS principal in any account assume this role (wildcard principal or NotPrincipal) with no account-scoping condition, so anyone can use whatever keys and secrets the role can decrypt. Name the trusted account or role ARNs, or add a positive aws:PrincipalOrgID / aws:PrincipalAccount condition (or sts:ExternalId for a third party).`,
                ),
            );
        }
        unknown ||= verdict === UNKNOWN;
    }

    // Web identity: a Federated OIDC / Cognito provider must be pinned to the caller.
    if (Array.isArray(statement.principals) && !statement.notPrincipal) {
        const webIdentity = coversAction(statement, "sts:AssumeRoleWithWebIdentity");
        for (const entry of statement.principals) {
            if (entry.kind !== "Federated") {
                continue;
            }
            const cls = classifyPrincipal(entry.kind, entry.value);
            if (cls !== "web-identity" && cls !== "unknown") {
                continue;
            }
            const pinned = webIdentityPinned(statement, entry.value === UNKNOWN ? UNKNOWN : providerHost(entry.value));
            const verdict = and(allow, webIdentity, pinned === UNKNOWN ? UNKNOWN : !pinned);
            if (verdict === true) {
                findings.push(
                    violation(
                        PROPERTY,
                        `\`${PROPERTY}\` ${where} trusts a web-identity provider without pinning the token's subject or audience, so any repository, workload or app that can get a token from that provider can assume this role. Add a StringEquals/StringLike condition on \`<provider>:sub\` (e.g. token.actions.githubusercontent.com:sub = repo:org/repo:ref:refs/heads/main) or, for Cognito, \`cognito-identity.amazonaws.com:aud\`.`,
                    ),
                );
                break;
            }
            unknown ||= verdict === UNKNOWN && cls === "web-identity";
        }
    }
    if (findings.length === 0 && unknown) {
        findings.push(undecided(PROPERTY, `\`${PROPERTY}\` ${where} depends on values only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`));
    }
    return findings;
}

export const iamNoPublicPrincipal = resourcePolicy({
    name: "iam-no-public-principal",
    description: "IAM role trust policies must not let anyone assume the role, and web-identity trusts must pin the token subject or audience.",
    controls: [96],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        nist: ["AC-3"],
        checkov: ["CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_283"],
    },
    resourceTypes: [IAM_TYPES.role],
    remediationSteps: [
        "1. In `assumeRolePolicy`, replace `Principal: \"*\"` / `{AWS: \"*\"}` / NotPrincipal with the ARNs of the accounts, roles or services that must assume the role.",
        "2. If a wildcard principal is unavoidable, add a positive `aws:PrincipalOrgID` or `aws:PrincipalAccount` condition (or `sts:ExternalId` for a named third party).",
        "3. For GitHub Actions or EKS (IRSA) trusts, add `StringEquals`/`StringLike` on `<provider>:sub` naming the repository/branch or service account; for Cognito, pin `cognito-identity.amazonaws.com:aud` to the identity pool id.",
    ].join("\n"),
    check: ({ props }) => {
        const parsed = parseDocument(read(props, PROPERTY));
        const { statements, findings } = documentStatements(parsed, PROPERTY, REQUIREMENT);
        for (const statement of statements) {
            findings.push(...checkStatement(statement));
        }
        return findings;
    },
});
