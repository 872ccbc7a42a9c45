// The TCP ports a data store listens on: its `port` input, else the engine's default port. The stack policies that
// follow a network path to a store (db-sg-no-public-source, key-material-store-isolated) report only the rules
// that open one of these ports: SSH open to the world on a group shared with an RDS instance is the group's
// finding (sg-no-public-*), not a path into the database.
//
// Default ports, from the AWS documentation of each service:
// - RDS: MySQL/MariaDB/Aurora MySQL 3306, PostgreSQL/Aurora PostgreSQL 5432, Oracle 1521, SQL Server 1433,
//   Db2 50000 ("Connecting to your DB instance", per engine); RDS Proxy listens on its engine family's port.
// - DocumentDB 27017, Neptune 8182, Redshift and Redshift Serverless 5439.
// - ElastiCache (Redis OSS and Valkey) 6379, Memcached 11211; serverless caches also serve reads on 6380 / 11212.
// - MemoryDB 6379. DAX 8111 (unencrypted endpoint) and 9111 (TLS endpoint).
// - OpenSearch Service domains in a VPC: HTTPS 443 and HTTP 80 (when HTTPS is not enforced), 9200 on self-managed
//   port mappings; all three count.

import type { StackResource } from "./graph";
import type { PortRange } from "./network";
import {
    DAX_CLUSTER,
    DOCDB_CLUSTER,
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_SERVERLESS_CACHE,
    MEMORYDB_CLUSTER,
    NEPTUNE_CLUSTER,
    OPENSEARCH_DOMAIN,
    RDS_CLUSTER,
    RDS_INSTANCE,
    RDS_PROXY,
    REDSHIFTSERVERLESS_WORKGROUP,
    REDSHIFT_CLUSTER,
} from "./types";
import { asNumber, asString, INVALID, read, UNKNOWN } from "../readers/values";

/** The ports a store listens on, or UNKNOWN when they cannot be told (computed port or engine, unknown engine). */
export type ListenPorts = readonly number[] | typeof UNKNOWN;

/** Engine (lower case) to default port, for the engines that share RDS's `engine` input (instances and clusters). */
function rdsEnginePort(engine: string): number | undefined {
    if (engine === "aurora" || engine.startsWith("aurora-mysql") || engine === "mysql" || engine === "mariadb") {
        return 3306;
    }
    if (engine.startsWith("aurora-postgresql") || engine === "postgres") {
        return 5432;
    }
    if (engine.startsWith("oracle") || engine.startsWith("custom-oracle")) {
        return 1521;
    }
    if (engine.startsWith("sqlserver") || engine.startsWith("custom-sqlserver")) {
        return 1433;
    }
    return engine.startsWith("db2") ? 50000 : undefined;
}

function rdsPorts(engine: string): number[] | undefined {
    const port = rdsEnginePort(engine);
    return port === undefined ? undefined : [port];
}

const PROXY_FAMILY_PORTS: Readonly<Record<string, number>> = { MYSQL: 3306, POSTGRESQL: 5432, SQLSERVER: 1433 };

/** A string input, lower-cased; UNKNOWN when computed; undefined when absent or not a string. */
function text(store: StackResource, property: string): string | undefined | typeof UNKNOWN {
    const value = asString(read(store.props, property));
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    return value === INVALID || value === undefined || value.trim() === "" ? undefined : value.trim().toLowerCase();
}

/** The `port` input when set: a number, UNKNOWN when computed, undefined when absent or unreadable. */
function explicitPort(store: StackResource): number | undefined | typeof UNKNOWN {
    const value = asNumber(read(store.props, "port"));
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    return value === INVALID || value === undefined || !Number.isInteger(value) || value < 1 || value > 65535 ? undefined : value;
}

/** The engine's default port by the engine input, or the fixed default when the engine input is absent. */
function byEngine(store: StackResource, engines: (engine: string) => number[] | undefined, absent: number[] | undefined): ListenPorts {
    const engine = text(store, "engine");
    if (engine === UNKNOWN) {
        return UNKNOWN;
    }
    const ports = engine === undefined ? absent : engines(engine);
    return ports ?? UNKNOWN;
}

function cachePorts(engine: string): number[] | undefined {
    return engine === "memcached" ? [11211] : engine === "redis" || engine === "valkey" ? [6379] : undefined;
}

/** The ports a store listens on. UNKNOWN means "any port may be the store's", so every path counts. */
export function storeListenPorts(store: StackResource): ListenPorts {
    const port = store.type === OPENSEARCH_DOMAIN || store.type === DAX_CLUSTER || store.type === RDS_PROXY || store.type === ELASTICACHE_SERVERLESS_CACHE ? undefined : explicitPort(store);
    if (port === UNKNOWN) {
        return UNKNOWN;
    }
    if (port !== undefined) {
        return [port];
    }
    switch (store.type) {
        case RDS_INSTANCE:
        case RDS_CLUSTER:
            // An instance without `engine` is a replica or a restore whose engine comes from its source: unknown here.
            return byEngine(store, rdsPorts, undefined);
        case RDS_PROXY: {
            const family = text(store, "engineFamily");
            const familyPort = family === UNKNOWN || family === undefined ? undefined : PROXY_FAMILY_PORTS[family.toUpperCase()];
            return familyPort === undefined ? UNKNOWN : [familyPort];
        }
        case DOCDB_CLUSTER:
            return [27017];
        case NEPTUNE_CLUSTER:
            return [8182];
        case REDSHIFT_CLUSTER:
        case REDSHIFTSERVERLESS_WORKGROUP:
            return [5439];
        case ELASTICACHE_REPLICATION_GROUP:
            // The replication group's engine defaults to redis.
            return byEngine(store, cachePorts, [6379]);
        case ELASTICACHE_CLUSTER:
            return byEngine(store, cachePorts, undefined);
        case ELASTICACHE_SERVERLESS_CACHE:
            return byEngine(store, (e) => (e === "memcached" ? [11211, 11212] : e === "redis" || e === "valkey" ? [6379, 6380] : undefined), undefined);
        case MEMORYDB_CLUSTER:
            return [6379];
        case DAX_CLUSTER:
            return [8111, 9111];
        case OPENSEARCH_DOMAIN:
            return [80, 443, 9200];
        default:
            return UNKNOWN;
    }
}

/** Does a rule's port range (or "all", or UNKNOWN) open one of the store's ports? UNKNOWN on either side counts. */
export function opensStorePort(ports: PortRange | "all" | typeof UNKNOWN, listen: ListenPorts): boolean {
    if (ports === "all" || ports === UNKNOWN || listen === UNKNOWN) {
        return true;
    }
    return listen.some((port) => ports.from <= port && port <= ports.to);
}

/** "port 5432" / "ports 8111, 9111", for messages. */
export function describeListenPorts(listen: ListenPorts): string {
    if (listen === UNKNOWN) {
        return "its port";
    }
    return listen.length === 1 ? `port ${listen[0]}` : `ports ${listen.join(", ")}`;
}
