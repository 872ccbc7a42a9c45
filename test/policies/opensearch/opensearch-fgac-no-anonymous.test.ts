import { describe, expect, it } from "vitest";
import { opensearchFgacNoAnonymous as policy } from "../../../policies/opensearch/opensearch-fgac-no-anonymous";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const OS = "aws:opensearch/domain:Domain";
const ES = "aws:elasticsearch/domain:Domain";
const OS_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
const ES_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";
const DOMAIN_ARN = "arn:aws:es:eu-west-1:111122223333:domain/keys/*";
const FGAC = { enabled: true, internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: "arn:aws:iam::111122223333:role/admin" } };

const doc = (statement: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "es:ESHttp*", Resource: DOMAIN_ARN, ...statement }] });
const domain = (props: Record<string, unknown>, type = OS, config?: Record<string, unknown>) =>
    evaluateResource(policy, { type, props: { advancedSecurityOptions: FGAC, ...props }, config });
const domainPolicy = (accessPolicies: unknown, type = OS_POLICY, config?: Record<string, unknown>) =>
    evaluateResource(policy, { type, props: { domainName: "keys", accessPolicies }, config });

describe("opensearch-fgac-no-anonymous", () => {
    it.each([OS, ES])("passes %s with FGAC and a role-scoped access policy", (type) => {
        const accessPolicies = JSON.stringify(doc({ Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }));
        expect(domain({ accessPolicies }, type).diagnostics).toEqual([]);
    });

    it("passes a domain without an access policy (access then comes only from IAM identity policies)", () => {
        expect(domain({}).diagnostics).toEqual([]);
    });

    it.each([OS, ES])("flags %s without FGAC (block omitted, default off) as mandatory", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["advancedSecurityOptions.enabled"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each([false, "false", "enabled"])("flags advancedSecurityOptions.enabled = %j", (enabled) => {
        expect(violatedProperties(domain({ advancedSecurityOptions: { enabled } }))).toEqual(["advancedSecurityOptions.enabled"]);
    });

    it.each([true, "true", "yes"])("flags anonymousAuthEnabled = %j on an OpenSearch domain", (anonymousAuthEnabled) => {
        expect(violatedProperties(domain({ advancedSecurityOptions: { ...FGAC, anonymousAuthEnabled } }))).toEqual([
            "advancedSecurityOptions.anonymousAuthEnabled",
        ]);
    });

    describe("access policies", () => {
        it.each([
            ["Principal \"*\"", { Principal: "*" }],
            ["Principal {AWS: \"*\"}", { Principal: { AWS: "*" } }],
            ["a list containing \"*\"", { Principal: { AWS: ["arn:aws:iam::111122223333:role/app", "*"] } }],
            ["an account wildcard", { Principal: { AWS: "arn:aws:iam::*:root" } }],
            ["NotPrincipal", { NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/blocked" } }],
            ["a 0.0.0.0/0 source IP", { Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }],
            ["a wide public source IP", { Principal: "*", Condition: { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "52.0.0.0/8"] } } }],
            ["a NotIpAddress condition", { Principal: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }],
            ["an IfExists source IP", { Principal: "*", Condition: { IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } } }],
            ["a non-scoping condition", { Principal: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }],
            ["a wildcard account condition", { Principal: "*", Condition: { StringLike: { "aws:PrincipalAccount": "*" } } }],
        ])("flags an Allow to everyone with %s", (_label, statement) => {
            for (const accessPolicies of [JSON.stringify(doc(statement)), doc(statement)]) {
                expect(violatedProperties(domain({ accessPolicies }, ES))).toEqual(["accessPolicies"]);
                expect(violatedProperties(domainPolicy(accessPolicies, ES_POLICY))).toEqual(["accessPolicies"]);
            }
            expect(violatedProperties(domainPolicy(JSON.stringify(doc(statement))))).toEqual(["accessPolicies"]);
        });

        it.each([
            ["private source IPs", { IpAddress: { "aws:SourceIp": ["10.0.0.0/16", "192.168.1.0/24"] } }],
            ["a narrow public source IP", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }],
            ["an organization", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
            ["an account", { StringEquals: { "aws:PrincipalAccount": "111122223333" } }],
            ["a VPC endpoint", { StringEquals: { "aws:SourceVpce": "vpce-0abc" } }],
        ])("passes an Allow to everyone constrained by %s", (_label, Condition) => {
            const accessPolicies = JSON.stringify(doc({ Principal: { AWS: "*" }, Condition }));
            expect(domain({ accessPolicies }).diagnostics).toEqual([]);
            expect(domainPolicy(accessPolicies).diagnostics).toEqual([]);
        });

        it("ignores Deny statements to everyone", () => {
            const accessPolicies = JSON.stringify({ Statement: { Effect: "Deny", Principal: "*", Action: "es:*", Resource: DOMAIN_ARN } });
            expect(domainPolicy(accessPolicies).diagnostics).toEqual([]);
        });

        it("honours a configured source-IP prefix threshold", () => {
            const accessPolicies = JSON.stringify(doc({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }));
            expect(violatedProperties(domainPolicy(accessPolicies, OS_POLICY, { minPublicSourceIpPrefixV4: 28 }))).toEqual(["accessPolicies"]);
        });

        it.each(["{not json", JSON.stringify({ Version: "2012-10-17" }), JSON.stringify({ Statement: { Effect: "Permit", Principal: "*", Action: "es:*" } })])(
            "flags a malformed document %s",
            (accessPolicies) => {
                const result = domainPolicy(accessPolicies);
                expect(violatedProperties(result)).toEqual(["accessPolicies"]);
                expect(result.violations[0]!.message).toMatch(/not a valid policy document/);
            },
        );

        it("flags each open statement once", () => {
            const accessPolicies = JSON.stringify({ Statement: [doc({ Principal: "*" }).Statement[0], doc({ Principal: { AWS: "*" } }).Statement[0]] });
            expect(violatedProperties(domain({ accessPolicies }))).toEqual(["accessPolicies", "accessPolicies"]);
        });

        it("accepts an open policy on a VPC domain with FGAC only when configured to", () => {
            const props = { accessPolicies: JSON.stringify(doc({ Principal: { AWS: "*" } })), vpcOptions: { subnetIds: ["subnet-1"] } };
            expect(violatedProperties(domain(props))).toEqual(["accessPolicies"]);
            expect(domain(props, OS, { allowOpenPolicyWithFgacInVpc: true }).diagnostics).toEqual([]);
            // Not in a VPC: the relaxation does not apply.
            expect(violatedProperties(domain({ accessPolicies: props.accessPolicies }, OS, { allowOpenPolicyWithFgacInVpc: true }))).toEqual(["accessPolicies"]);
        });
    });

    describe("preview", () => {
        it("reports an unknown document (jsonStringify of outputs) as undecided and decides the rest", () => {
            const result = evaluateResource(policy, { type: OS, props: { accessPolicies: UNKNOWN } });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["advancedSecurityOptions.enabled"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["accessPolicies"]);
        });

        it("decides a document whose resource ARN is unknown", () => {
            const accessPolicies = { Statement: [{ Effect: "Allow", Principal: "*", Action: "es:*", Resource: UNKNOWN }] };
            const result = domainPolicy(accessPolicies, ES_POLICY);
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["accessPolicies"]);
        });

        it("treats an unknown principal as undecided and an unknown role principal with a wildcard as open", () => {
            const unknownPrincipal = domainPolicy({ Statement: [{ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "es:*", Resource: "*" }] }, ES_POLICY);
            expect(unknownPrincipal.violations).toEqual([]);
            expect(unknownPrincipal.undecided.map((d) => d.property)).toEqual(["accessPolicies"]);
            const mixed = domainPolicy({ Statement: [{ Effect: "Allow", Principal: { AWS: [UNKNOWN, "*"] }, Action: "es:*", Resource: "*" }] }, ES_POLICY);
            expect(violatedProperties(mixed)).toEqual(["accessPolicies"]);
        });

        it("reports unknown FGAC flags as undecided", () => {
            const result = evaluateResource(policy, { type: OS, props: { advancedSecurityOptions: { enabled: UNKNOWN, anonymousAuthEnabled: UNKNOWN } } });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property).sort()).toEqual(["advancedSecurityOptions.anonymousAuthEnabled", "advancedSecurityOptions.enabled"]);
        });
    });
});
