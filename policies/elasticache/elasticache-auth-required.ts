import { advice, unknownFinding, violation } from "../lib/readers/checks";
import { presence } from "../lib/readers/presence";
import { clusterEngine, isGlobalSecondary, isReplicationGroupMember, userAccessState } from "./lib/elasticache";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, asList, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE, ELASTICACHE_USER, ELASTICACHE_USER_GROUP, ELASTICACHE_USER_GROUP_ASSOCIATION } from "../lib/aws/types";

const RG = ELASTICACHE_REPLICATION_GROUP;
const SERVERLESS = ELASTICACHE_SERVERLESS_CACHE;
const CLUSTER = ELASTICACHE_CLUSTER;
const USER = ELASTICACHE_USER;
const USER_GROUP = ELASTICACHE_USER_GROUP;
const ASSOCIATION = ELASTICACHE_USER_GROUP_ASSOCIATION;

/** The id of the user ElastiCache creates itself: no password, access string `on ~* +@all`. */
const BUILT_IN_DEFAULT_USER = "default";

const RBAC_FIX =
    "Attach an RBAC user group (`userGroupIds`) whose users authenticate with IAM or passwords, or set the AUTH token through the write-only `authTokenWo` (with `authTokenWoVersion`).";

function replicationGroup(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    const token = presence(props, "authToken");
    if (token === "set" || token === "unknown" || token === "invalid") {
        // Whatever its value (literal, config secret or random.RandomPassword output), `authToken` is persisted in state.
        findings.push(
            violation(
                "authToken",
                "`authToken` is stored in the Pulumi state (and readable by anyone with state access, even when wrapped in a secret). Use the write-only `authTokenWo` with `authTokenWoVersion`, or RBAC through `userGroupIds`, instead.",
            ),
        );
        return findings;
    }
    if (isGlobalSecondary(props)) {
        return findings; // a global-datastore secondary uses the primary's AUTH/RBAC configuration, checked on the primary
    }
    const groups = presence(props, "userGroupIds");
    const tokenWo = presence(props, "authTokenWo", "string");
    if (groups === "set" || groups === "unknown" || tokenWo === "set" || tokenWo === "unknown") {
        return findings;
    }
    if (groups === "invalid") {
        return [violation("userGroupIds", "`userGroupIds` is not a list of user group ids. " + RBAC_FIX)];
    }
    if (tokenWo === "invalid") {
        return [violation("authTokenWo", "`authTokenWo` is not a string. " + RBAC_FIX)];
    }
    const strategy = asString(read(props, "authTokenUpdateStrategy"));
    const deleting = typeof strategy === "string" && strategy.trim().toUpperCase() === "DELETE";
    return [
        violation(
            "userGroupIds",
            `${deleting ? "`authTokenUpdateStrategy` is `DELETE` and" : "Neither"} \`userGroupIds\` nor \`authTokenWo\` is set, so anyone who can reach the cache port can read and write every key without authenticating. ${RBAC_FIX}`,
        ),
    ];
}

function serverless(props: PlainObject, flagMemcached: boolean): Finding[] {
    const engine = asString(read(props, "engine"));
    if (engine === UNKNOWN) {
        return presence(props, "userGroupId", "string") === "absent" ? [unknownFinding("engine", "a Redis/Valkey serverless cache needs `userGroupId`.")] : [];
    }
    if (typeof engine === "string" && engine.trim().toLowerCase() === "memcached") {
        return flagMemcached
            ? [violation("engine", "Serverless Memcached has no authentication at all. Use `engine: \"valkey\"` (or `\"redis\"`) with an RBAC `userGroupId` for caches that hold key material.")]
            : [];
    }
    const group = presence(props, "userGroupId", "string");
    if (group === "set" || group === "unknown") {
        return [];
    }
    return [
        violation(
            "userGroupId",
            `\`userGroupId\` is ${group === "invalid" ? "not a user group id" : "not set"}, so the serverless cache accepts the built-in \`default\` user, which needs no password and may run every command. Attach an RBAC user group (aws.elasticache.UserGroup) whose users authenticate with IAM or passwords.`,
        ),
    ];
}

function cluster(props: PlainObject, flagMemcached: boolean): Finding[] {
    if (isReplicationGroupMember(props)) {
        return []; // a replica inside a replication group uses the group's AUTH/RBAC, checked on the group
    }
    const engine = clusterEngine(props);
    if (engine === UNKNOWN) {
        return [unknownFinding("engine", "a standalone Redis/Valkey cache cluster cannot require authentication; use an aws.elasticache.ReplicationGroup.")];
    }
    if (engine === "memcached") {
        return flagMemcached
            ? [violation("engine", "ElastiCache Memcached has no authentication at all. Use a Valkey/Redis aws.elasticache.ReplicationGroup with RBAC for caches that hold key material.")]
            : [];
    }
    return [
        violation(
            "replicationGroupId",
            "A standalone Redis/Valkey `aws.elasticache.Cluster` (no `replicationGroupId`) has no AUTH token or RBAC input, so anyone who can reach its port can read every key. Create an aws.elasticache.ReplicationGroup with `userGroupIds` or `authTokenWo` instead.",
        ),
    ];
}

function hasNopassRule(props: PlainObject): boolean {
    const access = asString(read(props, "accessString"));
    return typeof access === "string" && access.toLowerCase().split(/\s+/).includes("nopass");
}

function user(props: PlainObject): Finding[] {
    const state = userAccessState(props);
    if (state === "off") {
        // A disabled user cannot log in: it needs no credential, and a password in state is no usable credential
        // today, so it is advice (drop it) rather than a blocking finding.
        return passwordsInState(props).map((f) =>
            advice(
                f.property,
                `\`${f.property}\` is stored in the Pulumi state, but this user is disabled (\`off\` in \`accessString\`), so nobody can log in with it. Remove the password (a disabled user needs none) or use the write-only \`passwordsWo\`, so enabling the user later does not turn a value in state into a working credential.`,
            ),
        );
    }
    const findings = credentialFindings(props);
    if (state === UNKNOWN && findings.some((f) => !f.undecided)) {
        // The access string decides whether the credential-less user can log in at all.
        return [
            unknownFinding("accessString", "a user without a credential must be disabled (`off` in `accessString`), or be given `authenticationMode.type: \"iam\"`."),
            ...passwordsInState(props),
        ];
    }
    if (state === "on" && hasNopassRule(props)) {
        findings.push(violation("accessString", "`accessString` contains the `nopass` rule, so this user logs in without any credential. Remove `nopass` and use `authenticationMode.type: \"iam\"` or `passwordsWo`."));
    }
    return [...findings, ...passwordsInState(props)];
}

function credentialFindings(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    const noPassword = asBool(read(props, "noPasswordRequired"));
    if (noPassword === true) {
        findings.push(violation("noPasswordRequired", "`noPasswordRequired` is true, so this user logs in without any credential. Use `authenticationMode.type: \"iam\"` (or passwords through `passwordsWo`) and remove `noPasswordRequired`."));
    } else if (noPassword === INVALID) {
        findings.push(violation("noPasswordRequired", "`noPasswordRequired` is not a boolean. Remove it and use `authenticationMode.type: \"iam\"` or `passwordsWo`."));
    } else if (noPassword === UNKNOWN) {
        findings.push(unknownFinding("noPasswordRequired", "`noPasswordRequired` must not be true."));
    }
    const mode = read(props, "authenticationMode");
    const type = asString(read(props, "authenticationMode.type"));
    if (type === UNKNOWN) {
        findings.push(unknownFinding("authenticationMode.type", "`authenticationMode.type` must be `\"iam\"` or `\"password\"`."));
    } else if (typeof type === "string") {
        const normalized = type.trim().toLowerCase();
        if (normalized !== "iam" && normalized !== "password") {
            findings.push(
                violation(
                    "authenticationMode.type",
                    normalized === "no-password-required" || normalized === "no-password"
                        ? "`authenticationMode.type` is `no-password-required`, so this user logs in without any credential. Use `\"iam\"` (or `\"password\"` with `passwordsWo`)."
                        : "`authenticationMode.type` is not `iam` or `password`. Use `\"iam\"` (or `\"password\"` with `passwordsWo`).",
                ),
            );
        }
    } else if (type === INVALID || (mode !== undefined && mode !== null && mode !== UNKNOWN && type === undefined)) {
        findings.push(violation("authenticationMode.type", "`authenticationMode.type` is missing or not a string. Use `\"iam\"` (or `\"password\"` with `passwordsWo`)."));
    }
    return findings;
}

function passwordsInState(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    for (const property of ["passwords", "authenticationMode.passwords"]) {
        const passwords = asList(read(props, property));
        if (passwords === UNKNOWN || passwords.length > 0) {
            findings.push(
                violation(
                    property,
                    `\`${property}\` is stored in the Pulumi state (and readable by anyone with state access, even when wrapped in a secret). Use \`authenticationMode.type: "iam"\`, or the write-only \`passwordsWo\` with \`passwordsWoVersion\`.`,
                ),
            );
        }
    }
    return findings;
}

function defaultUserMembership(props: PlainObject, property: string): Finding[] {
    const ids = asList(read(props, property));
    if (ids === UNKNOWN) {
        return [];
    }
    if (ids.some((id) => typeof id === "string" && id.trim().toLowerCase() === BUILT_IN_DEFAULT_USER)) {
        return [
            violation(
                property,
                `\`${property}\` includes the built-in \`default\` user, which has no password and full access (\`on ~* +@all\`), so the group authenticates nobody. Create your own aws.elasticache.User with \`userName: "default"\`, a credential (IAM or \`passwordsWo\`) and a restrictive access string such as \`off -@all\`, and reference its \`userId\` instead.`,
            ),
        ];
    }
    return [];
}

export const elasticacheAuthRequired = resourcePolicy<{ flagMemcached: boolean }>({
    name: "elasticache-auth-required",
    description: "ElastiCache caches must require authentication (RBAC or a write-only AUTH token), and no cache user may log in without a credential.",
    controls: [48],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["ElastiCache.6"],
        nist: ["IA-2", "AC-3"],
        checkov: ["CKV_AWS_31"],
        cdkNag: ["AwsSolutions-AEC6"],
    },
    resourceTypes: [RG, SERVERLESS, CLUSTER, USER, USER_GROUP, ASSOCIATION],
    remediationSteps: [
        "1. Create aws.elasticache.User resources with `authenticationMode: { type: \"iam\" }` (or passwords through the write-only `passwordsWo`), including your own user with `userName: \"default\"` and access string `off -@all`.",
        "2. Put them in an aws.elasticache.UserGroup (never the built-in `default` user id) and attach it with `userGroupIds` on the ReplicationGroup or `userGroupId` on the ServerlessCache.",
        "3. If you use a single AUTH token instead, pass it through `authTokenWo` + `authTokenWoVersion`, never `authToken` (which is stored in state); rotate any token that was in state.",
        "4. Replace standalone Redis/Valkey aws.elasticache.Cluster resources by a ReplicationGroup (they cannot authenticate).",
    ].join("\n"),
    config: {
        flagMemcached: {
            type: "boolean",
            default: false,
            description: "Also report Memcached caches (standalone clusters and serverless), which cannot authenticate at all.",
        },
    },
    check: ({ props, type, config }) => {
        switch (type) {
            case SERVERLESS:
                return serverless(props, config.flagMemcached);
            case CLUSTER:
                return cluster(props, config.flagMemcached);
            case USER:
                return user(props);
            case USER_GROUP:
                return defaultUserMembership(props, "userIds");
            case ASSOCIATION:
                return defaultUserMembership(props, "userId");
            default:
                return replicationGroup(props);
        }
    },
});

