import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { RDS_CLUSTER } from "../lib/aws/types";

export const rdsDataApiDisabled = resourcePolicy<{ allowedResourceNames: string[] }>({
    name: "rds-data-api-disabled",
    description: "Aurora clusters must not enable the RDS Data API HTTP endpoint unless they are explicitly allow-listed.",
    controls: [18],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {},
    resourceTypes: [RDS_CLUSTER],
    remediationSteps: [
        "1. Set `enableHttpEndpoint: false` on the aws.rds.Cluster (or remove it; the default is off) and connect from inside the VPC instead.",
        "2. If the Data API is really needed, add the cluster's Pulumi resource name to the policy config `allowedResourceNames`, and restrict `rds-data:ExecuteStatement` and the secret's `secretsmanager:GetSecretValue` to the calling roles.",
    ].join("\n"),
    config: {
        allowedResourceNames: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Pulumi resource names of clusters that may enable the Data API (reviewed exceptions).",
        },
    },
    check: ({ props, name, config }): Finding[] => {
        if (config.allowedResourceNames.includes(name)) {
            return [];
        }
        return expectFlag(props, "enableHttpEndpoint", {
            expected: false,
            defaultValue: false,
            fix: "Set `enableHttpEndpoint: false`: the Data API is an HTTPS path to the key tables that ignores security groups and subnets, guarded only by IAM and a secret.",
        });
    },
});
