import { StackGraph, type Reference } from "../lib/aws/graph";
import { accountOfArn, ALLOWED_ACCOUNT_IDS, chainIsKeyMaterial, ownAccountOf, readAccount, readOrganization, recipientFindings, type Recipient, type SharedSource } from "../lib/aws/sharing";
import { STORES } from "../lib/aws/stores";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { advice, undecided, violation } from "../lib/readers/checks";
import { awsPrincipalValues, describeStatement, hasWildcardPrincipal } from "../lib/aws/iam";
import { publicGrants } from "../lib/aws/public-grants";
import { asBool, asList, asString, isAbsent, isObject, read, UNKNOWN, type Plain } from "../lib/readers/values";
import {
    BACKUP_LOGICALLY_AIR_GAPPED_VAULT,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    BACKUP_VAULT,
    RAM_PRINCIPAL_ASSOCIATION,
    RAM_RESOURCE_ASSOCIATION,
    RAM_RESOURCE_SHARE,
    RDS_CLUSTER_SNAPSHOT,
    RDS_SNAPSHOT,
    REDSHIFT_CLUSTER,
    REDSHIFT_DATA_SHARE_AUTHORIZATION,
    REDSHIFTSERVERLESS_NAMESPACE,
    REDSHIFTSERVERLESS_RESOURCE_POLICY,
    REDSHIFTSERVERLESS_SNAPSHOT,
} from "../lib/aws/types";

type Config = { allowedAccountIds: string[] };
type IsKeyMaterial = (resource: StackResource) => boolean;

const STORE_TYPES = STORES.map((s) => s.type);
const VAULTS = [BACKUP_VAULT, BACKUP_LOGICALLY_AIR_GAPPED_VAULT];
/** What a RAM share can carry that holds a store's data: the stores themselves (Aurora clusters), and snapshots. */
const SHAREABLE = [...STORE_TYPES, RDS_SNAPSHOT, RDS_CLUSTER_SNAPSHOT, ...VAULTS];

function unresolvedRef(ref: Reference): boolean {
    return ref.unresolved || ref.external.length > 0;
}

// --- Redshift datashares --------------------------------------------------------------------------------------------

/**
 * `consumerIdentifier`: an account id, or the keyword ADX, which makes the datashare available to AWS Data Exchange
 * subscribers (Redshift AuthorizeDataShare).
 */
function readConsumer(value: Plain): Recipient {
    const text = asString(value);
    if (typeof text === "string" && text.trim().toUpperCase() === "ADX") {
        return { kind: "external", who: "AWS Data Exchange subscribers" };
    }
    const recipient = readAccount(value) ?? { kind: "invalid" };
    return recipient.kind === "invalid" ? { kind: "invalid", expected: "an AWS account id or ADX" } : recipient;
}

/**
 * The producer of a datashare: a datashare ARN (arn:aws:redshift:<region>:<account>:datashare:<namespace id>/<name>)
 * names its producer namespace, which a provisioned cluster publishes as `clusterNamespaceArn` and a Serverless
 * namespace as `namespaceId`.
 */
function producers(graph: StackGraph, authorization: StackResource): { resources: StackResource[]; unresolved: boolean } {
    const ref = graph.referenced(authorization, "dataShareArn", [REDSHIFT_CLUSTER, REDSHIFTSERVERLESS_NAMESPACE]);
    const found = new Set(ref.resources);
    for (const arn of ref.external) {
        const match = /^(arn:[^:]+:redshift:[^:]*:\d{12}):datashare:([^/]+)\//.exec(arn);
        if (match) {
            graph.holding([REDSHIFT_CLUSTER], "clusterNamespaceArn", [`${match[1]}:namespace:${match[2]}`]).forEach((r) => found.add(r));
            graph.holding([REDSHIFTSERVERLESS_NAMESPACE], "namespaceId", [match[2]!]).forEach((r) => found.add(r));
        }
    }
    return { resources: [...found], unresolved: ref.unresolved || found.size === 0 };
}

function dataShareFindings(graph: StackGraph, allowed: readonly string[], isKeyMaterial: IsKeyMaterial): Finding[] {
    const findings: Finding[] = [];
    for (const authorization of graph.ofType(REDSHIFT_DATA_SHARE_AUTHORIZATION)) {
        const { resources, unresolved } = producers(graph, authorization);
        const fromArn = accountOfArn(read(authorization.props, "dataShareArn"));
        const source: SharedSource = {
            keyMaterial: chainIsKeyMaterial([authorization, ...resources], unresolved, isKeyMaterial),
            own: fromArn ?? resources.map((r) => ownAccountOf(r.props)).find((a) => a !== undefined),
        };
        findings.push(
            ...recipientFindings(readConsumer(read(authorization.props, "consumerIdentifier")), source, allowed, {
                property: "consumerIdentifier",
                urn: authorization.urn,
                subject: `datashare authorization ${authorization.name}`,
                gets: "can query the shared tables live",
                fix: "Authorize datashares only for your own accounts (listed in `allowedAccountIds`); share derived, key-free tables with partners instead.",
            }),
        );
    }
    return findings;
}

// --- Redshift Serverless snapshot policies -----------------------------------------------------------------------

/** An `AWS` principal of a resource policy as a recipient: a 12-digit id or an IAM ARN's account. */
function principalRecipient(value: string | typeof UNKNOWN): Recipient {
    if (value === UNKNOWN) {
        return { kind: "unknown" };
    }
    // The same reading as principalAccounts (iam.ts), keeping the values that name no account as invalid.
    const match = /^(?:arn:[^:]+:iam::)?(\d{12})(?::|$)/.exec(value);
    return match?.[1] ? { kind: "account", account: match[1] } : { kind: "invalid", expected: "an AWS account id or an IAM ARN" };
}

/**
 * aws.redshiftserverless.ResourcePolicy on a snapshot: the way Redshift Serverless shares a snapshot with other
 * accounts (`redshift-serverless:RestoreFromSnapshot` for their principals). Everyone is a violation whatever the
 * data (the resource-policy reading of public-grants.ts); accounts are judged like every other share.
 */
function serverlessSnapshotFindings(graph: StackGraph, allowed: readonly string[], isKeyMaterial: IsKeyMaterial): Finding[] {
    const findings: Finding[] = [];
    for (const resourcePolicy of graph.ofType(REDSHIFTSERVERLESS_RESOURCE_POLICY)) {
        const snapshots = graph.referenced(resourcePolicy, "resourceArn", [REDSHIFTSERVERLESS_SNAPSHOT]);
        // A snapshot names its namespace by `namespaceName`, which the graph does not index as an identity.
        const namespaces = snapshots.resources.flatMap((snapshot) => {
            const name = asString(snapshot.props["namespaceName"]);
            return [...graph.referenced(snapshot, "namespaceName", [REDSHIFTSERVERLESS_NAMESPACE]).resources, ...(typeof name === "string" ? graph.holding([REDSHIFTSERVERLESS_NAMESPACE], "namespaceName", [name]) : [])];
        });
        const source: SharedSource = {
            keyMaterial: chainIsKeyMaterial([resourcePolicy, ...snapshots.resources, ...namespaces], unresolvedRef(snapshots) || snapshots.resources.length === 0, isKeyMaterial),
            own: accountOfArn(read(resourcePolicy.props, "resourceArn")) ?? snapshots.resources.map((r) => ownAccountOf(r.props)).find((a) => a !== undefined),
        };
        const subject = `Redshift Serverless resource policy ${resourcePolicy.name}`;
        const fix = "Grant snapshot restore only to your own accounts (listed in `allowedAccountIds`); never to `*`.";
        const verdict = publicGrants(read(resourcePolicy.props, "policy"));
        if (verdict.kind === "unknown") {
            findings.push(undecided("policy", `\`policy\` of ${subject} is computed; who it lets restore the snapshot is checked once known. ${fix}`, resourcePolicy.urn));
            continue;
        }
        if (verdict.kind === "malformed") {
            findings.push(violation("policy", `\`policy\` of ${subject} cannot be evaluated: ${verdict.reason}. ${fix}`, resourcePolicy.urn));
            continue;
        }
        if (verdict.kind === "absent") {
            continue;
        }
        for (const statement of verdict.open) {
            findings.push(violation("policy", `${describeStatement(statement)} of ${subject} allows every AWS principal, with no condition that pins the caller to your accounts or organization: anyone can restore the snapshot. ${fix}`, resourcePolicy.urn));
        }
        if (verdict.undecided.length > 0) {
            findings.push(undecided("policy", `\`policy\` of ${subject} has computed principals or conditions; whether it opens the snapshot to everyone is checked once known. ${fix}`, resourcePolicy.urn));
        }
        for (const statement of verdict.statements) {
            if (statement.effect !== "Allow" || hasWildcardPrincipal(statement) !== false) {
                continue;
            }
            for (const value of new Set(awsPrincipalValues(statement))) {
                findings.push(
                    ...recipientFindings(principalRecipient(value), source, allowed, {
                        property: "policy",
                        urn: resourcePolicy.urn,
                        subject: `${describeStatement(statement)} of ${subject}`,
                        gets: "can restore the snapshot into a namespace of its own",
                        fix,
                    }),
                );
            }
        }
    }
    return findings;
}

// --- AWS Backup copy actions ----------------------------------------------------------------------------------------

/**
 * What a plan backs up, for the classification: its target vaults and the stores its selections name. A plan with no
 * selection in the stack, or one selecting by tags or conditions, can back up stores the stack does not show.
 */
function planData(graph: StackGraph, plan: StackResource, rules: readonly Plain[]): { resources: StackResource[]; unresolved: boolean } {
    const resources: StackResource[] = [];
    for (const rule of rules) {
        const vault = isObject(rule) ? asString(rule["targetVaultName"]) : undefined;
        if (typeof vault === "string") {
            resources.push(...graph.find(vault, VAULTS));
        }
    }
    const selections = graph.referencing(plan, [BACKUP_SELECTION], "planId");
    let unresolved = selections.length === 0;
    for (const selection of selections) {
        const ref = graph.referenced(selection, "resources", STORE_TYPES);
        resources.push(selection, ...ref.resources);
        const open = ["selectionTags", "conditions"].some((property) => {
            const value = read(selection.props, property);
            return !isAbsent(value) && !(Array.isArray(value) && value.length === 0);
        });
        unresolved ||= unresolvedRef(ref) || open;
    }
    return { resources, unresolved };
}

/**
 * Is a copy action's destination a vault of the stack? A vault the stack manages was created with your credentials,
 * so it is one of your accounts. A computed destination ARN (a preview) is taken for a vault of the stack when the
 * plan's rules depend on a vault other than the rules' target vaults (those are named by `targetVaultName`, the
 * destination by ARN).
 */
function destinationInStack(graph: StackGraph, plan: StackResource, arn: Plain, targets: ReadonlySet<StackResource>): boolean {
    if (typeof arn === "string") {
        return graph.find(arn.trim(), VAULTS).length > 0;
    }
    return (
        arn === UNKNOWN &&
        (plan.propertyDependencies["rules"] ?? []).some((urn) => {
            const dependency = graph.byUrn(urn);
            return dependency !== undefined && VAULTS.includes(dependency.type) && !targets.has(dependency);
        })
    );
}

/**
 * Every copy action's destination, by property path. A computed rule list, rule, copy-action list or action can hide
 * a destination: it is reported as one computed destination at the deepest known path.
 */
function copyDestinations(rules: Plain[] | typeof UNKNOWN): { property: string; arn: Plain }[] {
    if (rules === UNKNOWN) {
        return [{ property: "rules", arn: UNKNOWN }];
    }
    const out: { property: string; arn: Plain }[] = [];
    rules.forEach((rule, r) => {
        if (rule === UNKNOWN) {
            out.push({ property: `rules.${r}`, arn: UNKNOWN });
            return;
        }
        const actions = isObject(rule) ? asList(rule["copyActions"]) : [];
        if (actions === UNKNOWN) {
            out.push({ property: `rules.${r}.copyActions`, arn: UNKNOWN });
            return;
        }
        actions.forEach((action, a) => {
            if (action === UNKNOWN || isObject(action)) {
                out.push({ property: `rules.${r}.copyActions.${a}.destinationVaultArn`, arn: action === UNKNOWN ? UNKNOWN : action["destinationVaultArn"] });
            }
        });
    });
    return out;
}

function backupCopyFindings(graph: StackGraph, allowed: readonly string[], isKeyMaterial: IsKeyMaterial): Finding[] {
    const findings: Finding[] = [];
    for (const plan of graph.ofType(BACKUP_PLAN)) {
        const rules = asList(read(plan.props, "rules"));
        const data = planData(graph, plan, rules === UNKNOWN ? [] : rules);
        const source: SharedSource = { keyMaterial: chainIsKeyMaterial([plan, ...data.resources], data.unresolved, isKeyMaterial), own: ownAccountOf(plan.props) };
        const targets = new Set(data.resources.filter((r) => VAULTS.includes(r.type)));
        for (const { property, arn } of copyDestinations(rules)) {
            // Only a copy action's own ARN can name a destination vault; a computed rule or list cannot be placed.
            if (property.endsWith(".destinationVaultArn") && destinationInStack(graph, plan, arn, targets)) {
                continue;
            }
            const account = accountOfArn(arn);
            const recipient: Recipient | undefined =
                account === UNKNOWN ? { kind: "unknown" } : account === undefined ? (isAbsent(arn) ? undefined : { kind: "invalid", expected: "a backup vault ARN with its account id" }) : { kind: "account", account };
            findings.push(
                ...recipientFindings(recipient, source, allowed, {
                    property,
                    urn: plan.urn,
                    subject: `backup plan ${plan.name}`,
                    gets: "receives a restorable copy of every recovery point the rule creates",
                    fix: "Copy recovery points only to vaults of your own accounts (listed in `allowedAccountIds`), such as an organization backup account whose vault is locked and encrypted with a customer-managed key.",
                }),
            );
        }
    }
    return findings;
}

// --- RAM shares -----------------------------------------------------------------------------------------------------

const PRINCIPAL = "an AWS account id, an IAM ARN or an AWS Organizations ARN";

/** `principal` of a RAM principal association: an account id, an organization or OU ARN, an IAM ARN, or a service. */
function readPrincipal(value: Plain): Recipient | undefined {
    const text = asString(value);
    if (typeof text === "string") {
        const trimmed = text.trim();
        if (/^arn:[^:]+:organizations:/i.test(trimmed)) {
            return readOrganization(trimmed);
        }
        if (/^arn:[^:]+:iam:/i.test(trimmed)) {
            const account = accountOfArn(trimmed);
            return typeof account === "string" ? { kind: "account", account } : { kind: "invalid", expected: PRINCIPAL };
        }
        if (/\.amazonaws\.com$/i.test(trimmed)) {
            // A service principal (RAM shares some resource types with AWS services): no other account.
            return undefined;
        }
    }
    const recipient = readAccount(value) ?? { kind: "invalid" };
    return recipient.kind === "invalid" ? { kind: "invalid", expected: PRINCIPAL } : recipient;
}

/** What a resource share carries (its aws.ram.ResourceAssociation members), and whether some member is not visible. */
function shareMembers(graph: StackGraph, resourceShare: StackResource): { resources: StackResource[]; unresolved: boolean } {
    const members = graph.referencing(resourceShare, [RAM_RESOURCE_ASSOCIATION], "resourceShareArn");
    const resources: StackResource[] = [];
    let unresolved = members.length === 0;
    for (const member of members) {
        const ref = graph.referenced(member, "resourceArn", SHAREABLE);
        resources.push(...ref.resources);
        unresolved ||= unresolvedRef(ref);
    }
    return { resources, unresolved };
}

function ramFindings(graph: StackGraph, allowed: readonly string[], isKeyMaterial: IsKeyMaterial): Finding[] {
    const findings: Finding[] = [];
    for (const resourceShare of graph.ofType(RAM_RESOURCE_SHARE)) {
        // Defence in depth: the principal associations below are what share; this flag only lets them reach outside
        // the organization, so it is advice, and only where the share is known to carry key material.
        if (asBool(read(resourceShare.props, "allowExternalPrincipals")) === true && shareMembers(graph, resourceShare).resources.some(isKeyMaterial)) {
            findings.push(
                advice(
                    "allowExternalPrincipals",
                    `\`allowExternalPrincipals\` of RAM resource share ${resourceShare.name} is true and the share carries key material, so it can be associated with accounts outside your organization. Set it to false.`,
                    resourceShare.urn,
                ),
            );
        }
    }
    for (const association of graph.ofType(RAM_PRINCIPAL_ASSOCIATION)) {
        const share = graph.referenced(association, "resourceShareArn", [RAM_RESOURCE_SHARE]);
        const shared: StackResource[] = [...share.resources];
        let unresolved = unresolvedRef(share) || share.resources.length === 0;
        for (const resourceShare of share.resources) {
            const members = shareMembers(graph, resourceShare);
            shared.push(...members.resources);
            unresolved ||= members.unresolved;
        }
        const own = share.resources.map((s) => ownAccountOf(s.props)).find((a) => a !== undefined) ?? accountOfArn(read(association.props, "resourceShareArn"));
        findings.push(
            ...recipientFindings(readPrincipal(read(association.props, "principal")), { keyMaterial: chainIsKeyMaterial([association, ...shared], unresolved, isKeyMaterial), own }, allowed, {
                property: "principal",
                urn: association.urn,
                subject: `RAM principal association ${association.name}`,
                gets: "gets the shared clusters or snapshots (an Aurora cluster shared by RAM can be cloned into that account)",
                fix: "Associate resource shares that carry data stores only with your own accounts or organization (listed in `allowedAccountIds`), and keep `allowExternalPrincipals` false on the aws.ram.ResourceShare.",
            }),
        );
    }
    return findings;
}

export const dataShareNotExternal = stackPolicy<Config>({
    name: "data-share-not-external",
    description: "Redshift datashares and Serverless snapshot policies, AWS Backup copy actions and RAM resource shares hand a store's data only to your own accounts.",
    controls: [122],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["AC-3", "AC-21"], pciDss: ["1.4.4"] },
    resourceTypes: [REDSHIFT_DATA_SHARE_AUTHORIZATION, REDSHIFTSERVERLESS_RESOURCE_POLICY, BACKUP_PLAN, RAM_PRINCIPAL_ASSOCIATION, RAM_RESOURCE_ASSOCIATION, RAM_RESOURCE_SHARE],
    remediationSteps: [
        "1. aws.redshift.DataShareAuthorization: authorize only your own accounts in `consumerIdentifier`; never `ADX` (AWS Data Exchange) for data that holds key material.",
        "2. aws.redshiftserverless.ResourcePolicy on a snapshot: name only your own accounts' principals, never `*`.",
        "3. aws.backup.Plan: point `rules[].copyActions[].destinationVaultArn` only at vaults of your own accounts (an organization backup account), encrypted with a customer-managed key and locked.",
        "4. aws.ram.PrincipalAssociation: associate shares that carry clusters or snapshots only with your own accounts, organization or OUs; keep `allowExternalPrincipals` false on the share.",
        "5. List every account of yours that receives data (and your organizations' management accounts) in this policy's `allowedAccountIds`.",
    ].join("\n"),
    config: { allowedAccountIds: ALLOWED_ACCOUNT_IDS },
    check: ({ resources, config, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const allowed = config.allowedAccountIds;
        return [...dataShareFindings(graph, allowed, isKeyMaterial), ...serverlessSnapshotFindings(graph, allowed, isKeyMaterial), ...backupCopyFindings(graph, allowed, isKeyMaterial), ...ramFindings(graph, allowed, isKeyMaterial)];
    },
});
