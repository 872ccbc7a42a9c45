import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import {
    coversAllResources,
    describeStatement,
    globMatch,
    hasWildcardPrincipal,
    isAccountScoped,
    parsePolicyDocument,
    type Statement,
} from "../lib/aws/iam";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { read, UNKNOWN } from "../lib/readers/values";
import { DYNAMODB_RESOURCE_POLICY } from "../lib/aws/types";

const FIX =
    "Name the allowed principals explicitly (role ARNs or account ids), or add a condition that pins callers to your organization or network: `StringEquals` on `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:SourceVpce`.";

/** Negated conditions that leave a wildcard Deny applying to every caller outside an account, organization or network path. */
const GUARD_KEYS = new Set([
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourcevpce",
    "aws:sourcevpc",
]);
const NEGATED_OPERATORS = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);

function isGuardCondition(operator: string, key: string, values: readonly (string | typeof UNKNOWN)[]): boolean {
    if (/^for(any|all)value:/i.test(operator)) {
        return false;
    }
    const base = operator.replace(/ifexists$/i, "").toLowerCase();
    if (!NEGATED_OPERATORS.has(base) || !GUARD_KEYS.has(key) || values.length === 0) {
        return false;
    }
    return values.every((v) => v !== UNKNOWN && v.replace(/[*?]/g, "").trim() !== "");
}

/**
 * Does a Deny statement take back everything a public Allow grants from callers outside the account, organization
 * or VPC endpoint? (`Deny * ... StringNotEquals aws:PrincipalOrgID o-...`, the other common way to scope a
 * wildcard grant.) Only a Deny that applies to every principal, covers every action and resource of the Allow and
 * whose conditions are all such negated scoping conditions counts.
 */
function isGuardedBy(allow: Statement, deny: Statement): boolean {
    if (deny.effect !== "Deny" || hasWildcardPrincipal(deny) !== true || deny.notPrincipal || deny.notAction) {
        return false;
    }
    if (deny.actions === UNKNOWN || deny.conditions === UNKNOWN || deny.conditions.length === 0) {
        return false;
    }
    if (!deny.conditions.every((c) => isGuardCondition(c.operator, c.key, c.values))) {
        return false;
    }
    const denyActions = deny.actions.filter((a): a is string => a !== UNKNOWN);
    const allowActions = allow.notAction || allow.actions === UNKNOWN ? ["*"] : allow.actions;
    const actionsCovered = allowActions.every((a) => a !== UNKNOWN && denyActions.some((d) => globMatch(d, a)));
    if (!actionsCovered) {
        return false;
    }
    if (coversAllResources(deny) === true && !deny.notResource) {
        return true;
    }
    if (allow.notResource || allow.resources === UNKNOWN || deny.resources === UNKNOWN || deny.notResource) {
        return false;
    }
    const denyResources = deny.resources.filter((r): r is string => r !== UNKNOWN);
    return allow.resources.every((r) => r !== UNKNOWN && denyResources.some((d) => globMatch(d, r)));
}

function statementFindings(statement: Statement, all: readonly Statement[]): Finding[] {
    const where = describeStatement(statement);
    if (statement.effect === "invalid") {
        return [violation("policy", `\`policy\` ${where} has an Effect that is neither "Allow" nor "Deny". Fix the document; ${FIX}`)];
    }
    if (statement.effect === "Deny") {
        return [];
    }
    const wildcard = hasWildcardPrincipal(statement);
    if (wildcard === false) {
        return [];
    }
    const scoped = isAccountScoped(statement);
    if (scoped === true) {
        return [];
    }
    if (all.some((other) => other !== statement && isGuardedBy(statement, other))) {
        return [];
    }
    if (wildcard === UNKNOWN || scoped === UNKNOWN || statement.effect === UNKNOWN) {
        return [
            undecided(
                "policy",
                `\`policy\` ${where} has a principal, effect or condition computed from another resource, so it is only known at update time; the policy re-checks it then. Requirement: no Allow to a wildcard principal without an account, organization or VPC-endpoint condition. ${FIX}`,
            ),
        ];
    }
    return [
        violation(
            "policy",
            `\`policy\` ${where} allows a wildcard principal ("*", {"AWS": "*"} or NotPrincipal) without a condition that pins callers to your account, organization or VPC endpoint, so any AWS account (and anonymous callers) can read or change the key table. ${FIX}`,
        ),
    ];
}

export const dynamodbResourcePolicyNotPublic = resourcePolicy({
    name: "dynamodb-resource-policy-not-public",
    description: "DynamoDB resource policies must not grant access to a wildcard principal unless an account, organization or VPC-endpoint condition scopes it.",
    controls: [34],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["1.4.4"], nist: ["AC-3"] },
    resourceTypes: [DYNAMODB_RESOURCE_POLICY],
    remediationSteps: [
        "1. In the aws.dynamodb.ResourcePolicy `policy`, replace `\"Principal\": \"*\"` / `{\"AWS\": \"*\"}` (and any NotPrincipal with Allow) by the ARNs of the roles or accounts that need the table.",
        "2. If a wildcard principal is required (for example for an organization-wide reader), add `\"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-...\"}}` (or `aws:PrincipalAccount` / `aws:SourceVpce`) to that statement, or a Deny for every principal with `StringNotEquals` on the same key.",
        "3. Build the document with `JSON.stringify` or `pulumi.jsonStringify` so it stays valid JSON.",
    ].join("\n"),
    check: ({ props }) => {
        const document = parsePolicyDocument(read(props, "policy"));
        switch (document.kind) {
            case "absent":
                return [];
            case "unknown":
                return [unknownFinding("policy", `no Allow statement may grant a wildcard principal without an account, organization or VPC-endpoint condition. ${FIX}`)];
            case "malformed":
                return [violation("policy", `\`policy\` cannot be read as a policy document (${document.reason}), so it cannot be shown to keep the table private. Provide valid IAM policy JSON.`)];
            case "document":
                return document.statements.flatMap((statement) => statementFindings(statement, document.statements));
        }
    },
});
