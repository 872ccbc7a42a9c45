// Self-managed database / key hosts on EC2. IaC does not say what software runs on an instance, so the EC2
// policies decide it the way the scope model does (policies/lib/aws/scope.ts): configurable tags and name words, or
// user data that installs or runs a database server.

import type { ConfigProperties } from "../../lib/core/config";
import { DEFAULT_DB_HOST_NAME_PATTERNS, DEFAULT_DB_HOST_TAGS, isDbHost as isDbHostByEvidence, isDbHostInStack, type InScope } from "../../lib/aws/scope";
import type { StackGraph, StackResource } from "../../lib/aws/graph";
import type { PlainObject } from "../../lib/readers/values";
import { EC2_INSTANCE, EC2_LAUNCH_CONFIGURATION, EC2_LAUNCH_TEMPLATE, EC2_SPOT_INSTANCE_REQUEST } from "../../lib/aws/types";

export const INSTANCE = EC2_INSTANCE;
export const SPOT_INSTANCE_REQUEST = EC2_SPOT_INSTANCE_REQUEST;
export const LAUNCH_TEMPLATE = EC2_LAUNCH_TEMPLATE;
export const LAUNCH_CONFIGURATION = EC2_LAUNCH_CONFIGURATION;

export type DbHostConfig = {
    dbHostTags: string[];
    dbHostNamePatterns: string[];
};

export const DB_HOST_CONFIG: ConfigProperties<DbHostConfig> = {
    dbHostTags: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_DB_HOST_TAGS],
        description: 'Tag selectors ("key=value", globs allowed, or a bare "key") that mark an instance or launch template as a database or key-material host (user data that installs or runs a database server marks it too).',
    },
    dbHostNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_DB_HOST_NAME_PATTERNS],
        description: "Word patterns (globs over the words of the Pulumi name or Name tag) that mark a database or key-material host.",
    },
};

/** Is the instance / launch template a DB or key host (tags, names, user data)? UNKNOWN when an unknown value decides. */
export function isDbHost(name: string, props: PlainObject, config: DbHostConfig): InScope {
    return isDbHostByEvidence(name, props, config);
}

/** The same, with the launch template an instance is launched from. */
export function isDbHostOfStack(host: StackResource, graph: StackGraph, config: DbHostConfig): InScope {
    return isDbHostInStack(host, graph, config);
}
