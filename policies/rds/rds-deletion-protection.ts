import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

export const rdsDeletionProtection = resourcePolicy({
    name: "rds-deletion-protection",
    description: "RDS instances, Aurora/Multi-AZ clusters and global clusters must have deletion protection on.",
    controls: [12],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.8", "RDS.7"],
        nist: ["CP-9"],
        checkov: ["CKV_AWS_293", "CKV_AWS_139"],
        trivy: ["AVD-AWS-0177", "AVD-AWS-0343"],
        cdkNag: ["AwsSolutions-RDS10"],
    },
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER],
    remediationSteps: [
        "1. Set `deletionProtection: true` on the resource; it is updated in place.",
        "2. To delete the database later on purpose, turn it off in a separate, reviewed change first.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "deletionProtection", {
            expected: true,
            defaultValue: false,
            fix: "Set `deletionProtection: true` so a stray `pulumi destroy` or a compromised credential cannot delete the only copy of the key store.",
        }),
    // In place (provider: deletion_protection is not ForceNew; test/data/replace-forcing.json). Global clusters are
    // left to the check: their schema was not verified here.
    remediate: ({ type, props }) =>
        type !== RDS_GLOBAL_CLUSTER && props.deletionProtection !== true ? { deletionProtection: true } : undefined,
});
