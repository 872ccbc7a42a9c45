import { unknownFinding, violation } from "../lib/readers/checks";
import { presenceOf } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../lib/aws/types";

const INSTANCE = RDS_INSTANCE;
const CLUSTER = RDS_CLUSTER;
const CLUSTER_INSTANCE = RDS_CLUSTER_INSTANCE;

const FIX =
    "Set `dbSubnetGroupName` to an aws.rds.SubnetGroup of private subnets (no route to an Internet gateway); the `default` group lives in the default VPC, whose subnets are public.";

/** The region of an ARN (`arn:aws:rds:<region>:...`), if the value is one. */
function arnRegion(value: string): string | undefined {
    const parts = value.trim().split(":");
    return parts[0] === "arn" && parts.length > 4 ? parts[3]?.toLowerCase() : undefined;
}

/**
 * A same-region read replica is placed in its source's subnet group when it names none (the instance JSDoc),
 * and the source is checked itself. A cross-region replica lands in the `default` group. The source is named
 * by identifier in the same region and by ARN across regions (an ARN can also be same-region: then the ARN's
 * region matches the `region` input).
 */
function replicaFinding(props: PlainObject): Finding[] | undefined {
    const source = read(props, "replicateSourceDb");
    if (presenceOf(source) === "absent") {
        return undefined;
    }
    if (source === UNKNOWN) {
        return [unknownFinding("replicateSourceDb", `a cross-region read replica without \`dbSubnetGroupName\` lands in the \`default\` subnet group. ${FIX}`)];
    }
    const text = asString(source);
    if (typeof text !== "string") {
        return undefined;
    }
    const region = arnRegion(text);
    const ownRegion = asString(read(props, "region"));
    if (region === undefined || (typeof ownRegion === "string" && ownRegion.trim().toLowerCase() === region)) {
        return [];
    }
    return [
        violation(
            "dbSubnetGroupName",
            `\`dbSubnetGroupName\` is not set on this cross-region read replica, so it is created in the \`default\` subnet group of its region. ${FIX}`,
        ),
    ];
}

export const rdsDbSubnetGroupSet = resourcePolicy({
    name: "rds-db-subnet-group-set",
    description: "RDS DB instances and clusters must be placed in an explicit DB subnet group, not the default one in the default VPC.",
    controls: [6],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.18", "RDS.46"],
        nist: ["SC-7"],
    },
    resourceTypes: [INSTANCE, CLUSTER, CLUSTER_INSTANCE],
    remediationSteps: [
        "1. Create an aws.rds.SubnetGroup whose `subnetIds` are private subnets (their route tables have no 0.0.0.0/0 or ::/0 route to an Internet gateway).",
        "2. Set `dbSubnetGroupName` on the aws.rds.Instance or aws.rds.Cluster to that group's name (for a cluster, aws.rds.ClusterInstance members inherit it; if you set it on them, use the same group).",
        "3. Changing the subnet group of an existing database moves it to another VPC only through a snapshot restore; plan the cut-over.",
    ].join("\n"),
    check: ({ props, type }): Finding[] => {
        const value = read(props, "dbSubnetGroupName");
        const presence = presenceOf(value);
        if (presence === "unknown") {
            // Computed from an aws.rds.SubnetGroup in the program: a group is being supplied.
            return [];
        }
        if (presence === "set") {
            const name = asString(value);
            if (typeof name !== "string") {
                return [violation("dbSubnetGroupName", `\`dbSubnetGroupName\` is not a subnet group name. ${FIX}`)];
            }
            if (name.trim().toLowerCase() === "default") {
                return [violation("dbSubnetGroupName", `\`dbSubnetGroupName\` names the \`default\` subnet group. ${FIX}`)];
            }
            return [];
        }
        if (type === CLUSTER_INSTANCE) {
            // An Aurora / Multi-AZ cluster member is always created in its cluster's subnet group (the provider
            // requires them to match), so omitting it here is correct; the aws.rds.Cluster is checked itself.
            return [];
        }
        if (type === INSTANCE) {
            const replica = replicaFinding(props);
            if (replica !== undefined) {
                return replica;
            }
        }
        return [violation("dbSubnetGroupName", `\`dbSubnetGroupName\` is not set, so the database is created in the \`default\` subnet group. ${FIX}`)];
    },
});
