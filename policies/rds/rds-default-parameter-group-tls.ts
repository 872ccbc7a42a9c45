import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { presenceOf } from "../lib/readers/presence";
import { asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";
import { RDS_TLS_REFS } from "./lib/tls";

// An RDS instance or cluster that names no parameter group (or a `default.*` one) runs its engine's default
// parameter group, which cannot be modified. Whether that group forces TLS is a fact of the engine and its major
// version, documented by AWS; each rule below cites the page it comes from. rds-parameter-group-tls checks the
// custom groups; this policy checks the default ones, so one cause (TLS not forced) gives one finding.

/** A version as its numeric components: "8.0.36" -> [8, 0, 36], "8.0.mysql_aurora.3.05.2" -> [8, 0]. */
type Version = readonly number[];

interface DefaultTls {
    /** The parameter that forces TLS, and its value in the default group, as a message names them. */
    parameter: string;
    defaultValue: string;
    /** What to set in a custom group instead. */
    setting: string;
    /** How many version components name the major version in a message ("postgres 14", "mysql 8.0"). */
    majorDigits: 1 | 2;
    /**
     * Whether the default group forces TLS at this version: undefined when the version is needed and missing, or
     * falls where the documentation places no default. Rules that do not depend on the version ignore it.
     */
    forcesTls(version: Version | undefined): boolean | undefined;
}

function atLeast(version: Version, minimum: Version): boolean {
    for (let i = 0; i < minimum.length; i++) {
        const part = version[i] ?? 0;
        if (part !== minimum[i]) {
            return part > minimum[i]!;
        }
    }
    return true;
}

/**
 * A default that is OFF below `offBelow` and ON from `onFrom`, as AWS documents it; versions in between (and an
 * unknown version) are not placed: undefined, which the policy reports as undecided.
 */
function documentedBetween(offBelow: Version, onFrom: Version): (version: Version | undefined) => boolean | undefined {
    return (version) => {
        if (version === undefined) {
            return undefined;
        }
        if (!atLeast(version, offBelow)) {
            return false;
        }
        return atLeast(version, onFrom) ? true : undefined;
    };
}

const FORCE_SSL_SETTING = '`rds.force_ssl` = "1"';
const SECURE_TRANSPORT_SETTING = '`require_secure_transport` = "1"';

// RDS for PostgreSQL: "By default, the rds.force_ssl parameter is set to 0 (off) for DB instances using PostgreSQL
// versions before version 15. By default, rds.force_ssl is set to 1 (on) for DB instances using PostgreSQL version
// 15 and later major versions."
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/ssl-certificate-rotation-postgresql.html
// (and https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html#PostgreSQL.Concepts.General.SSL.Requiring)
const POSTGRES: DefaultTls = {
    parameter: "rds.force_ssl",
    defaultValue: "0",
    setting: FORCE_SSL_SETTING,
    majorDigits: 1,
    forcesTls: (version) => (version === undefined ? undefined : atLeast(version, [15])),
};

// RDS for MySQL: "For MySQL 8.4 and lower, the require_secure_transport parameter is set to 0 (OFF) by default";
// "For MySQL 9.7, the require_secure_transport parameter defaults to 1 (ON)". Versions in between are not placed.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html
const MYSQL: DefaultTls = {
    parameter: "require_secure_transport",
    defaultValue: "OFF",
    setting: SECURE_TRANSPORT_SETTING,
    majorDigits: 2,
    forcesTls: documentedBetween([8, 5], [9, 7]),
};

// RDS for MariaDB: "For 11.4 and earlier versions, the require_secure_transport parameter is set to OFF by
// default. For 11.8 and later versions, the default value is set to ON" (the parameter exists from 10.5; before
// that, the default group cannot force TLS either).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html
const MARIADB: DefaultTls = {
    parameter: "require_secure_transport",
    defaultValue: "OFF",
    setting: SECURE_TRANSPORT_SETTING,
    majorDigits: 2,
    forcesTls: documentedBetween([11, 5], [11, 8]),
};

// RDS for SQL Server: "By default, the rds.force_ssl parameter is set to 0 (off)", every edition and version.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/ssl-certificate-rotation-sqlserver.html
// (and https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html)
const SQLSERVER: DefaultTls = {
    parameter: "rds.force_ssl",
    defaultValue: "0",
    setting: FORCE_SSL_SETTING,
    majorDigits: 2,
    forcesTls: () => false,
};

// Aurora PostgreSQL: "The rds.force_ssl parameter is set to 0 by default", set in the DB cluster parameter group.
// https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates
// (and https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html)
const AURORA_POSTGRES: DefaultTls = {
    parameter: "rds.force_ssl",
    defaultValue: "0",
    setting: FORCE_SSL_SETTING,
    majorDigits: 1,
    forcesTls: () => false,
};

// Aurora MySQL: `require_secure_transport` is a DB cluster parameter whose default is OFF (Aurora MySQL 2 and 3);
// Aurora MySQL 1 (engine `aurora`) cannot force TLS at all.
// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html#AuroraMySQL.Security.SSL.RequireSSL
const AURORA_MYSQL: DefaultTls = {
    parameter: "require_secure_transport",
    defaultValue: "OFF",
    setting: SECURE_TRANSPORT_SETTING,
    majorDigits: 2,
    forcesTls: () => false,
};

// RDS for Db2: SSL is enabled only by setting `DB2COMM` and `SSL_SVCENAME` in a custom parameter group ("You can't
// modify the default parameter group"), so the default group listens in clear text only.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Db2.Concepts.SSL.html
const DB2: DefaultTls = {
    parameter: "DB2COMM",
    defaultValue: "TCPIP",
    setting: '`db2comm` = "SSL" (with `ssl_svcename` set to the TLS port)',
    majorDigits: 2,
    forcesTls: () => false,
};

type EngineClass = DefaultTls | "no-parameter" | undefined;

/**
 * What the default group of an engine does. Oracle forces TLS through the SSL option of an option group, not a
 * parameter (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html), and RDS
 * Custom engines are configured on the host: neither is a parameter-group question. Unknown engines: undefined.
 */
function classify(engine: string): EngineClass {
    if (engine === "postgres") {
        return POSTGRES;
    }
    if (engine === "mysql") {
        return MYSQL;
    }
    if (engine === "mariadb") {
        return MARIADB;
    }
    if (engine === "aurora-postgresql") {
        return AURORA_POSTGRES;
    }
    if (engine === "aurora-mysql" || engine === "aurora") {
        return AURORA_MYSQL;
    }
    if (engine.startsWith("sqlserver-")) {
        return SQLSERVER;
    }
    if (engine === "db2-se" || engine === "db2-ae") {
        return DB2;
    }
    if (engine.startsWith("oracle-") || engine.startsWith("custom-")) {
        return "no-parameter";
    }
    return undefined;
}

/** The leading numeric components of a version string; undefined when it does not start with a number. */
function parseVersion(text: string): Version | undefined {
    const match = /^\d+(\.\d+)*/.exec(text.trim());
    return match === null ? undefined : match[0].split(".").map(Number);
}

/** A default group's family, split into engine and version: "mysql8.0", "sqlserver-se-15.0", "aurora5.6". */
function parseFamily(family: string): { engine: string; version: Version } | undefined {
    const match = /^(aurora-mysql|aurora-postgresql|aurora|postgres|mysql|mariadb|sqlserver-[a-z-]+?|oracle-[a-z0-9-]+?|db2-[a-z]+|custom-[a-z0-9-]+?)-?(\d+(?:\.\d+)*)$/.exec(family);
    if (match === null) {
        return undefined;
    }
    return { engine: match[1]!, version: parseVersion(match[2]!)! };
}

function label(engine: string, rule: DefaultTls, version: Version | undefined): string {
    return version === undefined ? engine : `${engine} ${version.slice(0, rule.majorDigits).join(".")}`;
}

const RISK = "clients may connect without TLS, sending the database credentials and the key material they read in clear";

function fix(kind: "instance" | "cluster", property: string, rule: DefaultTls): string {
    const group = kind === "cluster" ? "aws.rds.ClusterParameterGroup" : "aws.rds.ParameterGroup";
    return `Create an ${group} for the engine family with ${rule.setting} and set \`${property}\` to its name.`;
}

type GroupSource = "unset" | "default-named";

function sourceText(source: GroupSource, property: string, kind: "instance" | "cluster"): string {
    return source === "unset"
        ? `\`${property}\` is not set, so the ${kind} uses the default parameter group`
        : `\`${property}\` names a default parameter group (\`default.*\`), which cannot be modified`;
}

interface Reading {
    engine: string;
    version: Version | undefined;
    /** The version input when the version came from the resource, for undecided messages. */
    versionState: "set" | "absent" | "unknown" | "unparsed" | "invalid" | "from-group";
}

/** Engine and version: from the `default.<family>` name when it names one, else from `engine` and `engineVersion`. */
function readEngine(props: PlainObject, family: string | undefined): Reading | Finding {
    const parsed = family === undefined ? undefined : parseFamily(family);
    if (parsed !== undefined) {
        return { engine: parsed.engine, version: parsed.version, versionState: "from-group" };
    }
    const engine = asString(read(props, "engine"));
    if (engine === UNKNOWN) {
        return unknownFinding("engine", "the engine decides whether its default parameter group forces TLS; a default group that does not must be replaced by a custom one that does.");
    }
    if (engine === INVALID) {
        return violation("engine", "`engine` is not an engine name, so the policy cannot tell whether the default parameter group forces TLS. Set the engine, e.g. `postgres` or `mysql`, and attach a parameter group that forces TLS.");
    }
    if (engine === undefined || engine.trim() === "") {
        return undecided("engine", "`engine` is not set (a replica or restore takes it from its source), so the policy cannot tell whether the default parameter group forces TLS. Set `engine`, or attach a parameter group that forces TLS.");
    }
    const raw = read(props, "engineVersion");
    const version = asString(raw);
    if (version === UNKNOWN) {
        return { engine: engine.trim().toLowerCase(), version: undefined, versionState: "unknown" };
    }
    if (version === INVALID) {
        return { engine: engine.trim().toLowerCase(), version: undefined, versionState: "invalid" };
    }
    if (version === undefined || version.trim() === "") {
        return { engine: engine.trim().toLowerCase(), version: undefined, versionState: "absent" };
    }
    const numbers = parseVersion(version);
    return { engine: engine.trim().toLowerCase(), version: numbers, versionState: numbers === undefined ? "unparsed" : "set" };
}

function isFinding(value: Reading | Finding): value is Finding {
    return "property" in value;
}

/** Instance only: whether a replica inherits its source's group instead of getting the default one. */
function replicaInherits(props: PlainObject): boolean | typeof UNKNOWN {
    const source = read(props, "replicateSourceDb");
    const state = presenceOf(source);
    if (state === "absent") {
        return false;
    }
    if (state === "unknown") {
        return UNKNOWN;
    }
    // A same-region replica (source named by identifier) takes the source's parameter group; a cross-region one
    // (source named by ARN) gets the engine's default group.
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (DBParameterGroupName)
    return !(typeof source === "string" && source.trim().toLowerCase().startsWith("arn:"));
}

export const rdsDefaultParameterGroupTls = resourcePolicy({
    name: "rds-default-parameter-group-tls",
    description: "RDS DB instances and clusters must not run an engine default parameter group that does not force TLS.",
    controls: [9],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: RDS_TLS_REFS,
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    remediationSteps: [
        "1. Create a parameter group for the engine family: an aws.rds.ParameterGroup for an RDS instance, an aws.rds.ClusterParameterGroup for an Aurora or Multi-AZ DB cluster (default groups cannot be modified).",
        '2. Set the TLS parameter in it: PostgreSQL (before 15), Aurora PostgreSQL and SQL Server `{ name: "rds.force_ssl", value: "1" }`; MySQL, MariaDB and Aurora MySQL `{ name: "require_secure_transport", value: "1" }`; Db2 `{ name: "db2comm", value: "SSL" }` with `ssl_svcename`.',
        "3. Reference it: `parameterGroupName: group.name` on the aws.rds.Instance, `dbClusterParameterGroupName: group.name` on the aws.rds.Cluster (static parameters need `applyMethod: \"pending-reboot\"` and a reboot).",
        "4. Oracle forces TLS with the SSL option of an option group (`optionGroupName`), not a parameter group.",
        "5. Make sure clients connect with TLS and verify the server certificate before rolling this out.",
    ].join("\n"),
    check: ({ type, props }): Finding[] => {
        const kind = type === RDS_CLUSTER ? "cluster" : "instance";
        const property = kind === "cluster" ? "dbClusterParameterGroupName" : "parameterGroupName";
        const raw = read(props, property);
        const state = presenceOf(raw);
        if (state === "unknown") {
            // A computed name is a group being supplied (a custom group of the stack): rds-parameter-group-tls checks it.
            return [];
        }
        let source: GroupSource = "unset";
        let family: string | undefined;
        if (state === "set") {
            if (typeof raw !== "string") {
                return [violation(property, `\`${property}\` is not a parameter group name, so the policy cannot tell which parameter group the ${kind} runs. Set it to the name of a parameter group that forces TLS with the engine's parameter.`)];
            }
            const name = raw.trim().toLowerCase();
            if (!name.startsWith("default.")) {
                return [];
            }
            source = "default-named";
            family = name.slice("default.".length);
        }

        // A same-region replica takes its source's group (the source is checked on its own); a computed source
        // may be either, so it decides only when the default group would not force TLS.
        const replica = kind === "instance" && source === "unset" ? replicaInherits(props) : false;
        if (replica === true) {
            return [];
        }
        const replicaUndecided = unknownFinding("replicateSourceDb", "a same-region replica inherits its source's parameter group, a cross-region one (source named by ARN) gets its engine's default group, which for most engines does not force TLS; set `parameterGroupName` to a group that forces TLS.");
        const reading = readEngine(props, family);
        if (isFinding(reading)) {
            return [replica === UNKNOWN ? replicaUndecided : reading];
        }
        const engineClass = classify(reading.engine);
        if (engineClass === "no-parameter") {
            return [];
        }
        if (engineClass === undefined) {
            return [undecided("engine", `\`engine\` names an engine the policy cannot place, so it cannot tell whether its default parameter group forces TLS. Attach a parameter group that forces TLS with the engine's parameter.`)];
        }
        if (kind === "instance" && reading.engine.startsWith("aurora")) {
            // An Aurora DB instance is a cluster member: TLS comes from the cluster parameter group (checked on the cluster).
            return [];
        }
        const rule = engineClass;
        const forces = rule.forcesTls(reading.version);
        const where = sourceText(source, property, kind);
        if (forces === true) {
            return [];
        }
        if (replica === UNKNOWN) {
            return [replicaUndecided];
        }
        if (forces === false) {
            return [violation(property, `${where} of ${label(reading.engine, rule, reading.version)}, where \`${rule.parameter}\` is ${rule.defaultValue}: ${RISK}. ${fix(kind, property, rule)}`)];
        }
        // The version decides and cannot be placed.
        const requirement = `${where}; the default group of ${reading.engine} forces TLS only from some major versions on. Pin \`engineVersion\` to a version whose default forces TLS, or set \`${property}\` to a group with ${rule.setting}.`;
        switch (reading.versionState) {
            case "unknown":
                return [unknownFinding("engineVersion", requirement)];
            case "invalid":
                return [violation("engineVersion", `\`engineVersion\` is not a version string, so the policy cannot tell whether the default parameter group of ${reading.engine} forces TLS. ${requirement}`)];
            case "absent":
                return [undecided("engineVersion", `\`engineVersion\` is not set, so RDS picks the version and the policy cannot tell whether its default parameter group forces TLS. ${requirement}`)];
            default:
                return [undecided("engineVersion", `The policy cannot place this \`engineVersion\`, so it cannot tell whether its default parameter group forces TLS. ${requirement}`)];
        }
    },
});
