import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { evaluateParameter, type ParameterVerdict } from "../lib/aws/docdb-neptune";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { DOCDB_CLUSTER_PARAMETER_GROUP } from "../lib/aws/types";

/** The documented values of the DocumentDB `tls` cluster parameter that require TLS; the engine default is `enabled`. */
const TLS_VALUES = new Set(["enabled", "fips-140-3", "tls1.2+", "tls1.3+"]);

export const TLS_FIX =
    'Remove the `tls` parameter (the engine default is "enabled") or set it to "enabled", "tls1.2+", "tls1.3+" or "fips-140-3", then reboot the cluster instances.';

export function tlsParameterVerdict(props: Parameters<typeof evaluateParameter>[0]): ParameterVerdict {
    return evaluateParameter(props, "tls", (value) => TLS_VALUES.has(value), true);
}

/** Findings for a group's own `tls` verdict (on the group, or on a cluster through `urn`). */
export function tlsFindings(verdict: ParameterVerdict, subject: string, urn?: string, property?: string): Finding[] {
    switch (verdict.status) {
        case "secure":
            return [];
        case "unknown":
            return property
                ? [undecided(property, `${subject} has a \`tls\` parameter computed from another resource, so it is only known at update time; the policy re-checks it then. ${TLS_FIX}`, urn)]
                : [unknownFinding(verdict.property, TLS_FIX, urn)];
        case "insecure": {
            const reason =
                verdict.state === "invalid" ? "a `tls` parameter without a string value" : 'a `tls` parameter that is "disabled" or not a TLS-requiring value';
            return [
                violation(
                    property ?? verdict.property,
                    `${subject} has ${reason}, so clients can connect over the plaintext MongoDB wire protocol and credentials and key documents cross the network in clear. ${TLS_FIX}`,
                    urn,
                ),
            ];
        }
    }
}

export const docdbTlsEnabled = resourcePolicy({
    name: "docdb-tls-enabled",
    description: "DocumentDB cluster parameter groups must not disable TLS for client connections.",
    controls: [37],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["DocumentDB.6"],
        pciDss: ["4.2.1"],
        nist: ["SC-8"],
        checkov: ["CKV_AWS_90"],
    },
    resourceTypes: [DOCDB_CLUSTER_PARAMETER_GROUP],
    remediationSteps: [
        "1. In the aws.docdb.ClusterParameterGroup remove the `tls` entry from `parameters` (the default is \"enabled\") or set its value to \"enabled\", \"tls1.2+\", \"tls1.3+\" or \"fips-140-3\".",
        "2. `tls` is a static parameter: reboot every cluster instance that uses the group for the change to take effect.",
        "3. Connect clients with TLS (`tls=true` and the Amazon RDS CA bundle).",
    ].join("\n"),
    check: ({ props }) => tlsFindings(tlsParameterVerdict(props), "This cluster parameter group"),
});
