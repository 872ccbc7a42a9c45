// Self-managed database / key hosts on EC2. IaC does not say what software runs on an instance, so the
// EC2 policies that apply only to DB or key hosts decide it from configurable tags and name words.

import type { ConfigProperties } from "../../lib/core/config";
import { isKeyMaterial, knownNames, tagsOf } from "../../lib/aws/key-material";
import { isObject, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../../lib/readers/values";
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
        default: [
            "role=database",
            "role=db",
            "role=key-store",
            "role=keystore",
            "workload=database",
            "data-class=key-material",
            "data-classification=key-material",
            "key-material=true",
        ],
        description: 'Tag selectors ("key=value", globs allowed, or a bare "key") that mark an instance or launch template as a database or key-material host.',
    },
    dbHostNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: ["db", "database", "postgres*", "mysql*", "mariadb*", "mongo*", "redis*", "cassandra*", "couchdb*", "etcd*", "hsm", "keystore*", "wallet*", "signer*", "vault"],
        description: "Word patterns (globs over the words of the Pulumi name or Name tag) that mark a database or key-material host.",
    },
};

/** Extra tag maps of a launch template: `tagSpecifications[].tags` (what launched instances get). */
function tagSpecificationTags(props: PlainObject): Plain[] {
    const specs = props["tagSpecifications"];
    if (specs === UNKNOWN) {
        return [UNKNOWN];
    }
    return Array.isArray(specs) ? specs.map((s) => (s === UNKNOWN ? UNKNOWN : isObject(s) ? s["tags"] : undefined)) : [];
}

/** Is the instance / launch template a DB or key host? UNKNOWN when an unknown tag decides. */
export function isDbHost(name: string, props: PlainObject, config: DbHostConfig): boolean | Unknown {
    const tags = tagsOf(props, tagSpecificationTags(props));
    const names = knownNames(props, ["name", "namePrefix"], [name]);
    if (tags !== UNKNOWN && typeof tags["Name"] === "string") {
        names.push(tags["Name"]);
    }
    return isKeyMaterial(tags, names, { keyMaterialTags: config.dbHostTags, keyMaterialNamePatterns: config.dbHostNamePatterns });
}
