// Shared reading of ElastiCache / MemoryDB inputs: which engine a cache runs (with the provider's defaults) and
// whether a standalone cache cluster is really a member of a replication group. Whether an optional reference
// (subnet group, user group, token) is set at all is readers/presence.ts.

import { engineOf } from "../../lib/readers/checks";
import { isProvided } from "../../lib/readers/presence";
import { read, UNKNOWN, type PlainObject } from "../../lib/readers/values";

/** The engine of a replication group: `redis` when omitted (documented default). */
export function replicationGroupEngine(props: PlainObject): string | typeof UNKNOWN {
    const engine = engineOf(props);
    return engine ?? "redis";
}

/**
 * A replication group that joins a global datastore (`globalReplicationGroupId`) is a secondary: it takes its
 * engine, encryption and authentication settings from the primary, which is checked on its own.
 */
export function isGlobalSecondary(props: PlainObject): boolean {
    return isProvided(props, "globalReplicationGroupId");
}

/**
 * An `aws.elasticache.Cluster` with `replicationGroupId` is a read replica inside that group and inherits its
 * encryption, authentication, networking and backup settings; only a standalone cluster is judged by itself.
 */
export function isReplicationGroupMember(props: PlainObject): boolean {
    return isProvided(props, "replicationGroupId");
}

/** The engine of a standalone cache cluster (`memcached`, `redis`, `valkey`), undefined when omitted. */
export function clusterEngine(props: PlainObject): string | undefined | typeof UNKNOWN {
    return engineOf(props);
}

/**
 * Whether an ElastiCache user's access string leaves it enabled (`on`): the last `on`/`off` rule wins, as in
 * Redis ACL rules; enabled when neither appears; UNKNOWN when computed.
 */
export function userAccessState(props: PlainObject): "on" | "off" | typeof UNKNOWN {
    const access = read(props, "accessString");
    if (access === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof access !== "string") {
        return "on";
    }
    let state: "on" | "off" = "on";
    for (const token of access.trim().toLowerCase().split(/\s+/)) {
        if (token === "on" || token === "off") {
            state = token;
        }
    }
    return state;
}

/**
 * Whether an ElastiCache user can log in without any credential: enabled and `noPasswordRequired`, an
 * authentication mode of `no-password-required`, or a `nopass` rule in the access string.
 */
export function userWithoutCredential(props: PlainObject): boolean | typeof UNKNOWN {
    const state = userAccessState(props);
    if (state === "off") {
        return false;
    }
    const noPassword = read(props, "noPasswordRequired");
    const type = read(props, "authenticationMode.type");
    const access = read(props, "accessString");
    const open =
        noPassword === true ||
        (typeof noPassword === "string" && noPassword.trim().toLowerCase() === "true") ||
        (typeof type === "string" && ["no-password-required", "no-password"].includes(type.trim().toLowerCase())) ||
        (typeof access === "string" && access.toLowerCase().split(/\s+/).includes("nopass"));
    if (open) {
        return state === UNKNOWN ? UNKNOWN : true;
    }
    return noPassword === UNKNOWN || type === UNKNOWN ? UNKNOWN : false;
}
