import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../lib/aws/types";

const CLUSTER = RDS_CLUSTER;

export const rdsCaCertCurrent = resourcePolicy<{ allowedCaCertIdentifiers: string[] }>({
    name: "rds-ca-cert-current",
    description: "RDS DB instances, cluster instances and clusters must use a current server CA certificate.",
    controls: [21],
    category: "encryption-in-transit",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        checkov: ["CKV_AWS_211"],
    },
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, CLUSTER],
    remediationSteps: [
        "1. Set `caCertIdentifier` (aws.rds.Instance, aws.rds.ClusterInstance) or `caCertificateIdentifier` (aws.rds.Cluster) to a current CA such as `rds-ca-rsa2048-g1`, `rds-ca-rsa4096-g1` or `rds-ca-ecc384-g1`, or remove it to get the current default.",
        "2. Update the client trust store to the RDS global CA bundle first, then apply the change (it restarts the instance unless the engine supports rotation without restart).",
        "3. Keep certificate verification on in clients (`sslmode=verify-full`, `VERIFY_IDENTITY`).",
    ].join("\n"),
    config: {
        allowedCaCertIdentifiers: {
            type: "array",
            items: { type: "string" },
            default: ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"],
            description: "CA certificate identifiers that count as current (compared case-insensitively).",
        },
    },
    check: ({ props, type, config }): Finding[] => {
        const property = type === CLUSTER ? "caCertificateIdentifier" : "caCertIdentifier";
        const allowed = config.allowedCaCertIdentifiers.map((id) => id.trim().toLowerCase());
        const fix = `Use one of ${allowed.map((id) => `\`${id}\``).join(", ")} (or omit it for the current default), so clients can keep verifying the server certificate.`;
        const value = asString(read(props, property));
        if (value === UNKNOWN) {
            return [unknownFinding(property, fix)];
        }
        if (value === undefined || (typeof value === "string" && value.trim() === "")) {
            return [];
        }
        if (typeof value !== "string") {
            return [violation(property, `\`${property}\` is not a CA certificate identifier. ${fix}`)];
        }
        if (allowed.includes(value.trim().toLowerCase())) {
            return [];
        }
        return [violation(property, `\`${property}\` names a CA certificate that is not on the allowed list (legacy or expiring CAs push clients to turn verification off). ${fix}`)];
    },
});
