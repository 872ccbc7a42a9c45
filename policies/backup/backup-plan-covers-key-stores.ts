import { classifyKey, undecided, violation } from "../lib/readers/checks";
import { referenceValues, StackGraph } from "../lib/aws/graph";
import { globMatch } from "../lib/aws/iam";
import { tagsOf } from "../lib/aws/key-material";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { and, asList, isAbsent, isObject, or, UNKNOWN, type Tri } from "../lib/readers/values";
import { AIR_GAPPED_VAULT } from "./backup-vault-cmk";
import { BACKUP_PLAN, BACKUP_SELECTION, BACKUP_VAULT, DOCDB_CLUSTER, DYNAMODB_TABLE, NEPTUNE_CLUSTER, RDS_CLUSTER, RDS_INSTANCE, REDSHIFT_CLUSTER } from "../lib/aws/types";

const PLAN = BACKUP_PLAN;
const SELECTION = BACKUP_SELECTION;

/** Database and table resources AWS Backup can protect, which this pack treats as key stores. */
const KEY_STORE_TYPES = [
    RDS_INSTANCE,
    RDS_CLUSTER,
    DYNAMODB_TABLE,
    DOCDB_CLUSTER,
    NEPTUNE_CLUSTER,
    REDSHIFT_CLUSTER,
];

/** Does an ARN list (`resources` / `notResources`) name the store, by dependency, by ARN or by glob? */
function listNames(graph: StackGraph, selection: StackResource, property: string, store: StackResource): Tri {
    if ((selection.propertyDependencies[property] ?? []).includes(store.urn)) {
        return true;
    }
    const arn = store.props["arn"];
    let unknown = false;
    for (const pattern of referenceValues(selection.props[property] ?? null)) {
        if (pattern === UNKNOWN) {
            // Computed entries that trace to no resource could be this store's ARN.
            unknown ||= (selection.propertyDependencies[property] ?? []).length === 0;
            continue;
        }
        if (pattern === "*") {
            return true;
        }
        if (typeof arn === "string") {
            if (globMatch(pattern, arn)) {
                return true;
            }
        } else if (pattern.includes("*") || graph.find(pattern).length === 0) {
            // The store's ARN is computed (preview): a wildcard or an unknown ARN might match it.
            unknown = true;
        }
    }
    return unknown ? UNKNOWN : false;
}

interface SelectionEntry {
    selection: StackResource;
    /** Does the selection's plan back up into a vault encrypted with a customer-managed key? */
    target: Tri;
}

/**
 * The selections that can select a given store (all others certainly do not: `selects` is false for them), so a
 * large stack is not checked store by selection. A selection names a store by dependency or exact ARN; one with
 * wildcards, computed entries or tag rules can select any store; an ARN entry that matches no resource of the
 * stack can be the computed ARN of any store during preview.
 */
function selectionIndex(graph: StackGraph, entries: readonly SelectionEntry[]): (store: StackResource) => SelectionEntry[] {
    const byUrn = new Map<string, SelectionEntry[]>();
    const byArn = new Map<string, SelectionEntry[]>();
    const anyStore: SelectionEntry[] = [];
    const storesWithComputedArn: SelectionEntry[] = [];
    const add = (map: Map<string, SelectionEntry[]>, key: string, entry: SelectionEntry) => {
        const list = map.get(key);
        if (list) {
            list.push(entry);
        } else {
            map.set(key, [entry]);
        }
    };
    for (const entry of entries) {
        const { selection } = entry;
        for (const urn of selection.propertyDependencies["resources"] ?? []) {
            add(byUrn, urn, entry);
        }
        const tags = selection.props["selectionTags"];
        let open = !isAbsent(tags) && !(Array.isArray(tags) && tags.length === 0);
        let dangling = false;
        for (const pattern of referenceValues(selection.props["resources"] ?? null)) {
            if (pattern === UNKNOWN || pattern.includes("*") || pattern.includes("?")) {
                open = true;
            } else {
                add(byArn, pattern.toLowerCase(), entry);
                dangling ||= graph.find(pattern).length === 0;
            }
        }
        if (open) {
            anyStore.push(entry);
        } else if (dangling) {
            storesWithComputedArn.push(entry);
        }
    }
    return (store) => {
        const arn = store.props["arn"];
        const found = new Set([...(byUrn.get(store.urn) ?? []), ...anyStore]);
        for (const entry of typeof arn === "string" ? (byArn.get(arn.toLowerCase()) ?? []) : storesWithComputedArn) {
            found.add(entry);
        }
        return [...found];
    };
}

function tagMatches(tags: ReturnType<typeof tagsOf>, key: unknown, value: unknown, like: boolean): Tri {
    if (tags === UNKNOWN || key === UNKNOWN || value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof key !== "string" || typeof value !== "string") {
        return false;
    }
    const tagKey = key.replace(/^aws:ResourceTag\//i, "");
    const actual = tags[tagKey];
    if (actual === UNKNOWN) {
        return UNKNOWN;
    }
    if (actual === undefined) {
        return false;
    }
    return like ? globMatch(value, actual) : actual === value;
}

function selects(graph: StackGraph, selection: StackResource, store: StackResource): Tri {
    const tags = tagsOf(store.props);
    const byTags: Tri[] = [];
    const selectionTags = asList(selection.props["selectionTags"] ?? null);
    if (selectionTags === UNKNOWN) {
        byTags.push(UNKNOWN);
    } else {
        for (const tag of selectionTags) {
            if (tag === UNKNOWN) {
                byTags.push(UNKNOWN);
            } else if (isObject(tag)) {
                byTags.push(tagMatches(tags, tag["key"], tag["value"], false));
            }
        }
    }
    const chosen = or(listNames(graph, selection, "resources", store), ...byTags);
    if (chosen === false) {
        return false;
    }
    const excluded = listNames(graph, selection, "notResources", store);
    const conditions: Tri[] = [];
    const blocks = asList(selection.props["conditions"] ?? null);
    if (blocks === UNKNOWN) {
        conditions.push(UNKNOWN);
    } else {
        for (const block of blocks) {
            if (!isObject(block)) {
                conditions.push(block === UNKNOWN ? UNKNOWN : true);
                continue;
            }
            const kinds: [string, boolean, boolean][] = [
                ["stringEquals", false, false],
                ["stringLikes", true, false],
                ["stringNotEquals", false, true],
                ["stringNotLikes", true, true],
            ];
            for (const [kind, like, negate] of kinds) {
                const entries = asList(block[kind] ?? null);
                if (entries === UNKNOWN) {
                    conditions.push(UNKNOWN);
                    continue;
                }
                for (const entry of entries) {
                    if (!isObject(entry)) {
                        conditions.push(UNKNOWN);
                        continue;
                    }
                    const match = tagMatches(tags, entry["key"], entry["value"], like);
                    conditions.push(match === UNKNOWN ? UNKNOWN : negate ? !match : match);
                }
            }
        }
    }
    return and(chosen, excluded === UNKNOWN ? UNKNOWN : !excluded, ...conditions);
}

/** Does the plan send at least one rule to a vault encrypted with a customer-managed key? */
function plansToCmkVault(graph: StackGraph, plan: StackResource): Tri {
    const rules = asList(plan.props["rules"] ?? null);
    if (rules === UNKNOWN) {
        return UNKNOWN;
    }
    const dependencies = (plan.propertyDependencies["rules"] ?? []).map((u) => graph.byUrn(u)).filter((r): r is StackResource => r !== undefined);
    const results: Tri[] = [];
    for (const rule of rules) {
        if (!isObject(rule)) {
            results.push(rule === UNKNOWN ? UNKNOWN : false);
            continue;
        }
        const targets: StackResource[] = [];
        let external = false;
        for (const [property, types] of [
            ["targetVaultName", [BACKUP_VAULT]],
            ["targetLogicallyAirGappedBackupVaultArn", [AIR_GAPPED_VAULT]],
        ] as const) {
            const value = rule[property];
            if (isAbsent(value)) {
                continue;
            }
            if (value === UNKNOWN) {
                targets.push(...dependencies.filter((d) => (types as readonly string[]).includes(d.type)));
                external ||= !dependencies.some((d) => (types as readonly string[]).includes(d.type));
                continue;
            }
            if (typeof value === "string" && value.trim().toLowerCase() === "default") {
                continue; // the account's Default vault, encrypted with aws/backup
            }
            const found = typeof value === "string" ? graph.find(value, types) : [];
            targets.push(...found);
            external ||= found.length === 0;
        }
        if (targets.some((vault) => ["customer-managed", "unknown"].includes(classifyKey(vault.props[vault.type === AIR_GAPPED_VAULT ? "encryptionKeyArn" : "kmsKeyArn"])))) {
            results.push(true);
        } else {
            // A vault defined outside the stack cannot be checked here: do not guess.
            results.push(external ? UNKNOWN : false);
        }
    }
    return or(...results);
}

export const backupPlanCoversKeyStores = stackPolicy({
    name: "backup-plan-covers-key-stores",
    description: "Every database and table in the stack should be selected by an AWS Backup plan that targets a vault encrypted with a customer-managed key.",
    controls: [93],
    category: "resilience",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.26", "DynamoDB.4"],
        nist: ["CP-9"],
        checkov: ["CKV2_AWS_8"],
        cdkNag: ["RDSInBackupPlan", "DynamoDBInBackupPlan"],
    },
    resourceTypes: [...KEY_STORE_TYPES, PLAN, SELECTION, BACKUP_VAULT, AIR_GAPPED_VAULT],
    remediationSteps: [
        "1. Create an aws.backup.Vault with `kmsKeyArn` set to a customer-managed key (and a vault lock), and an aws.backup.Plan whose rules use `targetVaultName: vault.name`.",
        "2. Add an aws.backup.Selection with `planId: plan.id` and either `resources: [db.arn, table.arn]` or `selectionTags` matching a tag the key stores carry (e.g. `backup=key-store`).",
        "3. Read replicas are exempt; their source is backed up.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const candidates = selectionIndex(
            graph,
            graph.ofType(SELECTION).map((selection): SelectionEntry => {
                const plans = graph.referenced(selection, "planId", [PLAN]);
                const target: Tri = plans.resources.length > 0 ? or(...plans.resources.map((p) => plansToCmkVault(graph, p))) : UNKNOWN;
                return { selection, target };
            }),
        );
        const findings: Finding[] = [];
        for (const store of graph.ofType(...KEY_STORE_TYPES)) {
            const source = store.props["replicateSourceDb"] ?? store.props["replicationSourceIdentifier"];
            if (!isAbsent(source) && source !== "") {
                continue;
            }
            const selections = candidates(store);
            const verdicts = selections.map(({ selection, target }) => and(selects(graph, selection, store), target));
            const covered = or(...verdicts);
            if (covered === true) {
                continue;
            }
            if (covered === UNKNOWN) {
                findings.push(undecided("backup", "Whether a backup plan with a customer-managed-key vault selects this store depends on values computed at update time.", store.urn));
                continue;
            }
            const selected = selections.some(({ selection }) => selects(graph, selection, store) !== false);
            findings.push(
                violation(
                    "backup",
                    selected
                        ? "This store is selected only by backup plans whose target vault is not encrypted with a customer-managed key (or is the Default vault). Target a vault with `kmsKeyArn` set to a CMK."
                        : "No aws.backup.Selection selects this store, so it has no independent, vault-protected backups. Add it to a plan (by ARN in `resources` or by `selectionTags`).",
                    store.urn,
                ),
            );
        }
        return findings;
    },
});
