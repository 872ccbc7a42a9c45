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
        expect(s3.violations[0]!.message).toMatch(/AmazonS3FullAccess \(s3:\* on every bucket and object\)/);
        expect(s3.violations[0]!.message).not.toMatch(/decrypt|kms/i);
        const admin = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: ADMIN });
        expect(admin.violations[0]!.message).toMatch(/AdministratorAccess \(every action on every resource: kms:Decrypt on every key/);
        const configured = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess" }, { deniedManagedPolicies: ["AmazonEC2FullAccess"] });
        expect(configured.violations[0]!.message).toMatch(/AmazonEC2FullAccess \(on the pack's list/);
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
