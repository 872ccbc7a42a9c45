// The same policies judge aws-native resources: per translated type, a violating case that the @pulumi/aws policy
// reports under aws-native's property name, a compliant case, and a preview (unknown) case.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../../../policies/catalog";
import type { AnyPolicyDefinition, ResourcePolicyDefinition } from "../../../policies/lib/core/policy";
import { remediationChanges } from "../../data/remediate";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const policy = (name: string): AnyPolicyDefinition => allPolicies.find((p) => p.name === name)!;
const run = (name: string, type: string, props: Record<string, unknown>) => evaluateResource(policy(name), { type, props, name: "wallet" });

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OPEN_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }] };

interface Case {
    policy: string;
    type: string;
    violating: Record<string, unknown>;
    /** The violated properties, in aws-native's names. */
    properties: string[];
    compliant: Record<string, unknown>;
    /** The undecided properties when the deciding input is unknown. */
    unknown: [Record<string, unknown>, string[]];
}

const CASES: Case[] = [
    {
        policy: "rds-instance-not-public",
        type: "aws-native:rds:DbInstance",
        violating: { engine: "postgres", publiclyAccessible: true },
        properties: ["publiclyAccessible"],
        compliant: { engine: "postgres", publiclyAccessible: false },
        unknown: [{ engine: "postgres", publiclyAccessible: UNKNOWN }, ["publiclyAccessible"]],
    },
    {
        policy: "rds-instance-storage-encrypted",
        type: "aws-native:rds:DbInstance",
        violating: { engine: "postgres", storageEncrypted: false },
        properties: ["storageEncrypted"],
        compliant: { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY },
        unknown: [{ engine: "postgres", storageEncrypted: UNKNOWN }, ["storageEncrypted"]],
    },
    {
        policy: "rds-iam-auth-enabled",
        type: "aws-native:rds:DbInstance",
        violating: { engine: "postgres", enableIamDatabaseAuthentication: false },
        properties: ["enableIamDatabaseAuthentication"],
        compliant: { engine: "postgres", enableIamDatabaseAuthentication: true },
        unknown: [{ engine: "postgres", enableIamDatabaseAuthentication: UNKNOWN }, ["enableIamDatabaseAuthentication"]],
    },
    {
        policy: "rds-cluster-storage-encrypted",
        type: "aws-native:rds:DbCluster",
        violating: { engine: "aurora-postgresql", storageEncrypted: false },
        properties: ["storageEncrypted"],
        compliant: { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: KEY },
        unknown: [{ engine: "aurora-postgresql", storageEncrypted: UNKNOWN }, ["storageEncrypted"]],
    },
    {
        policy: "rds-cluster-instance-not-public",
        type: "aws-native:rds:DbInstance",
        violating: { dbClusterIdentifier: "wallet", engine: "aurora-postgresql", publiclyAccessible: true },
        properties: ["publiclyAccessible"],
        compliant: { dbClusterIdentifier: "wallet", engine: "aurora-postgresql", publiclyAccessible: false },
        unknown: [{ dbClusterIdentifier: "wallet", engine: "aurora-postgresql", publiclyAccessible: UNKNOWN }, ["publiclyAccessible"]],
    },
    {
        policy: "neptune-iam-auth",
        type: "aws-native:neptune:DbCluster",
        violating: { iamAuthEnabled: false },
        properties: ["iamAuthEnabled"],
        compliant: { iamAuthEnabled: true },
        unknown: [{ iamAuthEnabled: UNKNOWN }, ["iamAuthEnabled"]],
    },
    {
        policy: "sg-no-public-db-port-ingress",
        type: "aws-native:ec2:SecurityGroup",
        violating: { groupDescription: "db", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIp: "0.0.0.0/0" }] },
        properties: ["securityGroupIngress[0].cidrIp"],
        compliant: { groupDescription: "db", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIp: "10.0.0.0/16" }] },
        unknown: [{ groupDescription: "db", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIp: UNKNOWN }] }, ["securityGroupIngress[0].cidrIp"]],
    },
    {
        policy: "sg-no-public-all-ports-ingress",
        type: "aws-native:ec2:SecurityGroupIngress",
        violating: { groupId: "sg-1", ipProtocol: "-1", cidrIpv6: "::/0" },
        properties: ["cidrIpv6"],
        compliant: { groupId: "sg-1", ipProtocol: "-1", sourceSecurityGroupId: "sg-app" },
        unknown: [{ groupId: "sg-1", ipProtocol: "-1", cidrIp: UNKNOWN }, ["cidrIp"]],
    },
    {
        policy: "kms-key-rotation",
        type: "aws-native:kms:Key",
        violating: { enableKeyRotation: false },
        properties: ["enableKeyRotation"],
        compliant: { enableKeyRotation: true },
        unknown: [{ enableKeyRotation: UNKNOWN }, ["enableKeyRotation"]],
    },
    {
        policy: "kms-deletion-window",
        type: "aws-native:kms:Key",
        violating: { enableKeyRotation: true, pendingWindowInDays: 7 },
        properties: ["pendingWindowInDays"],
        compliant: { enableKeyRotation: true, pendingWindowInDays: 30 },
        unknown: [{ pendingWindowInDays: UNKNOWN }, ["pendingWindowInDays"]],
    },
    {
        policy: "kms-key-policy-no-public-principal",
        type: "aws-native:kms:Key",
        violating: { keyPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] } },
        properties: ["keyPolicy"],
        compliant: { keyPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }] } },
        unknown: [{ keyPolicy: UNKNOWN }, ["keyPolicy"]],
    },
    {
        policy: "dynamodb-sse-cmk",
        type: "aws-native:dynamodb:Table",
        violating: { sseSpecification: { sseEnabled: true } },
        properties: ["sseSpecification.kmsMasterKeyId"],
        compliant: { sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: KEY } },
        unknown: [{ sseSpecification: { sseEnabled: UNKNOWN, kmsMasterKeyId: UNKNOWN } }, ["sseSpecification.sseEnabled"]],
    },
    {
        policy: "dynamodb-pitr",
        type: "aws-native:dynamodb:Table",
        violating: { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } },
        properties: ["pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled"],
        compliant: { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } },
        unknown: [{ pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: UNKNOWN } }, ["pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled"]],
    },
    {
        policy: "dynamodb-pitr",
        type: "aws-native:dynamodb:GlobalTable",
        violating: { replicas: [{ region: "eu-west-1", pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }, { region: "us-east-1" }] },
        properties: ["replicas[*].pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled"],
        compliant: { replicas: [{ region: "eu-west-1", pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }] },
        unknown: [{ replicas: UNKNOWN }, ["replicas[*].pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled"]],
    },
    {
        policy: "secretsmanager-cmk",
        type: "aws-native:secretsmanager:Secret",
        violating: { name: "wallet" },
        properties: ["kmsKeyId"],
        compliant: { name: "wallet", kmsKeyId: KEY },
        unknown: [{ name: "wallet", kmsKeyId: "alias/aws/secretsmanager" }, []],
    },
    {
        policy: "secretsmanager-policy-not-public",
        type: "aws-native:secretsmanager:ResourcePolicy",
        violating: { secretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:wallet", resourcePolicy: OPEN_POLICY },
        properties: ["resourcePolicy"],
        compliant: { secretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:wallet", resourcePolicy: { Version: "2012-10-17", Statement: [] } },
        unknown: [{ secretId: "x", resourcePolicy: UNKNOWN }, ["resourcePolicy"]],
    },
    {
        policy: "iam-no-public-principal",
        type: "aws-native:iam:Role",
        violating: { assumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] } },
        properties: ["assumeRolePolicyDocument"],
        compliant: { assumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] } },
        unknown: [{ assumeRolePolicyDocument: UNKNOWN }, ["assumeRolePolicyDocument"]],
    },
    {
        policy: "iam-no-admin-policy",
        type: "aws-native:iam:ManagedPolicy",
        violating: { policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
        properties: ["policyDocument"],
        compliant: { policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" }] } },
        unknown: [{ policyDocument: UNKNOWN }, ["policyDocument"]],
    },
    {
        policy: "ssm-parameter-securestring",
        type: "aws-native:ssm:Parameter",
        violating: { name: "/wallet/db-password", type: "String", value: "hunter2-not-a-real-one" },
        properties: ["type"],
        compliant: { name: "/wallet/region", type: "String", value: "eu-west-1" },
        unknown: [{ name: UNKNOWN, type: "String", value: UNKNOWN }, ["type"]],
    },
    {
        policy: "elasticache-in-transit-encryption",
        type: "aws-native:elasticache:ReplicationGroup",
        violating: { replicationGroupDescription: "wallet", engine: "redis", transitEncryptionEnabled: false },
        properties: ["transitEncryptionEnabled"],
        compliant: { replicationGroupDescription: "wallet", engine: "redis", transitEncryptionEnabled: true, transitEncryptionMode: "required" },
        unknown: [{ replicationGroupDescription: "wallet", engine: "redis", transitEncryptionEnabled: UNKNOWN }, ["transitEncryptionEnabled"]],
    },
    {
        policy: "redshift-not-public",
        type: "aws-native:redshift:Cluster",
        violating: { publiclyAccessible: true },
        properties: ["publiclyAccessible"],
        compliant: { publiclyAccessible: false },
        unknown: [{ publiclyAccessible: UNKNOWN }, ["publiclyAccessible"]],
    },
    {
        policy: "opensearch-node-to-node-encryption",
        type: "aws-native:opensearchservice:Domain",
        violating: { nodeToNodeEncryptionOptions: { enabled: false } },
        properties: ["nodeToNodeEncryptionOptions.enabled"],
        compliant: { nodeToNodeEncryptionOptions: { enabled: true } },
        unknown: [{ nodeToNodeEncryptionOptions: { enabled: UNKNOWN } }, ["nodeToNodeEncryptionOptions.enabled"]],
    },
    {
        policy: "memorydb-tls-and-acl",
        type: "aws-native:memorydb:Cluster",
        violating: { tlsEnabled: false, aclName: "wallet-acl" },
        properties: ["tlsEnabled"],
        compliant: { tlsEnabled: true, aclName: "wallet-acl" },
        unknown: [{ tlsEnabled: UNKNOWN, aclName: "wallet-acl" }, ["tlsEnabled"]],
    },
    {
        policy: "ec2-db-host-imdsv2",
        type: "aws-native:ec2:Instance",
        violating: { metadataOptions: { httpTokens: "optional" } },
        properties: ["metadataOptions.httpTokens"],
        compliant: { metadataOptions: { httpTokens: "required" } },
        unknown: [{ metadataOptions: { httpTokens: UNKNOWN } }, ["metadataOptions.httpTokens"]],
    },
    {
        policy: "s3-block-public-access",
        type: "aws-native:s3:Bucket",
        violating: { publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true } },
        properties: ["publicAccessBlockConfiguration.blockPublicPolicy"],
        compliant: { publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } },
        unknown: [{ publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: UNKNOWN, ignorePublicAcls: true, restrictPublicBuckets: true } }, ["publicAccessBlockConfiguration.blockPublicPolicy"]],
    },
    {
        policy: "s3-policy-no-public-principal",
        type: "aws-native:s3:BucketPolicy",
        violating: { bucket: "wallet-keys", policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::wallet-keys/*" }] } },
        properties: ["policyDocument"],
        compliant: { bucket: "wallet-keys", policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::wallet-keys/*" }] } },
        unknown: [{ bucket: "wallet-keys", policyDocument: UNKNOWN }, ["policyDocument"]],
    },
    {
        policy: "backup-vault-cmk",
        type: "aws-native:backup:BackupVault",
        violating: { backupVaultName: "wallet" },
        properties: ["encryptionKeyArn"],
        compliant: { backupVaultName: "wallet", encryptionKeyArn: KEY },
        unknown: [{ backupVaultName: "wallet", encryptionKeyArn: "alias/aws/backup" }, []],
    },
];

describe.each(CASES.map((c) => [`${c.policy} on ${c.type}`, c] as const))("%s", (_label, c) => {
    it("reports the violation under aws-native's property name", () => {
        const result = run(c.policy, c.type, c.violating);
        expect(result.notApplicable).toBeUndefined();
        expect(violatedProperties(result)).toEqual(c.properties);
        // The message names the property as the program spells it.
        for (const property of c.properties) {
            expect(result.violations.some((d) => d.message.includes(property.replace(/\[\*\]/g, "")) || d.message.includes(property.split(".").pop()!))).toBe(true);
        }
    });

    it("passes the compliant form", () => {
        expect(run(c.policy, c.type, c.compliant).diagnostics).toEqual([]);
    });

    it("reports an unknown deciding input as undecided, never as a pass or a crash", () => {
        const [props, undecided] = c.unknown;
        const result = run(c.policy, c.type, props);
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property).sort()).toEqual(undecided);
    });
});

describe("aws-native defaults that differ from @pulumi/aws's", () => {
    it("does not advise omitting publiclyAccessible to an aws-native user", () => {
        const result = run("rds-instance-not-public", "aws-native:rds:DbInstance", { engine: "postgres", publiclyAccessible: true });
        expect(result.violations[0]!.message).toContain("Set `publiclyAccessible: false`");
        expect(result.violations[0]!.message).not.toContain("omit");
    });

    it("does not take an unset publiclyAccessible for private: CloudFormation's default depends on the VPC", () => {
        const result = run("rds-instance-not-public", "aws-native:rds:DbInstance", { engine: "postgres", storageEncrypted: true });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toContain("is not set");
        expect(result.violations[0]!.message).toContain("internet gateway");
        // "(or omit it)" is @pulumi/aws's advice, wrong for aws-native.
        expect(result.violations[0]!.message).not.toContain("omit");
    });

    it("does not claim @pulumi/aws's backup default for aws-native (CloudFormation keeps 1 day)", () => {
        const result = run("rds-backup-retention", "aws-native:rds:DbInstance", { engine: "postgres" });
        expect(violatedProperties(result)).toEqual(["backupRetentionPeriod"]);
        expect(result.violations[0]!.message).toContain("1 day");
        expect(result.violations[0]!.message).not.toContain("defaults to 0");
        expect(run("rds-backup-retention", "aws-native:rds:DbInstance", { engine: "postgres", backupRetentionPeriod: 14 }).diagnostics).toEqual([]);
    });

    it("keeps @pulumi/aws's unset default where CloudFormation's is the same (storageEncrypted defaults to false)", () => {
        const result = run("rds-instance-storage-encrypted", "aws-native:rds:DbInstance", { engine: "postgres", publiclyAccessible: false });
        expect(violatedProperties(result)).toEqual(["storageEncrypted"]);
        expect(result.violations[0]!.message).toContain("defaults to false");
    });
});

describe("the hook", () => {
    it("does not apply a policy to an aws-native type that translates to another @pulumi/aws type", () => {
        const result = run("rds-instance-not-public", "aws-native:rds:DbInstance", { dbClusterIdentifier: "wallet", publiclyAccessible: true });
        expect(result.diagnostics).toEqual([]);
    });

    it("does not apply to aws-native types it does not translate", () => {
        const result = run("rds-instance-not-public", "aws-native:rds:OptionGroup", { publiclyAccessible: true });
        expect(result.notApplicable).toBeDefined();
    });

    it("never remediates an aws-native resource with @pulumi/aws's property names", () => {
        const definition = policy("rds-instance-not-public");
        expect(definition.kind).toBe("resource");
        expect(remediationChanges(definition as ResourcePolicyDefinition, { type: "aws-native:rds:DbInstance", props: { publiclyAccessible: true } })).toBeUndefined();
    });

    it("survives hostile aws-native input on every policy", () => {
        const odd = [{ tags: "x", securityGroupIngress: "x", sseSpecification: 3, keyPolicy: "{not json", replicas: [null, 1] }, { securityGroupIngress: [null, UNKNOWN, 1] }];
        for (const p of allPolicies.filter((p) => p.kind === "resource")) {
            for (const type of ["aws-native:rds:DbInstance", "aws-native:ec2:SecurityGroup", "aws-native:dynamodb:GlobalTable", "aws-native:kms:Key", "aws-native:s3:Bucket", "aws-native:iam:User"]) {
                for (const props of odd) {
                    const result = evaluateResource(p, { type, props });
                    expect(result.diagnostics.filter((d) => d.message.includes("could not evaluate"))).toEqual([]);
                }
            }
        }
    });
});
