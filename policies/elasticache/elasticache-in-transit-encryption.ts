import { expectFlag, unknownFinding, violation } from "../lib/readers/checks";
import { clusterEngine, isGlobalSecondary, isReplicationGroupMember } from "./lib/elasticache";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from "../lib/aws/types";

const RG = ELASTICACHE_REPLICATION_GROUP;
const CLUSTER = ELASTICACHE_CLUSTER;

const RG_FIX =
    "Set `transitEncryptionEnabled: true` and leave `transitEncryptionMode` unset or `\"required\"` so every client must use TLS (AUTH tokens and cached keys otherwise cross the network in clear).";

function replicationGroup(props: PlainObject): Finding[] {
    if (isGlobalSecondary(props) && read(props, "transitEncryptionEnabled") === undefined) {
        return []; // a global-datastore secondary inherits the primary's transit encryption, checked on the primary
    }
    const findings = expectFlag(props, "transitEncryptionEnabled", { expected: true, defaultValue: false, fix: RG_FIX });
    if (asBool(read(props, "transitEncryptionEnabled")) !== true) {
        return findings;
    }
    const mode = asString(read(props, "transitEncryptionMode"));
    if (mode === UNKNOWN) {
        return [unknownFinding("transitEncryptionMode", "`transitEncryptionMode` must be omitted or `\"required\"`.")];
    }
    if (mode === INVALID) {
        return [violation("transitEncryptionMode", "`transitEncryptionMode` is not a string. Omit it or set `\"required\"`.")];
    }
    if (mode === undefined || mode.trim().toLowerCase() === "required") {
        return findings;
    }
    if (mode.trim().toLowerCase() === "preferred") {
        return [
            violation(
                "transitEncryptionMode",
                "`transitEncryptionMode` is `\"preferred\"`, so the cache still accepts plaintext connections. Set it to `\"required\"` once clients use TLS (`preferred` is only a migration step).",
            ),
        ];
    }
    return [violation("transitEncryptionMode", "`transitEncryptionMode` is not a valid mode. Omit it or set `\"required\"` so plaintext connections are refused.")];
}

function cluster(props: PlainObject): Finding[] {
    if (isReplicationGroupMember(props)) {
        return []; // a replica inside a replication group uses the group's TLS setting, checked on the group
    }
    const engine = clusterEngine(props);
    if (engine === "memcached") {
        return expectFlag(props, "transitEncryptionEnabled", {
            expected: true,
            defaultValue: false,
            fix: "Set `transitEncryptionEnabled: true` (Memcached 1.6.12 or later in a VPC) so cached values never cross the network in clear.",
        });
    }
    if (engine === UNKNOWN) {
        return [unknownFinding("engine", "only a Memcached cache cluster can use TLS on its own; Redis/Valkey need an aws.elasticache.ReplicationGroup with `transitEncryptionEnabled: true`.")];
    }
    return [
        violation(
            "replicationGroupId",
            "A standalone Redis/Valkey `aws.elasticache.Cluster` (no `replicationGroupId`) cannot use TLS: its `transitEncryptionEnabled` applies to Memcached only. Create an aws.elasticache.ReplicationGroup with `transitEncryptionEnabled: true` instead.",
        ),
    ];
}

export const elasticacheInTransitEncryption = resourcePolicy({
    name: "elasticache-in-transit-encryption",
    description: "ElastiCache caches must require TLS for every client connection.",
    controls: [47],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["ElastiCache.5"],
        pciDss: ["4.2.1"],
        nist: ["SC-8"],
        checkov: ["CKV_AWS_30"],
        trivy: ["AVD-AWS-0051"],
        cdkNag: ["AwsSolutions-AEC3"],
    },
    resourceTypes: [RG, CLUSTER],
    remediationSteps: [
        "1. On the aws.elasticache.ReplicationGroup set `transitEncryptionEnabled: true` and omit `transitEncryptionMode` (or set `\"required\"`).",
        "2. For an existing group, first apply `transitEncryptionMode: \"preferred\"`, move all clients to TLS, then apply `\"required\"` in a second change.",
        "3. Replace standalone Redis/Valkey aws.elasticache.Cluster resources by a ReplicationGroup; for Memcached clusters set `transitEncryptionEnabled: true`.",
    ].join("\n"),
    check: ({ props, type }) => (type === CLUSTER ? cluster(props) : replicationGroup(props)),
});
