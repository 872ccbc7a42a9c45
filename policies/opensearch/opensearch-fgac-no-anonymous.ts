import { expectFlag, unknownFinding, violation } from "../lib/readers/checks";
import { describeStatement } from "../lib/aws/iam";
import { DOMAIN_POLICY_TYPES, DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { publicGrants } from "../lib/aws/public-grants";
import { asBool, asList, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { OPENSEARCH_DOMAIN } from "../lib/aws/types";

type Config = {
    minPublicSourceIpPrefixV4: number;
    minPublicSourceIpPrefixV6: number;
    allowOpenPolicyWithFgacInVpc: boolean;
};

const POLICY_FIX =
    "Name the IAM roles that may call the domain as principals, or keep `\"*\"` only together with an `aws:PrincipalOrgID`/`aws:PrincipalAccount`/`aws:SourceVpce` condition or an `IpAddress aws:SourceIp` condition limited to private or narrow ranges.";

/** FGAC on, anonymous auth off and a VPC endpoint: the setup for which AWS documents an open access policy. */
function fgacGuardedVpcDomain(props: PlainObject, type: string): boolean {
    const subnets = asList(read(props, "vpcOptions.subnetIds"));
    const inVpc = subnets !== UNKNOWN && subnets.some((s) => s === UNKNOWN || (typeof s === "string" && s.trim() !== ""));
    const fgac = asBool(read(props, "advancedSecurityOptions.enabled")) === true;
    const anonymous = type === OPENSEARCH_DOMAIN ? asBool(read(props, "advancedSecurityOptions.anonymousAuthEnabled")) : false;
    return inVpc && fgac && (anonymous === false || anonymous === undefined);
}

function accessPolicyFindings(props: PlainObject, config: Config, relaxed: boolean): Finding[] {
    const property = "accessPolicies";
    const verdict = publicGrants(read(props, property), {
        sourceIp: { minPrefixV4: config.minPublicSourceIpPrefixV4, minPrefixV6: config.minPublicSourceIpPrefixV6 },
    });
    switch (verdict.kind) {
        case "absent":
            return [];
        case "unknown":
            return [unknownFinding(property, POLICY_FIX)];
        case "malformed":
            return [violation(property, `\`${property}\` is not a valid policy document (${verdict.reason}), so the policy cannot vouch for who may call the domain. Fix the document.`)];
        case "document": {
            if (relaxed) {
                return [];
            }
            const findings: Finding[] = verdict.open.map((statement) =>
                violation(
                    property,
                    `${describeStatement(statement)} of \`${property}\` allows every principal (\`*\` or NotPrincipal) without an account, VPC-endpoint or narrow source-IP condition, so anyone who can reach the endpoint can send requests. ${POLICY_FIX}`,
                ),
            );
            for (const statement of verdict.undecided) {
                findings.push(unknownFinding(property, `${describeStatement(statement)} must not allow every principal without a narrowing condition. ${POLICY_FIX}`));
            }
            return findings;
        }
    }
}

export const opensearchFgacNoAnonymous = resourcePolicy<Config>({
    name: "opensearch-fgac-no-anonymous",
    description:
        "OpenSearch and Elasticsearch domains must enable fine-grained access control without anonymous access, and their access policies must not allow every principal unconditionally.",
    controls: [65],
    category: "authentication-mfa",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["OpenSearch.7"],
        nist: ["AC-3", "AC-6"],
        checkov: ["CKV2_AWS_52"],
        cdkNag: ["AwsSolutions-OS3", "AwsSolutions-OS5"],
    },
    resourceTypes: [...DOMAIN_TYPES, ...DOMAIN_POLICY_TYPES],
    config: {
        minPublicSourceIpPrefixV4: {
            type: "integer",
            default: 24,
            minimum: 1,
            maximum: 32,
            description: "A public IPv4 range in an aws:SourceIp condition counts as a restriction only with at least this prefix length (private ranges always count).",
        },
        minPublicSourceIpPrefixV6: {
            type: "integer",
            default: 56,
            minimum: 1,
            maximum: 128,
            description: "A public IPv6 range in an aws:SourceIp condition counts as a restriction only with at least this prefix length (private ranges always count).",
        },
        allowOpenPolicyWithFgacInVpc: {
            type: "boolean",
            default: false,
            description:
                "Accept an open (Principal \"*\") access policy on a domain that is in a VPC with fine-grained access control on and anonymous auth off (the setup AWS documents for FGAC).",
        },
    },
    remediationSteps: [
        "1. Set `advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: adminRole.arn } }` (IAM-based master user; FGAC also requires encryption at rest, node-to-node encryption and HTTPS).",
        "2. Leave `advancedSecurityOptions.anonymousAuthEnabled` unset or `false`.",
        "3. Write `accessPolicies` (on the domain or an aws.opensearch.DomainPolicy) with the IAM role ARNs that may call the domain as principals; if you keep `\"*\"`, add an `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpce` or private `aws:SourceIp` condition.",
    ].join("\n"),
    check: ({ props, config, type }): Finding[] => {
        if (DOMAIN_POLICY_TYPES.includes(type)) {
            return accessPolicyFindings(props, config, false);
        }
        const findings = expectFlag(props, "advancedSecurityOptions.enabled", {
            expected: true,
            defaultValue: false,
            fix: "Set `advancedSecurityOptions.enabled: true` so every request is authenticated and mapped to index- and document-level permissions.",
        });
        if (type === OPENSEARCH_DOMAIN) {
            const anonymous = asBool(read(props, "advancedSecurityOptions.anonymousAuthEnabled"));
            if (anonymous === UNKNOWN) {
                findings.push(unknownFinding("advancedSecurityOptions.anonymousAuthEnabled", "Leave `advancedSecurityOptions.anonymousAuthEnabled` unset or false."));
            } else if (anonymous !== undefined && anonymous !== false) {
                findings.push(
                    violation(
                        "advancedSecurityOptions.anonymousAuthEnabled",
                        "`advancedSecurityOptions.anonymousAuthEnabled` is not false, so unauthenticated requests are served with the anonymous role. Set it to false (or remove it).",
                    ),
                );
            }
        }
        const relaxed = config.allowOpenPolicyWithFgacInVpc && fgacGuardedVpcDomain(props, type);
        return [...findings, ...accessPolicyFindings(props, config, relaxed)];
    },
});
