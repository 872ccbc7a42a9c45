// IAM identity-side helpers shared by the policies in policies/iam/: where policy documents live on IAM
// resources, which resources a key-material action may target, AWS-managed policy ARNs, role trust
// classification (human / workload) and the stack-wide model of who receives which document.
//
// Document parsing itself is policies/lib/aws/iam.ts; this module only decides where documents are and who they reach.

import { violation, undecided } from "../readers/checks";
import type { StackGraph } from "./graph";
import {
    broadForAction,
    coversAction,
    coversAllResources,
    globMatch,
    coversAnyAction,
    deniesWithoutMfa,
    parsePolicyDocument,
    requiresMfa,
    type ParsedDocument,
    type Statement,
    type Tri,
} from "./iam";
import type { Finding } from "../readers/finding";
import type { StackResource } from "./graph";
import { and, asList, isObject, or, read, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../readers/values";
import { IAM_ACCESS_KEY, IAM_GROUP, IAM_GROUP_MEMBERSHIP, IAM_GROUP_POLICY, IAM_GROUP_POLICY_ATTACHMENT, IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE, IAM_POLICY, IAM_POLICY_ATTACHMENT, IAM_ROLE, IAM_ROLE_POLICY, IAM_ROLE_POLICY_ATTACHMENT, IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE, IAM_USER, IAM_USER_GROUP_MEMBERSHIP, IAM_USER_LOGIN_PROFILE, IAM_USER_POLICY, IAM_USER_POLICY_ATTACHMENT, IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, SSOADMIN_MANAGED_POLICY_ATTACHMENT, SSOADMIN_MANAGED_POLICY_ATTACHMENTS_EXCLUSIVE, S3_BUCKET, S3_BUCKET_V2, SSOADMIN_PERMISSION_SET_INLINE_POLICY } from "./types";
import { DEFAULT_KEY_MATERIAL_NAME_PATTERNS, DEFAULT_KEY_MATERIAL_TAGS, isKeyMaterial, knownNames, tagsOf } from "./key-material";

export const IAM_TYPES = {
    policy: IAM_POLICY,
    rolePolicy: IAM_ROLE_POLICY,
    userPolicy: IAM_USER_POLICY,
    groupPolicy: IAM_GROUP_POLICY,
    role: IAM_ROLE,
    user: IAM_USER,
    group: IAM_GROUP,
    rolePolicyAttachment: IAM_ROLE_POLICY_ATTACHMENT,
    userPolicyAttachment: IAM_USER_POLICY_ATTACHMENT,
    groupPolicyAttachment: IAM_GROUP_POLICY_ATTACHMENT,
    policyAttachment: IAM_POLICY_ATTACHMENT,
    rolePolicyAttachmentsExclusive: IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    userPolicyAttachmentsExclusive: IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
    groupPolicyAttachmentsExclusive: IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
    userLoginProfile: IAM_USER_LOGIN_PROFILE,
    userGroupMembership: IAM_USER_GROUP_MEMBERSHIP,
    groupMembership: IAM_GROUP_MEMBERSHIP,
    accessKey: IAM_ACCESS_KEY,
    // IAM Identity Center permission sets: what their users receive in every account the set is assigned to.
    // (A PermissionsBoundaryAttachment only limits a set, and a CustomerManagedPolicyAttachment names an IAM policy
    // by name, whose document is checked where it is defined.)
    ssoInlinePolicy: SSOADMIN_PERMISSION_SET_INLINE_POLICY,
    ssoManagedPolicyAttachment: SSOADMIN_MANAGED_POLICY_ATTACHMENT,
    ssoManagedPolicyAttachmentsExclusive: SSOADMIN_MANAGED_POLICY_ATTACHMENTS_EXCLUSIVE,
} as const;

/** The property that holds the identity-policy document of each document-carrying type (Role: see identityDocuments). */
const DOCUMENT_PROPERTY: Readonly<Record<string, string>> = {
    [IAM_TYPES.policy]: "policy",
    [IAM_TYPES.rolePolicy]: "policy",
    [IAM_TYPES.userPolicy]: "policy",
    [IAM_TYPES.groupPolicy]: "policy",
    [IAM_TYPES.ssoInlinePolicy]: "inlinePolicy",
};

/** Resources that carry identity-policy documents (`policy`, `inlinePolicy`, or Role `inlinePolicies[].policy`). */
export const DOCUMENT_TYPES: readonly string[] = [...Object.keys(DOCUMENT_PROPERTY), IAM_TYPES.role];

export interface DocumentSlot {
    /** Property path of the document, dotted (`policy`, `inlinePolicies.0.policy`). */
    property: string;
    value: Plain;
}

/** The identity-policy documents a resource carries (not the Role trust policy). */
export function identityDocuments(type: string, props: PlainObject): DocumentSlot[] {
    if (type !== IAM_TYPES.role) {
        const property = DOCUMENT_PROPERTY[type];
        return property === undefined ? [] : [{ property, value: read(props, property) }];
    }
    const inline = asList(read(props, "inlinePolicies"));
    if (inline === UNKNOWN) {
        return [{ property: "inlinePolicies", value: UNKNOWN }];
    }
    const out: DocumentSlot[] = [];
    inline.forEach((item, i) => {
        if (item === UNKNOWN) {
            out.push({ property: `inlinePolicies.${i}.policy`, value: UNKNOWN });
        } else if (isObject(item)) {
            out.push({ property: `inlinePolicies.${i}.policy`, value: read(item, "policy") });
        }
    });
    return out;
}

/** Unknown documents are undecided, malformed ones are violations; returns the statements otherwise. */
export function documentStatements(
    parsed: ParsedDocument,
    property: string,
    requirement: string,
    urn?: string,
): { statements: Statement[]; findings: Finding[] } {
    switch (parsed.kind) {
        case "absent":
            return { statements: [], findings: [] };
        case "unknown":
            return {
                statements: [],
                findings: [undecided(property, `\`${property}\` is computed from other resources, so it is only known at update time; the policy re-checks it then. Requirement: ${requirement}`, urn)],
            };
        case "malformed":
            return {
                statements: [],
                findings: [violation(property, `\`${property}\` is not a valid IAM policy document (${parsed.reason}), so what it grants cannot be verified. Write it as a JSON object with a Statement list (aws.iam.getPolicyDocument or a literal object).`, urn)],
            };
        case "document": {
            const bad = parsed.statements.find((s) => s.effect === "invalid");
            if (bad) {
                return {
                    statements: parsed.statements.filter((s) => s.effect !== "invalid"),
                    findings: [violation(property, `\`${property}\` Statement[${bad.index}] has an Effect that is neither "Allow" nor "Deny" (IAM rejects the document). Write "Allow" or "Deny" exactly.`, urn)],
                };
            }
            return { statements: parsed.statements, findings: [] };
        }
    }
}

export function parseDocument(value: Plain): ParsedDocument {
    return parsePolicyDocument(value);
}

/** `Allow` is true, `Deny` false, an unknown Effect UNKNOWN. */
export function isAllow(statement: Statement): Tri {
    return statement.effect === UNKNOWN ? UNKNOWN : statement.effect === "Allow";
}

/** Splits a statement's coverage of `actions` into surely granted actions and whether others may be. */
export function grantedActions(statement: Statement, actions: readonly string[]): { granted: string[]; maybe: boolean } {
    const granted: string[] = [];
    let maybe = false;
    for (const action of actions) {
        const covered = coversAction(statement, action);
        if (covered === true) {
            granted.push(action);
        } else if (covered === UNKNOWN) {
            maybe = true;
        }
    }
    return { granted, maybe };
}

export function listActions(actions: readonly string[], max = 4): string {
    if (actions.length <= max) {
        return actions.join(", ");
    }
    const more = actions.length - max;
    return `${actions.slice(0, max).join(", ")} and ${more} more key-material ${more === 1 ? "action" : "actions"}`;
}

const RESOURCE_SCOPING_KEY = /^(aws:resourcetag\/.+|[a-z0-9-]+:resourcetag\/.+|kms:resourcealiases|secretsmanager:secretid|ssm:resourcetag\/.+)$/;
const POSITIVE_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

/**
 * Attribute-based scoping: a positive `aws:ResourceTag/...` (or `kms:ResourceAliases`) condition with a
 * concrete value limits a `Resource: "*"` grant to tagged keys and secrets, the pattern AWS recommends.
 */
export function scopedByResourceCondition(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        const operator = condition.operator.replace(/^for(any|all)value:/i, "").toLowerCase();
        if (!RESOURCE_SCOPING_KEY.test(condition.key) || !POSITIVE_OPERATORS.has(operator) || /ifexists$/i.test(condition.operator)) {
            continue;
        }
        if (/^forallvalues:/i.test(condition.operator)) {
            // ForAllValues passes when the key is absent (an untagged resource): no scoping.
            continue;
        }
        if (condition.values.length === 0) {
            continue;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            unknown = true;
            continue;
        }
        if ((condition.values as string[]).every((v) => v.replace(/[*?]/g, "").trim() !== "")) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

// ---------------------------------------------------------------------------------------------------------
// AWS-managed policies

/** `arn:aws:iam::aws:policy/job-function/Name` -> `Name`; undefined for anything that is not AWS-managed. */
export function awsManagedPolicyName(arn: string): string | undefined {
    const match = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/i.exec(arn.trim());
    return match?.[1];
}

/**
 * What the AWS-managed policies the IAM checks deny by default grant, in words a message can claim (from their
 * published documents); a name added by configuration is described generically.
 */
const MANAGED_GRANTS: Readonly<Record<string, string>> = {
    administratoraccess: "every action on every resource",
    poweruseraccess: "every action outside IAM and Organizations, decrypting with every key that trusts IAM and reading every secret included",
    iamfullaccess: "every IAM action, so its holder can grant itself any permission",
    awskeymanagementservicepoweruser: "grants and key-policy changes on every key",
    secretsmanagerreadwrite: "reading and changing every secret",
    amazonssmfullaccess: "every Systems Manager action, reading every parameter included",
    amazonssmreadonlyaccess: "reading every Systems Manager parameter",
    amazonrdsfullaccess: "every RDS action, master-password resets and snapshot sharing included",
    amazonrdsdatafullaccess: "running SQL through the RDS Data API with the database credentials it stores",
    amazondynamodbfullaccess: "every DynamoDB action, reading and exporting every table included",
    amazondynamodbreadonlyaccess: "reading every DynamoDB table",
    amazons3fullaccess: "reading, overwriting and opening up every bucket",
    amazons3readonlyaccess: "reading every bucket",
    readonlyaccess: "reading every bucket, table and parameter",
    systemadministrator: "administration of the compute, network and storage services",
    databaseadministrator: "administration of the database services, master-password resets and snapshot sharing included",
    datascientist: "reading the data stores a data-science job needs",
};

/** What an AWS-managed policy (a name or an ARN) grants, for messages. */
export function awsManagedPolicyGrant(entry: string): string {
    const name = (awsManagedPolicyName(entry) ?? entry).trim().replace(/^.*\//, "").toLowerCase();
    return MANAGED_GRANTS[name] ?? "broad access to keys, secrets or data stores";
}

/** Matches an ARN against a list of AWS-managed policy names or full ARNs (partition- and case-insensitive). */
export function matchesManagedList(arn: string, list: readonly string[]): string | undefined {
    const name = awsManagedPolicyName(arn);
    const normalized = arn.trim().toLowerCase().replace(/^arn:aws[a-z-]*:/, "arn:aws:");
    for (const entry of list) {
        const e = entry.trim().toLowerCase();
        if (e.startsWith("arn:")) {
            if (e.replace(/^arn:aws[a-z-]*:/, "arn:aws:") === normalized) {
                return entry;
            }
        } else if (name !== undefined && name.toLowerCase() === e) {
            return entry;
        }
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Role trust

export const ASSUME_ACTIONS: readonly string[] = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

export type PrincipalClass = "public" | "human" | "workload" | "web-identity" | "unknown";

/** What kind of caller a trust-policy principal entry lets in. */
export function classifyPrincipal(kind: string, value: string | Unknown): PrincipalClass {
    if (value === UNKNOWN) {
        return "unknown";
    }
    const v = value.trim();
    if (kind === "*" || v === "*" || (kind === "AWS" && v.includes("*"))) {
        return "public";
    }
    switch (kind) {
        case "AWS":
            if (/^\d{12}$/.test(v) || /:root$/.test(v) || /:user\//.test(v)) {
                return "human";
            }
            if (/:role\/(.*\/)?AWSReservedSSO_/i.test(v) || /aws-reserved\/sso\.amazonaws\.com/i.test(v)) {
                return "human";
            }
            return "workload";
        case "Federated":
            return /:saml-provider\//i.test(v) ? "human" : "web-identity";
        case "Service":
            return "workload";
        default:
            return "workload";
    }
}

export interface TrustVerdict {
    /** Can a person (IAM user, account principal, SAML/SSO user, anyone) assume the role? */
    human: Tri;
    /** Do all trust statements that admit people require MFA? */
    mfaGated: Tri;
    /**
     * Set when an MFA condition can never hold for any person the trust admits, and why: `federation` for SAML
     * and IAM Identity Center sessions (aws:MultiFactorAuthPresent is absent from AssumeRoleWithSAML sessions and
     * from roles chained from them, so MFA is enforced at the identity provider instead: IAM User Guide, "AWS
     * global condition context keys"), `machine-user` for IAM users of this stack with no console password, which
     * automation such as CI uses and which cannot present an MFA code.
     */
    mfaImpossible?: "federation" | "machine-user";
}

/** An admitted person who can present MFA to AssumeRole, or why not. */
type MfaCapability = "capable" | "federation" | "machine-user";

function mfaCapability(kind: string, value: string, graph: StackGraph | undefined): MfaCapability {
    const v = value.trim();
    if (kind === "Federated" && /:saml-provider\//i.test(v)) {
        return "federation";
    }
    if (kind === "AWS" && (/:role\/(.*\/)?AWSReservedSSO_/i.test(v) || /aws-reserved\/sso\.amazonaws\.com/i.test(v))) {
        return "federation";
    }
    if (kind === "AWS" && /:user\//.test(v) && graph) {
        const users = graph.find(v, [IAM_TYPES.user]);
        if (users.length > 0 && users.every((user) => graph.referencing(user, [IAM_TYPES.userLoginProfile], "user").length === 0)) {
            return "machine-user";
        }
    }
    return "capable";
}

/**
 * Classifies a role's trust policy. When principals are unknown (preview), the engine's propertyDependencies
 * tell whether the trust names an IAM user of the stack.
 */
export function classifyTrust(role: StackResource, graph?: StackGraph): TrustVerdict {
    const parsed = parsePolicyDocument(read(role.props, "assumeRolePolicy"));
    const dependsOnUser = (role.propertyDependencies["assumeRolePolicy"] ?? []).some((urn) => graph?.byUrn(urn)?.type === IAM_TYPES.user);
    if (parsed.kind === "unknown") {
        return { human: dependsOnUser ? true : UNKNOWN, mfaGated: UNKNOWN };
    }
    if (parsed.kind !== "document") {
        return { human: false, mfaGated: true };
    }
    const humans: Tri[] = [];
    const gates: Tri[] = [];
    const capabilities = new Set<MfaCapability>();
    for (const statement of parsed.statements) {
        const allow = isAllow(statement);
        const assume = coversAnyAction(statement, ["sts:AssumeRole", "sts:AssumeRoleWithSAML"]);
        if (allow === false || assume === false) {
            continue;
        }
        let human: Tri = false;
        if (statement.principals === UNKNOWN) {
            human = dependsOnUser ? true : UNKNOWN;
            capabilities.add("capable");
        } else if (statement.notPrincipal) {
            human = true;
            capabilities.add("capable");
        } else {
            for (const entry of statement.principals ?? []) {
                const cls = classifyPrincipal(entry.kind, entry.value);
                if (cls === "public" || cls === "human") {
                    human = true;
                    capabilities.add(cls === "public" || entry.value === UNKNOWN ? "capable" : mfaCapability(entry.kind, entry.value, graph));
                } else if (cls === "unknown" && human === false) {
                    human = dependsOnUser ? true : UNKNOWN;
                    capabilities.add("capable");
                }
            }
        }
        const statementHuman = and(allow, assume, human);
        if (statementHuman !== false) {
            humans.push(statementHuman);
            gates.push(requiresMfa(statement));
        }
    }
    const verdict: TrustVerdict = { human: or(...humans), mfaGated: and(...gates) };
    // Only when no admitted person could present MFA: one human who can keeps the MFA requirement.
    if (!capabilities.has("capable") && capabilities.size > 0) {
        verdict.mfaImpossible = capabilities.has("machine-user") ? "machine-user" : "federation";
    }
    return verdict;
}

// ---------------------------------------------------------------------------------------------------------
// Stack model: which documents and managed policies reach which principals

export type PrincipalKind = "user" | "group" | "role";

export interface PrincipalRef {
    /** URN for stack resources, `<kind>:<name or ARN>` for principals defined elsewhere. */
    key: string;
    kind: PrincipalKind | "unknown";
    resource?: StackResource;
    label: string;
}

export interface ReachingDocument {
    principal: PrincipalRef;
    /** The resource that holds the document, and its property. */
    holder: StackResource;
    property: string;
    value: Plain;
    /** How the document reaches the principal, e.g. "attachment a <- policy p". */
    via: string;
}

export interface ManagedAttachment {
    principal: PrincipalRef;
    holder: StackResource;
    property: string;
    arn: string;
}

const TYPE_OF: Record<PrincipalKind, string> = { user: IAM_TYPES.user, group: IAM_TYPES.group, role: IAM_TYPES.role };

export class IamModel {
    readonly documents: ReachingDocument[] = [];
    readonly managed: ManagedAttachment[] = [];
    /** user key -> group keys */
    private readonly groupsByUser = new Map<string, Set<string>>();
    private readonly membersByGroup = new Map<string, Set<string>>();
    /** Users whose group list is (partly) unknown, and groups whose member list is. */
    private readonly usersWithUnknownGroups = new Set<string>();
    private readonly groupsWithUnknownMembers = new Set<string>();
    /** A membership resource whose user or group could not be resolved at all. */
    unresolvedMembership = false;

    constructor(readonly graph: StackGraph) {
        this.collectDocuments();
        this.collectAttachments();
        this.collectMemberships();
    }

    /** The principals an input names. */
    resolve(holder: StackResource, property: string, kind: PrincipalKind): { refs: PrincipalRef[]; unresolved: boolean } {
        const reference = this.graph.referenced(holder, property, [TYPE_OF[kind]]);
        const refs: PrincipalRef[] = reference.resources.map((r) => ({ key: r.urn, kind, resource: r, label: `${kind} ${r.name}` }));
        for (const value of reference.external) {
            refs.push({ key: `${kind}:${value}`, kind, label: `${kind} (defined outside this stack)` });
        }
        return { refs, unresolved: reference.unresolved };
    }

    private resolveOrUnknown(holder: StackResource, property: string, kind: PrincipalKind): PrincipalRef[] {
        const { refs, unresolved } = this.resolve(holder, property, kind);
        if (unresolved) {
            refs.push({ key: `unknown:${holder.urn}:${property}`, kind: "unknown", label: `a ${kind} computed at update time` });
        }
        return refs;
    }

    private collectDocuments(): void {
        const direct: [string, string, PrincipalKind][] = [
            [IAM_TYPES.userPolicy, "user", "user"],
            [IAM_TYPES.groupPolicy, "group", "group"],
            [IAM_TYPES.rolePolicy, "role", "role"],
        ];
        for (const [type, property, kind] of direct) {
            for (const holder of this.graph.ofType(type)) {
                for (const principal of this.resolveOrUnknown(holder, property, kind)) {
                    this.documents.push({ principal, holder, property: "policy", value: read(holder.props, "policy"), via: `inline policy ${holder.name}` });
                }
            }
        }
        for (const role of this.graph.ofType(IAM_TYPES.role)) {
            const principal: PrincipalRef = { key: role.urn, kind: "role", resource: role, label: `role ${role.name}` };
            for (const slot of identityDocuments(IAM_TYPES.role, role.props)) {
                this.documents.push({ principal, holder: role, property: slot.property, value: slot.value, via: `inline policy of role ${role.name}` });
            }
        }
    }

    private attach(holder: StackResource, arnProperty: string, principals: PrincipalRef[]): void {
        const reference = this.graph.referenced(holder, arnProperty, [IAM_TYPES.policy]);
        for (const policy of reference.resources) {
            for (const principal of principals) {
                const via = holder.type === IAM_TYPES.role ? `managedPolicyArns <- policy ${policy.name}` : `attachment ${holder.name} <- policy ${policy.name}`;
                this.documents.push({ principal, holder: policy, property: "policy", value: read(policy.props, "policy"), via });
            }
        }
        for (const arn of reference.external) {
            for (const principal of principals) {
                this.managed.push({ principal, holder, property: arnProperty, arn });
            }
        }
    }

    private collectAttachments(): void {
        const single: [string, string, string, PrincipalKind][] = [
            [IAM_TYPES.userPolicyAttachment, "policyArn", "user", "user"],
            [IAM_TYPES.groupPolicyAttachment, "policyArn", "group", "group"],
            [IAM_TYPES.rolePolicyAttachment, "policyArn", "role", "role"],
            [IAM_TYPES.userPolicyAttachmentsExclusive, "policyArns", "userName", "user"],
            [IAM_TYPES.groupPolicyAttachmentsExclusive, "policyArns", "groupName", "group"],
            [IAM_TYPES.rolePolicyAttachmentsExclusive, "policyArns", "roleName", "role"],
        ];
        for (const [type, arnProperty, principalProperty, kind] of single) {
            for (const holder of this.graph.ofType(type)) {
                this.attach(holder, arnProperty, this.resolveOrUnknown(holder, principalProperty, kind));
            }
        }
        for (const holder of this.graph.ofType(IAM_TYPES.policyAttachment)) {
            const principals: PrincipalRef[] = [];
            for (const [property, kind] of [["users", "user"], ["groups", "group"], ["roles", "role"]] as const) {
                const value = read(holder.props, property);
                if (value === undefined || value === null) {
                    continue;
                }
                principals.push(...this.resolveOrUnknown(holder, property, kind));
            }
            this.attach(holder, "policyArn", principals);
        }
        for (const role of this.graph.ofType(IAM_TYPES.role)) {
            if (read(role.props, "managedPolicyArns") === undefined) {
                continue;
            }
            this.attach(role, "managedPolicyArns", [{ key: role.urn, kind: "role", resource: role, label: `role ${role.name}` }]);
        }
    }

    private link(user: string, group: string): void {
        const groups = this.groupsByUser.get(user) ?? new Set<string>();
        groups.add(group);
        this.groupsByUser.set(user, groups);
        const members = this.membersByGroup.get(group) ?? new Set<string>();
        members.add(user);
        this.membersByGroup.set(group, members);
    }

    private collectMemberships(): void {
        for (const membership of this.graph.ofType(IAM_TYPES.userGroupMembership)) {
            const users = this.resolve(membership, "user", "user");
            const groups = this.resolve(membership, "groups", "group");
            if (users.unresolved && users.refs.length === 0) {
                this.unresolvedMembership = true;
            }
            for (const user of users.refs) {
                groups.refs.forEach((g) => this.link(user.key, g.key));
                if (groups.unresolved) {
                    this.usersWithUnknownGroups.add(user.key);
                }
            }
        }
        for (const membership of this.graph.ofType(IAM_TYPES.groupMembership)) {
            const groups = this.resolve(membership, "group", "group");
            const users = this.resolve(membership, "users", "user");
            if (groups.unresolved && groups.refs.length === 0) {
                this.unresolvedMembership = true;
            }
            for (const group of groups.refs) {
                users.refs.forEach((u) => this.link(u.key, group.key));
                if (users.unresolved) {
                    this.groupsWithUnknownMembers.add(group.key);
                }
            }
        }
    }

    groupsOf(userKey: string): string[] {
        return [...(this.groupsByUser.get(userKey) ?? [])];
    }

    membersOf(groupKey: string): string[] {
        return [...(this.membersByGroup.get(groupKey) ?? [])];
    }

    hasUnknownGroups(userKey: string): boolean {
        return this.usersWithUnknownGroups.has(userKey) || this.unresolvedMembership;
    }

    hasUnknownMembers(groupKey: string): boolean {
        return this.groupsWithUnknownMembers.has(groupKey) || this.unresolvedMembership;
    }

    documentsOf(principalKey: string): ReachingDocument[] {
        return this.documents.filter((d) => d.principal.key === principalKey);
    }

    /**
     * Does one of the principal's own documents deny `actions` on every resource whenever MFA is absent
     * (`BoolIfExists aws:MultiFactorAuthPresent false`)? UNKNOWN when an unknown document could.
     */
    deniesWithoutMfaDirect(principalKey: string, actions: readonly string[]): Tri {
        let unknown = false;
        for (const document of this.documentsOf(principalKey)) {
            const parsed = parsePolicyDocument(document.value);
            if (parsed.kind === "unknown") {
                unknown = true;
                continue;
            }
            if (parsed.kind !== "document") {
                continue;
            }
            for (const statement of parsed.statements) {
                const verdict = and(deniesWithoutMfa(statement), coversAllResources(statement), ...actions.map((a) => coversAction(statement, a)));
                if (verdict === true) {
                    return true;
                }
                unknown ||= verdict === UNKNOWN;
            }
        }
        return unknown ? UNKNOWN : false;
    }

    /** A user is MFA-enforced for `actions` by a deny-without-MFA in its own policies or any of its groups'. */
    userEnforced(userKey: string, actions: readonly string[]): Tri {
        const known = or(this.deniesWithoutMfaDirect(userKey, actions), ...this.groupsOf(userKey).map((g) => this.deniesWithoutMfaDirect(g, actions)));
        return known === false && this.hasUnknownGroups(userKey) ? UNKNOWN : known;
    }

    /** Every member of the group is MFA-enforced: by the group's own deny, or each known member's. */
    groupEnforced(groupKey: string, actions: readonly string[]): Tri {
        const own = this.deniesWithoutMfaDirect(groupKey, actions);
        if (own === true) {
            return true;
        }
        const members = this.membersOf(groupKey);
        if (members.length === 0 || this.hasUnknownMembers(groupKey) || groupKey.startsWith("group:")) {
            // Members may be added elsewhere (another stack, the console): only the group's own deny proves it.
            return own;
        }
        return or(own, and(...members.map((m) => this.userEnforced(m, actions))));
    }
}

export function isStatementAllowingAny(statement: Statement, actions: readonly string[]): Tri {
    return and(isAllow(statement), coversAnyAction(statement, actions));
}

// ---------------------------------------------------------------------------------------------------------
// Buckets that hold key material

const BUCKET_TYPES: readonly string[] = [S3_BUCKET, S3_BUCKET_V2];
const S3_ARN = /^arn:aws[a-z-]*:s3:::([^/]+)/i;

/**
 * Is the bucket a key-material store? The pack settings' classification (`classified`, tags and Pulumi names), or
 * the shared bucket conventions of key-material.ts (backup and key-material tags, names such as `wallet-*`,
 * `*-backups`) over its tags and names.
 */
function keyMaterialBucket(bucket: StackResource, classified: (resource: StackResource) => boolean): boolean {
    if (classified(bucket)) {
        return true;
    }
    const names = knownNames(bucket.props, ["bucket", "bucketPrefix", "id"], [bucket.name]);
    return isKeyMaterial(tagsOf(bucket.props), names, { keyMaterialTags: DEFAULT_KEY_MATERIAL_TAGS, keyMaterialNamePatterns: DEFAULT_KEY_MATERIAL_NAME_PATTERNS }) === true;
}

/**
 * Does the statement reach objects of a bucket that holds key material? True on every bucket (`*`,
 * `arn:aws:s3:::*`, NotResource), on an ARN naming (or globbing) a key-material bucket of the stack or a bucket
 * whose name itself says key material (`arn:aws:s3:::wallet-backups/*`), and, while an ARN is computed, when the
 * document was computed from a key-material bucket of the stack. A computed ARN traced to other buckets only is
 * false; one traced to nothing the stack holds is UNKNOWN.
 */
export function reachesKeyMaterialBucket(
    statement: Statement,
    graph: StackGraph,
    holder: StackResource,
    property: string,
    classified: (resource: StackResource) => boolean,
): Tri {
    if (broadForAction(statement, "s3:GetObject") === true) {
        return true;
    }
    if (statement.resources === UNKNOWN) {
        return fromDependencies(graph, holder, property, classified);
    }
    const buckets = graph.ofType(...BUCKET_TYPES);
    let unknown = false;
    for (const resource of statement.resources) {
        if (resource === UNKNOWN) {
            unknown = true;
            continue;
        }
        const name = S3_ARN.exec(resource.trim())?.[1];
        if (name === undefined) {
            continue;
        }
        const external: StackResource = { type: S3_BUCKET, name, urn: "", props: { bucket: name }, dependencies: [], propertyDependencies: {} };
        if (keyMaterialBucket(external, classified)) {
            return true;
        }
        const named = buckets.filter((b) => knownNames(b.props, ["bucket", "id"]).some((n) => globMatch(name, n)));
        if (named.some((b) => keyMaterialBucket(b, classified))) {
            return true;
        }
    }
    return unknown ? fromDependencies(graph, holder, property, classified) : false;
}

function fromDependencies(graph: StackGraph, holder: StackResource, property: string, classified: (resource: StackResource) => boolean): Tri {
    const sources = (holder.propertyDependencies[property.split(".")[0]!] ?? []).map((urn) => graph.byUrn(urn)).filter((r): r is StackResource => r !== undefined);
    const buckets = sources.filter((r) => BUCKET_TYPES.includes(r.type));
    if (buckets.some((b) => keyMaterialBucket(b, classified))) {
        return true;
    }
    return buckets.length > 0 ? false : UNKNOWN;
}
