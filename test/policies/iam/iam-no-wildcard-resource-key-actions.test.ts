import { describe, expect, it } from "vitest";
import { iamNoWildcardResourceKeyActions as policy } from "../../../policies/iam/iam-no-wildcard-resource-key-actions";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const POLICY = "aws:iam/policy:Policy";
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const run = (policyDoc: unknown, type = POLICY) => evaluateResource(policy, { type, props: { policy: policyDoc, user: "u", role: "r", group: "g" } });

describe("iam-no-wildcard-resource-key-actions", () => {
    it("passes decrypt scoped to a key ARN, and broad non-key actions", () => {
        const result = run(
            doc(
                { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd" },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
                { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/wallet-*" },
            ),
        );
        expect(result.diagnostics).toEqual([]);
    });

    it("flags kms:Decrypt on * with mandatory level and names the statement and action", () => {
        const result = run(doc({ Sid: "Dec", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }));
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/Statement\[0\].*kms:Decrypt/);
    });

    it.each([
        ["kms:*", "arn:aws:kms:*:*:key/*"],
        ["*", "*"],
        ["kms:De*", "arn:aws:kms:eu-west-1:111122223333:key/*"],
        ["secretsmanager:Get*", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*"],
        ["ssm:GetParameter*", "arn:aws:ssm:eu-west-1:111122223333:parameter/*"],
        ["rds-db:connect", "arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/*"],
        ["KMS:DECRYPT", "arn:aws:kms:*"],
        ["kms:Decrypt", "arn:aws:kms:*:111122223333:key/*-*"],
        ["kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/????????-????-????-????-????????????"],
        ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*-??????"],
    ])("flags %s on %s", (action, resource) => {
        expect(violatedProperties(run(doc({ Effect: "Allow", Action: action, Resource: resource })))).toEqual(["policy"]);
    });

    it("flags NotAction and NotResource forms, JSON strings and single-statement objects", () => {
        expect(violatedProperties(run(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })))).toEqual(["policy"]);
        expect(violatedProperties(run(doc({ Effect: "Allow", Action: "kms:Decrypt", NotResource: "arn:aws:kms:eu-west-1:1:key/other" })))).toEqual(["policy"]);
        expect(violatedProperties(run(JSON.stringify({ Statement: { Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["*"] } })))).toEqual(["policy"]);
    });

    it("does not treat another service's wildcard ARN as a key wildcard", () => {
        expect(run(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::logs-bucket/*" })).diagnostics).toEqual([]);
    });

    it("accepts Resource * scoped by a resource-tag condition, and ignores Deny statements", () => {
        const tagScoped = { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "wallet" } } };
        expect(run(doc(tagScoped)).diagnostics).toEqual([]);
        expect(run(doc({ Effect: "Deny", Action: "kms:Decrypt", Resource: "*" })).diagnostics).toEqual([]);
    });

    it("checks every document type, and each Role inline policy by index", () => {
        for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
            expect(violatedProperties(run(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }), type))).toEqual(["policy"]);
        }
        const role = evaluateResource(policy, {
            type: "aws:iam/role:Role",
            props: {
                assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
                inlinePolicies: [
                    { name: "ok", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })) },
                    { name: "bad", policy: JSON.stringify(doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" })) },
                ],
            },
        });
        expect(violatedProperties(role)).toEqual(["inlinePolicies.1.policy"]);
    });

    it("reports malformed documents as violations", () => {
        expect(violatedProperties(run("{not json"))).toEqual(["policy"]);
        expect(violatedProperties(run(doc({ Effect: "allow", Action: "s3:GetObject", Resource: "*" })))).toEqual(["policy"]);
    });

    describe("preview", () => {
        it("reports an unknown document as undecided", () => {
            const result = run(UNKNOWN);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("is undecided when the resource is unknown, decided when a known action is on a known *", () => {
            const unknownResource = run(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: UNKNOWN }));
            expect(unknownResource.cantRun).toBe(false);
            expect(unknownResource.undecided.map((d) => d.property)).toEqual(["policy"]);
            const decided = run(doc({ Effect: "Allow", Action: ["kms:Decrypt", UNKNOWN], Resource: "*" }));
            expect(violatedProperties(decided)).toEqual(["policy"]);
        });

        it("stays silent when unknown parts cannot make it broad", () => {
            expect(run(doc({ Effect: "Allow", Action: UNKNOWN, Resource: "arn:aws:kms:eu-west-1:1:key/k" })).diagnostics).toEqual([]);
        });
    });
});
