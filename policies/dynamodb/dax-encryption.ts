import { unknownFinding, violation } from "../lib/readers/checks";
import { block, expectFlagValue } from "./lib/dynamodb";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { DAX_CLUSTER } from "../lib/aws/types";

const SSE_FIX = "Set `serverSideEncryption: { enabled: true }` so the cached key items, logs and node storage are encrypted at rest.";
const TLS_FIX = 'Set `clusterEndpointEncryptionType: "TLS"` so clients reach the cache only over TLS (this recreates the cluster).';

function endpointFindings(value: unknown): Finding[] {
    const property = "clusterEndpointEncryptionType";
    const reading = asString(value);
    if (reading === UNKNOWN) {
        return [unknownFinding(property, TLS_FIX)];
    }
    if (reading === undefined) {
        return [violation(property, `\`${property}\` is not set, so it defaults to NONE: cached key items travel in clear between clients and the cluster. ${TLS_FIX}`)];
    }
    if (reading === INVALID) {
        return [violation(property, `\`${property}\` is not a string. ${TLS_FIX}`)];
    }
    if (reading.trim().toUpperCase() === "TLS") {
        return [];
    }
    return [violation(property, `\`${property}\` is not "TLS", so cached key items travel in clear between clients and the cluster. ${TLS_FIX}`)];
}

export const daxEncryption = resourcePolicy({
    name: "dax-encryption",
    description: "DAX clusters must encrypt cached data at rest and accept client connections only over TLS.",
    controls: [35],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["DynamoDB.3", "DynamoDB.7"],
        pciDss: ["3.5.1", "4.2.1"],
        nist: ["SC-8", "SC-28"],
        checkov: ["CKV_AWS_47", "CKV_AWS_239"],
        trivy: ["AVD-AWS-0023"],
        cdkNag: ["AwsSolutions-DDB4"],
    },
    resourceTypes: [DAX_CLUSTER],
    remediationSteps: [
        "1. On the aws.dax.Cluster set `serverSideEncryption: { enabled: true }`.",
        '2. Set `clusterEndpointEncryptionType: "TLS"` and connect with a TLS-capable DAX client (daxs:// endpoint).',
        "3. Both settings can only be chosen at creation: create a new encrypted cluster, switch clients to it, then delete the old one.",
    ].join("\n"),
    check: ({ props }) => {
        const findings: Finding[] = [];
        const sse = block(props, "serverSideEncryption");
        if (sse === UNKNOWN) {
            findings.push(unknownFinding("serverSideEncryption", SSE_FIX));
        } else if (sse === undefined) {
            findings.push(violation("serverSideEncryption", `\`serverSideEncryption\` is not set, so encryption at rest is off (the default). ${SSE_FIX}`));
        } else if (sse === INVALID) {
            findings.push(violation("serverSideEncryption", `\`serverSideEncryption\` is not an object. ${SSE_FIX}`));
        } else {
            findings.push(...expectFlagValue(read(sse, "enabled"), "serverSideEncryption.enabled", { expected: true, defaultValue: false, fix: SSE_FIX }));
        }
        findings.push(...endpointFindings(read(props, "clusterEndpointEncryptionType")));
        return findings;
    },
});
