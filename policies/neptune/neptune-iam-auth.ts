import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { NEPTUNE_CLUSTER } from "../lib/aws/types";

export const neptuneIamAuth = resourcePolicy({
    name: "neptune-iam-auth",
    description: "Neptune clusters must require IAM (SigV4) authentication, the only authentication Neptune has.",
    controls: [42],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Neptune.7"],
        nist: ["IA-2"],
        checkov: ["CKV_AWS_359"],
        cdkNag: ["AwsSolutions-N5"],
    },
    resourceTypes: [NEPTUNE_CLUSTER],
    remediationSteps: [
        "1. Set `iamDatabaseAuthenticationEnabled: true` on the aws.neptune.Cluster; it is updated in place.",
        "2. Grant `neptune-db:*` (or narrower data actions) only to the roles that need the graph, scoped to the cluster resource id, with MFA or VPC-endpoint conditions for humans.",
        "3. Switch clients to SigV4-signed requests (the Neptune IAM auth plugins for Gremlin, openCypher and SPARQL).",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "iamDatabaseAuthenticationEnabled", {
            expected: true,
            defaultValue: false,
            fix: "Set `iamDatabaseAuthenticationEnabled: true`: Neptune has no database users or passwords, so without IAM auth any client that reaches the endpoint can read and change the whole graph.",
        }),
});
