import { expectFlag, unknownFinding, violation } from "../lib/readers/checks";
import { DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";

const TLS12_POLICIES = ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"];

export const opensearchHttpsTls12 = resourcePolicy<{ allowedTlsPolicies: string[]; allowOmittedTlsPolicy: boolean }>({
    name: "opensearch-https-tls12",
    description: "OpenSearch and Elasticsearch domains must require HTTPS and pin a TLS 1.2+ security policy on their endpoint.",
    controls: [63],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["OpenSearch.8", "ES.8"],
        pciDss: ["4.2.1"],
        nist: ["SC-8", "SC-13"],
        checkov: ["CKV_AWS_83", "CKV_AWS_228"],
        trivy: ["AVD-AWS-0046", "AVD-AWS-0126"],
    },
    resourceTypes: DOMAIN_TYPES,
    config: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: TLS12_POLICIES,
            description: "TLS security policies accepted for the domain endpoint (TLS 1.2 or later only).",
        },
        allowOmittedTlsPolicy: {
            type: "boolean",
            default: false,
            description:
                "Accept an omitted tlsSecurityPolicy (AWS gives new domains a TLS 1.2 policy, but older domains keep TLS 1.0 and the provider does not detect drift unless the policy is set).",
        },
    },
    remediationSteps: [
        "1. Leave `domainEndpointOptions.enforceHttps` unset or set it to `true`.",
        "2. Set `domainEndpointOptions.tlsSecurityPolicy: \"Policy-Min-TLS-1-2-PFS-2023-10\"` (or `Policy-Min-TLS-1-2-2019-07`); both changes apply in place.",
        "3. Make sure every client supports TLS 1.2 or later before the change.",
    ].join("\n"),
    check: ({ props, config }): Finding[] => {
        const allowed = config.allowedTlsPolicies.map((p) => p.trim().toLowerCase());
        const fix = `Set \`domainEndpointOptions.tlsSecurityPolicy\` to one of ${config.allowedTlsPolicies.map((p) => `\`${p}\``).join(", ")} so clients cannot negotiate TLS 1.0/1.1.`;
        const findings = expectFlag(props, "domainEndpointOptions.enforceHttps", {
            expected: true,
            defaultValue: true,
            fix: "Set `domainEndpointOptions.enforceHttps: true` (or leave it unset): without it, queries, documents and credentials cross the network in plaintext.",
        });
        const property = "domainEndpointOptions.tlsSecurityPolicy";
        const policy = asString(read(props, property));
        if (policy === UNKNOWN) {
            findings.push(unknownFinding(property, fix));
        } else if (policy === INVALID) {
            findings.push(violation(property, `\`${property}\` is not a string. ${fix}`));
        } else if (policy === undefined || policy.trim() === "") {
            if (!config.allowOmittedTlsPolicy) {
                findings.push(
                    violation(
                        property,
                        `\`${property}\` is not set. The provider documents no default and only detects drift when it is set; domains created before AWS moved the default to TLS 1.2 keep \`Policy-Min-TLS-1-0-2019-07\`. ${fix}`,
                    ),
                );
            }
        } else if (!allowed.includes(policy.trim().toLowerCase())) {
            findings.push(violation(property, `\`${property}\` names a policy that is not on the TLS 1.2+ allow-list (it may accept TLS 1.0/1.1). ${fix}`));
        }
        return findings;
    },
});
