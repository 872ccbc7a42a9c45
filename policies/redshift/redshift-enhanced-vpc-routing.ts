import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { REDSHIFTSERVERLESS_WORKGROUP, REDSHIFT_CLUSTER } from "../lib/aws/types";

export const redshiftEnhancedVpcRouting = resourcePolicy({
    name: "redshift-enhanced-vpc-routing",
    description: "Redshift clusters and Redshift Serverless workgroups must use enhanced VPC routing so COPY/UNLOAD traffic stays under VPC controls.",
    controls: [56],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Redshift.7", "RedshiftServerless.1"],
        nist: ["SC-7"],
        checkov: ["CKV_AWS_321"],
        cdkNag: ["RedshiftEnhancedVPCRoutingEnabled"],
    },
    resourceTypes: [REDSHIFT_CLUSTER, REDSHIFTSERVERLESS_WORKGROUP],
    remediationSteps: [
        "1. Set `enhancedVpcRouting: true` on the aws.redshift.Cluster or aws.redshiftserverless.Workgroup.",
        "2. Add an S3 gateway VPC endpoint with an endpoint policy limited to your buckets, so UNLOAD cannot write key tables to arbitrary buckets.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "enhancedVpcRouting", {
            expected: true,
            defaultValue: false,
            fix: "Set `enhancedVpcRouting: true` so COPY/UNLOAD traffic goes through the VPC (endpoint policies, flow logs) instead of the public S3 endpoint.",
        }),
});
