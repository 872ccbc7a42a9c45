import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { KEY_MATERIAL_ACTIONS } from "../lib/aws/iam";
import { IAM_TYPES, IamModel } from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { stackPolicy } from "../lib/core/policy";

const REQUIREMENT =
    "every user with a console password (UserLoginProfile) must be in a group whose policy denies everything except MFA self-management when `BoolIfExists aws:MultiFactorAuthPresent` is false.";

export const iamConsoleUsersMfaEnforced = stackPolicy({
    name: "iam-console-users-mfa-enforced",
    description: "IAM users with console passwords must be in a group whose policy denies all actions without MFA.",
    controls: [98],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["IAM.5", "IAM.19"],
        cis: ["1.9"],
        pciDss: ["8.4.2"],
        nist: ["IA-2(1)", "IA-2(2)"],
        checkov: ["CKV2_AWS_22", "CKV_AWS_273"],
        trivy: ["AVD-AWS-0123"],
    },
    resourceTypes: [
        IAM_TYPES.userLoginProfile,
        IAM_TYPES.user,
        IAM_TYPES.userGroupMembership,
        IAM_TYPES.groupMembership,
        IAM_TYPES.groupPolicy,
        IAM_TYPES.groupPolicyAttachment,
    ],
    remediationSteps: [
        "1. Create a group (e.g. `mfa-required`) with a GroupPolicy: `Effect: Deny`, `NotAction: [iam:ChangePassword, iam:GetUser, iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, iam:ListVirtualMFADevices, iam:ResyncMFADevice, sts:GetSessionToken]`, `Resource: \"*\"`, `Condition: {BoolIfExists: {\"aws:MultiFactorAuthPresent\": \"false\"}}`.",
        "2. Add every user that has an aws.iam.UserLoginProfile to that group with aws.iam.UserGroupMembership (or GroupMembership).",
        "3. Better: remove IAM console users and use IAM Identity Center with MFA; MFA enrolment itself is checked at runtime by Security Hub IAM.5/IAM.19.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const model = new IamModel(graph);
        const findings: Finding[] = [];
        for (const profile of graph.ofType(IAM_TYPES.userLoginProfile)) {
            const { refs, unresolved } = model.resolve(profile, "user", "user");
            if (refs.length === 0) {
                if (unresolved) {
                    findings.push(undecided("user", `\`user\` is only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`, profile.urn));
                }
                continue;
            }
            for (const user of refs) {
                const enforced = model.userEnforced(user.key, KEY_MATERIAL_ACTIONS);
                if (enforced === false) {
                    findings.push(
                        violation(
                            "user",
                            `${user.label} has a console password but no group (or own policy) that denies all actions when \`BoolIfExists aws:MultiFactorAuthPresent\` is false, so the password alone opens KMS, Secrets Manager and the key stores. Add the user to an MFA-enforcing group.`,
                            profile.urn,
                        ),
                    );
                } else if (enforced !== true) {
                    findings.push(undecided("user", `The group memberships or group policies of ${user.label} are only known at update time; the policy re-checks them then. Requirement: ${REQUIREMENT}`, profile.urn));
                }
            }
        }
        return findings;
    },
});
