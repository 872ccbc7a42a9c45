import { undecided, violation } from "../lib/readers/checks";
import { advancedSelectorRecords, selectorMode, TRAIL_TYPE, type SampleEvent } from "./lib/cloudtrail";
import { StackGraph } from "../lib/aws/graph";
import { matchesTags, tagsOf } from "../lib/aws/key-material";
import type { Finding, StackResource } from "../lib/core/policy";
import { stackPolicy } from "../lib/core/policy";
import { asList, asString, isObject, or, read, UNKNOWN, type Plain, type Tri } from "../lib/readers/values";
import { DYNAMODB_TABLE, S3_BUCKET, S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2, S3_BUCKET_V2 } from "../lib/aws/types";

const BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2];
const TABLE_TYPE = DYNAMODB_TABLE;
const LOGGING_TYPES = [S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2];

interface Store {
    resource: StackResource;
    kind: "s3" | "dynamodb";
    name: string | typeof UNKNOWN;
    arn: string | typeof UNKNOWN;
}

function known(value: Plain): string | typeof UNKNOWN {
    const s = asString(value);
    return typeof s === "string" && s.trim() !== "" ? s.trim() : UNKNOWN;
}

function storeOf(resource: StackResource): Store {
    if (resource.type === TABLE_TYPE) {
        return { resource, kind: "dynamodb", name: known(read(resource.props, "name")), arn: known(read(resource.props, "arn")) };
    }
    const name = known(read(resource.props, "bucket"));
    const arn = known(read(resource.props, "arn"));
    return { resource, kind: "s3", name, arn: arn !== UNKNOWN ? arn : name !== UNKNOWN ? `arn:aws:s3:::${name}` : UNKNOWN };
}

/** Does a legacy `dataResources` value select the store? */
function valueSelects(value: string, store: Store): Tri {
    const v = value.trim();
    if (store.kind === "s3") {
        if (v === "arn:aws:s3" || v === "arn:aws:s3:::" || /^arn:aws[a-z-]*:s3$/.test(v)) {
            return true;
        }
        if (store.name === UNKNOWN) {
            return UNKNOWN;
        }
        const prefix = `:s3:::${store.name}`;
        return v.endsWith(prefix) || v.includes(`${prefix}/`);
    }
    if (v === "arn:aws:dynamodb" || /^arn:aws[a-z-]*:dynamodb$/.test(v)) {
        return true;
    }
    if (store.arn !== UNKNOWN && (v === store.arn || store.arn.startsWith(v))) {
        return true;
    }
    if (store.name === UNKNOWN && store.arn === UNKNOWN) {
        return UNKNOWN;
    }
    return store.name !== UNKNOWN && v.endsWith(`:table/${store.name}`);
}

function dependsOn(trail: StackResource, property: string, store: Store): boolean {
    return (trail.propertyDependencies[property] ?? []).includes(store.resource.urn);
}

function legacyCovers(trail: StackResource, selectors: Plain[], store: Store): Tri {
    const type = store.kind === "s3" ? "AWS::S3::Object" : "AWS::DynamoDB::Table";
    const results: Tri[] = [];
    for (const selector of selectors) {
        if (selector === UNKNOWN) {
            results.push(UNKNOWN);
            continue;
        }
        if (!isObject(selector)) {
            continue;
        }
        const rw = asString(read(selector, "readWriteType"));
        if (rw === "WriteOnly") {
            continue;
        }
        const resources = asList(read(selector, "dataResources"));
        if (resources === UNKNOWN) {
            results.push(dependsOn(trail, "eventSelectors", store) ? true : UNKNOWN);
            continue;
        }
        for (const dr of resources) {
            if (!isObject(dr)) {
                results.push(dr === UNKNOWN ? UNKNOWN : false);
                continue;
            }
            const drType = asString(read(dr, "type"));
            if (drType !== type && drType !== UNKNOWN) {
                continue;
            }
            const values = asList(read(dr, "values"));
            if (values === UNKNOWN) {
                results.push(dependsOn(trail, "eventSelectors", store) ? true : UNKNOWN);
                continue;
            }
            for (const value of values) {
                let hit: Tri = typeof value === "string" ? valueSelects(value, store) : value === UNKNOWN ? UNKNOWN : false;
                if (hit === UNKNOWN && dependsOn(trail, "eventSelectors", store)) {
                    hit = true;
                }
                results.push(drType === UNKNOWN && hit === true ? UNKNOWN : hit);
            }
        }
    }
    return or(...results);
}

function advancedCovers(trail: StackResource, selectors: Plain[], store: Store): Tri {
    const event: SampleEvent =
        store.kind === "s3"
            ? { eventCategory: "Data", eventSource: "s3.amazonaws.com", eventName: "GetObject", readOnly: true, resourceType: "AWS::S3::Object", resourceArn: store.arn === UNKNOWN ? UNKNOWN : `${store.arn}/wallet-key` }
            : { eventCategory: "Data", eventSource: "dynamodb.amazonaws.com", eventName: "GetItem", readOnly: true, resourceType: "AWS::DynamoDB::Table", resourceArn: store.arn };
    const result = or(...selectors.map((s) => advancedSelectorRecords(s, event)));
    return result === UNKNOWN && dependsOn(trail, "advancedEventSelectors", store) ? true : result;
}

function covers(trail: StackResource, store: Store): Tri {
    const mode = selectorMode(trail.props);
    switch (mode.kind) {
        case "default":
            return false;
        case "unknown":
            return UNKNOWN;
        case "legacy":
            return legacyCovers(trail, mode.selectors, store);
        case "advanced":
            return advancedCovers(trail, mode.selectors, store);
    }
}

/** Is the store tagged as a key store (the key-material tag reading and selector syntax of lib/aws/key-material.ts)? */
function tagged(resource: StackResource, tag: string): boolean {
    // A store whose tags are only known at update time counts then; an empty selector means every store.
    return tag.trim() === "" || matchesTags(tagsOf(resource.props), [tag]) === true;
}

interface Config {
    [key: string]: string;
    keyStoreTag: string;
}

export const cloudtrailDataEventsKeyStores = stackPolicy<Config>({
    name: "cloudtrail-data-events-key-stores",
    description: "When a stack has a CloudTrail trail, it should record read data events for the stack's S3 buckets and DynamoDB tables that hold key material.",
    controls: [103],
    category: "monitoring",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        cis: ["3.8", "3.9"],
        pciDss: ["10.2.1"],
        nist: ["AU-12"],
        trivy: ["AVD-AWS-0171", "AVD-AWS-0172"],
    },
    resourceTypes: [TRAIL_TYPE, TABLE_TYPE, ...BUCKET_TYPES],
    remediationSteps: [
        "1. Add an event selector to the trail: `eventSelectors: [{ readWriteType: \"All\", dataResources: [{ type: \"AWS::DynamoDB::Table\", values: [table.arn] }, { type: \"AWS::S3::Object\", values: [pulumi.interpolate`${bucket.arn}/`] }] }]`.",
        "2. Or use `advancedEventSelectors` with `eventCategory` = `Data`, `resources.type` = `AWS::S3::Object` / `AWS::DynamoDB::Table` and `resources.ARN` startsWith the store's ARN; do not restrict `readOnly` to `false`.",
        "3. To limit the check to tagged stores, set this policy's `keyStoreTag` config (e.g. `data-classification=key-material`).",
    ].join("\n"),
    config: {
        keyStoreTag: {
            type: "string",
            default: "",
            description: "Only buckets and tables with this tag (`key` or `key=value`, case-insensitive, `*` globs allowed, in `tags` or `tagsAll`) count as key stores; empty means every bucket and table of the stack except the trail's own log buckets.",
        },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const trails = graph.ofType(TRAIL_TYPE);
        if (trails.length === 0) {
            return [];
        }
        const logBuckets = new Set<string>();
        for (const trail of trails) {
            graph.referenced(trail, "s3BucketName", BUCKET_TYPES).resources.forEach((b) => logBuckets.add(b.urn));
        }
        for (const logging of graph.ofType(...LOGGING_TYPES)) {
            graph.referenced(logging, "targetBucket", BUCKET_TYPES).resources.forEach((b) => logBuckets.add(b.urn));
        }
        const stores = graph
            .ofType(TABLE_TYPE, ...BUCKET_TYPES)
            .filter((r) => !logBuckets.has(r.urn) && tagged(r, config.keyStoreTag))
            .map(storeOf);
        const uncovered: Store[] = [];
        const undecidedStores: Store[] = [];
        for (const store of stores) {
            const verdict = or(...trails.map((t) => covers(t, store)));
            if (verdict === false) {
                uncovered.push(store);
            } else if (verdict === UNKNOWN) {
                undecidedStores.push(store);
            }
        }
        const findings: Finding[] = [];
        for (const trail of trails) {
            const property = selectorMode(trail.props).kind === "advanced" ? "advancedEventSelectors" : "eventSelectors";
            if (uncovered.length > 0) {
                const names = uncovered.map((s) => `${s.kind === "s3" ? "bucket" : "table"} ${s.resource.name}`).join(", ");
                findings.push(
                    violation(
                        property,
                        `No trail of this stack records read data events for ${names}, so reads of individual key objects or items leave no audit record. Add AWS::S3::Object / AWS::DynamoDB::Table data resources for them to \`${property}\`.`,
                        trail.urn,
                    ),
                );
            } else if (undecidedStores.length > 0) {
                findings.push(
                    undecided(property, `Whether \`${property}\` covers ${undecidedStores.map((s) => s.resource.name).join(", ")} is only known at update time; the policy re-checks it then.`, trail.urn),
                );
            }
        }
        return findings;
    },
});
