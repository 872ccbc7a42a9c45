import { unknownFinding, violation } from "../lib/readers/checks";
import { evaluateParameter } from "../lib/aws/docdb-neptune";
import { resourcePolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER_PARAMETER_GROUP } from "../lib/aws/types";

const FIX =
    'Remove the `neptune_enforce_ssl` parameter or set it to "1" so the cluster accepts HTTPS only (engine 1.0.4.0 and later are HTTPS-only regardless; upgrade older engines).';

export const neptuneTlsEnforced = resourcePolicy({
    name: "neptune-tls-enforced",
    description: "Neptune cluster parameter groups must not turn off the HTTPS-only setting (neptune_enforce_ssl).",
    // Advisory and rated below its row (policies/controls.ts SEVERITY_EXCEPTIONS): engines 1.0.4.0+ are HTTPS-only anyway.
    controls: [37],
    category: "encryption-in-transit",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { pciDss: ["4.2.1"], nist: ["SC-8"] },
    resourceTypes: [NEPTUNE_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        '1. In the aws.neptune.ClusterParameterGroup remove the `neptune_enforce_ssl` entry from `parameters` or set its value to "1".',
        "2. Upgrade clusters to engine 1.0.4.0 or later, which accept HTTPS connections only.",
        "3. Connect clients over HTTPS/WSS to port 8182.",
    ].join("\n"),
    check: ({ props }) => {
        const verdict = evaluateParameter(props, "neptune_enforce_ssl", (value) => value === "1", true);
        switch (verdict.status) {
            case "secure":
                return [];
            case "unknown":
                return [unknownFinding(verdict.property, FIX)];
            case "insecure":
                return [
                    violation(
                        verdict.property,
                        `This cluster parameter group sets \`neptune_enforce_ssl\` to something other than "1", so older Neptune engines accept plain HTTP and queries and results cross the network in clear. ${FIX}`,
                    ),
                ];
        }
    },
});
