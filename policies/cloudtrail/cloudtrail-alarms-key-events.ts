import { undecided, violation } from "../lib/readers/checks";
import { TRAIL_TYPE } from "./lib/cloudtrail";
import { StackGraph } from "../lib/aws/graph";
import type { Finding, StackResource } from "../lib/core/policy";
import { stackPolicy } from "../lib/core/policy";
import { asList, asString, isObject, or, read, UNKNOWN, type Tri } from "../lib/readers/values";
import { CLOUDWATCH_LOG_GROUP, CLOUDWATCH_LOG_METRIC_FILTER, CLOUDWATCH_METRIC_ALARM } from "../lib/aws/types";

const FILTER_TYPE = CLOUDWATCH_LOG_METRIC_FILTER;
const ALARM_TYPE = CLOUDWATCH_METRIC_ALARM;
const LOG_GROUP_TYPE = CLOUDWATCH_LOG_GROUP;
const KEY_EVENTS = ["DisableKey", "ScheduleKeyDeletion"];

/** What identifies a log group: URNs of in-stack LogGroups and known names. `unknown` when neither is available. */
interface GroupIdentity {
    ids: Set<string>;
    unknown: boolean;
}

function identity(graph: StackGraph, resource: StackResource, property: string, fromArn: boolean): GroupIdentity {
    const ids = new Set<string>(
        (resource.propertyDependencies[property] ?? []).filter((urn) => graph.byUrn(urn)?.type === LOG_GROUP_TYPE),
    );
    const value = asString(read(resource.props, property));
    let unknown = false;
    if (typeof value === "string" && value.trim() !== "") {
        const name = fromArn ? /:log-group:([^:]+)/.exec(value)?.[1] : value.trim();
        if (name) {
            ids.add(`name:${name}`);
            graph.find(name, [LOG_GROUP_TYPE]).forEach((g) => ids.add(g.urn));
        }
        graph.find(value.trim(), [LOG_GROUP_TYPE]).forEach((g) => ids.add(g.urn));
        for (const group of graph.find(value.trim().replace(/:\*$/, ""), [LOG_GROUP_TYPE])) {
            ids.add(group.urn);
        }
    } else if (value === UNKNOWN && ids.size === 0) {
        unknown = true;
    }
    // Name every in-stack group by its known name too, so a literal name matches a computed reference.
    for (const id of [...ids]) {
        const name = asString(read(graph.byUrn(id)?.props, "name"));
        if (typeof name === "string") {
            ids.add(`name:${name}`);
        }
    }
    return { ids, unknown };
}

function linked(a: GroupIdentity, b: GroupIdentity): Tri {
    if ([...a.ids].some((id) => b.ids.has(id))) {
        return true;
    }
    return a.unknown || b.unknown ? UNKNOWN : false;
}

function metricNames(alarm: StackResource): (string | typeof UNKNOWN)[] {
    const out: (string | typeof UNKNOWN)[] = [];
    const direct = asString(read(alarm.props, "metricName"));
    if (direct === UNKNOWN || typeof direct === "string") {
        out.push(direct);
    }
    const queries = asList(read(alarm.props, "metricQueries"));
    if (queries === UNKNOWN) {
        out.push(UNKNOWN);
    } else {
        for (const query of queries) {
            const name = isObject(query) ? asString(read(query, "metric.metricName")) : query === UNKNOWN ? UNKNOWN : undefined;
            if (name === UNKNOWN || typeof name === "string") {
                out.push(name);
            }
        }
    }
    return out;
}

function alarmed(graph: StackGraph, filter: StackResource): Tri {
    const metric = asString(read(filter.props, "metricTransformation.name"));
    const results: Tri[] = [];
    for (const alarm of graph.ofType(ALARM_TYPE)) {
        if (alarm.dependencies.includes(filter.urn) || Object.values(alarm.propertyDependencies).some((deps) => deps.includes(filter.urn))) {
            return true;
        }
        for (const name of metricNames(alarm)) {
            results.push(name === UNKNOWN || metric === UNKNOWN ? UNKNOWN : name === metric);
        }
    }
    return or(...results);
}

export const cloudtrailAlarmsKeyEvents = stackPolicy({
    name: "cloudtrail-alarms-key-events",
    description: "A stack's CloudTrail trail should deliver to CloudWatch Logs with a metric filter and alarm on KMS DisableKey and ScheduleKeyDeletion.",
    controls: [104],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["CloudTrail.5"],
        cis: ["4.7"],
        nist: ["SI-4", "AU-6"],
        checkov: ["CKV2_AWS_10"],
        trivy: ["AVD-AWS-0162"],
        cdkNag: ["CloudTrailCloudWatchLogsEnabled"],
    },
    resourceTypes: [TRAIL_TYPE, FILTER_TYPE, ALARM_TYPE],
    remediationSteps: [
        "1. Set the trail's `cloudWatchLogsGroupArn` (`pulumi.interpolate`${logGroup.arn}:*``) and `cloudWatchLogsRoleArn` (a role CloudTrail can assume to write the group).",
        "2. Add an aws.cloudwatch.LogMetricFilter on that log group with pattern `{($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))}`.",
        "3. Add an aws.cloudwatch.MetricAlarm on the filter's metric (threshold >= 1) that notifies the security team (SNS).",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        const filters = graph.ofType(FILTER_TYPE);
        for (const trail of graph.ofType(TRAIL_TYPE)) {
            const target = read(trail.props, "cloudWatchLogsGroupArn");
            if (target === undefined || target === null || (typeof target === "string" && target.trim() === "")) {
                findings.push(
                    violation(
                        "cloudWatchLogsGroupArn",
                        "`cloudWatchLogsGroupArn` is not set, so the trail's events never reach CloudWatch Logs and no alarm can fire when a key is disabled or scheduled for deletion. Deliver the trail to a log group and add a metric filter and alarm.",
                        trail.urn,
                    ),
                );
                continue;
            }
            const trailGroup = identity(graph, trail, "cloudWatchLogsGroupArn", true);
            const seen = new Map<string, Tri>(KEY_EVENTS.map((e) => [e, false]));
            const matching: StackResource[] = [];
            for (const filter of filters) {
                const link = linked(trailGroup, identity(graph, filter, "logGroupName", false));
                if (link === false) {
                    continue;
                }
                const pattern = asString(read(filter.props, "pattern"));
                let relevant = false;
                for (const event of KEY_EVENTS) {
                    const mentions: Tri = pattern === UNKNOWN ? UNKNOWN : typeof pattern === "string" && pattern.includes(event);
                    const hit: Tri = link === true ? mentions : mentions === false ? false : UNKNOWN;
                    seen.set(event, or(seen.get(event) ?? false, hit));
                    relevant ||= hit === true;
                }
                if (relevant) {
                    matching.push(filter);
                }
            }
            const coverage = [...seen.values()];
            if (coverage.some((v) => v === false)) {
                const missing = KEY_EVENTS.filter((e) => seen.get(e) === false);
                findings.push(
                    violation(
                        "cloudWatchLogsGroupArn",
                        `No LogMetricFilter on the log group this trail delivers to matches ${missing.join(" and ")}, so disabling or scheduling deletion of a KMS key (crypto-shredding the key store) raises no alarm. Add a metric filter and alarm for those KMS events.`,
                        trail.urn,
                    ),
                );
                continue;
            }
            if (coverage.some((v) => v === UNKNOWN)) {
                findings.push(undecided("cloudWatchLogsGroupArn", "Whether a metric filter on this trail's log group matches DisableKey and ScheduleKeyDeletion is only known at update time; the policy re-checks it then.", trail.urn));
                continue;
            }
            for (const filter of matching) {
                const alarm = alarmed(graph, filter);
                if (alarm === false) {
                    findings.push(
                        violation(
                            "metricTransformation.name",
                            "No MetricAlarm watches this KMS key-event metric, so the metric filter counts key sabotage without telling anyone. Add an aws.cloudwatch.MetricAlarm on the metric (threshold >= 1) with an SNS action.",
                            filter.urn,
                        ),
                    );
                } else if (alarm === UNKNOWN) {
                    findings.push(undecided("metricTransformation.name", "Whether a MetricAlarm watches this metric is only known at update time; the policy re-checks it then.", filter.urn));
                }
            }
        }
        return findings;
    },
});
