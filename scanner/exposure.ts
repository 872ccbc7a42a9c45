// The exposure paths of each key-material store, for the HTML report: store -> security group -> rule -> public
// source, store -> subnet -> route table -> internet gateway, store -> KMS key -> key policy statement ->
// principal, secret -> IAM policy -> user/role without MFA, store -> snapshot -> public or another account.
//
// No reachability logic lives here: the paths are read from the pack's own model (policies/lib/aws: StackGraph,
// reachability, stores, kms/iam statements, key-material classification), loaded from the compiled pack the scan
// ran, the way waivers.ts loads the pack's waiver text. Snapshots are linked to the pack's own findings on them.
//
// Nothing of a property's value reaches a node, except what the README allows a report to quote: CIDRs and
// prefix-list ids of rules, and statement Sids, each replaced by "[secret]" when the input holds it as a secret.

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Deployment } from "./engine/model";
import { encodeForAnalyzer, unwrapSecrets } from "./engine/values";
import type { PolicyConfigEntry } from "./engine/config";
import { REDACTED } from "./inputs";
import { findingProperty } from "./baseline";
import type { Finding } from "./scan";

// ---- The pack's model, as the compiled modules export it (the scanner does not compile against policies/) ----

type Tri = boolean | symbol;

interface StackResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    parentUrn?: string;
    dependencies: readonly string[];
    propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

interface Reference {
    resources: StackResource[];
    external: string[];
    unresolved: boolean;
}

interface StackGraph {
    ofType(...types: string[]): StackResource[];
    byUrn(urn: string): StackResource | undefined;
    referenced(resource: StackResource, property: string, types: readonly string[]): Reference;
    referencing(target: StackResource, types: readonly string[], property: string): StackResource[];
}

interface StoreKind {
    type: string;
    label: string;
    keyProperties: readonly string[];
    securityGroupProperties: readonly string[];
    defaultSecurityGroupWhenOmitted: boolean;
    inheritsNetworkWhen?: readonly string[];
}

interface RuleExposure {
    property: string;
    source: string;
    owner: StackResource;
    undecided: boolean;
}

interface PublicRoute {
    table?: StackResource;
    route?: StackResource;
    property: string;
    gateway?: StackResource;
    governedBy: "association" | "main route table";
}

type Verdict = { kind: "private" } | { kind: "public"; path: string; route?: PublicRoute } | { kind: "undecided"; reason: string };

interface PrincipalEntry {
    kind: string;
    value: string | symbol;
}

interface Statement {
    index: number;
    sid?: string;
    effect: string | symbol;
    principals?: PrincipalEntry[] | symbol;
    notPrincipal: boolean;
    resources: (string | symbol)[] | symbol;
}

type ParsedDocument = { kind: "absent" | "unknown" | "malformed" } | { kind: "document"; statements: Statement[] };

interface PrincipalRef {
    key: string;
    kind: "user" | "group" | "role" | "unknown";
    resource?: StackResource;
    label: string;
}

interface ReachingDocument {
    principal: PrincipalRef;
    holder: StackResource;
    property: string;
    value: unknown;
}

interface IamModel {
    readonly documents: ReachingDocument[];
    userEnforced(userKey: string, actions: readonly string[]): Tri;
    groupEnforced(groupKey: string, actions: readonly string[]): Tri;
}

interface Settings {
    keyMaterialTagKeys: readonly string[];
    keyMaterialTagValues: readonly string[];
    keyMaterialNamePatterns: readonly RegExp[];
}

/** What the report uses of the compiled pack. */
export interface PackModel {
    StackGraph: new (resources: readonly StackResource[]) => StackGraph;
    snapshot(props: unknown): Record<string, unknown>;
    read(root: unknown, path: string): unknown;
    STORES: readonly StoreKind[];
    SUBNET_PLACEMENTS: readonly { type: string; label: string; property: string }[];
    KMS_KEY_TYPES: readonly string[];
    SUBNET_TYPE: string;
    storeGroups(graph: StackGraph, store: StackResource, kind: StoreKind): { groups: StackResource[]; external: string[]; none: boolean; defaultGroup: boolean };
    groupExposures(graph: StackGraph, group: StackResource, allowedCidrs: readonly string[]): RuleExposure[];
    sourceGroups(graph: StackGraph, group: StackResource): StackResource[];
    subnetVerdict(graph: StackGraph, subnet: StackResource): Verdict;
    allowedCidrsFromConfig(entries: readonly string[]): { cidrs: string[] };
    parsePolicyDocument(value: unknown): ParsedDocument;
    hasWildcardPrincipal(statement: Statement): Tri;
    isAccountScoped(statement: Statement): Tri;
    principalAccounts(statement: Statement): (string | symbol)[];
    coveredActions(statement: Statement, actions: readonly string[]): string[] | symbol;
    requiresMfa(statement: Statement): Tri;
    globMatch(pattern: string, value: string): boolean;
    SECRET_READ_ACTIONS: readonly string[];
    decryptActions(statement: Statement): string[] | symbol;
    IamModel: new (graph: StackGraph) => IamModel;
    classifyTrust(role: StackResource, graph: StackGraph): { human: Tri; mfaGated: Tri };
    parseSettings(raw: unknown): Settings;
    isClassifiedKeyMaterial(settings: Settings, name: string, props: Record<string, unknown>): boolean;
    /** The pack's reader of waived findings (waivers.ts loads the same module). */
    parseWaived(message: string): { text: string } | undefined;
    /** Resource type tokens (policies/lib/aws/types.ts, checked against @pulumi/aws there). */
    types: Record<TypeName, string>;
}

const TYPE_NAMES = [
    "RDS_INSTANCE",
    "RDS_CLUSTER",
    "RDS_SNAPSHOT",
    "RDS_CLUSTER_SNAPSHOT",
    "RDS_SNAPSHOT_COPY",
    "RDS_CLUSTER_SNAPSHOT_COPY",
    "KMS_KEY_POLICY",
    "SECRETSMANAGER_SECRET",
    "SECRETSMANAGER_SECRET_POLICY",
    "DYNAMODB_RESOURCE_POLICY",
    "BACKUP_VAULT_POLICY",
    "OPENSEARCH_DOMAIN_POLICY",
    "S3_BUCKET",
    "S3_BUCKET_V2",
    "S3_BUCKET_POLICY",
    "S3_BUCKET_ACL",
    "S3_BUCKET_ACL_V2",
] as const;
type TypeName = (typeof TYPE_NAMES)[number];

/** The compiled modules the report reads, relative to the pack directory, and what each must export. */
const MODULES: Record<string, readonly (keyof PackModel)[]> = {
    "lib/aws/graph.js": ["StackGraph"],
    "lib/readers/values.js": ["snapshot", "read"],
    "lib/aws/stores.js": ["STORES", "SUBNET_PLACEMENTS", "KMS_KEY_TYPES"],
    "lib/aws/reachability.js": ["SUBNET_TYPE", "storeGroups", "groupExposures", "sourceGroups", "subnetVerdict"],
    "lib/aws/sg.js": ["allowedCidrsFromConfig"],
    "lib/aws/iam.js": ["parsePolicyDocument", "hasWildcardPrincipal", "isAccountScoped", "principalAccounts", "coveredActions", "requiresMfa", "globMatch", "SECRET_READ_ACTIONS"],
    "lib/aws/kms.js": ["decryptActions"],
    "lib/aws/iam-identity.js": ["IamModel", "classifyTrust"],
    "lib/core/settings.js": ["parseSettings"],
    "lib/aws/key-material.js": ["isClassifiedKeyMaterial"],
    "lib/core/waiver-text.js": ["parseWaived"],
};

/** The pack's model from its compiled modules (policies/bin); a clear error when the pack is not built. */
export function loadPackModel(packDir: string): PackModel {
    const model: Record<string, unknown> = {};
    for (const [module, names] of Object.entries(MODULES)) {
        const file = join(resolve(packDir), "bin", ...module.split("/"));
        if (!existsSync(file)) {
            throw new Error(`the policy pack has no bin/${module} (is it built, and a version this scanner knows?)`);
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const loaded = require(file) as Record<string, unknown>;
        for (const name of names) {
            if (loaded[name] === undefined) {
                throw new Error(`${file} does not export ${name}`);
            }
            model[name] = loaded[name];
        }
    }
    const typesFile = join(resolve(packDir), "bin", "lib", "aws", "types.js");
    if (!existsSync(typesFile)) {
        throw new Error("the policy pack has no bin/lib/aws/types.js (is it built, and a version this scanner knows?)");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const types = require(typesFile) as Record<string, unknown>;
    model.types = Object.fromEntries(
        TYPE_NAMES.map((name) => {
            if (typeof types[name] !== "string") {
                throw new Error(`${typesFile} does not export ${name}`);
            }
            return [name, types[name]];
        }),
    );
    return model as unknown as PackModel;
}

// ---- The paths ------------------------------------------------------------------------------------------

export type NodeKind = "store" | "resource" | "rule" | "statement" | "principal" | "public" | "default-group";

export interface ExposureNode {
    /** Unique within the store's graph. */
    key: string;
    label: string;
    kind: NodeKind;
    /** The stack resource the node is, when it is one: its findings are linked. */
    urn?: string;
    type?: string;
}

export interface ExposureEdge {
    from: string;
    to: string;
    /** The property that creates the link (`vpcSecurityGroupIds`, `ingress[0].cidrBlocks[0]`, `kmsKeyId`). */
    property: string;
}

export type PathKind = "public endpoint" | "resource policy" | "security group" | "subnet" | "KMS key" | "IAM" | "snapshot";

export interface ExposurePath {
    kind: PathKind;
    /** Node keys from the store outwards. */
    nodes: string[];
    /** Properties of the hops between consecutive nodes (nodes.length - 1). */
    properties: string[];
}

export interface StoreExposure {
    urn: string;
    name: string;
    type: string;
    label: string;
    nodes: ExposureNode[];
    edges: ExposureEdge[];
    paths: ExposurePath[];
}

export interface StackExposure {
    file: string;
    project: string;
    stack: string;
    stores: StoreExposure[];
}

/** Snapshot types, the input that names their source (a store or another snapshot), and what they copy. */
function snapshotKinds(t: PackModel["types"]): { type: string; property: string; sources: readonly string[] }[] {
    return [
        { type: t.RDS_SNAPSHOT, property: "dbInstanceIdentifier", sources: [t.RDS_INSTANCE] },
        { type: t.RDS_CLUSTER_SNAPSHOT, property: "dbClusterIdentifier", sources: [t.RDS_CLUSTER] },
        { type: t.RDS_SNAPSHOT_COPY, property: "sourceDbSnapshotIdentifier", sources: [t.RDS_SNAPSHOT, t.RDS_SNAPSHOT_COPY] },
        { type: t.RDS_CLUSTER_SNAPSHOT_COPY, property: "sourceDbClusterSnapshotIdentifier", sources: [t.RDS_CLUSTER_SNAPSHOT, t.RDS_CLUSTER_SNAPSHOT_COPY] },
    ];
}

/**
 * Resource policies attached to a store by a resource of their own, the input that names the store, and the
 * pack's policies whose findings on them say they let anyone (or another account) in.
 */
function resourcePolicyKinds(t: PackModel["types"]): { type: string; property: string; policies: readonly string[] }[] {
    return [
        { type: t.S3_BUCKET_POLICY, property: "bucket", policies: ["s3-policy-no-public-principal"] },
        { type: t.S3_BUCKET_ACL, property: "bucket", policies: ["s3-no-public-acl"] },
        { type: t.S3_BUCKET_ACL_V2, property: "bucket", policies: ["s3-no-public-acl"] },
        { type: t.SECRETSMANAGER_SECRET_POLICY, property: "secretArn", policies: ["secretsmanager-policy-not-public"] },
        { type: t.DYNAMODB_RESOURCE_POLICY, property: "resourceArn", policies: ["dynamodb-resource-policy-not-public"] },
        { type: t.BACKUP_VAULT_POLICY, property: "backupVaultName", policies: ["backup-vault-policy-restricted"] },
        { type: t.OPENSEARCH_DOMAIN_POLICY, property: "domainName", policies: ["opensearch-fgac-no-anonymous"] },
    ];
}

/** The same policies' findings on the store's own inline policy (a secret's `policy`, a bucket's `acl`). */
const INLINE_POLICY_POLICIES: ReadonlySet<string> = new Set(["s3-policy-no-public-principal", "s3-no-public-acl", "secretsmanager-policy-not-public", "dynamodb-resource-policy-not-public"]);

const PUBLIC_GRANT: ExposureNode = { key: "public:grant", label: "anyone (public grant)", kind: "public" };

/** The pack's findings that a store itself has a public endpoint (an input of the store, no graph to follow). */
const PUBLIC_ENDPOINT_POLICIES: ReadonlySet<string> = new Set(["rds-instance-not-public", "redshift-not-public", "opensearch-vpc-only"]);

/** The pack's findings that share a snapshot with everyone or another account (rds-snapshot-not-public). */
const SNAPSHOT_SHARING_POLICY = "rds-snapshot-not-public";


/** The resources of a deployment as the stack policies receive them (AnalyzeStack: outputs, secrets unwrapped). */
export function stackResources(model: PackModel, deployment: Deployment): StackResource[] {
    return deployment.resources.map((resource) => ({
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: model.snapshot(unwrapSecrets(encodeForAnalyzer(resource.outputs, { skipInternalKeys: true }))),
        ...(resource.parent ? { parentUrn: resource.parent } : {}),
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    }));
}

class PathBuilder {
    readonly nodes = new Map<string, ExposureNode>();
    readonly edges = new Map<string, ExposureEdge>();
    readonly paths: ExposurePath[] = [];

    resource(resource: StackResource, kind: NodeKind = "resource"): string {
        return this.node({ key: resource.urn, label: resource.name, kind, urn: resource.urn, type: resource.type });
    }

    node(node: ExposureNode): string {
        if (!this.nodes.has(node.key)) {
            this.nodes.set(node.key, node);
        }
        return node.key;
    }

    /** A path: node keys and the property of each hop. */
    add(kind: PathKind, hops: readonly (string | readonly [property: string, node: string])[]): void {
        const nodes = [hops[0] as string];
        const properties: string[] = [];
        for (const hop of hops.slice(1)) {
            const [property, node] = hop as readonly [string, string];
            const from = nodes[nodes.length - 1]!;
            this.edges.set(`${from}\u0000${node}\u0000${property}`, { from, to: node, property });
            nodes.push(node);
            properties.push(property);
        }
        const signature = `${kind}\u0000${nodes.join("\u0000")}\u0000${properties.join("\u0000")}`;
        if (!this.paths.some((p) => `${p.kind}\u0000${p.nodes.join("\u0000")}\u0000${p.properties.join("\u0000")}` === signature)) {
            this.paths.push({ kind, nodes, properties });
        }
    }
}

const PUBLIC_INTERNET: ExposureNode = { key: "public:internet", label: "the internet", kind: "public" };

interface Context {
    model: PackModel;
    graph: StackGraph;
    /** Secret values per URN (inputs.ts secretsByUrn). */
    secretsByUrn: ReadonlyMap<string, readonly string[]>;
    allowedCidrs: readonly string[];
    findings: readonly Finding[];
    iam?: IamModel;
    /** Every secret value of the input (quotable). */
    secrets?: Set<string>;
    /** Identity documents parsed once per stack (every secret is checked against all of them). */
    parsed?: Map<ReachingDocument, ParsedDocument>;
}

/**
 * A value a node may quote (a CIDR, a prefix-list id, a Sid), or "[secret]" when the input holds it as a secret,
 * of this resource or of any other (a rule's CIDR may be computed from another resource's secret output).
 */
function quotable(context: Context, value: string): string {
    context.secrets ??= new Set([...context.secretsByUrn.values()].flat());
    return context.secrets.has(value) ? REDACTED : value;
}

function networkPaths(context: Context, builder: PathBuilder, store: StackResource, kind: StoreKind, start: string): void {
    const { model, graph } = context;
    if (kind.securityGroupProperties.length === 0 || kind.inheritsNetworkWhen?.some((p) => model.read(store.props, p) != null)) {
        return;
    }
    const property = kind.securityGroupProperties[0]!;
    const groups = model.storeGroups(graph, store, kind);
    if ((groups.none && kind.defaultSecurityGroupWhenOmitted) || groups.defaultGroup) {
        const group = builder.node({ key: "default-group", label: "VPC default security group", kind: "default-group" });
        builder.add("security group", [start, [groups.none ? `${property} (omitted)` : property, group]]);
    }
    const ruleHops = (group: StackResource, exposure: RuleExposure): [string, string][] => {
        const inline = exposure.owner === group;
        const ruleProperty = inline ? exposure.property.replace(/\.[^.]*$/, "") : "securityGroupId";
        const rule = inline
            ? builder.node({ key: `${group.urn}#${ruleProperty}`, label: `${group.name}.${ruleProperty}`, kind: "rule", urn: group.urn, type: group.type })
            : builder.resource(exposure.owner, "rule");
        const sourceText = quotable(context, exposure.source);
        const source = builder.node({
            key: `source:${sourceText}${exposure.undecided ? " (undecided)" : ""}`,
            label: exposure.undecided ? `${sourceText} (cannot be decided yet)` : sourceText,
            kind: "public",
        });
        const sourceProperty = inline ? exposure.property.slice(ruleProperty.length + 1) : exposure.property;
        return [
            [ruleProperty, rule],
            [sourceProperty, source],
        ];
    };
    for (const group of groups.groups) {
        const groupNode = builder.resource(group);
        for (const exposure of model.groupExposures(graph, group, context.allowedCidrs)) {
            builder.add("security group", [start, [property, groupNode], ...ruleHops(group, exposure)]);
        }
        // A group the store's group admits, itself open to the internet (key-material-store-isolated).
        for (const source of model.sourceGroups(graph, group)) {
            const sourceNode = builder.resource(source);
            for (const exposure of model.groupExposures(graph, source, [])) {
                builder.add("security group", [start, [property, groupNode], ["admits group", sourceNode], ...ruleHops(source, exposure)]);
            }
        }
    }
}

function subnetPaths(context: Context, builder: PathBuilder, store: StackResource, start: string): void {
    const { model, graph } = context;
    const placementTypes = context.model.SUBNET_PLACEMENTS;
    // The store itself (an RDS proxy, an OpenSearch domain), or the subnet groups it names.
    const holders: { holder: StackResource; via?: string; property: string }[] = [];
    for (const placement of placementTypes.filter((p) => p.type === store.type)) {
        holders.push({ holder: store, property: placement.property });
    }
    const groupTypes = placementTypes.filter((p) => p.type !== store.type).map((p) => p.type);
    for (const key of Object.keys(store.props)) {
        if (typeof store.props[key] !== "string" && !Array.isArray(store.props[key]) && (store.propertyDependencies[key] ?? []).length === 0) {
            continue;
        }
        for (const holder of graph.referenced(store, key, groupTypes).resources) {
            const placement = placementTypes.find((p) => p.type === holder.type)!;
            if (!holders.some((h) => h.holder === holder)) {
                holders.push({ holder, via: key, property: placement.property });
            }
        }
    }
    for (const { holder, via, property } of holders) {
        const hops: (string | [string, string])[] = [start];
        if (via !== undefined) {
            hops.push([via, builder.resource(holder)]);
        }
        for (const subnet of graph.referenced(holder, property, [model.SUBNET_TYPE]).resources) {
            const verdict = model.subnetVerdict(graph, subnet);
            if (verdict.kind !== "public") {
                continue;
            }
            const subnetNode = builder.resource(subnet);
            const internet = builder.node(PUBLIC_INTERNET);
            const route = verdict.route;
            if (!route) {
                builder.add("subnet", [...hops, [property, subnetNode], ["mapPublicIpOnLaunch", internet]]);
                continue;
            }
            const path: (string | [string, string])[] = [...hops, [property, subnetNode]];
            const governed = route.governedBy === "association" ? "route table association" : "main route table";
            if (route.table) {
                path.push([governed, builder.resource(route.table)]);
            }
            if (route.route) {
                path.push([route.table ? "routeTableId" : governed, builder.resource(route.route)]);
            }
            const gateway = route.gateway ? builder.resource(route.gateway) : builder.node({ key: "internet-gateway", label: "internet gateway", kind: "resource" });
            path.push([route.property, gateway], ["internet gateway", internet]);
            builder.add("subnet", path);
        }
    }
}

/** The statements of a key's policies that let everyone or another account decrypt (the kms policies' model). */
function keyPaths(context: Context, builder: PathBuilder, store: StackResource, kind: StoreKind, start: string): void {
    const { model, graph } = context;
    for (const property of kind.keyProperties) {
        for (const key of graph.referenced(store, property, model.KMS_KEY_TYPES).resources) {
            const arn = model.read(key.props, "arn");
            const ownAccount = typeof arn === "string" ? arn.split(":")[4] : undefined;
            const documents = [key, ...graph.referencing(key, [model.types.KMS_KEY_POLICY], "keyId")];
            for (const holder of documents) {
                const parsed = model.parsePolicyDocument(model.read(holder.props, "policy"));
                if (parsed.kind !== "document") {
                    continue;
                }
                for (const statement of parsed.statements) {
                    const actions = model.decryptActions(statement);
                    if (statement.effect !== "Allow" || !Array.isArray(actions) || actions.length === 0) {
                        continue;
                    }
                    let principal: ExposureNode | undefined;
                    if (model.hasWildcardPrincipal(statement) === true && model.isAccountScoped(statement) !== true) {
                        principal = { key: "principal:anyone", label: "any AWS principal (*)", kind: "public" };
                    } else if (ownAccount && /^\d{12}$/.test(ownAccount)) {
                        const foreign = model.principalAccounts(statement).some((account) => typeof account === "string" && account !== ownAccount);
                        if (foreign) {
                            principal = { key: "principal:foreign", label: "another AWS account", kind: "public" };
                        }
                    }
                    if (!principal) {
                        continue;
                    }
                    const sid = statement.sid ? `Sid "${quotable(context, statement.sid)}"` : `Statement[${statement.index}]`;
                    const keyNode = builder.resource(key);
                    const hops: (string | [string, string])[] = [start, [property, keyNode]];
                    let statementFrom = keyNode;
                    if (holder !== key) {
                        statementFrom = builder.resource(holder);
                        hops.push(["keyId", statementFrom]);
                    }
                    const statementNode = builder.node({ key: `${holder.urn}#${statement.index}`, label: sid, kind: "statement", urn: holder.urn, type: holder.type });
                    hops.push([`policy.Statement[${statement.index}]`, statementNode], [statement.notPrincipal ? "NotPrincipal" : "Principal", builder.node(principal)]);
                    builder.add("KMS key", hops);
                }
            }
        }
    }
}

/** Identity policies that let a user, or a role people assume, read the secret without MFA (the iam policies' model). */
function secretPaths(context: Context, builder: PathBuilder, store: StackResource, start: string): void {
    const { model, graph } = context;
    if (store.type !== model.types.SECRETSMANAGER_SECRET) {
        return;
    }
    context.iam ??= new model.IamModel(graph);
    const iam = context.iam;
    const identities = [model.read(store.props, "arn"), model.read(store.props, "id"), model.read(store.props, "name")].filter((v): v is string => typeof v === "string" && v !== "");
    context.parsed ??= new Map(iam.documents.map((d) => [d, model.parsePolicyDocument(d.value)]));
    for (const document of iam.documents) {
        const parsed = context.parsed.get(document)!;
        if (parsed.kind !== "document") {
            continue;
        }
        for (const statement of parsed.statements) {
            const actions = model.coveredActions(statement, model.SECRET_READ_ACTIONS);
            if (statement.effect !== "Allow" || !Array.isArray(actions) || actions.length === 0 || model.requiresMfa(statement) === true) {
                continue;
            }
            const resources = statement.resources;
            const covers = Array.isArray(resources) && resources.some((pattern) => typeof pattern === "string" && (pattern === "*" || identities.some((id) => model.globMatch(pattern, id))));
            if (!covers) {
                continue;
            }
            const principal = document.principal;
            let withoutMfa: boolean;
            if (principal.kind === "user") {
                withoutMfa = iam.userEnforced(principal.key, actions) === false;
            } else if (principal.kind === "group") {
                withoutMfa = iam.groupEnforced(principal.key, actions) === false;
            } else if (principal.kind === "role" && principal.resource) {
                const trust = model.classifyTrust(principal.resource, graph);
                withoutMfa = trust.human === true && trust.mfaGated === false;
            } else {
                withoutMfa = false;
            }
            if (!withoutMfa) {
                continue;
            }
            const policyNode = builder.resource(document.holder);
            const statementNode = builder.node({
                key: `${document.holder.urn}#${document.property}#${statement.index}`,
                label: statement.sid ? `Sid "${quotable(context, statement.sid)}"` : `Statement[${statement.index}]`,
                kind: "statement",
                urn: document.holder.urn,
                type: document.holder.type,
            });
            const principalNode = principal.resource
                ? builder.node({ key: principal.resource.urn, label: `${principal.kind} ${principal.resource.name}`, kind: "principal", urn: principal.resource.urn, type: principal.resource.type })
                : builder.node({ key: `principal:${principal.key}`, label: principal.label, kind: "principal" });
            builder.add("IAM", [start, ["Resource", statementNode], [document.property, policyNode], ["attached to", principalNode]]);
        }
    }
}

/**
 * The pack's decided findings of `policies` on a resource, with the property each names (the hop's label).
 * Undecided findings draw no path; a waived one still does (the exposure is there, accepted until the waiver
 * expires), marked as waived.
 */
function decidedFindings(context: Context, urn: string, policies: ReadonlySet<string> | readonly string[]): { finding: Finding; property: string }[] {
    const names = new Set(policies);
    const out: { finding: Finding; property: string }[] = [];
    for (const finding of context.findings) {
        if (finding.resourceUrn !== urn || !names.has(finding.policy)) {
            continue;
        }
        const text = finding.waiver ? context.model.parseWaived(finding.message)?.text : finding.message;
        if (text?.startsWith("[")) {
            const property = findingProperty(text) || finding.policy;
            out.push({ finding, property: finding.waiver ? `${property} (waived)` : property });
        }
    }
    return out;
}

/** Resource policies (inline, or resources of their own) that the pack finds open to anyone. */
function resourcePolicyPaths(context: Context, builder: PathBuilder, store: StackResource, start: string): void {
    for (const { property } of decidedFindings(context, store.urn, INLINE_POLICY_POLICIES)) {
        builder.add("resource policy", [start, [property, builder.node(PUBLIC_GRANT)]]);
    }
    for (const kind of resourcePolicyKinds(context.model.types)) {
        for (const holder of context.graph.referencing(store, [kind.type], kind.property)) {
            for (const { property } of decidedFindings(context, holder.urn, kind.policies)) {
                builder.add("resource policy", [start, [kind.property, builder.resource(holder)], [property, builder.node(PUBLIC_GRANT)]]);
            }
        }
    }
}

/** The store's own public endpoint, as the pack's findings on the store report it. */
function endpointPaths(context: Context, builder: PathBuilder, store: StackResource, start: string): void {
    for (const { property } of decidedFindings(context, store.urn, PUBLIC_ENDPOINT_POLICIES)) {
        builder.add("public endpoint", [start, [property, builder.node(PUBLIC_INTERNET)]]);
    }
}

/** Snapshots (and their copies) of the store that the pack finds shared publicly or with other accounts. */
function snapshotPaths(context: Context, builder: PathBuilder, store: StackResource, start: string): void {
    const { graph } = context;
    const visit = (source: StackResource, hops: readonly [string, string][], depth: number): void => {
        if (depth > 8) {
            return;
        }
        for (const kind of snapshotKinds(context.model.types).filter((s) => s.sources.includes(source.type))) {
            for (const snapshot of graph.referencing(source, [kind.type], kind.property)) {
                const chain: [string, string][] = [...hops, [kind.property, builder.resource(snapshot)]];
                for (const { property } of decidedFindings(context, snapshot.urn, [SNAPSHOT_SHARING_POLICY])) {
                    const shared = builder.node({ key: "public:snapshot-shared", label: "public or another account", kind: "public" });
                    builder.add("snapshot", [start, ...chain, [property, shared]]);
                }
                visit(snapshot, chain, depth + 1);
            }
        }
    };
    visit(store, [], 0);
}

export interface ExposureInput {
    file: string;
    deployment: Deployment;
    secretsByUrn: ReadonlyMap<string, readonly string[]>;
}

/** The exposure paths of every key-material store of one scanned stack. */
export function stackExposure(model: PackModel, input: ExposureInput, config: Readonly<Record<string, PolicyConfigEntry>>, findings: readonly Finding[]): StackExposure {
    const resources = stackResources(model, input.deployment);
    const graph = new model.StackGraph(resources);
    const settings = model.parseSettings(config["pack-settings"]?.properties ?? {});
    const allowedRaw = config["db-sg-no-public-source"]?.properties?.allowedPublicCidrs;
    const allowed = Array.isArray(allowedRaw) ? allowedRaw.filter((c): c is string => typeof c === "string") : [];
    const context: Context = {
        model,
        graph,
        secretsByUrn: input.secretsByUrn,
        allowedCidrs: model.allowedCidrsFromConfig(allowed).cidrs,
        findings: findings.filter((f) => f.file === input.file),
    };
    const stores: StoreExposure[] = [];
    // The pack's stores, and buckets (backups and dumps of key stores live there; they have no network paths).
    const bucket = (type: string): StoreKind => ({ type, label: "S3 bucket", keyProperties: [], securityGroupProperties: [], defaultSecurityGroupWhenOmitted: false });
    for (const kind of [...model.STORES, bucket(model.types.S3_BUCKET), bucket(model.types.S3_BUCKET_V2)]) {
        for (const store of graph.ofType(kind.type)) {
            if (!model.isClassifiedKeyMaterial(settings, store.name, store.props)) {
                continue;
            }
            const builder = new PathBuilder();
            const start = builder.resource(store, "store");
            endpointPaths(context, builder, store, start);
            resourcePolicyPaths(context, builder, store, start);
            networkPaths(context, builder, store, kind, start);
            subnetPaths(context, builder, store, start);
            keyPaths(context, builder, store, kind, start);
            secretPaths(context, builder, store, start);
            snapshotPaths(context, builder, store, start);
            // Only what a path uses: resources looked at on the way to a closed end are not part of the picture.
            const used = new Set([start, ...builder.paths.flatMap((p) => p.nodes)]);
            stores.push({
                urn: store.urn,
                name: store.name,
                type: store.type,
                label: kind.label,
                nodes: [...builder.nodes.values()].filter((n) => used.has(n.key)),
                edges: [...builder.edges.values()],
                paths: builder.paths,
            });
        }
    }
    return { file: input.file, project: input.deployment.project, stack: input.deployment.stack, stores };
}
