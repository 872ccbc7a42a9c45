// Resource graph lookups for stack policies: which resources does an input refer to, and which resources
// refer to this one?
//
// Two ways to link, used together: `propertyDependencies` (URNs the engine records for each input, known even
// during a preview of a new stack, when every id and ARN is unknown), and matching known values against the
// ids, ARNs and names of the stack's resources (existing stacks, exports, inputs written as literals).

import { asList, isAbsent, read, UNKNOWN, type Plain, type PlainObject } from "../readers/values";

/** One resource of the stack as the stack policies read it. */
export interface StackResource {
    type: string;
    name: string;
    urn: string;
    /** The resource's outputs (inputs during preview), proxy-free, with unknowns as `UNKNOWN`. */
    props: PlainObject;
    parentUrn?: string;
    dependencies: readonly string[];
    /** Input property name -> URNs of the resources that input was computed from. */
    propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** Output properties a reference may name, in order of preference. */
const IDENTITY_KEYS = ["id", "arn", "name", "identifier", "clusterIdentifier", "keyId", "bucket", "userId", "userGroupId", "urn"] as const;

/**
 * Keys that identify one resource wherever it is (an id, an ARN, a URN). The others are names, which copies of a
 * stack in other regions or for other tenants reuse: a reference by name is narrowed before it is followed.
 */
const UNIQUE_KEYS: ReadonlySet<string> = new Set(["id", "arn", "urn"]);

/** More resources than this for one value, after narrowing, is an ambiguous reference: it is not followed. */
const MAX_VALUE_MATCHES = 1;

interface IdentityEntry {
    resource: StackResource;
    unique: boolean;
}

export interface Reference {
    /** In-stack resources the input refers to. */
    resources: StackResource[];
    /** Known values that match nothing in the stack (defined elsewhere: another stack, the console, a default). */
    external: string[];
    /** True when some unknown value could not be tied to a resource through propertyDependencies. */
    unresolved: boolean;
}

function topLevel(property: string): string {
    return property.split(".")[0] ?? property;
}

/** The string values at a path, flattening lists and one level of nested lists (`vpcOptions.securityGroupIds`). */
export function referenceValues(value: Plain): (string | typeof UNKNOWN)[] {
    const items = asList(value);
    if (items === UNKNOWN) {
        return [UNKNOWN];
    }
    const out: (string | typeof UNKNOWN)[] = [];
    for (const item of items) {
        if (item === UNKNOWN) {
            out.push(UNKNOWN);
        } else if (typeof item === "string" && item.trim() !== "") {
            out.push(item.trim());
        } else if (Array.isArray(item)) {
            out.push(...referenceValues(item));
        }
    }
    return out;
}

export class StackGraph {
    private readonly byUrnMap = new Map<string, StackResource>();
    private readonly byIdentity = new Map<string, IdentityEntry[]>();
    private readonly byTypeMap = new Map<string, StackResource[]>();
    private readonly reverseIndexes = new Map<string, Map<StackResource, StackResource[]>>();
    private readonly valueIndexes = new Map<string, Map<string, StackResource[]>>();

    private static readonly shared = new WeakMap<readonly StackResource[], StackGraph>();

    /**
     * The graph of a resource list, built once: every stack policy of one AnalyzeStack call receives the same
     * list (see toStackPolicy), so they share the graph and its lazily built indexes.
     */
    static of(resources: readonly StackResource[]): StackGraph {
        let graph = StackGraph.shared.get(resources);
        if (!graph) {
            graph = new StackGraph(resources);
            StackGraph.shared.set(resources, graph);
        }
        return graph;
    }

    constructor(readonly resources: readonly StackResource[]) {
        for (const resource of resources) {
            this.byUrnMap.set(resource.urn, resource);
            const list = this.byTypeMap.get(resource.type) ?? [];
            list.push(resource);
            this.byTypeMap.set(resource.type, list);
            for (const key of IDENTITY_KEYS) {
                const value = resource.props[key];
                if (typeof value === "string" && value !== "") {
                    this.index(value, resource, UNIQUE_KEYS.has(key));
                }
            }
            // Resources are also known by their URN (references collapse to the URN when there is no id).
            this.index(resource.urn, resource, true);
        }
    }

    private index(value: string, resource: StackResource, unique: boolean): void {
        const entries = this.byIdentity.get(value) ?? [];
        const existing = entries.find((e) => e.resource === resource);
        if (existing) {
            existing.unique ||= unique;
        } else {
            entries.push({ resource, unique });
        }
        this.byIdentity.set(value, entries);
    }

    /**
     * The resources a known value in `owner`'s input refers to. A value several resources share (a name reused by
     * copies of a stack in other regions or for other tenants) is narrowed to the owner's own: those its
     * dependencies name, those identified by id/ARN/URN, those under the same parent, those in the same region.
     * What stays ambiguous is not followed (`ambiguous`), so copies are never linked to each other.
     */
    private resolveValue(owner: StackResource, value: string, types: readonly string[], dependencies: ReadonlySet<StackResource>): { resources: StackResource[]; ambiguous: boolean } {
        // A resource does not refer to itself (a bucket's sub-resources carry the bucket's name as their `bucket`).
        const entries = (this.byIdentity.get(value) ?? []).filter((e) => e.resource !== owner && types.includes(e.resource.type));
        if (entries.length <= MAX_VALUE_MATCHES) {
            return { resources: entries.map((e) => e.resource), ambiguous: false };
        }
        const region = regionOf(owner);
        const narrowings: ((e: IdentityEntry) => boolean)[] = [
            (e) => dependencies.has(e.resource),
            (e) => e.unique,
            (e) => e.resource.parentUrn !== undefined && e.resource.parentUrn === owner.parentUrn,
            (e) => region !== undefined && regionOf(e.resource) === region,
        ];
        let remaining = entries;
        for (const keep of narrowings) {
            const narrowed = remaining.filter(keep);
            if (narrowed.length > 0) {
                remaining = narrowed;
            }
            if (remaining.length <= MAX_VALUE_MATCHES) {
                return { resources: remaining.map((e) => e.resource), ambiguous: false };
            }
        }
        return { resources: [], ambiguous: true };
    }

    byUrn(urn: string): StackResource | undefined {
        return this.byUrnMap.get(urn);
    }

    ofType(...types: string[]): StackResource[] {
        return types.flatMap((type) => this.byTypeMap.get(type) ?? []);
    }

    /** Resources whose id, ARN, name or URN equals the value (optionally restricted to types). */
    find(value: string, types?: readonly string[]): StackResource[] {
        const matches = (this.byIdentity.get(value) ?? []).map((e) => e.resource);
        return types ? matches.filter((r) => types.includes(r.type)) : matches;
    }

    /** The resources an input refers to, among `types`. */
    referenced(resource: StackResource, property: string, types: readonly string[]): Reference {
        const found = new Set<StackResource>();
        const viaDependencies = (resource.propertyDependencies[topLevel(property)] ?? [])
            .map((urn) => this.byUrnMap.get(urn))
            .filter((r): r is StackResource => r !== undefined && types.includes(r.type));
        viaDependencies.forEach((r) => found.add(r));

        const external: string[] = [];
        let unresolved = false;
        const value = read(resource.props, property);
        if (isAbsent(value)) {
            return { resources: [...found], external, unresolved };
        }
        const dependencies = new Set(viaDependencies);
        for (const item of referenceValues(value)) {
            if (item === UNKNOWN) {
                unresolved ||= viaDependencies.length === 0;
                continue;
            }
            const { resources: matches, ambiguous } = this.resolveValue(resource, item, types, dependencies);
            if (ambiguous) {
                unresolved = true;
            } else if (matches.length > 0) {
                matches.forEach((r) => found.add(r));
            } else {
                // Not a resource of the expected types in this stack (possibly a resource of another type, a
                // mistake the provider would reject): it cannot be followed, so the caller treats it as external.
                external.push(item);
            }
        }
        return { resources: [...found], external, unresolved };
    }

    /**
     * The resources of `types` whose input `property` holds one of `values` (known strings), for references to an
     * identity the graph does not index: an output of another resource, such as a VPC's `mainRouteTableId`.
     */
    holding(types: readonly string[], property: string, values: readonly string[]): StackResource[] {
        const key = `${types.join("\u0000")}\u0002${property}`;
        let index = this.valueIndexes.get(key);
        if (!index) {
            index = new Map();
            for (const candidate of this.ofType(...types)) {
                for (const item of referenceValues(read(candidate.props, property))) {
                    if (item !== UNKNOWN) {
                        const list = index.get(item) ?? [];
                        list.push(candidate);
                        index.set(item, list);
                    }
                }
            }
            this.valueIndexes.set(key, index);
        }
        const found = new Set<StackResource>();
        for (const value of values) {
            index.get(value)?.forEach((r) => found.add(r));
        }
        return [...found];
    }

    /** The resources of `types` whose input `property` refers to `target` (reverse lookup). */
    referencing(target: StackResource, types: readonly string[], property: string): StackResource[] {
        return this.reverseIndex(types, property, target.type).get(target) ?? [];
    }

    /**
     * target -> the candidates (in `ofType` order) whose `property` refers to it, built once per (types, property):
     * a per-target scan of every candidate made stack policies quadratic in the stack size.
     */
    private reverseIndex(types: readonly string[], property: string, targetType: string): Map<StackResource, StackResource[]> {
        const key = `${types.join("\u0000")}\u0001${property}\u0001${targetType}`;
        const cached = this.reverseIndexes.get(key);
        if (cached) {
            return cached;
        }
        const index = new Map<StackResource, StackResource[]>();
        for (const candidate of this.ofType(...types)) {
            const targets = new Set<StackResource>();
            for (const urn of candidate.propertyDependencies[topLevel(property)] ?? []) {
                const resource = this.byUrnMap.get(urn);
                if (resource) {
                    targets.add(resource);
                }
            }
            const dependencies = new Set(targets);
            for (const item of referenceValues(read(candidate.props, property))) {
                if (item !== UNKNOWN) {
                    this.resolveValue(candidate, item, [targetType], dependencies).resources.forEach((r) => targets.add(r));
                }
            }
            for (const target of targets) {
                const list = index.get(target) ?? [];
                // ofType may list a candidate twice when `types` repeats a type; keep the old filter's output.
                list.push(candidate);
                index.set(target, list);
            }
        }
        this.reverseIndexes.set(key, index);
        return index;
    }
}

/** The region a resource is in, when its properties say (every resource of pulumi-aws 7 has `region`). */
function regionOf(resource: StackResource): string | undefined {
    const region = resource.props.region;
    return typeof region === "string" && region.trim() !== "" ? region.trim() : undefined;
}
