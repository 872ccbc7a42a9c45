import { classifyKey, expectCustomerManagedKey, unknownFinding } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../lib/aws/types";

const FIX =
    "Set `performanceInsightsKmsKeyId` to a customer-managed aws.kms.Key so the captured SQL text (which can contain key material literals) is readable only by the principals its key policy allows. The key cannot be changed once set.";

export const rdsPerformanceInsightsCmk = resourcePolicy({
    name: "rds-performance-insights-cmk",
    description: "RDS Performance Insights data, which includes SQL text, must be encrypted with a customer-managed KMS key.",
    controls: [16],
    category: "encryption-at-rest",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        nist: ["SC-28", "SC-12"],
        checkov: ["CKV_AWS_354"],
        trivy: ["AVD-AWS-0078"],
    },
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE],
    remediationSteps: [
        "1. Create a customer-managed aws.kms.Key whose key policy grants decrypt only to the people and roles who may read query text.",
        "2. Set `performanceInsightsKmsKeyId` to that key's ARN wherever `performanceInsightsEnabled: true` is set (aws.rds.Instance, aws.rds.Cluster, aws.rds.ClusterInstance).",
        "3. The key cannot be changed after it is set: to move off aws/rds, turn Performance Insights off and on again with the new key (history is lost) or recreate the instance.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const enabled = asBool(read(props, "performanceInsightsEnabled"));
        const kind = classifyKey(read(props, "performanceInsightsKmsKeyId"));
        if (kind === "aws-managed" || kind === "invalid" || enabled === true) {
            // A key that is named is checked even where enabling happens elsewhere (a cluster member of a
            // cluster with Performance Insights on).
            return expectCustomerManagedKey(props, "performanceInsightsKmsKeyId", { protects: "the Performance Insights data", defaultKey: "aws/rds", fix: FIX });
        }
        if (enabled === UNKNOWN && kind === "absent") {
            return [unknownFinding("performanceInsightsEnabled", `when it is true: ${FIX}`)];
        }
        return [];
    },
});
