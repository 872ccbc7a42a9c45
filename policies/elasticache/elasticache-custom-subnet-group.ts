import { violation } from "../lib/readers/checks";
import { presence, type Presence } from "../lib/readers/presence";
import { isReplicationGroupMember } from "./lib/elasticache";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import type { PlainObject } from "../lib/readers/values";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE } from "../lib/aws/types";

const RG = ELASTICACHE_REPLICATION_GROUP;
const CLUSTER = ELASTICACHE_CLUSTER;
const SERVERLESS = ELASTICACHE_SERVERLESS_CACHE;

function missing(property: string, state: Presence, consequence: string, fix: string): Finding[] {
    if (state === "set" || state === "unknown") {
        return [];
    }
    const what = state === "invalid" ? "is not a valid value" : "is not set";
    return [violation(property, `\`${property}\` ${what}, so ${consequence}. ${fix}`)];
}

const SG_FIX = "List dedicated security groups that admit the cache port only from the application's security groups.";

function groups(props: PlainObject, property: string, alternative?: string): Finding[] {
    let state = presence(props, property);
    if (alternative && (state === "absent" || state === "invalid")) {
        const other = presence(props, alternative);
        if (other === "set" || other === "unknown") {
            state = other;
        }
    }
    return missing(property, state, "the cache gets the VPC's default security group, which every other resource in the VPC may share", SG_FIX);
}

export const elasticacheCustomSubnetGroup = resourcePolicy({
    name: "elasticache-custom-subnet-group",
    description: "ElastiCache caches must be placed in an explicit (private) subnet group with explicit security groups, not the default VPC networking.",
    controls: [50],
    category: "network-isolation",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["ElastiCache.7"],
        nist: ["SC-7"],
        checkov: ["CKV_AWS_323"],
        cdkNag: ["AwsSolutions-AEC1"],
    },
    resourceTypes: [RG, CLUSTER, SERVERLESS],
    remediationSteps: [
        "1. Create an aws.elasticache.SubnetGroup over private subnets (no route to an Internet gateway) and set `subnetGroupName` (ServerlessCache: `subnetIds`).",
        "2. Create a dedicated aws.ec2.SecurityGroup that allows the cache port only from the application's security groups, and set `securityGroupIds`.",
        "3. Changing the subnet group replaces the cache: plan a migration from a snapshot.",
    ].join("\n"),
    check: ({ props, type }) => {
        if (type === SERVERLESS) {
            return [
                ...missing("subnetIds", presence(props, "subnetIds"), "the cache endpoint is placed in the default VPC's subnets", "Set `subnetIds` to private subnets of the application's VPC."),
                ...groups(props, "securityGroupIds"),
            ];
        }
        if (type === CLUSTER && isReplicationGroupMember(props)) {
            return []; // a replica uses its replication group's subnet group and security groups
        }
        return [
            ...missing("subnetGroupName", presence(props, "subnetGroupName", "string"), "the cache is placed in the default subnet group of the default VPC", "Create an aws.elasticache.SubnetGroup over private subnets and set `subnetGroupName`."),
            ...groups(props, "securityGroupIds", type === RG ? "securityGroupNames" : undefined),
        ];
    },
});
