import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { DMS_REPLICATION_INSTANCE } from "../lib/aws/types";

const FIX =
    "Set `publiclyAccessible: false`: the replication instance reads every row of the source database and holds the endpoints' credentials, so it must have only a private address, in private subnets (`replicationSubnetGroupId`).";

export const dmsReplicationInstanceNotPublic = resourcePolicy({
    name: "dms-replication-instance-not-public",
    description: "DMS replication instances must not have a public IP address.",
    controls: [115],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { securityHub: ["DMS.1"], nist: ["SC-7", "AC-3"], pciDss: ["1.4.4"], checkov: ["CKV_AWS_89"] },
    resourceTypes: [DMS_REPLICATION_INSTANCE],
    remediationSteps: [
        "1. Set `publiclyAccessible: false` on the aws.dms.ReplicationInstance (the setting forces a new instance; recreate it between migrations).",
        "2. Place it in an aws.dms.ReplicationSubnetGroup of private subnets (`replicationSubnetGroupId`) with `vpcSecurityGroupIds` that admit nothing from the internet.",
        "3. Reach on-premises or other-VPC endpoints through a VPN, Direct Connect or VPC peering instead of the internet.",
    ].join("\n"),
    // CreateReplicationInstance PubliclyAccessible: "The default value is true." Omitting it makes the instance public.
    check: ({ props }) => expectFlag(props, "publiclyAccessible", { expected: false, defaultValue: true, fix: FIX }),
});
