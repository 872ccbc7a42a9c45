// Resource-based policies (bucket policies, backup vault policies): who outside the account can use the
// resource? Shared by the S3 and Backup policies; the document parsing itself is policies/lib/iam.ts.

import { unknownFinding, violation } from "./checks";
import { describeStatement, hasWildcardPrincipal, isAccountScoped, parsePolicyDocument, principalAccounts, type Statement } from "./iam";
import type { Finding } from "./policy";
import { UNKNOWN, type Plain } from "./values";

export interface PublicPrincipalSpec {
    /** The property holding the document, e.g. `policy`. */
    property: string;
    /** What the resource holds, e.g. "the bucket's objects". */
    holds: string;
    /** Account ids principals may come from; empty means cross-account principals are not checked. */
    allowedAccountIds: readonly string[];
    fix: string;
    urn?: string;
}

/** An AWS principal whose account is a wildcard (`arn:aws:iam::*:root`, `arn:aws:iam::*:role/x`) names every account. */
function anyAccountPrincipal(statement: Statement): boolean {
    return (
        Array.isArray(statement.principals) &&
        statement.principals.some((entry) => entry.kind === "AWS" && entry.value !== UNKNOWN && /^arn:[^:]*:iam::[^:]*\*/i.test(entry.value.trim()))
    );
}

/**
 * Allow statements that reach everyone (`*`, `{AWS: "*"}`, NotPrincipal) without a condition that pins the caller
 * to an account, organization or VPC endpoint; and, when an allow-list is configured, Allow statements naming
 * accounts outside it. Malformed documents are violations; unknown parts are undecided.
 */
export function publicPrincipalFindings(document: Plain, spec: PublicPrincipalSpec): Finding[] {
    const parsed = parsePolicyDocument(document);
    switch (parsed.kind) {
        case "absent":
            return [];
        case "unknown":
            return [unknownFinding(spec.property, spec.fix, spec.urn)];
        case "malformed":
            return [violation(spec.property, `The policy document cannot be evaluated: ${parsed.reason}. AWS rejects or misreads such documents; fix the JSON. ${spec.fix}`, spec.urn)];
        case "document":
            break;
    }
    const findings: Finding[] = [];
    for (const statement of parsed.statements) {
        const label = describeStatement(statement);
        if (statement.effect === "invalid") {
            findings.push(violation(spec.property, `${label} has an Effect other than "Allow" or "Deny". Fix the document.`, spec.urn));
            continue;
        }
        if (statement.effect === "Deny") {
            continue;
        }
        const effectUnknown = statement.effect === UNKNOWN;
        const wildcard = hasWildcardPrincipal(statement) || anyAccountPrincipal(statement);
        if (wildcard === false) {
            if (spec.allowedAccountIds.length > 0 && !effectUnknown) {
                const accounts = principalAccounts(statement);
                if (accounts.some((a) => a === UNKNOWN)) {
                    findings.push(unknownFinding(spec.property, spec.fix, spec.urn));
                } else if (accounts.some((a) => !spec.allowedAccountIds.includes(a as string))) {
                    findings.push(
                        violation(
                            spec.property,
                            `${label} allows an AWS account that is not in the policy's allowedAccountIds list to use ${spec.holds}. ${spec.fix}`,
                            spec.urn,
                        ),
                    );
                }
            }
            continue;
        }
        const scopedToAccount = isAccountScoped(statement);
        if (scopedToAccount === true) {
            continue;
        }
        if (wildcard === UNKNOWN || scopedToAccount === UNKNOWN || effectUnknown) {
            findings.push(unknownFinding(spec.property, spec.fix, spec.urn));
            continue;
        }
        const who = statement.notPrincipal ? "everyone except the listed principals (NotPrincipal)" : 'any principal ("*")';
        findings.push(
            violation(
                spec.property,
                `${label} allows ${who} to use ${spec.holds}, with no aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce condition. ${spec.fix}`,
                spec.urn,
            ),
        );
    }
    return findings;
}
