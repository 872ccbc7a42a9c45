import { unknownFinding, violation } from "../lib/readers/checks";
import { DB_HOST_CONFIG, INSTANCE, isDbHost, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST, type DbHostConfig } from "./lib/ec2";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, isAbsent, read, UNKNOWN, type PlainObject } from "../lib/readers/values";

const FIX = 'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }` (IMDSv2 only), or `httpEndpoint: "disabled"` if the host needs no instance metadata.';

/** The token-less metadata finding of one host, before the scope model decides its level. */
function metadataFindings(props: PlainObject, type: string): Finding[] {
    const options = read(props, "metadataOptions");
    if (options === UNKNOWN) {
        return [unknownFinding("metadataOptions", FIX)];
    }
    if (isAbsent(options) && type !== LAUNCH_TEMPLATE && type !== LAUNCH_CONFIGURATION && !isAbsent(read(props, "launchTemplate"))) {
        return []; // the launch template's metadataOptions apply; that resource is checked itself
    }
    const endpoint = asString(read(props, "metadataOptions.httpEndpoint"));
    if (endpoint === UNKNOWN) {
        return [unknownFinding("metadataOptions.httpEndpoint", FIX)];
    }
    if (typeof endpoint === "string" && endpoint.trim().toLowerCase() === "disabled") {
        return [];
    }
    const tokens = asString(read(props, "metadataOptions.httpTokens"));
    if (tokens === UNKNOWN) {
        return [unknownFinding("metadataOptions.httpTokens", FIX)];
    }
    if (typeof tokens === "string" && tokens.trim().toLowerCase() === "required") {
        return [];
    }
    const state = tokens === undefined ? 'is not set, so it defaults to "optional"' : tokens === INVALID ? "is not a string" : 'is not "required"';
    return [
        violation(
            "metadataOptions.httpTokens",
            `\`metadataOptions.httpTokens\` ${state}: IMDSv1 answers unauthenticated GET requests, so one SSRF bug hands out the instance role's credentials and with them every kms:Decrypt or secretsmanager:GetSecretValue the role is allowed. ${FIX}`,
        ),
    ];
}

export const ec2DbHostImdsv2 = resourcePolicy<DbHostConfig>({
    name: "ec2-db-host-imdsv2",
    description: "EC2 instances, launch templates and launch configurations must require IMDSv2 session tokens (or disable the metadata endpoint); enforced on database and key-material hosts, advisory on other hosts.",
    controls: [28],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["EC2.8", "EC2.170"],
        cis: ["5.7"],
        nist: ["AC-3", "AC-6"],
        checkov: ["CKV_AWS_79"],
        trivy: ["AVD-AWS-0028", "AVD-AWS-0130"],
        cdkNag: ["EC2IMDSv2Enabled"],
    },
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
    remediationSteps: [
        '1. Set `metadataOptions: { httpTokens: "required" }` on every aws.ec2.Instance, SpotInstanceRequest, LaunchTemplate and LaunchConfiguration (keep `httpPutResponseHopLimit` at 1 unless containers on the host need 2).',
        "2. Check that the AMI's agents and SDKs support IMDSv2 (all current AWS SDKs and the SSM/CloudWatch agents do).",
        "3. Instances that take their settings from a launch template are judged through that template.",
        "4. Defence in depth: the finding blocks on database and key-material hosts (tags / names in `dbHostTags` / `dbHostNamePatterns`, or user data that installs or runs a database server) and is advisory on other hosts.",
    ].join("\n"),
    config: DB_HOST_CONFIG,
    check: ({ props, type, name, config }) => {
        const findings = metadataFindings(props, type);
        if (findings.length === 0) {
            return [];
        }
        // Defence in depth: mandatory on database and key-material hosts, advisory on other hosts (scope model).
        const inScope = isDbHost(name, props, config);
        return findings.map((f) => ({ ...f, inScope }));
    },
});
