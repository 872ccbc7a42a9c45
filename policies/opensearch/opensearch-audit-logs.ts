import { unknownFinding, violation } from "../lib/readers/checks";
import { DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asList, asString, isObject, UNKNOWN } from "../lib/readers/values";

export const opensearchAuditLogs = resourcePolicy<{ requiredLogTypes: string[] }>({
    name: "opensearch-audit-logs",
    description: "OpenSearch and Elasticsearch domains must publish audit logs and application error logs to CloudWatch Logs.",
    controls: [66],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["OpenSearch.4", "OpenSearch.5", "ES.4", "ES.5"],
        pciDss: ["10.2.1"],
        nist: ["AU-2", "AU-12"],
        checkov: ["CKV_AWS_84", "CKV_AWS_317"],
        trivy: ["AVD-AWS-0042"],
    },
    resourceTypes: DOMAIN_TYPES,
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string" },
            default: ["AUDIT_LOGS", "ES_APPLICATION_LOGS"],
            description: "Log types that must be published with enabled not false (INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS, ES_APPLICATION_LOGS, AUDIT_LOGS).",
        },
    },
    remediationSteps: [
        "1. Create an aws.cloudwatch.LogGroup per log type (encrypted with a CMK, with a retention period) and an aws.cloudwatch.LogResourcePolicy that lets es.amazonaws.com write to them.",
        "2. Add `logPublishingOptions: [{ logType: \"AUDIT_LOGS\", cloudwatchLogGroupArn: auditGroup.arn }, { logType: \"ES_APPLICATION_LOGS\", cloudwatchLogGroupArn: appGroup.arn }]` to the domain.",
        "3. Audit logs require fine-grained access control (`advancedSecurityOptions.enabled: true`); enable audit logging in the OpenSearch security plugin settings as well.",
    ].join("\n"),
    check: ({ props, config }): Finding[] => {
        const required = config.requiredLogTypes.map((t) => t.trim().toUpperCase()).filter((t) => t !== "");
        const fix = (type: string) =>
            `Add a \`logPublishingOptions\` entry with \`logType: "${type}"\` and a \`cloudwatchLogGroupArn\` (enabled not false), so access to indexed key material can be investigated.`;
        const entries = asList(props.logPublishingOptions);
        if (entries === UNKNOWN) {
            return required.length > 0 ? [unknownFinding("logPublishingOptions", required.map(fix).join(" "))] : [];
        }
        const enabled = new Set<string>();
        const disabled = new Map<string, number>();
        let unknownEntry = false;
        entries.forEach((entry, index) => {
            if (!isObject(entry)) {
                unknownEntry ||= entry === UNKNOWN;
                return;
            }
            const type = asString(entry.logType);
            if (type === UNKNOWN) {
                unknownEntry = true;
                return;
            }
            if (typeof type !== "string") {
                return;
            }
            const name = type.trim().toUpperCase();
            const on = asBool(entry.enabled);
            const target = asString(entry.cloudwatchLogGroupArn);
            if (on === UNKNOWN) {
                unknownEntry = true;
            } else if (on === true || on === undefined) {
                if (target === UNKNOWN || (typeof target === "string" && target.trim() !== "")) {
                    enabled.add(name);
                }
            } else if (!disabled.has(name)) {
                disabled.set(name, index);
            }
        });
        const findings: Finding[] = [];
        // Missing log types are one cause on one input: named together in one finding.
        const missing: string[] = [];
        for (const type of required) {
            if (enabled.has(type)) {
                continue;
            }
            const index = disabled.get(type);
            if (!unknownEntry && index !== undefined) {
                findings.push(violation(`logPublishingOptions.${index}.enabled`, `The \`${type}\` log publishing entry has \`enabled\` set to false or a non-boolean. ${fix(type)}`));
            } else {
                missing.push(type);
            }
        }
        if (missing.length > 0) {
            const fixes = missing.map(fix).join(" ");
            findings.push(
                unknownEntry
                    ? unknownFinding("logPublishingOptions", fixes)
                    : violation("logPublishingOptions", `\`logPublishingOptions\` publishes ${missing.map((type) => `no \`${type}\``).join(" and ")}. ${fixes}`),
            );
        }
        return findings;
    },
});
