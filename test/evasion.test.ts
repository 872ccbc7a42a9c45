// Evasion suite: equivalent spellings of the same dangerous setup must all be caught as decided violations at
// the policy's mandatory level, and secure patterns that naive checks flag must pass. Each case names the
// policy that owns the control; the policies themselves are tested in depth under test/policies/.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";
import type { AnyPolicyDefinition } from "../policies/lib/core/policy";
import { evaluateResource, evaluateStack, type Evaluation, type StackInputResource } from "./support/evaluate";

const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const T = {
    sg: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    vpcIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    rds: "aws:rds/instance:Instance",
    cluster: "aws:rds/cluster:Cluster",
    paramGroup: "aws:rds/parameterGroup:ParameterGroup",
    clusterParamGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    redshift: "aws:redshift/cluster:Cluster",
    key: "aws:kms/key:Key",
    iamPolicy: "aws:iam/policy:Policy",
    role: "aws:iam/role:Role",
    user: "aws:iam/user:User",
    userAtt: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    secret: "aws:secretsmanager/secret:Secret",
    bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    dynamo: "aws:dynamodb/table:Table",
};

function policy(name: string): AnyPolicyDefinition {
    const found = allPolicies.find((p) => p.name === name);
    if (!found) {
        throw new Error(`no policy ${name}`);
    }
    return found;
}

function expectCaught(result: Evaluation): void {
    expect(result.cantRun).toBe(false);
    expect(result.undecided).toEqual([]);
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.every((v) => v.level === "mandatory")).toBe(true);
}

const resource = (name: string, type: string, props: Record<string, unknown>) => evaluateResource(policy(name), { type, props });
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });

// ---------------------------------------------------------------------------------------------------------
// Network: public database ports
// ---------------------------------------------------------------------------------------------------------

const PG = { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] };

describe("evasion: public database ports", () => {
    const sg = (...ingress: Record<string, unknown>[]) => resource("sg-no-public-db-port-ingress", T.sg, { vpcId: "vpc-1", ingress });

    // A rule that opens every port is one cause, reported by sg-no-public-all-ports-ingress alone.
    const everyPort = (...ingress: Record<string, unknown>[]) => resource("sg-no-public-all-ports-ingress", T.sg, { vpcId: "vpc-1", ingress });

    it.each([
        ["protocol \"-1\"", { ...PG, protocol: "-1", fromPort: 0, toPort: 0 }],
        ["protocol \"all\"", { ...PG, protocol: "all", fromPort: 0, toPort: 0 }],
        ["protocol -1 as a number", { ...PG, protocol: -1, fromPort: 0, toPort: 0 }],
    ])("catches %s (as an every-port rule)", (_label, rule) => {
        expectCaught(everyPort(rule));
        expect(sg(rule).diagnostics).toEqual([]);
    });

    it.each([
        ["protocol \"6\" (tcp by number)", { ...PG, protocol: "6" }],
        ["protocol \"TCP\" upper case", { ...PG, protocol: "TCP" }],
        ["a port range covering 5432", { ...PG, fromPort: 5000, toPort: 6000 }],
        ["ports as strings", { ...PG, fromPort: "5432", toPort: "5432" }],
        ["::/0", { ...PG, cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }],
        ["0.0.0.0/1 + 128.0.0.0/1", { ...PG, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }],
        ["a public /8 behind a private range", { ...PG, cidrBlocks: ["10.0.0.0/8", "52.0.0.0/8"] }],
        ["a CIDR with surrounding spaces", { ...PG, cidrBlocks: [" 0.0.0.0/0 "] }],
    ])("catches %s", (_label, rule) => {
        expectCaught(sg(rule));
    });

    it("catches the same rule as a separate ec2.SecurityGroupRule", () => {
        expectCaught(resource("sg-no-public-db-port-ingress", T.sgRule, { type: "ingress", securityGroupId: "sg-1", ...PG }));
        expectCaught(resource("sg-no-public-all-ports-ingress", T.sgRule, { type: "ingress", securityGroupId: "sg-1", ...PG, protocol: "-1", fromPort: 0, toPort: 0 }));
    });

    it.each([
        ["cidrIpv4 0.0.0.0/0 on 5432", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" }],
        ["ipProtocol \"-1\"", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }],
        ["cidrIpv6 ::/0 over a range", { ipProtocol: "tcp", fromPort: 3000, toPort: 9000, cidrIpv6: "::/0" }],
    ])("catches a vpc.SecurityGroupIngressRule with %s", (_label, props) => {
        const policyName = props.ipProtocol === "-1" ? "sg-no-public-all-ports-ingress" : "sg-no-public-db-port-ingress";
        expectCaught(resource(policyName, T.vpcIngress, { securityGroupId: "sg-1", ...props }));
    });

    it("no false alarm: SG-to-SG references, self and private CIDRs on the database port", () => {
        const result = sg(
            { ...PG, cidrBlocks: [], securityGroups: ["sg-0123456789abcdef0"] },
            { ...PG, cidrBlocks: [], self: true },
            { ...PG, cidrBlocks: ["10.0.0.0/16", "172.16.0.0/12", "192.168.10.0/24"], ipv6CidrBlocks: ["fd00::/8"] },
        );
        expect(result.diagnostics).toEqual([]);
        const rule = resource("sg-no-public-db-port-ingress", T.vpcIngress, {
            securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-app",
        });
        expect(rule.diagnostics).toEqual([]);
    });
});

// ---------------------------------------------------------------------------------------------------------
// Type traps: string booleans and numbers
// ---------------------------------------------------------------------------------------------------------

describe("evasion: string booleans and omitted defaults", () => {
    const rds = { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: true, kmsKeyId: KEY_ARN };

    it.each([
        ["boolean true", true],
        ["string \"true\"", "true"],
        ["string \"True\"", "True"],
    ])("catches publiclyAccessible %s", (_label, value) => {
        expectCaught(resource("rds-instance-not-public", T.rds, { ...rds, publiclyAccessible: value }));
    });

    it.each([
        ["omitted", undefined],
        ["boolean false", false],
        ["string \"false\"", "false"],
    ])("catches an RDS instance with storageEncrypted %s", (_label, value) => {
        const props: Record<string, unknown> = { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: value };
        if (value === undefined) {
            delete props.storageEncrypted;
        }
        expectCaught(resource("rds-instance-storage-encrypted", T.rds, props));
    });

    it.each([
        ["boolean false", false],
        ["string \"false\"", "false"],
        ["omitted", undefined],
    ])("catches a Redshift cluster with encrypted %s", (_label, value) => {
        const props: Record<string, unknown> = { clusterIdentifier: "wallet", nodeType: "ra3.xlplus", encrypted: value };
        if (value === undefined) {
            delete props.encrypted;
        }
        expectCaught(resource("redshift-encrypted-cmk", T.redshift, props));
    });
});

describe("evasion: TLS parameters switched off", () => {
    const param = (name: string, value: string) => ({ name, value });

    it.each([
        ["postgres16", "rds.force_ssl", "0"],
        ["postgres14", "rds.force_ssl", "0"],
        ["mysql8.0", "require_secure_transport", "0"],
        ["mysql8.0", "require_secure_transport", "OFF"],
        ["mysql8.0", "require_secure_transport", "off"],
        ["mariadb10.11", "REQUIRE_SECURE_TRANSPORT", "Off"],
    ])("catches %s with %s = %s", (family, name, value) => {
        expectCaught(resource("rds-parameter-group-tls", T.paramGroup, { family, parameters: [param(name, value)] }));
    });

    it("catches an Aurora cluster parameter group with require_secure_transport = off", () => {
        expectCaught(resource("rds-parameter-group-tls", T.clusterParamGroup, { family: "aurora-mysql8.0", parameters: [param("require_secure_transport", "off")] }));
    });
});

// ---------------------------------------------------------------------------------------------------------
// Keys: AWS-managed instead of customer-managed
// ---------------------------------------------------------------------------------------------------------

describe("evasion: AWS-managed keys in disguise", () => {
    it.each([
        ["alias ARN", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/rds`],
        ["bare alias", "alias/aws/rds"],
    ])("catches an RDS instance encrypted with the AWS-managed key by %s", (_label, kmsKeyId) => {
        expectCaught(resource("rds-storage-cmk", T.rds, { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: true, kmsKeyId }));
    });

    it("catches an RDS instance encrypted without a key (the AWS-managed default)", () => {
        expectCaught(resource("rds-storage-cmk", T.rds, { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: true }));
    });

    it.each([
        ["omitted", {}],
        ["by alias ARN", { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/secretsmanager` }],
    ])("catches a secret whose key is AWS-managed %s", (_label, props) => {
        expectCaught(resource("secretsmanager-cmk", T.secret, { name: "wallet/seed", ...props }));
    });

    it.each([
        ["SSE block omitted", {}],
        ["SSE enabled without a key", { serverSideEncryption: { enabled: true } }],
        ["SSE enabled with the AWS-managed key alias", { serverSideEncryption: { enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/dynamodb` } }],
        ["SSE enabled as a string", { serverSideEncryption: { enabled: "true" } }],
    ])("catches a DynamoDB table with %s", (_label, props) => {
        expectCaught(resource("dynamodb-sse-cmk", T.dynamo, { name: "wallet", hashKey: "id", attributes: [{ name: "id", type: "S" }], ...props }));
    });

    it.each([
        ["AES256", { sseAlgorithm: "AES256" }],
        ["aws:kms without a key", { sseAlgorithm: "aws:kms" }],
        ["aws:kms with the aws/s3 alias", { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }],
    ])("catches S3 default encryption %s", (_label, rule) => {
        expectCaught(resource("s3-sse-kms-cmk", T.bucketSse, { bucket: "wallet-backups", rules: [{ applyServerSideEncryptionByDefault: rule }] }));
    });

    it("no false alarm: a customer-managed key by key ARN, key id and customer alias", () => {
        for (const kmsKeyId of [KEY_ARN, "1234abcd-12ab-34cd-56ef-1234567890ab", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/wallet-db`]) {
            const result = resource("rds-storage-cmk", T.rds, { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: true, kmsKeyId });
            expect(result.violations).toEqual([]);
        }
    });
});

// ---------------------------------------------------------------------------------------------------------
// Policy documents: principals
// ---------------------------------------------------------------------------------------------------------

const OPEN = { Sid: "Open", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" };

describe("evasion: public principals in key policies", () => {
    const key = (policyDoc: unknown) => resource("kms-key-policy-no-public-principal", T.key, { policy: policyDoc });

    it.each([
        ["Principal \"*\"", { Principal: "*" }],
        ["{AWS: \"*\"}", { Principal: { AWS: "*" } }],
        ["a Principal list containing \"*\"", { Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/App`, "*"] } }],
        ["arn:aws:iam::*:root", { Principal: { AWS: "arn:aws:iam::*:root" } }],
        ["NotPrincipal", { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Blocked` } }],
    ])("catches %s", (_label, principal) => {
        const statement = { ...OPEN, ...principal };
        expectCaught(key(doc(statement)));
        // The same document as a JSON string, and with Statement as a single object instead of a list.
        expectCaught(key(JSON.stringify(doc(statement))));
        expectCaught(key({ Version: "2012-10-17", Statement: statement }));
        expectCaught(key(JSON.stringify({ Version: "2012-10-17", Statement: statement })));
    });

    it("no false alarm: account-scoped wildcard principals and the account root", () => {
        expect(key(doc({ ...OPEN, Principal: { AWS: "*" }, Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } })).diagnostics).toEqual([]);
        expect(key(doc({ ...OPEN, Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } })).diagnostics).toEqual([]);
        expect(key(doc({ ...OPEN, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*" })).diagnostics).toEqual([]);
    });

    it("no false alarm: kms:ViaService-scoped usage by a named role", () => {
        const usage = {
            Sid: "UseThroughRds",
            Effect: "Allow",
            Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/WalletService`] },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "rds.us-east-1.amazonaws.com", "kms:CallerAccount": ACCOUNT } },
        };
        expect(key(doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }, usage)).diagnostics).toEqual([]);
    });
});

describe("evasion: public trust in role policies", () => {
    const role = (assumeRolePolicy: unknown) => resource("iam-no-public-principal", T.role, { assumeRolePolicy });

    it.each([
        ["Principal \"*\"", { Principal: "*" }],
        ["{AWS: \"*\"}", { Principal: { AWS: "*" } }],
        ["a list containing \"*\"", { Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, "*"] } }],
        ["arn:aws:iam::*:root", { Principal: { AWS: "arn:aws:iam::*:root" } }],
        ["NotPrincipal", { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }],
    ])("catches %s (object, string, single statement)", (_label, principal) => {
        const statement = { Effect: "Allow", Action: "sts:AssumeRole", ...principal };
        expectCaught(role(doc(statement)));
        expectCaught(role(JSON.stringify(doc(statement))));
        expectCaught(role({ Statement: statement }));
    });
});

// ---------------------------------------------------------------------------------------------------------
// Policy documents: actions and resources
// ---------------------------------------------------------------------------------------------------------

describe("evasion: key actions on every key", () => {
    const iamPolicy = (policyDoc: unknown) => resource("iam-no-wildcard-resource-key-actions", T.iamPolicy, { policy: policyDoc });

    it.each([
        ["kms:Decrypt", "*"],
        ["KMS:decrypt", "*"],
        ["kms:DECRYPT", "arn:aws:kms:*:*:key/*"],
        ["kms:*", "*"],
        ["*", "*"],
        ["kms:De*", "arn:aws:kms:*:*:key/*"],
        ["kms:*crypt", "*"],
        ["kms:Decrypt", `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`],
    ])("catches %s on %s", (action, res) => {
        expectCaught(iamPolicy(doc({ Effect: "Allow", Action: action, Resource: res })));
        expectCaught(iamPolicy(JSON.stringify(doc({ Effect: "Allow", Action: [action], Resource: [res] }))));
        expectCaught(iamPolicy({ Statement: { Effect: "Allow", Action: action, Resource: res } }));
    });

    it("catches NotAction on every resource", () => {
        expectCaught(iamPolicy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })));
        expectCaught(iamPolicy(doc({ Effect: "Allow", NotAction: ["s3:*", "ec2:*"], Resource: "arn:aws:kms:*:*:key/*" })));
    });

    it("no false alarm: decrypt scoped to one key and broad non-key actions", () => {
        expect(iamPolicy(doc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: KEY_ARN }, { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" })).diagnostics).toEqual([]);
    });
});

describe("evasion: taking a store over without reading it", () => {
    const iamPolicy = (policyDoc: unknown) => resource("iam-no-wildcard-resource-key-actions", T.iamPolicy, { policy: policyDoc });

    it.each([
        ["rds:ModifyDBInstance", "*"],
        ["rds:modifydbcluster", "arn:aws:rds:*:*:cluster:*"],
        ["rds:Modify*", "*"],
        ["rds:*", "*"],
        ["rds:StartExportTask", "*"],
        ["ec2:ModifySnapshotAttribute", "*"],
        ["kms:PutKeyPolicy", "*"],
        ["secretsmanager:PutResourcePolicy", "*"],
        ["ram:AssociateResourceShare", "*"],
        ["s3:GetObject", "arn:aws:s3:::*"],
    ])("catches %s on %s", (action, res) => {
        expectCaught(iamPolicy(doc({ Effect: "Allow", Action: action, Resource: res })));
        expectCaught(iamPolicy(JSON.stringify(doc({ Effect: "Allow", Action: [action], Resource: [res] }))));
    });
});

describe("evasion: administrator access in another spelling", () => {
    const userPolicy = (policyDoc: unknown) => resource("iam-no-admin-policy", "aws:iam/userPolicy:UserPolicy", { user: "u", policy: policyDoc });

    it.each([
        ["Action [\"*\"]", { Action: ["*"], Resource: ["*"] }],
        ["*:*", { Action: "*:*", Resource: "arn:aws:*:*:*:*" }],
        ["Allow NotAction iam:*", { NotAction: ["iam:*"], Resource: "*" }],
        ["IAM:*", { Action: "IAM:*", Resource: "*" }],
        ["iam:Attach* on every role", { Action: "iam:Attach*", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }],
        ["iam:CreatePolicyVersion on *, from the organization only", { Action: "iam:CreatePolicyVersion", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } }],
    ])("catches %s", (_label, statement) => {
        expectCaught(userPolicy(doc({ Effect: "Allow", ...statement })));
        expectCaught(userPolicy(JSON.stringify(doc({ Effect: "Allow", ...statement }))));
    });

    it("no false alarm: read-only IAM and roles created under a permissions boundary", () => {
        expect(userPolicy(doc({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" })).diagnostics).toEqual([]);
        const bounded = {
            Effect: "Allow",
            Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"],
            Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
            Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/team-boundary` } },
        };
        expect(userPolicy(doc(bounded)).diagnostics).toEqual([]);
    });
});

// ---------------------------------------------------------------------------------------------------------
// MFA on the paths to key material (stack policy)
// ---------------------------------------------------------------------------------------------------------

describe("evasion: MFA conditions that do not require MFA", () => {
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/wallet-read`;
    const stack = (statement: Record<string, unknown>): StackInputResource[] => [
        { type: T.user, name: "alice", props: { name: "alice", arn: `arn:aws:iam::${ACCOUNT}:user/alice` } },
        { type: T.iamPolicy, name: "wallet-read", props: { arn: policyArn, policy: JSON.stringify(doc(statement)) } },
        { type: T.userAtt, name: "alice-wallet", props: { user: "alice", policyArn } },
    ];
    const run = (statement: Record<string, unknown>) => evaluateStack(policy("iam-sensitive-actions-require-mfa"), stack(statement));
    const DECRYPT = { Effect: "Allow", Action: ["kms:Decrypt"], Resource: KEY_ARN };

    it.each([
        ["no condition", {}],
        ["BoolIfExists aws:MultiFactorAuthPresent true (passes for long-lived keys)", { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } }],
        ["Bool aws:MultiFactorAuthPresent false", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }],
        ["a lower-case kms:decrypt", { Action: "kms:decrypt" }],
        ["kms:*", { Action: "kms:*" }],
        ["NotAction", { Action: undefined, NotAction: "iam:*" }],
    ])("catches %s", (_label, extra) => {
        const statement = JSON.parse(JSON.stringify({ ...DECRYPT, ...extra })) as Record<string, unknown>;
        expectCaught(run(statement));
    });

    it("no false alarm: grants conditioned on MFA", () => {
        expect(run({ ...DECRYPT, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }).diagnostics).toEqual([]);
        expect(run({ ...DECRYPT, Condition: { Bool: { "aws:MultiFactorAuthPresent": true } } }).diagnostics).toEqual([]);
        expect(run({ ...DECRYPT, Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } } }).diagnostics).toEqual([]);
    });
});

describe("evasion: public principals in resource policies of other stores", () => {
    const principals: [string, Record<string, unknown>][] = [
        ["Principal \"*\"", { Principal: "*" }],
        ["{AWS: \"*\"}", { Principal: { AWS: "*" } }],
        ["a list containing \"*\"", { Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/App`, "*"] } }],
        ["arn:aws:iam::*:root", { Principal: { AWS: "arn:aws:iam::*:root" } }],
        ["NotPrincipal", { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Blocked` } }],
    ];

    it.each(principals)("catches a Secrets Manager secret policy with %s", (_label, principal) => {
        const statement = { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", ...principal };
        const run = (policyDoc: unknown) =>
            resource("secretsmanager-policy-not-public", "aws:secretsmanager/secretPolicy:SecretPolicy", { policy: policyDoc, secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:x" });
        expectCaught(run(doc(statement)));
        expectCaught(run(JSON.stringify({ Statement: statement })));
    });

    it.each(principals)("catches an S3 bucket policy with %s", (_label, principal) => {
        const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::keys/*", ...principal };
        const run = (policyDoc: unknown) => resource("s3-policy-no-public-principal", "aws:s3/bucketPolicy:BucketPolicy", { bucket: "keys", policy: policyDoc });
        expectCaught(run(doc(statement)));
        expectCaught(run(JSON.stringify({ Statement: statement })));
    });
});
