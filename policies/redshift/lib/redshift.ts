// Redshift parameter reading, shared by the TLS and audit-logging policies: parameter groups list
// `parameters[].name/value`, Serverless workgroups `configParameters[].parameterKey/parameterValue`, and a
// provisioned cluster takes its parameters from the group named by `clusterParameterGroupName` (or the
// engine default group, which cannot be changed, when it names none).

import { StackGraph } from "../../lib/aws/graph";
import type { StackResource } from "../../lib/core/policy";
import { asBool, asList, asString, isAbsent, isObject, read, UNKNOWN, type Plain, type PlainObject } from "../../lib/readers/values";
import { REDSHIFT_PARAMETER_GROUP } from "../../lib/aws/types";

/** `true`: every entry for the parameter is "true"; `false`: an entry has another value; `absent`: no entry. */
export type ParameterSetting = "true" | "false" | "absent" | "unknown";

/** Parameter names compared without case, underscores or dashes: `require_ssl` = `requireSsl` = `REQUIRE_SSL`. */
export function normalizeParameterName(name: string): string {
    return name.trim().toLowerCase().replace(/[_-]/g, "");
}

/** Reads a boolean parameter out of a list of `{ [nameKey], [valueKey] }` entries. */
export function booleanParameter(list: Plain, parameter: string, nameKey: string, valueKey: string): ParameterSetting {
    const entries = asList(list);
    if (entries === UNKNOWN) {
        return "unknown";
    }
    const wanted = normalizeParameterName(parameter);
    let sawTrue = false;
    let sawFalse = false;
    let sawUnknown = false;
    for (const entry of entries) {
        if (entry === UNKNOWN) {
            sawUnknown = true;
            continue;
        }
        if (!isObject(entry)) {
            continue;
        }
        const name = asString(entry[nameKey]);
        if (name === UNKNOWN) {
            sawUnknown = true;
            continue;
        }
        if (typeof name !== "string" || normalizeParameterName(name) !== wanted) {
            continue;
        }
        const value = asBool(entry[valueKey]);
        if (value === true) {
            sawTrue = true;
        } else if (value === UNKNOWN) {
            sawUnknown = true;
        } else {
            sawFalse = true; // false, absent or a value that is not a boolean
        }
    }
    if (sawFalse) {
        return "false";
    }
    if (sawUnknown) {
        return "unknown";
    }
    return sawTrue ? "true" : "absent";
}

/** The setting of a parameter in an aws.redshift.ParameterGroup's `parameters`. */
export function groupParameter(props: PlainObject, parameter: string): ParameterSetting {
    return booleanParameter(read(props, "parameters"), parameter, "name", "value");
}

/** The setting of a parameter in a Serverless workgroup's `configParameters`. */
export function workgroupParameter(props: PlainObject, parameter: string): ParameterSetting {
    return booleanParameter(read(props, "configParameters"), parameter, "parameterKey", "parameterValue");
}

/** Where a provisioned cluster's parameters come from. */
export type ClusterGroups =
    /** No group named, or a `default.*` group: the engine defaults apply and cannot be changed. */
    | { kind: "default" }
    /** Groups of this stack the cluster names. */
    | { kind: "groups"; groups: StackResource[] }
    /** A group name that matches nothing in the stack. */
    | { kind: "external" }
    /** A computed name that cannot be tied to a resource. */
    | { kind: "unresolved" };

function isDefaultGroupName(name: string): boolean {
    return name.trim().toLowerCase().startsWith("default.");
}

/** Resolves the parameter group of a provisioned cluster. */
export function clusterParameterGroups(graph: StackGraph, cluster: StackResource): ClusterGroups {
    const reference = graph.referenced(cluster, "clusterParameterGroupName", [REDSHIFT_PARAMETER_GROUP]);
    if (reference.resources.length > 0) {
        return { kind: "groups", groups: reference.resources };
    }
    if (reference.unresolved) {
        return { kind: "unresolved" };
    }
    const value = read(cluster.props, "clusterParameterGroupName");
    if (isAbsent(value) || (typeof value === "string" && value.trim() === "")) {
        return { kind: "default" };
    }
    if (reference.external.length > 0 && reference.external.every(isDefaultGroupName)) {
        return { kind: "default" };
    }
    return { kind: "external" };
}
