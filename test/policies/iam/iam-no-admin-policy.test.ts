import { describe, expect, it } from "vitest";
import { iamNoAdminPolicy as policy } from "../../../policies/iam/iam-no-admin-policy";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

describe("iam-no-admin-policy", () => {
    it("passes scoped policies and harmless managed attachments", () => {
        expect(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:1:key/k" }) }).diagnostics).toEqual([]);
        expect(run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }).diagnostics).toEqual([]);
    });

    it.each([
        [{ Effect: "Allow", Action: "*", Resource: "*" }],
        [{ Effect: "Allow", Action: ["*:*"], Resource: ["arn:aws:*:*:*:*"] }],
        [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }],
        [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::audit/*" }],
    ])("flags full admin statement %j", (statement) => {
        const result = run("aws:iam/userPolicy:UserPolicy", { user: "u", policy: JSON.stringify(doc(statement)) });
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    describe("administrator access in another spelling", () => {
        const userPolicy = (...statements: Record<string, unknown>[]) => run("aws:iam/userPolicy:UserPolicy", { user: "u", policy: JSON.stringify(doc(...statements)) });

        it.each([
            ["Action list of one *", { Effect: "Allow", Action: ["*"], Resource: ["*"] }, "every action on every resource"],
            ["*:* on an ARN wildcard", { Effect: "Allow", Action: "*:*", Resource: "arn:aws:*:*:*:*" }, "every action on every resource"],
            ["Allow NotAction iam:* (near-admin)", { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }, "every action except the NotAction list"],
            ["iam:*", { Effect: "Allow", Action: "iam:*", Resource: "*" }, "every IAM action"],
            ["IAM:* in capitals", { Effect: "Allow", Action: ["IAM:*"], Resource: ["*"] }, "every IAM action"],
            ["iam:?* on every IAM ARN", { Effect: "Allow", Action: "iam:?*", Resource: "arn:aws:iam::*:*" }, "every IAM action"],
            ["iam:Put* on every role", { Effect: "Allow", Action: "iam:Put*", Resource: "arn:aws:iam::111122223333:role/*" }, "grant itself any permission"],
            ["iam:AttachUserPolicy on *", { Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*" }, "grant itself any permission"],
            ["iam:CreatePolicyVersion on every policy", { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::111122223333:policy/*" }, "grant itself any permission"],
            ["iam:UpdateAssumeRolePolicy, NotResource", { Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", NotResource: "arn:aws:iam::111122223333:role/breakglass" }, "grant itself any permission"],
            ["iam:* on the caller's own user", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::111122223333:user/${aws:username}" }, "own user"],
            ["iam:PutUserPolicy on the caller's own user", { Effect: "Allow", Action: "iam:PutUserPolicy", Resource: "arn:aws:iam::*:user/${aws:username}" }, "own user"],
        ])("flags %s", (_label, statement, words) => {
            const result = userPolicy(statement);
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toContain(words);
            expect(result.violations[0]!.message).toContain("administrator access");
        });

        it.each([
            ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }],
            ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }],
            ["an MFA condition", { Bool: { "aws:MultiFactorAuthPresent": "true" } }],
            ["a resource-tag condition (the holder can tag its own role)", { StringEquals: { "aws:ResourceTag/team": "wallet" } }],
            ["a permissions boundary with a wildcard ARN", { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/*" } }],
            ["a permissions boundary under IfExists", { StringEqualsIfExists: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary" } }],
        ])("does not accept admin because of %s", (_label, Condition) => {
            expect(violatedProperties(userPolicy({ Effect: "Allow", Action: "*", Resource: "*", Condition }))).toEqual(["policy"]);
            expect(violatedProperties(userPolicy({ Effect: "Allow", Action: "iam:*", Resource: "*", Condition }))).toEqual(["policy"]);
        });

        it.each([
            ["read-only IAM", { Effect: "Allow", Action: ["iam:Get*", "iam:List*", "iam:Generate*"], Resource: "*" }],
            ["a Deny of everything", { Effect: "Deny", Action: "*", Resource: "*" }],
            ["a Deny of every IAM write", { Effect: "Deny", Action: ["iam:Put*", "iam:Attach*"], Resource: "*" }],
            ["Allow NotAction on one bucket", { Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::app-assets/*" }],
            ["iam:* on one path of roles", { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::111122223333:role/app/*" }],
            ["iam:PassRole on *", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
            ["AWS's self-management of passwords, access keys and MFA devices", {
                Effect: "Allow",
                Action: ["iam:ChangePassword", "iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser"],
                Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:mfa/${aws:username}"],
            }],
            ["iam:PutRolePolicy on one role", { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::111122223333:role/app-worker" }],
            ["iam:*Policy (attach and write) on roles under a fixed permissions boundary", {
                Effect: "Allow",
                Action: ["iam:CreateRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"],
                Resource: "arn:aws:iam::111122223333:role/*",
                Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/team-boundary" } },
            }],
            ["iam:AttachRolePolicy limited to named policies", {
                Effect: "Allow",
                Action: "iam:AttachRolePolicy",
                Resource: "*",
                Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/app"] } },
            }],
            ["a service-wide wildcard of a store (iam-no-wildcard-resource-key-actions reports it)", { Effect: "Allow", Action: "s3:*", Resource: "*" }],
        ])("does not block %s", (_label, statement) => {
            expect(userPolicy(statement).diagnostics).toEqual([]);
        });

        it("reports malformed JSON and never crashes on odd statements", () => {
            expect(violatedProperties(run("aws:iam/policy:Policy", { policy: '{"Statement": [{"Effect": "Allow", "Action": "*"' }))).toEqual(["policy"]);
            expect(violatedProperties(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: { not: "a list" }, Resource: "*" }) }))).toEqual(["policy"]);
            expect(violatedProperties(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "iam:*", Resource: "*", Condition: "yes" }) }))).toEqual(["policy"]);
            expect(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: [null, 7], Resource: "*" }) }).cantRun).toBe(false);
        });

        it("is undecided while an escalation action's resource or a delegation condition is computed", () => {
            const resource = run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: UNKNOWN }) });
            expect(resource.cantRun).toBe(false);
            expect(resource.violations).toEqual([]);
            expect(resource.undecided.map((d) => d.property)).toEqual(["policy"]);
            const boundary = run("aws:iam/policy:Policy", {
                policy: doc({ Effect: "Allow", Action: "iam:*", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": UNKNOWN } } }),
            });
            expect(boundary.violations).toEqual([]);
            expect(boundary.undecided.map((d) => d.property)).toEqual(["policy"]);
            // A computed resource cannot make a read-only statement admin: no noise.
            expect(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "iam:Get*", Resource: UNKNOWN }) }).diagnostics).toEqual([]);
        });
    });

    describe("IAM Identity Center permission sets", () => {
        const INLINE = "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";
        const MANAGED = "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";
        const sso = { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1" };

        it("flags an admin inline policy and passes a scoped one", () => {
            const admin = run(INLINE, { ...sso, inlinePolicy: JSON.stringify(doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })) });
            expect(violatedProperties(admin)).toEqual(["inlinePolicy"]);
            const scoped = run(INLINE, { ...sso, inlinePolicy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" })) });
            expect(scoped.diagnostics).toEqual([]);
            const preview = run(INLINE, { ...sso, inlinePolicy: UNKNOWN });
            expect(preview.cantRun).toBe(false);
            expect(preview.undecided.map((d) => d.property)).toEqual(["inlinePolicy"]);
        });

        it("flags AdministratorAccess and other broad AWS-managed policies attached to a permission set, and says what each grants", () => {
            const admin = run(MANAGED, { ...sso, managedPolicyArn: ADMIN });
            expect(violatedProperties(admin)).toEqual(["managedPolicyArn"]);
            expect(admin.violations[0]!.message).toContain("every action on every resource");
            const exclusive = run("aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive", {
                ...sso,
                managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"],
            });
            expect(violatedProperties(exclusive)).toEqual(["managedPolicyArns"]);
            expect(exclusive.violations[0]!.message).toContain("every bucket");
            expect(exclusive.violations[0]!.message).not.toContain("decrypt");
            expect(run(MANAGED, { ...sso, managedPolicyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }).diagnostics).toEqual([]);
            expect(run(MANAGED, { ...sso, managedPolicyArn: UNKNOWN }).diagnostics).toEqual([]);
        });

        it("judges a customer-managed policy where it is defined (one cause, one finding), and a permissions boundary grants nothing", () => {
            const adminPolicy = run("aws:iam/policy:Policy", { name: "platform-admin", policy: JSON.stringify(doc({ Effect: "Allow", Action: "iam:*", Resource: "*" })) });
            expect(violatedProperties(adminPolicy)).toEqual(["policy"]);
            const reference = { name: "platform-admin", path: "/" };
            expect(run("aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", { ...sso, customerManagedPolicyReference: reference }).diagnostics).toEqual([]);
            expect(run("aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment", { ...sso, permissionsBoundary: { managedPolicyArn: ADMIN } }).diagnostics).toEqual([]);
        });
    });

    it.each([
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "policyArn"],
        ["aws:iam/userPolicyAttachment:UserPolicyAttachment", "policyArn"],
        ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "policyArn"],
        ["aws:iam/policyAttachment:PolicyAttachment", "policyArn"],
    ])("flags AdministratorAccess attached through %s", (type, property) => {
        expect(violatedProperties(run(type, { [property]: ADMIN, role: "r", user: "u", group: "g" }))).toEqual([property]);
    });

    it("flags broad managed policies in Role managedPolicyArns and exclusive attachments, in any partition", () => {
        const role = run("aws:iam/role:Role", {
            assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
            managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/PowerUserAccess"],
        });
        expect(violatedProperties(role)).toEqual(["managedPolicyArns"]);
        const exclusive = run("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/SecretsManagerReadWrite"] });
        expect(violatedProperties(exclusive)).toEqual(["policyArns"]);
    });

    it("says what the attached policy grants: S3 full access is no claim of key decryption", () => {
        const s3 = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" });
        expect(violatedProperties(s3)).toEqual(["policyArn"]);
        expect(s3.violations[0]!.message).toMatch(/AmazonS3FullAccess, which grants reading, overwriting and opening up every bucket/);
        expect(s3.violations[0]!.message).not.toMatch(/decrypt|kms/i);
        const admin = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: ADMIN });
        expect(admin.violations[0]!.message).toMatch(/AdministratorAccess, which grants every action on every resource/);
        const configured = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess" }, { deniedManagedPolicies: ["AmazonEC2FullAccess"] });
        expect(configured.violations[0]!.message).toMatch(/AmazonEC2FullAccess, which grants broad access/);
        expect(configured.violations[0]!.message).not.toMatch(/decrypt/i);
    });

    it("uses the configured deny-list", () => {
        const props = { role: "r", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" };
        expect(run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", props).diagnostics).toEqual([]);
        expect(violatedProperties(run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", props, { deniedManagedPolicies: ["ReadOnlyAccess"] }))).toEqual(["policyArn"]);
    });

    it("does not confuse a customer policy named like an AWS one", () => {
        expect(run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::111122223333:policy/AdministratorAccess-readonly" }).diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("treats computed policy ARNs as program policies (checked by their documents) and unknown documents as undecided", () => {
            const attachment = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: UNKNOWN, policyArn: UNKNOWN });
            expect(attachment.cantRun).toBe(false);
            expect(attachment.diagnostics).toEqual([]);
            const unknownDoc = run("aws:iam/policy:Policy", { policy: UNKNOWN });
            expect(unknownDoc.cantRun).toBe(false);
            expect(unknownDoc.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("decides from known parts of a partly unknown statement", () => {
            expect(violatedProperties(run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "*", Resource: ["*", UNKNOWN] }) }))).toEqual(["policy"]);
            const maybe = run("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: UNKNOWN, Resource: "*" }) });
            expect(maybe.undecided.map((d) => d.property)).toEqual(["policy"]);
        });
    });
});
