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
                { Effect: "Allow", Action: ["s3:ListAllMyBuckets", "ec2:Describe*", "rds:Describe*", "kms:ListKeys"], Resource: "*" },
                { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::app-assets/*" },
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

    describe("takeover and bucket actions", () => {
        it.each([
            ["rds:ModifyDBInstance", "*", "can reset the master password"],
            ["rds:ModifyDBCluster", "arn:aws:rds:eu-west-1:111122223333:cluster:*", "can reset the master password"],
            ["rds:Modify*", "*", "can reset the master password"],
            ["RDS:*", "arn:aws:rds:*", "can copy or share snapshots"],
            ["redshift:ModifyCluster", "*", "can reset the master password"],
            ["rds:StartExportTask", "*", "can export a store's data"],
            ["dynamodb:ExportTableToPointInTime", "arn:aws:dynamodb:eu-west-1:111122223333:table/*", "can export a store's data"],
            ["ec2:ModifySnapshotAttribute", "*", "can copy or share snapshots"],
            ["rds:ModifyDBClusterSnapshotAttribute", "*", "can copy or share snapshots"],
            ["kms:PutKeyPolicy", "arn:aws:kms:eu-west-1:111122223333:key/*", "can hand a key to others"],
            ["kms:*", "*", "can hand a key to others"],
            ["secretsmanager:PutResourcePolicy", "*", "can open secrets to other accounts"],
            ["ram:AssociateResourceShare", "*", "can share resources with other accounts"],
            ["ssm:GetParameters", "*", "can read secrets and parameters"],
            ["s3:GetObject", "*", "can read, overwrite or open up objects in buckets"],
            ["s3:*", "arn:aws:s3:::*", "can read, overwrite or open up objects in buckets"],
            ["s3:Get*", "arn:aws:s3:::*/*", "can read, overwrite or open up objects in buckets"],
            ["s3:PutBucketPolicy", "*", "can read, overwrite or open up objects in buckets"],
        ])("flags %s on %s as a store that %s", (action, resource, words) => {
            const result = run(doc({ Effect: "Allow", Action: action, Resource: resource }));
            expect(violatedProperties(result)).toEqual(["policy"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toContain(words);
            // The message names the kind of access, never the statement's own values.
            expect(result.violations[0]!.message).not.toContain("111122223333");
        });

        it.each([
            ["rds:ModifyDBInstance on one instance", { Action: "rds:ModifyDBInstance", Resource: "arn:aws:rds:eu-west-1:111122223333:db:app-db" }],
            ["rds:Describe* and rds:List* on *", { Action: ["rds:Describe*", "rds:List*"], Resource: "*" }],
            ["ec2 instance changes on *", { Action: ["ec2:ModifyInstanceAttribute", "ec2:StartInstances", "ec2:CreateSnapshot"], Resource: "*" }],
            ["s3 object reads of one bucket", { Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::app-assets/*" }],
            ["s3 object reads of the buckets named *-logs", { Action: "s3:GetObject", Resource: "arn:aws:s3:::*-logs/*" }],
            ["s3 listing on every bucket", { Action: ["s3:ListBucket", "s3:ListAllMyBuckets", "s3:GetBucketLocation"], Resource: "*" }],
            ["kms:DescribeKey and ram:GetResourceShares on *", { Action: ["kms:DescribeKey", "kms:ListAliases", "ram:GetResourceShares"], Resource: "*" }],
            ["a Deny of every takeover action", { Effect: "Deny", Action: ["rds:Modify*", "kms:PutKeyPolicy", "s3:*"], Resource: "*" }],
        ])("does not block %s", (_label, statement) => {
            expect(run(doc({ Effect: "Allow", ...statement })).diagnostics).toEqual([]);
        });

        it("claims only the kinds of access the statement grants", () => {
            const message = run(doc({ Effect: "Allow", Action: "rds:ModifyDBInstance", Resource: "*" })).violations[0]!.message;
            expect(message).toContain("can reset the master password");
            expect(message).not.toMatch(/decrypt|secret|bucket|snapshot/i);
        });

        it("is undecided for a takeover action on a computed resource", () => {
            const result = run(doc({ Effect: "Allow", Action: "rds:ModifyDBCluster", Resource: UNKNOWN }));
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
        });

        it("checks IAM Identity Center inline policies", () => {
            const type = "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";
            const result = evaluateResource(policy, { type, props: { inlinePolicy: JSON.stringify(doc({ Effect: "Allow", Action: "rds:ModifyDBInstance", Resource: "*" })) } });
            expect(violatedProperties(result)).toEqual(["inlinePolicy"]);
            expect(violatedProperties(evaluateResource(policy, { type, props: { inlinePolicy: "{oops" } }))).toEqual(["inlinePolicy"]);
        });
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
                    { name: "ok", policy: JSON.stringify(doc({ Effect: "Allow", Action: "logs:*", Resource: "*" })) },
                    { name: "bad", policy: JSON.stringify(doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" })) },
                ],
            },
        });
        expect(violatedProperties(role)).toEqual(["inlinePolicies.1.policy"]);
    });

    it("reports malformed documents as violations", () => {
        expect(violatedProperties(run("{not json"))).toEqual(["policy"]);
        expect(violatedProperties(run(doc({ Effect: "allow", Action: "logs:PutLogEvents", Resource: "*" })))).toEqual(["policy"]);
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
