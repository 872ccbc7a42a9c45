import { describe, expect, it } from "vitest";
import { iamNoUserAttachedPolicies as policy } from "../../../policies/iam/iam-no-user-attached-policies";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("iam-no-user-attached-policies", () => {
    it("passes PolicyAttachments to groups and roles only", () => {
        expect(run("aws:iam/policyAttachment:PolicyAttachment", { policyArn: "arn:aws:iam::1:policy/p", groups: ["admins"], roles: ["r"] }).diagnostics).toEqual([]);
        expect(run("aws:iam/policyAttachment:PolicyAttachment", { policyArn: "arn:aws:iam::1:policy/p", users: [] }).diagnostics).toEqual([]);
    });

    it("flags inline user policies and user attachments at advisory level", () => {
        const inline = run("aws:iam/userPolicy:UserPolicy", { user: "alice", policy: "{}" });
        expect(violatedProperties(inline)).toEqual(["user"]);
        expect(inline.violations[0]!.level).toBe("advisory");
        expect(violatedProperties(run("aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "alice", policyArn: "arn:aws:iam::1:policy/p" }))).toEqual(["user"]);
        expect(violatedProperties(run("aws:iam/policyAttachment:PolicyAttachment", { policyArn: "arn:aws:iam::1:policy/p", users: ["alice"] }))).toEqual(["users"]);
        expect(violatedProperties(run("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", { userName: "alice", policyArns: ["arn:aws:iam::1:policy/p"] }))).toEqual(["policyArns"]);
    });

    it("is undecided when the users list is computed", () => {
        const result = run("aws:iam/policyAttachment:PolicyAttachment", { policyArn: "arn:aws:iam::1:policy/p", users: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["users"]);
    });

    it("does not apply to group policies", () => {
        expect(run("aws:iam/groupPolicy:GroupPolicy", { group: "g", policy: "{}" }).notApplicable).toBeDefined();
    });
});
