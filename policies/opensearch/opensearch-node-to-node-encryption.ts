import { expectFlag } from "../lib/readers/checks";
import { DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy } from "../lib/core/policy";

export const opensearchNodeToNodeEncryption = resourcePolicy({
    name: "opensearch-node-to-node-encryption",
    description: "OpenSearch and Elasticsearch domains must encrypt traffic between their nodes with TLS.",
    controls: [62],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["OpenSearch.3", "ES.3"],
        nist: ["SC-8"],
        checkov: ["CKV_AWS_6"],
        trivy: ["AVD-AWS-0043"],
        cdkNag: ["AwsSolutions-OS2"],
    },
    resourceTypes: DOMAIN_TYPES,
    remediationSteps: [
        "1. Set `nodeToNodeEncryption: { enabled: true }` on the domain.",
        "2. Domains on OpenSearch or Elasticsearch 6.7+ can enable it in place; older domains must be upgraded or recreated from a snapshot.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "nodeToNodeEncryption.enabled", {
            expected: true,
            defaultValue: false,
            fix: "Set `nodeToNodeEncryption.enabled: true` so documents (and any key material they contain) do not cross the VPC in plaintext between data nodes.",
        }),
});
