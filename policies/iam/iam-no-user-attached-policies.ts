import { undecided, violation } from "../lib/readers/checks";
import { IAM_TYPES } from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asList, read, UNKNOWN } from "../lib/readers/values";

const FIX = "Grant permissions through a group (GroupPolicy / GroupPolicyAttachment) or a role, so the group's MFA-enforcing policy applies to every member.";

export const iamNoUserAttachedPolicies = resourcePolicy({
    name: "iam-no-user-attached-policies",
    description: "IAM policies should be granted through groups or roles, not attached to users directly.",
    controls: [100],
    category: "authentication-mfa",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["IAM.2"],
        cis: ["1.14"],
        nist: ["AC-2"],
        checkov: ["CKV_AWS_40"],
        trivy: ["AVD-AWS-0143"],
        cdkNag: ["IAMUserNoPolicies"],
    },
    resourceTypes: [IAM_TYPES.userPolicy, IAM_TYPES.userPolicyAttachment, IAM_TYPES.policyAttachment, IAM_TYPES.userPolicyAttachmentsExclusive],
    remediationSteps: [
        "1. Create an aws.iam.Group for the job function and move the user's policies to it (GroupPolicy or GroupPolicyAttachment).",
        "2. Add the user to the group with aws.iam.UserGroupMembership, and attach the MFA-enforcing policy to the same group.",
        "3. Delete the UserPolicy / UserPolicyAttachment, and remove the user from PolicyAttachment `users`.",
    ].join("\n"),
    check: ({ type, props }): Finding[] => {
        switch (type) {
            case IAM_TYPES.userPolicy:
                return [violation("user", `This inline policy is attached directly to \`user\`. ${FIX}`)];
            case IAM_TYPES.userPolicyAttachment:
                return [violation("user", `This attachment attaches a managed policy directly to \`user\`. ${FIX}`)];
            case IAM_TYPES.userPolicyAttachmentsExclusive: {
                const arns = asList(read(props, "policyArns"));
                if (arns === UNKNOWN) {
                    return [undecided("policyArns", `\`policyArns\` is only known at update time; the policy re-checks it then. ${FIX}`)];
                }
                return arns.length > 0 ? [violation("policyArns", `\`policyArns\` attaches managed policies directly to \`userName\`. ${FIX}`)] : [];
            }
            default: {
                const users = asList(read(props, "users"));
                if (users === UNKNOWN) {
                    return [undecided("users", `\`users\` is only known at update time; the policy re-checks it then. ${FIX}`)];
                }
                return users.length > 0 ? [violation("users", `\`users\` attaches this managed policy directly to users. ${FIX}`)] : [];
            }
        }
    },
});
