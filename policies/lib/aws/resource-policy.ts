// Findings for resource-based policies (bucket policies, backup vault policies): who outside the account can
// use the resource? Public grants come from public-grants.ts; the document parsing from iam.ts.

import { unknownFinding, violation } from "../readers/checks";
import { describeStatement, hasWildcardPrincipal, principalAccounts, type Statement } from "./iam";
import { publicGrants } from "./public-grants";
import type { Finding } from "../readers/finding";
import { UNKNOWN, type Plain } from "../readers/values";

export interface PublicPrincipalSpec {
    /** The property holding the document, e.g. `policy`. */
    property: string;
    /** What the resource holds, e.g. "the bucket's objects". */
    holds: string;
    /** Account ids principals may come from; empty means cross-account principals are not checked. */
    allowedAccountIds: readonly string[];
    fix: string;
    urn?: string;
    /**
     * A statement that admits everyone only in a way the service itself narrows (EFS: through a mount target), so it
     * opens nothing; it is left out of the open and undecided statements.
     */
    exempt?: (statement: Statement) => boolean;
    /** The conditions that narrow a wildcard principal, as the message names them (default: account, organization, VPC endpoint). */
    narrowing?: string;
}

const ACCOUNT_NARROWING = "aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce";

/**
 * Allow statements that reach everyone (`*`, `{AWS: "*"}`, NotPrincipal) without a condition that pins the caller
 * to an account, organization or VPC endpoint; and, when an allow-list is configured, Allow statements naming
 * accounts outside it. Malformed documents are violations; unknown parts are undecided.
 */
export function publicPrincipalFindings(document: Plain, spec: PublicPrincipalSpec): Finding[] {
    const verdict = publicGrants(document);
    switch (verdict.kind) {
        case "absent":
            return [];
        case "unknown":
            return [unknownFinding(spec.property, spec.fix, spec.urn)];
        case "malformed":
            return [violation(spec.property, `The policy document cannot be evaluated: ${verdict.reason}. AWS rejects or misreads such documents; fix the JSON. ${spec.fix}`, spec.urn)];
        case "document":
            break;
    }
    const findings: Finding[] = [];
    const opens = (statement: Statement) => !spec.exempt?.(statement);
    for (const statement of verdict.open.filter(opens)) {
        const who = statement.notPrincipal ? "everyone except the listed principals (NotPrincipal)" : 'any principal ("*")';
        findings.push(
            violation(
                spec.property,
                `${describeStatement(statement)} allows ${who} to use ${spec.holds}, with no ${spec.narrowing ?? ACCOUNT_NARROWING} condition. ${spec.fix}`,
                spec.urn,
            ),
        );
    }
    if (verdict.undecided.some(opens)) {
        findings.push(unknownFinding(spec.property, spec.fix, spec.urn));
    }
    if (spec.allowedAccountIds.length === 0) {
        return findings;
    }
    for (const statement of verdict.statements) {
        if (statement.effect !== "Allow" || hasWildcardPrincipal(statement) !== false) {
            continue;
        }
        const accounts = principalAccounts(statement);
        if (accounts.some((a) => a === UNKNOWN)) {
            findings.push(unknownFinding(spec.property, spec.fix, spec.urn));
        } else if (accounts.some((a) => !spec.allowedAccountIds.includes(a as string))) {
            findings.push(
                violation(spec.property, `${describeStatement(statement)} allows an AWS account that is not in the policy's allowedAccountIds list to use ${spec.holds}. ${spec.fix}`, spec.urn),
            );
        }
    }
    return findings;
}
