import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, INVALID, UNKNOWN } from "../lib/readers/values";
import { OPENSEARCH_SERVERLESS_SECURITY_POLICY } from "../lib/aws/types";
import { serverlessDocument, serverlessPolicyType } from "./lib/serverless";

const FIX =
    "Set `AllowFromPublic: false` and list the VPC endpoints (`SourceVPCEs`, aws.opensearch.ServerlessVpcEndpoint) that may reach the collections, so their data and Dashboards endpoints are not reachable from the internet.";

export const opensearchServerlessNetworkPrivate = resourcePolicy({
    name: "opensearch-serverless-network-private",
    description: "OpenSearch Serverless network policies must not open collections or their Dashboards to public networks.",
    controls: [110],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["SC-7"], pciDss: ["1.4.4"] },
    resourceTypes: [OPENSEARCH_SERVERLESS_SECURITY_POLICY],
    remediationSteps: [
        "1. Create an aws.opensearch.ServerlessVpcEndpoint in private subnets, with a security group that admits only the application's security groups.",
        '2. In every rule set of the network policy (`type: "network"`), replace `AllowFromPublic: true` with `AllowFromPublic: false, SourceVPCEs: [endpoint.id]`.',
        "3. Keep data access policies narrow as well: a private endpoint limits where requests come from, the data access policy who may read.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const type = serverlessPolicyType(props);
        if (type === UNKNOWN) {
            return [unknownFinding("type", `when the policy is a network policy: ${FIX}`)];
        }
        if (type !== "network") {
            return [];
        }
        const document = serverlessDocument(props);
        if (document.kind === "unknown") {
            return [unknownFinding("policy", FIX)];
        }
        if (document.kind === "malformed") {
            return [violation("policy", `\`policy\` cannot be read: ${document.reason}, so whether it opens the collections to public networks cannot be told. ${FIX}`)];
        }
        const findings: Finding[] = [];
        document.entries.forEach((entry, index) => {
            // AllowFromPublic is required in a network rule set; a value that is not a boolean is not a private one.
            const reading = asBool(entry["AllowFromPublic"]);
            if (reading === UNKNOWN) {
                findings.push(unknownFinding("policy", `rule set ${index}: ${FIX}`));
            } else if (reading === true) {
                findings.push(violation("policy", `Rule set ${index} of \`policy\` sets \`AllowFromPublic\` to true: the collections and Dashboards it names are reachable from the internet. ${FIX}`));
            } else if (reading === INVALID) {
                findings.push(violation("policy", `Rule set ${index} of \`policy\` has an \`AllowFromPublic\` that is not a boolean. ${FIX}`));
            }
        });
        return findings;
    },
});
