import { resourcePolicy, type Finding } from "../lib/core/policy";
import { publicPrincipalFindings } from "../lib/aws/resource-policy";
import { read } from "../lib/readers/values";
import { SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_POLICY } from "../lib/aws/types";

const FIX =
    "Name the IAM roles or accounts that may read the secret as principals, or keep `\"*\"` only together with an `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:SourceVpce` condition.";

export const secretsmanagerPolicyNotPublic = resourcePolicy({
    name: "secretsmanager-policy-not-public",
    description: "Secrets Manager resource policies must not allow every principal without an account, organization or VPC-endpoint condition.",
    controls: [77],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["1.4.4"], nist: ["AC-3", "AC-6"] },
    resourceTypes: [SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_POLICY],
    remediationSteps: [
        "1. Replace `Principal: \"*\"` (or `{AWS: \"*\"}`, NotPrincipal) in the secret's `policy` with the ARNs of the roles that read the secret.",
        "2. If a wildcard is unavoidable (for example organization-wide sharing), add `Condition: { StringEquals: { \"aws:PrincipalOrgID\": \"o-...\" } }` or an `aws:SourceVpce` condition.",
        "3. Prefer aws.secretsmanager.SecretPolicy with `blockPublicPolicy: true`, which makes Secrets Manager reject public policies.",
    ].join("\n"),
    // Secret.policy: an unset or empty value leaves any existing policy in place, and "{}" deletes it.
    check: ({ props }): Finding[] =>
        publicPrincipalFindings(read(props, "policy"), {
            property: "policy",
            holds: "the secret (principals in any AWS account can be granted it)",
            allowedAccountIds: [],
            fix: FIX,
        }),
});
