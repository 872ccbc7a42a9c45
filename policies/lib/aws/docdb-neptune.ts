// DocumentDB and Neptune share the RDS cluster model: storage encryption decided at creation (restores and
// replicas inherit it), engine settings in a cluster parameter group that the cluster names, and an AWS default
// group when it names none. The questions the DocumentDB and Neptune policies ask are answered here once.

import { expectCustomerManagedKey, expectFlag, keyUnlessUnencrypted, undecided, unknownFinding, violation } from "../readers/checks";
import { isSet } from "../readers/presence";
import type { StackGraph } from "./graph";
import type { Finding } from "../readers/finding";
import type { StackResource } from "./graph";
import { asBool, asList, asNumber, asString, INVALID, isAbsent, isObject, read, UNKNOWN, type PlainObject } from "../readers/values";

// ---------------------------------------------------------------------------------------------------------------
// Deletion protection and backups of a cluster
// ---------------------------------------------------------------------------------------------------------------

/** The provider's default `backupRetentionPeriod` for DocumentDB and Neptune clusters when it is omitted. */
const DEFAULT_BACKUP_RETENTION_DAYS = 1;

/**
 * The in-place fix of a cluster's deletion protection and backup retention (neither is ForceNew on aws_docdb_cluster
 * or aws_neptune_cluster; test/data/replace-forcing.json): protection turned on unless it is on, retention raised to
 * the minimum when it is below it (omitted means the default of 1 day) or not a number. It never lowers a retention,
 * and a value still unknown (preview) is left alone, each property on its own.
 */
export function clusterProtectionChanges(props: PlainObject, minimumRetentionDays: number): Record<string, unknown> | undefined {
    const changes: Record<string, unknown> = {};
    const protection = asBool(read(props, "deletionProtection"));
    if (protection !== UNKNOWN && protection !== true) {
        changes["deletionProtection"] = true;
    }
    const retention = asNumber(read(props, "backupRetentionPeriod"));
    if (retention === INVALID || (retention !== UNKNOWN && (retention ?? DEFAULT_BACKUP_RETENTION_DAYS) < minimumRetentionDays)) {
        changes["backupRetentionPeriod"] = minimumRetentionDays;
    }
    return Object.keys(changes).length > 0 ? changes : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Storage encryption of a cluster
// ---------------------------------------------------------------------------------------------------------------

interface StorageSpec {
    /** `kmsKeyId` (DocumentDB) or `kmsKeyArn` (Neptune). */
    keyProperty: string;
    /** Inputs that create the cluster from a snapshot or a point in time: `storageEncrypted` is not sent then. */
    restoreProperties: readonly string[];
    /** An input that makes the cluster a read replica of another cluster (same-region replicas share its key). */
    replicaProperty?: string;
    fix: string;
}

/**
 * `storageEncrypted` must be true and the key a customer-managed one. A cluster restored from a snapshot or a point
 * in time keeps the source's encryption (`storageEncrypted` is ignored), so only an explicit customer-managed key
 * proves it is encrypted. A read replica shares the source cluster's key, and the source is checked itself.
 */
export function clusterStorageFindings(props: PlainObject, spec: StorageSpec): Finding[] {
    if (spec.replicaProperty && isSet(read(props, spec.replicaProperty))) {
        const key = read(props, spec.keyProperty);
        return isAbsent(key) ? [] : expectCustomerManagedKey(props, spec.keyProperty, { protects: "the replica", defaultKey: "aws/rds", fix: spec.fix });
    }
    const restored = spec.restoreProperties.filter((p) => isSet(read(props, p)));
    if (restored.length > 0) {
        if (isAbsent(read(props, spec.keyProperty))) {
            return [
                violation(
                    spec.keyProperty,
                    `\`${spec.keyProperty}\` is not set on a cluster created from \`${restored[0]}\`, so it keeps the source's encryption (\`storageEncrypted\` is ignored on restore), which may be none or an AWS-managed key. ${spec.fix}`,
                ),
            ];
        }
        return expectCustomerManagedKey(props, spec.keyProperty, { protects: "the storage", defaultKey: "aws/rds", fix: spec.fix });
    }
    return keyUnlessUnencrypted(expectFlag(props, "storageEncrypted", { expected: true, defaultValue: false, fix: spec.fix }), () =>
        expectCustomerManagedKey(props, spec.keyProperty, { protects: "the storage", defaultKey: "aws/rds", fix: spec.fix }),
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Cluster parameter groups
// ---------------------------------------------------------------------------------------------------------------

export type ParameterVerdict =
    | { status: "secure" }
    /** `state`: the parameter is absent (engine default), has an insecure value, or a value that is not a string. */
    | { status: "insecure"; property: string; state: "absent" | "value" | "invalid" }
    | { status: "unknown"; property: string };

/**
 * Evaluates one parameter of a (cluster) parameter group's `parameters[]`. Names compare case-insensitively. Any
 * insecure known entry decides; otherwise an unknown entry (or an entry whose name is unknown and might be this
 * parameter) leaves it undecided; otherwise an absent parameter takes the engine default.
 */
export function evaluateParameter(
    props: PlainObject,
    name: string,
    isSecure: (value: string) => boolean,
    absentIsSecure: boolean,
): ParameterVerdict {
    const list = asList(read(props, "parameters"));
    if (list === UNKNOWN) {
        return { status: "unknown", property: "parameters" };
    }
    let unknownProperty: string | undefined;
    let found = false;
    for (let index = 0; index < list.length; index++) {
        const entry = list[index];
        const path = `parameters.${index}`;
        if (entry === UNKNOWN) {
            unknownProperty ??= path;
            continue;
        }
        if (!isObject(entry)) {
            continue;
        }
        const entryName = asString(entry["name"]);
        if (entryName === UNKNOWN) {
            unknownProperty ??= `${path}.name`;
            continue;
        }
        if (typeof entryName !== "string" || entryName.trim().toLowerCase() !== name) {
            continue;
        }
        found = true;
        const value = asString(entry["value"]);
        if (value === UNKNOWN) {
            unknownProperty ??= `${path}.value`;
        } else if (value === undefined || value === INVALID) {
            return { status: "insecure", property: `${path}.value`, state: "invalid" };
        } else if (!isSecure(value.trim().toLowerCase())) {
            return { status: "insecure", property: `${path}.value`, state: "value" };
        }
    }
    if (unknownProperty !== undefined) {
        return { status: "unknown", property: unknownProperty };
    }
    if (found || absentIsSecure) {
        return { status: "secure" };
    }
    return { status: "insecure", property: "parameters", state: "absent" };
}

export type GroupLink =
    /** No group named, or an AWS `default.*` group: the engine defaults apply. */
    | { kind: "default" }
    | { kind: "groups"; groups: StackResource[] }
    /** A group that is not in this stack (another stack, the console): its parameters cannot be seen. */
    | { kind: "external" }
    /** A computed reference that could not be tied to a resource of the stack. */
    | { kind: "unresolved" };

/** The cluster parameter group(s) a cluster uses, through propertyDependencies or by name. */
export function linkedParameterGroup(graph: StackGraph, cluster: StackResource, property: string, groupType: string): GroupLink {
    const ref = graph.referenced(cluster, property, [groupType]);
    if (ref.resources.length > 0) {
        return { kind: "groups", groups: ref.resources };
    }
    const raw = read(cluster.props, property);
    if (raw === UNKNOWN || ref.unresolved) {
        return { kind: "unresolved" };
    }
    const value = asString(raw);
    if (value === UNKNOWN) {
        return { kind: "unresolved" };
    }
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
        return { kind: "default" };
    }
    if (value === INVALID) {
        return { kind: "external" };
    }
    return value.trim().toLowerCase().startsWith("default.") ? { kind: "default" } : { kind: "external" };
}

// ---------------------------------------------------------------------------------------------------------------
// Audit logging
// ---------------------------------------------------------------------------------------------------------------

interface LogExportSpec {
    /** `enabledCloudwatchLogsExports` (DocumentDB) or `enableCloudwatchLogsExports` (Neptune). */
    property: string;
    /** The other service's spelling, which the provider does not read for this resource. */
    misspelling: string;
    required: readonly string[];
    fix: string;
}

/** The log-export list must contain every required log type. */
export function logExportFindings(props: PlainObject, spec: LogExportSpec): Finding[] {
    const list = asList(read(props, spec.property));
    if (list === UNKNOWN) {
        return [unknownFinding(spec.property, spec.fix)];
    }
    const present = new Set<string>();
    let unknownItems = false;
    for (const item of list) {
        if (item === UNKNOWN) {
            unknownItems = true;
        } else if (typeof item === "string") {
            present.add(item.trim().toLowerCase());
        }
    }
    const missing = spec.required.filter((type) => !present.has(type.trim().toLowerCase()));
    if (missing.length === 0) {
        return [];
    }
    if (unknownItems) {
        return [unknownFinding(spec.property, spec.fix)];
    }
    const names = missing.map((m) => `"${m}"`).join(", ");
    const misspelled = isSet(read(props, spec.misspelling))
        ? ` The program sets \`${spec.misspelling}\`, which is not an input of this resource and is ignored: the input is spelled \`${spec.property}\`.`
        : "";
    const state = list.length === 0 ? "is not set, so no logs are exported" : `does not include ${names}`;
    return [violation(spec.property, `\`${spec.property}\` ${state}.${misspelled} ${spec.fix}`)];
}

interface LinkedAuditSpec {
    clusterType: string;
    /** The cluster input naming its cluster parameter group. */
    groupProperty: string;
    groupType: string;
    parameter: string;
    /** Lower-cased, trimmed parameter value -> is auditing on? */
    isOn: (value: string) => boolean;
    /** The fix, naming the parameter and its compliant value. */
    fix: string;
}

/**
 * The audit parameter of the group each cluster uses. The AWS default groups leave auditing off, so a cluster
 * without its own group (or with a group that does not set the parameter) records no audit events even when it
 * exports the audit log.
 */
export function linkedAuditFindings(graph: StackGraph, spec: LinkedAuditSpec): Finding[] {
    const findings: Finding[] = [];
    const property = spec.groupProperty;
    for (const cluster of graph.ofType(spec.clusterType)) {
        const link = linkedParameterGroup(graph, cluster, property, spec.groupType);
        switch (link.kind) {
            case "default":
                findings.push(
                    violation(
                        property,
                        `The cluster uses the default cluster parameter group, where \`${spec.parameter}\` is off, so no audit events are written even if the audit log is exported. ${spec.fix}`,
                        cluster.urn,
                    ),
                );
                break;
            case "unresolved":
                findings.push(unknownFinding(property, spec.fix, cluster.urn));
                break;
            case "external":
                findings.push(
                    undecided(
                        property,
                        `\`${property}\` names a cluster parameter group that is not in this stack, so whether it turns \`${spec.parameter}\` on cannot be checked here. Check the group where it is defined. ${spec.fix}`,
                        cluster.urn,
                    ),
                );
                break;
            case "groups":
                for (const group of link.groups) {
                    const verdict = evaluateParameter(group.props, spec.parameter, spec.isOn, false);
                    if (verdict.status === "unknown") {
                        findings.push(
                            undecided(
                                property,
                                `The cluster parameter group "${group.name}" has parameters computed from another resource, so \`${spec.parameter}\` is only known at update time; the policy re-checks it then. ${spec.fix}`,
                                cluster.urn,
                            ),
                        );
                    } else if (verdict.status === "insecure") {
                        const state = verdict.state === "absent" ? "does not set" : "turns off (or sets an unrecognized value for)";
                        findings.push(
                            violation(
                                property,
                                `The cluster parameter group "${group.name}" this cluster uses ${state} \`${spec.parameter}\`, so reads and changes of key material leave no audit trail. ${spec.fix}`,
                                cluster.urn,
                            ),
                        );
                    }
                }
                break;
        }
    }
    return findings;
}
