// An aws.cloudformation.Stack's template is judged resource by resource with the same policies: JSON and YAML
// (short-form tags included), intrinsics and parameters as unknown, findings on the stack naming the logical id,
// and one undecided advisory for a template the pack cannot read.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../../../policies/catalog";
import { camelName, parseTemplate, UNREADABLE_TEMPLATE_POLICY } from "../../../policies/lib/aws/cloudformation";
import type { AnyPolicyDefinition } from "../../../policies/lib/core/policy";
import { evaluateResource, UNKNOWN } from "../../support/evaluate";

const STACK = "aws:cloudformation/stack:Stack";
const policy = (name: string): AnyPolicyDefinition => allPolicies.find((p) => p.name === name)!;
const run = (name: string, props: Record<string, unknown>) => evaluateResource(policy(name), { type: STACK, props, name: "wallet-stack" });

const JSON_TEMPLATE = JSON.stringify({
    AWSTemplateFormatVersion: "2010-09-09",
    Parameters: { DbPassword: { Type: "String", NoEcho: true } },
    Resources: {
        WalletDb: {
            Type: "AWS::RDS::DBInstance",
            Properties: {
                Engine: "postgres",
                DBInstanceClass: "db.t4g.micro",
                PubliclyAccessible: true,
                StorageEncrypted: false,
                MasterUserPassword: { Ref: "DbPassword" },
                EnableIAMDatabaseAuthentication: true,
                Tags: [{ Key: "data-class", Value: "key-material" }],
            },
        },
        LogsDb: {
            Type: "AWS::RDS::DBInstance",
            Properties: { Engine: "postgres", PubliclyAccessible: false, StorageEncrypted: true, KmsKeyId: { "Fn::GetAtt": ["Key", "Arn"] } },
        },
        Key: { Type: "AWS::KMS::Key", Properties: { EnableKeyRotation: true, KeyPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] } } },
        Topic: { Type: "AWS::SNS::Topic" },
    },
});

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Public:
    Type: String
    AllowedValues: ["true", "false"]
Resources:
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "\${AWS::StackName} database"
      VpcId: !ImportValue network-VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 0.0.0.0/0
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          SourceSecurityGroupId: !GetAtt AppSg.GroupId
  WalletDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: !Ref Public
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
      VPCSecurityGroups: [!Ref DbSg]
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification:
        SSEEnabled: true
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !If [IsProd, true, false]
`;

describe("a JSON template", () => {
    it("reports each declared resource's violation on the stack, naming the logical id and the template's property", () => {
        const result = run("rds-instance-not-public", { name: "wallet", templateBody: JSON_TEMPLATE });
        expect(result.violations.map((d) => d.property)).toEqual(["Resources.WalletDb.Properties.PubliclyAccessible"]);
        expect(result.violations[0]!.message).toContain("WalletDb (AWS::RDS::DBInstance)");
        expect(result.violations[0]!.message).toContain("`PubliclyAccessible` is true");
        // The key-material tag of the declared resource escalates as for any resource.
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("names other properties in the template's spelling too, but not quoted values", () => {
        const result = run("rds-default-parameter-group-tls", { templateBody: JSON_TEMPLATE });
        const messages = result.diagnostics.map((d) => d.message).join("\n");
        expect(messages).toContain("`DBParameterGroupName`");
        expect(messages).not.toContain("`dbParameterGroupName`");
    });

    it("judges every declared resource of the policy's type, and passes the compliant one", () => {
        const result = run("rds-instance-storage-encrypted", { templateBody: JSON_TEMPLATE });
        expect(result.violations.map((d) => d.property)).toEqual(["Resources.WalletDb.Properties.StorageEncrypted"]);
    });

    it("reads intrinsic functions as unknown: a key from Fn::GetAtt is a supplied key", () => {
        const result = run("rds-storage-cmk", { templateBody: JSON_TEMPLATE });
        expect(result.violations.map((d) => d.property)).not.toContain("Resources.LogsDb.Properties.KmsKeyId");
    });

    it("keeps policy documents verbatim: a KMS key policy open to everyone is found", () => {
        const result = run("kms-key-policy-no-public-principal", { templateBody: JSON_TEMPLATE });
        expect(result.violations.map((d) => d.property)).toEqual(["Resources.Key.Properties.KeyPolicy"]);
    });

    it("never puts a property value in a message", () => {
        const body = JSON_TEMPLATE.replace('"Engine":"postgres","DBInstanceClass"', '"Engine":"postgres","MasterUserPassword":"hunter2-secret","DBInstanceClass"');
        for (const p of allPolicies.filter((p) => p.kind === "resource")) {
            for (const d of evaluateResource(p, { type: STACK, props: { templateBody: body } }).diagnostics) {
                expect(d.message).not.toContain("hunter2-secret");
            }
        }
    });
});

describe("a YAML template with short-form tags", () => {
    it("parses !Ref, !GetAtt, !Sub, !ImportValue and !If as unknown", () => {
        const parsed = parseTemplate(YAML_TEMPLATE);
        expect(parsed.kind).toBe("template");
    });

    it("reports the open ingress entry by its template path", () => {
        const result = run("sg-no-public-db-port-ingress", { templateBody: YAML_TEMPLATE });
        expect(result.violations.map((d) => d.property)).toEqual(["Resources.DbSg.Properties.SecurityGroupIngress[0].CidrIp"]);
        expect(result.violations[0]!.message).toContain("DbSg (AWS::EC2::SecurityGroup)");
    });

    it("reports a property set from a parameter (!Ref) as undecided, not as a pass", () => {
        const result = run("rds-instance-not-public", { templateBody: YAML_TEMPLATE });
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["Resources.WalletDb.Properties.PubliclyAccessible"]);
    });

    it("translates CloudFormation's nested names (SSESpecification without a key: an AWS-managed key)", () => {
        const result = run("dynamodb-sse-cmk", { templateBody: YAML_TEMPLATE });
        expect(result.violations.map((d) => d.property)).toEqual(["Resources.Table.Properties.SSESpecification.KMSMasterKeyId"]);
        const pitr = run("dynamodb-pitr", { templateBody: YAML_TEMPLATE });
        expect(pitr.undecided.map((d) => d.property)).toEqual(["Resources.Table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"]);
    });
});

describe("CloudFormation-only types (no aws-native form)", () => {
    const TEMPLATE = `Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: wallet
      MasterUserPassword: !Ref Password
      StorageEncrypted: false
  Deployer:
    Type: AWS::IAM::User
  DeployerKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Deployer
`;

    it("checks a DocumentDB cluster declared in a template", () => {
        const result = run("docdb-storage-encrypted-cmk", { templateBody: TEMPLATE });
        expect(result.violations.map((d) => d.property)).toContain("Resources.Docs.Properties.StorageEncrypted");
    });

    it("checks an IAM access key declared in a template", () => {
        const result = run("iam-no-long-lived-access-keys", { templateBody: TEMPLATE });
        expect(result.diagnostics.map((d) => d.property).some((p) => p.startsWith("Resources.DeployerKey."))).toBe(true);
    });
});

describe("a template the pack cannot read", () => {
    it.each([
        ["templateUrl", { name: "wallet", templateUrl: "https://s3.amazonaws.com/bucket/template.yaml" }, "templateUrl"],
        ["a computed body", { name: "wallet", templateBody: UNKNOWN }, "templateBody"],
        ["malformed JSON", { name: "wallet", templateBody: "{ \"Resources\": " }, "templateBody"],
        ["malformed YAML", { name: "wallet", templateBody: "Resources:\n  A: [unclosed" }, "templateBody"],
        ["no Resources", { name: "wallet", templateBody: "Outputs: {}" }, "templateBody"],
        ["a scalar", { name: "wallet", templateBody: "42" }, "templateBody"],
        ["an oversized body", { name: "wallet", templateBody: `Resources: {}\n#${"x".repeat(60_000)}` }, "templateBody"],
    ])("reports %s once, as undecided, naming the stack", (_label, props, property) => {
        const result = run(UNREADABLE_TEMPLATE_POLICY, props);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual([property]);
        expect(result.undecided[0]!.message).toContain('CloudFormation stack "wallet"');
        // The other policies stay silent: one finding per stack, not one per policy.
        expect(run("rds-instance-storage-encrypted", props).diagnostics).toEqual([]);
    });

    it("never crashes on hostile templates", () => {
        const hostile = [
            "Resources:\n  A: &a\n    Type: AWS::RDS::DBInstance\n    Properties: *a",
            "Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: !Ref Everything",
            "Resources:\n  A:\n    Type: [AWS::RDS::DBInstance]\n",
            "Resources:\n  A: null\n  B: 3\n  C: []",
            '{"Resources":{"A":{"Type":"AWS::RDS::DBInstance","Properties":{"Tags":"x","PubliclyAccessible":{"Fn::If":["c",true,false]}}}}}',
            "Resources:\n  A:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress: !Bogus x",
            "!Ref",
        ];
        for (const templateBody of hostile) {
            for (const p of allPolicies.filter((p) => p.kind === "resource")) {
                const result = evaluateResource(p, { type: STACK, props: { templateBody } });
                expect(result.diagnostics.filter((d) => d.message.includes("could not evaluate"))).toEqual([]);
            }
        }
    });

    it("reports Properties given through an intrinsic as undecided", () => {
        const result = run(UNREADABLE_TEMPLATE_POLICY, { templateBody: "Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: !If [c, {}, {}]" });
        expect(result.undecided.map((d) => d.property)).toEqual(["Resources.A.Properties"]);
    });
});

describe("camelName", () => {
    it.each([
        ["DBInstanceClass", "dbInstanceClass"],
        ["EnableIAMDatabaseAuthentication", "enableIamDatabaseAuthentication"],
        ["SSESpecification", "sseSpecification"],
        ["KMSMasterKeyId", "kmsMasterKeyId"],
        ["VPCSecurityGroups", "vpcSecurityGroups"],
        ["CidrIpv6", "cidrIpv6"],
        ["MultiAZ", "multiAz"],
        ["PubliclyAccessible", "publiclyAccessible"],
    ])("%s -> %s (aws-native's spelling)", (pascal, camel) => {
        expect(camelName(pascal)).toBe(camel);
    });
});
