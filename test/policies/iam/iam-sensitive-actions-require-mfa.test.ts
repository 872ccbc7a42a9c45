import { describe, expect, it } from "vitest";
import { iamSensitiveActionsRequireMfa as policy } from "../../../policies/iam/iam-sensitive-actions-require-mfa";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const T = {
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userAtt: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    roleAtt: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAtt: "aws:iam/policyAttachment:PolicyAttachment",
    membership: "aws:iam/userGroupMembership:UserGroupMembership",
};
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const DECRYPT = { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:aws:kms:eu-west-1:111122223333:key/k" };
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
const FORCE_MFA = doc({ Effect: "Deny", NotAction: ["iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
const alice: StackInputResource = { type: T.user, name: "alice", props: { name: "alice", arn: "arn:aws:iam::111122223333:user/alice" } };
const trust = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}) => doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });

const pairs = (resources: StackInputResource[], config?: Record<string, unknown>) => {
    const result = evaluateStack(policy, resources, config);
    return {
        result,
        violations: result.violations.map((d) => [d.urn, d.property]),
        undecided: result.undecided.map((d) => [d.urn, d.property]),
    };
};

describe("iam-sensitive-actions-require-mfa", () => {
    it("flags a customer policy attached to a user without MFA and names the path", () => {
        const { result, violations } = pairs([
            alice,
            { type: T.policy, name: "wallet-read", props: { arn: "arn:aws:iam::111122223333:policy/wallet-read", policy: doc(DECRYPT) } },
            { type: T.userAtt, name: "alice-wallet", props: { user: "alice", policyArn: "arn:aws:iam::111122223333:policy/wallet-read" } },
        ]);
        expect(violations).toEqual([[urnOf(T.policy, "wallet-read"), "policy"]]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toContain("user alice <- attachment alice-wallet <- policy wallet-read: Statement[0] allows kms:Decrypt without MFA");
    });

    it("passes the same grant with a Bool MFA condition, but not with BoolIfExists", () => {
        const base = (condition: Record<string, unknown>) => [
            alice,
            { type: T.userPolicy, name: "inline", props: { user: "alice", policy: doc({ ...DECRYPT, Condition: condition }) } },
        ];
        expect(pairs(base(MFA)).result.diagnostics).toEqual([]);
        expect(pairs(base({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } })).result.diagnostics).toEqual([]);
        // Must not block: the age key exists only for MFA sessions, so requiring it requires MFA.
        expect(pairs(base({ Null: { "aws:MultiFactorAuthAge": "false" } })).result.diagnostics).toEqual([]);
        expect(pairs(base({ Null: { "aws:MultiFactorAuthPresent": "false" } })).violations).toEqual([[urnOf(T.userPolicy, "inline"), "policy"]]);
        expect(pairs(base({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })).violations).toEqual([[urnOf(T.userPolicy, "inline"), "policy"]]);
    });

    it("says it cannot verify a role defined outside the stack that reads key material without MFA (advisory)", () => {
        const inline = { type: T.rolePolicy, name: "ext-read", props: { role: "platform-operators", policy: doc(DECRYPT) } };
        const result = pairs([inline]).result;
        expect(result.diagnostics.map((d) => [d.urn, d.property, d.level])).toEqual([[urnOf(T.rolePolicy, "ext-read"), "policy", "advisory"]]);
        expect(result.diagnostics[0]!.message).toContain("allows kms:Decrypt without MFA");
        expect(result.diagnostics[0]!.message).toContain("defined outside this stack");
        // The same role reaching key material through a managed key-material policy.
        const managed = pairs([{ type: T.roleAtt, name: "ext-att", props: { role: "platform-operators", policyArn: "arn:aws:iam::aws:policy/SecretsManagerReadWrite" } }]).result;
        expect(managed.diagnostics.map((d) => [d.urn, d.level])).toEqual([[urnOf(T.roleAtt, "ext-att"), "advisory"]]);
        // Must not report: with an MFA condition, or for actions that read no key material.
        expect(pairs([{ ...inline, props: { role: "platform-operators", policy: doc({ ...DECRYPT, Condition: MFA }) } }]).result.diagnostics).toEqual([]);
        expect(pairs([{ ...inline, props: { role: "platform-operators", policy: doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }) } }]).result.diagnostics).toEqual([]);
    });

    it("flags group policies and wildcard grants (kms:*, secretsmanager:Get*, NotAction)", () => {
        for (const statement of [
            { Effect: "Allow", Action: "kms:*", Resource: "*" },
            { Effect: "Allow", Action: "secretsmanager:Get*", Resource: "arn:aws:secretsmanager:eu-west-1:1:secret:wallet" },
            { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        ]) {
            const { violations } = pairs([{ type: T.groupPolicy, name: "ops", props: { group: "ops", policy: doc(statement) } }]);
            expect(violations).toEqual([[urnOf(T.groupPolicy, "ops"), "policy"]]);
        }
    });

    it("accepts MFA enforced by a deny-without-MFA group the user belongs to", () => {
        const resources: StackInputResource[] = [
            alice,
            { type: T.group, name: "readers", props: { name: "readers" } },
            { type: T.group, name: "mfa", props: { name: "mfa" } },
            { type: T.groupPolicy, name: "readers-decrypt", props: { group: "readers", policy: doc(DECRYPT) } },
            { type: T.groupPolicy, name: "force-mfa", props: { group: "mfa", policy: FORCE_MFA } },
            { type: T.membership, name: "alice-groups", props: { user: "alice", groups: ["readers", "mfa"] } },
        ];
        expect(pairs(resources).result.diagnostics).toEqual([]);
        // Without the force-MFA membership the group grant reaches alice single-factor.
        const withoutMfa = resources.map((r) => (r.name === "alice-groups" ? { ...r, props: { user: "alice", groups: ["readers"] } } : r));
        expect(pairs(withoutMfa).violations).toEqual([[urnOf(T.groupPolicy, "readers-decrypt"), "policy"]]);
    });

    it("treats roles assumable by users or account roots as human, service roles as workloads", () => {
        const rolePolicy = (name: string) => ({ type: T.rolePolicy, name: `${name}-decrypt`, props: { role: name, policy: doc(DECRYPT) } });
        const service = [{ type: T.role, name: "app", props: { name: "app", assumeRolePolicy: trust({ Service: "ecs-tasks.amazonaws.com" }) } }, rolePolicy("app")];
        expect(pairs(service).result.diagnostics).toEqual([]);
        const human = [{ type: T.role, name: "ops", props: { name: "ops", assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }) } }, rolePolicy("ops")];
        expect(pairs(human).violations).toEqual([[urnOf(T.rolePolicy, "ops-decrypt"), "policy"]]);
        const gated = [{ type: T.role, name: "ops", props: { name: "ops", assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:root" }, { Condition: MFA }) } }, rolePolicy("ops")];
        expect(pairs(gated).result.diagnostics).toEqual([]);
    });

    describe("impossible fixes: no MFA condition is demanded where nobody can present MFA (advisory, with the fix that applies)", () => {
        const rolePolicy = (name: string) => ({ type: T.rolePolicy, name: `${name}-decrypt`, props: { role: name, policy: doc(DECRYPT) } });
        const levels = (resources: StackInputResource[]) => pairs(resources).result.violations.map((d) => [d.urn, d.level]);
        const ci: StackInputResource = { type: T.user, name: "ci", props: { name: "ci", arn: "arn:aws:iam::111122223333:user/ci" } };
        const ciRole = { type: T.role, name: "deploy", props: { name: "deploy", assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:user/ci" }) } };

        it("a role assumed through SAML or IAM Identity Center: enforce MFA at the identity provider", () => {
            for (const principal of [{ Federated: "arn:aws:iam::1:saml-provider/okta" }, { AWS: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123" }]) {
                const resources = [{ type: T.role, name: "sso", props: { name: "sso", assumeRolePolicy: doc({ Effect: "Allow", Principal: principal, Action: ["sts:AssumeRole", "sts:AssumeRoleWithSAML"] }) } }, rolePolicy("sso")];
                expect(levels(resources)).toEqual([[urnOf(T.rolePolicy, "sso-decrypt"), "advisory"]]);
                const message = pairs(resources).result.violations[0]!.message;
                expect(message).toMatch(/never carry aws:MultiFactorAuthPresent/);
                expect(message).toMatch(/Enforce MFA at the identity provider/);
                expect(message).not.toMatch(/Add `"Condition"/);
            }
        });

        it("a role assumed by a CI user (no console password): federate the pipeline with OIDC instead, for inline and AWS-managed policies", () => {
            expect(levels([ci, ciRole, rolePolicy("deploy")])).toEqual([[urnOf(T.rolePolicy, "deploy-decrypt"), "advisory"]]);
            const message = pairs([ci, ciRole, rolePolicy("deploy")]).result.violations[0]!.message;
            expect(message).toMatch(/cannot present an MFA code/);
            expect(message).toMatch(/OIDC federation/);
            const managed = { ...ciRole, props: { ...ciRole.props, managedPolicyArns: ["arn:aws:iam::aws:policy/SecretsManagerReadWrite"] } };
            expect(levels([ci, managed])).toEqual([[urnOf(T.role, "deploy"), "advisory"]]);
        });

        it("a web-identity (OIDC) role: no MFA finding at all", () => {
            const oidc = { type: T.role, name: "gha", props: { name: "gha", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }) } };
            expect(pairs([oidc, rolePolicy("gha")]).result.diagnostics).toEqual([]);
        });

        it("still blocks where a person can present MFA: a user with a console password, an account root beside the federation", () => {
            const login = { type: "aws:iam/userLoginProfile:UserLoginProfile", name: "ci-login", props: { user: "ci" } };
            expect(levels([ci, login, ciRole, rolePolicy("deploy")])).toEqual([[urnOf(T.rolePolicy, "deploy-decrypt"), "mandatory"]]);
            const mixed = {
                type: T.role,
                name: "sso",
                props: { name: "sso", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:saml-provider/okta", AWS: "arn:aws:iam::111122223333:root" }, Action: ["sts:AssumeRole", "sts:AssumeRoleWithSAML"] }) },
            };
            expect(levels([mixed, rolePolicy("sso")])).toEqual([[urnOf(T.rolePolicy, "sso-decrypt"), "mandatory"]]);
        });
    });

    it("checks Role inline policies and managedPolicyArns, and AWS-managed key-material policies on people", () => {
        const role = {
            type: T.role,
            name: "ops",
            props: {
                assumeRolePolicy: trust({ AWS: "arn:aws:iam::111122223333:user/alice" }),
                inlinePolicies: [{ name: "x", policy: doc({ Effect: "Allow", Action: "ssm:GetParameter", Resource: "*" }) }],
                managedPolicyArns: ["arn:aws:iam::aws:policy/SecretsManagerReadWrite"],
            },
        };
        expect(pairs([role]).violations.sort()).toEqual([
            [urnOf(T.role, "ops"), "inlinePolicies.0.policy"],
            [urnOf(T.role, "ops"), "managedPolicyArns"],
        ]);
        const attachment = { type: T.policyAtt, name: "att", props: { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess", users: ["bob"] } };
        expect(pairs([attachment]).violations).toEqual([[urnOf(T.policyAtt, "att"), "policyArn"]]);
    });

    it("says what each AWS-managed policy grants, and counts bucket-wide S3 policies", () => {
        const attach = (name: string) => pairs([alice, { type: T.userAtt, name: "att", props: { user: "alice", policyArn: `arn:aws:iam::aws:policy/${name}` } }]).result;
        const readOnly = attach("ReadOnlyAccess");
        expect(readOnly.violations.map((d) => d.property)).toEqual(["policyArn"]);
        expect(readOnly.violations[0]!.message).toContain("reading every bucket, table and parameter");
        // ReadOnlyAccess does not read secrets nor decrypt: the message must not say so.
        expect(readOnly.violations[0]!.message).not.toMatch(/decrypt|secret/i);
        expect(attach("AmazonS3ReadOnlyAccess").violations[0]!.message).toContain("reading every bucket");
        expect(attach("AWSKeyManagementServicePowerUser").violations[0]!.message).toContain("key-policy changes");
        expect(attach("AmazonEC2ReadOnlyAccess").diagnostics).toEqual([]);
    });

    it("ignores policies attached to nobody, and non-key actions", () => {
        expect(pairs([{ type: T.policy, name: "floating", props: { policy: doc(DECRYPT) } }]).result.diagnostics).toEqual([]);
        expect(pairs([alice, { type: T.userPolicy, name: "s3", props: { user: "alice", policy: doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }) } }]).result.diagnostics).toEqual([]);
    });

    describe("takeover actions and key-material buckets", () => {
        const BUCKET = "aws:s3/bucketV2:BucketV2";
        const inline = (statement: Record<string, unknown>, extra: Partial<StackInputResource> = {}): StackInputResource => ({
            type: T.userPolicy,
            name: "inline",
            props: { user: "alice", policy: doc({ Effect: "Allow", ...statement }) },
            ...extra,
        });
        const flagged = (resources: StackInputResource[]) => pairs(resources).violations;
        const INLINE = [[urnOf(T.userPolicy, "inline"), "policy"]];

        it("flags a master-password reset or snapshot sharing on one database without MFA, and names the kind of access", () => {
            const reset = pairs([alice, inline({ Action: ["rds:ModifyDBInstance"], Resource: "arn:aws:rds:eu-west-1:111122223333:db:wallet" })]);
            expect(reset.violations).toEqual(INLINE);
            expect(reset.result.violations[0]!.message).toContain("can reset the master password");
            expect(reset.result.violations[0]!.message).not.toContain("decrypt");
            const share = pairs([alice, inline({ Action: "ec2:ModifySnapshotAttribute", Resource: "*" })]);
            expect(share.result.violations[0]!.message).toContain("can copy or share snapshots");
            expect(flagged([alice, inline({ Action: "ram:AssociateResourceShare", Resource: "*" })])).toEqual(INLINE);
            expect(pairs([alice, inline({ Action: "rds:ModifyDBInstance", Resource: "*", Condition: MFA })]).result.diagnostics).toEqual([]);
        });

        it("counts bucket object access on every bucket and on key-material buckets, not on other buckets", () => {
            expect(flagged([alice, inline({ Action: "s3:GetObject", Resource: "*" })])).toEqual(INLINE);
            // The bucket's own name says key material, even when the bucket lives in another stack.
            expect(flagged([alice, inline({ Action: "s3:GetObject", Resource: "arn:aws:s3:::wallet-backups/*" })])).toEqual(INLINE);
            // A bucket of the stack classified by its tag, named by its ARN (or a glob over it).
            const exports = { type: BUCKET, name: "exports", props: { bucket: "acme-exports-1", tags: { "data-class": "key-material" } } };
            expect(flagged([alice, exports, inline({ Action: "s3:*", Resource: "arn:aws:s3:::acme-exports-1/*" })])).toEqual(INLINE);
            expect(flagged([alice, exports, inline({ Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-exp*/*" })])).toEqual(INLINE);
            // Must not block: object access to a bucket that holds no key material.
            const assets = { type: BUCKET, name: "assets", props: { bucket: "acme-assets", tags: { team: "web" } } };
            expect(pairs([alice, assets, inline({ Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::acme-assets/*" })]).result.diagnostics).toEqual([]);
            expect(pairs([alice, inline({ Action: "s3:*", Resource: ["arn:aws:s3:::acme-assets", "arn:aws:s3:::acme-assets/*"] })]).result.diagnostics).toEqual([]);
            // Must not block: a workload role reading its key-material bucket is how a service uses it.
            const role = { type: T.role, name: "app", props: { name: "app", assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }) } };
            expect(pairs([exports, role, { type: T.rolePolicy, name: "app-read", props: { role: "app", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-exports-1/*" }) } }]).result.diagnostics).toEqual([]);
        });

        it("decides a computed bucket ARN from the bucket the document was computed from (preview)", () => {
            const keyBucket = { type: BUCKET, name: "wallet-exports", props: { bucket: UNKNOWN, arn: UNKNOWN } };
            const plainBucket = { type: BUCKET, name: "assets", props: { bucket: UNKNOWN, arn: UNKNOWN } };
            const statement = { Action: "s3:GetObject", Resource: UNKNOWN };
            expect(flagged([alice, keyBucket, inline(statement, { propertyDependencies: { policy: ["wallet-exports"] } })])).toEqual(INLINE);
            expect(pairs([alice, plainBucket, inline(statement, { propertyDependencies: { policy: ["assets"] } })]).result.diagnostics).toEqual([]);
            const traced = pairs([alice, inline(statement)]);
            expect(traced.result.cantRun).toBe(false);
            expect(traced.violations).toEqual([]);
            expect(traced.undecided).toEqual(INLINE);
        });
    });

    describe("preview (unknowns resolved through propertyDependencies)", () => {
        it("links a computed attachment to the user and policy and decides", () => {
            const { result, violations } = pairs([
                { type: T.user, name: "alice", props: { name: UNKNOWN, arn: UNKNOWN } },
                { type: T.policy, name: "wallet-read", props: { arn: UNKNOWN, policy: doc(DECRYPT) } },
                { type: T.userAtt, name: "alice-wallet", props: { user: UNKNOWN, policyArn: UNKNOWN }, propertyDependencies: { user: ["alice"], policyArn: ["wallet-read"] } },
            ]);
            expect(result.cantRun).toBe(false);
            expect(violations).toEqual([[urnOf(T.policy, "wallet-read"), "policy"]]);
        });

        it("treats a trust naming a stack user (by dependency) as human", () => {
            const { violations, undecided } = pairs([
                { type: T.user, name: "alice", props: { arn: UNKNOWN } },
                { type: T.role, name: "ops", props: { assumeRolePolicy: UNKNOWN }, propertyDependencies: { assumeRolePolicy: ["alice"] } },
                { type: T.rolePolicy, name: "ops-decrypt", props: { role: UNKNOWN, policy: doc(DECRYPT) }, propertyDependencies: { role: ["ops"] } },
            ]);
            // The trust document itself is unknown: whether it requires MFA is only known at update time.
            expect(violations).toEqual([]);
            expect(undecided).toEqual([[urnOf(T.rolePolicy, "ops-decrypt"), "policy"]]);
        });

        it("is undecided for an unknown document reaching a user, or an unknown trust", () => {
            const unknownDoc = pairs([alice, { type: T.userPolicy, name: "inline", props: { user: "alice", policy: UNKNOWN } }]);
            expect(unknownDoc.result.cantRun).toBe(false);
            expect(unknownDoc.undecided).toEqual([[urnOf(T.userPolicy, "inline"), "policy"]]);
            const unknownTrust = pairs([
                { type: T.role, name: "r", props: { name: "r", assumeRolePolicy: UNKNOWN } },
                { type: T.rolePolicy, name: "r-decrypt", props: { role: "r", policy: doc(DECRYPT) } },
            ]);
            expect(unknownTrust.violations).toEqual([]);
            expect(unknownTrust.undecided).toEqual([[urnOf(T.rolePolicy, "r-decrypt"), "policy"]]);
        });
    });
});
