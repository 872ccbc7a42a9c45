import { expectFlag, keyUnlessUnencrypted, undecided, unknownFinding, violation } from "../lib/readers/checks";
import { expectCustomerManagedKey } from "../lib/readers/checks";
import { clusterEngine, isGlobalSecondary, isReplicationGroupMember, replicationGroupEngine } from "./lib/elasticache";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE } from "../lib/aws/types";

const RG = ELASTICACHE_REPLICATION_GROUP;
const SERVERLESS = ELASTICACHE_SERVERLESS_CACHE;
const CLUSTER = ELASTICACHE_CLUSTER;

const FLAG_FIX =
    "Set `atRestEncryptionEnabled: true` with `kmsKeyId` set to a customer-managed key; encryption at rest cannot be turned on in place, so create a new encrypted replication group and migrate (for example from a snapshot).";
const KEY_FIX = "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key whose key policy limits who can decrypt the cache.";

function replicationGroup(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    const engine = replicationGroupEngine(props);
    const flag = asBool(read(props, "atRestEncryptionEnabled"));
    if (isGlobalSecondary(props) && flag === undefined) {
        // A secondary of a global datastore inherits the primary's encryption setting; its key is regional, so
        // it still needs its own customer-managed key below.
    } else if (engine === UNKNOWN && flag === undefined) {
        findings.push(
            undecided(
                "engine",
                "`engine` is computed, and `atRestEncryptionEnabled` is not set: it defaults to false for redis and true for valkey, so the policy re-checks at update time. Set `atRestEncryptionEnabled: true` explicitly to decide now.",
            ),
        );
    } else {
        findings.push(...expectFlag(props, "atRestEncryptionEnabled", { expected: true, defaultValue: engine === "valkey", fix: FLAG_FIX }));
    }
    return keyUnlessUnencrypted(findings, () =>
        expectCustomerManagedKey(props, "kmsKeyId", { protects: "the cache data (snapshots and swap included)", defaultKey: "a key owned by the ElastiCache service", fix: KEY_FIX }),
    );
}

function standaloneCluster(props: PlainObject): Finding[] {
    if (isReplicationGroupMember(props)) {
        return []; // a replica inside a replication group uses the group's encryption, which is checked on the group
    }
    const engine = clusterEngine(props);
    if (engine === UNKNOWN) {
        return [unknownFinding("engine", "a standalone Redis/Valkey cache cluster cannot encrypt at rest; use an aws.elasticache.ReplicationGroup with `atRestEncryptionEnabled: true`.")];
    }
    if (engine === "memcached") {
        return []; // Memcached keeps data in memory only: no snapshots or backups to encrypt
    }
    return [
        violation(
            "replicationGroupId",
            "A standalone Redis/Valkey `aws.elasticache.Cluster` (no `replicationGroupId`) cannot encrypt data at rest, so its snapshots and backups hold the cached data in clear. Create an aws.elasticache.ReplicationGroup with `atRestEncryptionEnabled: true` and a customer-managed `kmsKeyId` instead.",
        ),
    ];
}

export const elasticacheAtRestEncryptionCmk = resourcePolicy({
    name: "elasticache-at-rest-encryption-cmk",
    description: "ElastiCache replication groups and serverless caches must encrypt data at rest with a customer-managed KMS key, and Redis/Valkey must not run as standalone clusters that cannot encrypt.",
    controls: [46],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["ElastiCache.4"],
        pciDss: ["3.5.1"],
        nist: ["SC-28", "SC-12"],
        checkov: ["CKV_AWS_29", "CKV_AWS_191"],
        trivy: ["AVD-AWS-0045"],
        cdkNag: ["AwsSolutions-AEC3"],
    },
    resourceTypes: [RG, SERVERLESS, CLUSTER],
    remediationSteps: [
        "1. Create an aws.kms.Key (with a key policy that limits kms:Decrypt to the cache's users) for the cache.",
        "2. On the aws.elasticache.ReplicationGroup set `atRestEncryptionEnabled: true` and `kmsKeyId: key.arn`; on an aws.elasticache.ServerlessCache set `kmsKeyId: key.arn`.",
        "3. Encryption at rest and the key cannot be changed in place: create the new cache, restore from a snapshot or re-populate it, then switch clients over.",
        "4. Replace standalone Redis/Valkey aws.elasticache.Cluster resources by a ReplicationGroup (standalone clusters cannot encrypt at rest).",
    ].join("\n"),
    check: ({ props, type }) => {
        if (type === SERVERLESS) {
            return expectCustomerManagedKey(props, "kmsKeyId", { protects: "the serverless cache data (snapshots included)", defaultKey: "a key owned by the ElastiCache service", fix: KEY_FIX });
        }
        if (type === CLUSTER) {
            return standaloneCluster(props);
        }
        return replicationGroup(props);
    },
});
