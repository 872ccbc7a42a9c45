import { expectAtLeast, unknownFinding } from "../lib/readers/checks";
import { clusterEngine, isReplicationGroupMember } from "./lib/elasticache";
import { resourcePolicy } from "../lib/core/policy";
import { asString, read, UNKNOWN } from "../lib/readers/values";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE } from "../lib/aws/types";

const RG = ELASTICACHE_REPLICATION_GROUP;
const CLUSTER = ELASTICACHE_CLUSTER;
const SERVERLESS = ELASTICACHE_SERVERLESS_CACHE;

export const elasticacheBackups = resourcePolicy<{ minimumRetentionDays: number }>({
    name: "elasticache-backups",
    description: "Redis/Valkey ElastiCache caches must keep automatic snapshots for a minimum number of days.",
    controls: [49],
    category: "resilience",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["ElastiCache.1"],
        nist: ["CP-9"],
        checkov: ["CKV_AWS_134"],
        trivy: ["AVD-AWS-0050"],
        cdkNag: ["ElastiCacheRedisClusterAutomaticBackup"],
    },
    resourceTypes: [RG, CLUSTER, SERVERLESS],
    remediationSteps: [
        "1. Set `snapshotRetentionLimit` to at least the configured number of days (and optionally `snapshotWindow` / `dailySnapshotTime`).",
        "2. Make sure the cache is encrypted at rest with a customer-managed key first: snapshots copy every cached key.",
        "3. If the cache is not a system of record, lower `minimumRetentionDays` in the policy config or disable this advisory policy.",
    ].join("\n"),
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 1,
            minimum: 1,
            description: "Minimum number of days automatic snapshots are kept (snapshotRetentionLimit).",
        },
    },
    check: ({ props, type, config }) => {
        if (type === CLUSTER) {
            if (isReplicationGroupMember(props)) {
                return []; // snapshots of a replica are configured on its replication group
            }
            const engine = clusterEngine(props);
            if (engine === "memcached") {
                return []; // Memcached has no snapshots
            }
            if (engine === UNKNOWN && read(props, "snapshotRetentionLimit") === undefined) {
                return [unknownFinding("engine", `Redis/Valkey caches need \`snapshotRetentionLimit\` >= ${config.minimumRetentionDays}.`)];
            }
        }
        if (type === SERVERLESS) {
            const engine = asString(read(props, "engine"));
            if (typeof engine === "string" && engine.trim().toLowerCase() === "memcached") {
                return []; // serverless Memcached has no snapshots
            }
        }
        return expectAtLeast(props, "snapshotRetentionLimit", {
            minimum: config.minimumRetentionDays,
            defaultValue: 0,
            fix: `Set \`snapshotRetentionLimit\` to at least ${config.minimumRetentionDays} so a lost or corrupted cache that holds key material can be restored (0 turns backups off).`,
        });
    },
});
