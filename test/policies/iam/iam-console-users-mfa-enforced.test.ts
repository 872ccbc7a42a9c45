import { describe, expect, it } from "vitest";
import { iamConsoleUsersMfaEnforced as policy } from "../../../policies/iam/iam-console-users-mfa-enforced";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const FORCE_MFA = doc({
    Sid: "DenyAllExceptListedIfNoMFA",
    Effect: "Deny",
    NotAction: ["iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
});
const base: StackInputResource[] = [
    { type: "aws:iam/user:User", name: "alice", props: { name: "alice" } },
    { type: "aws:iam/group:Group", name: "mfa", props: { name: "mfa" } },
    { type: LOGIN, name: "alice-login", props: { user: "alice" } },
];
const run = (resources: StackInputResource[]) => {
    const result = evaluateStack(policy, resources);
    return { result, violations: result.violations.map((d) => [d.urn, d.property]), undecided: result.undecided.map((d) => [d.urn, d.property]) };
};

describe("iam-console-users-mfa-enforced", () => {
    it("passes a console user in a group whose policy denies everything without MFA", () => {
        const resources = [...base, { type: "aws:iam/groupPolicy:GroupPolicy", name: "force", props: { group: "mfa", policy: FORCE_MFA } }, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "alice", groups: ["mfa"] } }];
        expect(run(resources).result.diagnostics).toEqual([]);
    });

    it("passes with GroupMembership and an attached customer policy", () => {
        const resources = [
            ...base,
            { type: "aws:iam/policy:Policy", name: "force", props: { arn: "arn:aws:iam::1:policy/force", policy: FORCE_MFA } },
            { type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: "att", props: { group: "mfa", policyArn: "arn:aws:iam::1:policy/force" } },
            { type: "aws:iam/groupMembership:GroupMembership", name: "gm", props: { group: "mfa", users: ["alice"] } },
        ];
        expect(run(resources).result.diagnostics).toEqual([]);
    });

    it("flags a console user with no MFA-enforcing group", () => {
        const { result, violations } = run(base);
        expect(violations).toEqual([[urnOf(LOGIN, "alice-login"), "user"]]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each([
        ["a plain Bool false deny (misses access keys)", { Bool: { "aws:MultiFactorAuthPresent": "false" } }],
        ["no condition key at all", { StringEquals: { "aws:RequestedRegion": "eu-west-1" } }],
    ])("flags %s", (_label, Condition) => {
        const weak = doc({ Effect: "Deny", NotAction: ["iam:EnableMFADevice"], Resource: "*", Condition });
        const resources = [...base, { type: "aws:iam/groupPolicy:GroupPolicy", name: "force", props: { group: "mfa", policy: weak } }, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "alice", groups: ["mfa"] } }];
        expect(run(resources).violations).toEqual([[urnOf(LOGIN, "alice-login"), "user"]]);
    });

    it("flags a deny that only covers some actions", () => {
        const partial = doc({ Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
        const resources = [...base, { type: "aws:iam/groupPolicy:GroupPolicy", name: "force", props: { group: "mfa", policy: partial } }, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "alice", groups: ["mfa"] } }];
        expect(run(resources).violations).toEqual([[urnOf(LOGIN, "alice-login"), "user"]]);
    });

    describe("preview", () => {
        it("resolves computed references through propertyDependencies", () => {
            const resources: StackInputResource[] = [
                { type: "aws:iam/user:User", name: "alice", props: { name: UNKNOWN } },
                { type: "aws:iam/group:Group", name: "mfa", props: { name: UNKNOWN } },
                { type: LOGIN, name: "alice-login", props: { user: UNKNOWN }, propertyDependencies: { user: ["alice"] } },
                { type: "aws:iam/groupPolicy:GroupPolicy", name: "force", props: { group: UNKNOWN, policy: FORCE_MFA }, propertyDependencies: { group: ["mfa"] } },
                { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: UNKNOWN, groups: [UNKNOWN] }, propertyDependencies: { user: ["alice"], groups: ["mfa"] } },
            ];
            const { result } = run(resources);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("is undecided when the group's policy is computed", () => {
            const resources = [...base, { type: "aws:iam/groupPolicy:GroupPolicy", name: "force", props: { group: "mfa", policy: UNKNOWN } }, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "alice", groups: ["mfa"] } }];
            const { result, undecided } = run(resources);
            expect(result.violations).toEqual([]);
            expect(undecided).toEqual([[urnOf(LOGIN, "alice-login"), "user"]]);
        });
    });

    it("does nothing for stacks without console users", () => {
        expect(run([{ type: "aws:iam/user:User", name: "ci", props: { name: "ci" } }]).result.diagnostics).toEqual([]);
    });
});
