// Shared reading of ElastiCache / MemoryDB inputs: which engine a cache runs (with the provider's defaults),
// whether a standalone cache cluster is really a member of a replication group, and whether an optional
// reference (subnet group, user group, token) is set at all.

import { classifyKey, engineOf, violation } from "./checks";
import type { Finding } from "./policy";
import { asList, isAbsent, read, UNKNOWN, type PlainObject } from "./values";

export type Presence = "set" | "unset" | "unknown" | "invalid";

/**
 * Whether an optional input is set: a non-empty string, a non-empty list of non-empty strings, or an
 * unknown (a value computed from another resource, which means something is being supplied). With `shape:
 * "string"`, a list is a value of the wrong type.
 */
export function presence(props: PlainObject, property: string, shape: "any" | "string" = "any"): Presence {
    const value = read(props, property);
    if (value === UNKNOWN) {
        return "unknown";
    }
    if (isAbsent(value)) {
        return "unset";
    }
    if (typeof value === "string") {
        return value.trim() === "" ? "unset" : "set";
    }
    if (Array.isArray(value)) {
        if (shape === "string") {
            return "invalid";
        }
        const items = asList(value);
        if (items === UNKNOWN) {
            return "unknown";
        }
        let unknown = false;
        let set = false;
        for (const item of items) {
            if (item === UNKNOWN) {
                unknown = true;
            } else if (typeof item === "string" && item.trim() !== "") {
                set = true;
            } else if (!isAbsent(item) && typeof item !== "string") {
                return "invalid";
            }
        }
        return set ? "set" : unknown ? "unknown" : "unset";
    }
    return "invalid";
}

/** True when the input is set or computed (`set`/`unknown`). */
export function isProvided(props: PlainObject, property: string): boolean {
    const p = presence(props, property);
    return p === "set" || p === "unknown";
}

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

interface ServiceKeySpec {
    /** What the key protects, e.g. "the cache data and its snapshots". */
    protects: string;
    /** What is used when the input is omitted, e.g. "a key owned by the ElastiCache service". */
    defaultKey: string;
    fix: string;
    urn?: string;
}

/**
 * The input must name a customer-managed KMS key. Like `expectCustomerManagedKey`, but for services whose
 * omitted key is a service-owned key rather than an `aws/<service>` alias (ElastiCache, MemoryDB, Redshift
 * Serverless): an unknown reference is a key being supplied, an `alias/aws/...` is AWS-managed.
 */
export function expectKmsKey(props: PlainObject, property: string, spec: ServiceKeySpec): Finding[] {
    switch (classifyKey(read(props, property))) {
        case "customer-managed":
        case "unknown":
            return [];
        case "absent":
            return [
                violation(
                    property,
                    `\`${property}\` is not set, so ${spec.protects} is encrypted with ${spec.defaultKey}, whose key policy you cannot restrict or audit. ${spec.fix}`,
                    spec.urn,
                ),
            ];
        case "aws-managed":
            return [violation(property, `\`${property}\` names an AWS-managed key (alias/aws/...), whose key policy you cannot restrict. ${spec.fix}`, spec.urn)];
        case "invalid":
            return [violation(property, `\`${property}\` is not a key id, ARN or alias. ${spec.fix}`, spec.urn)];
    }
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
