// IAM policy documents (identity policies, KMS key policies, bucket/secret/domain/vault resource policies and
// role trust policies), parsed once into a normalized, unknown-aware form.
//
// Documents arrive as JSON strings or as objects; `Statement`, `Action`, `Resource` and `Principal` values as
// one item or a list; any part may be unknown during preview (`pulumi.jsonStringify` of an output, or a
// nested output in an object document). Everything a policy asks is answered as true, false or UNKNOWN.

import { and, isAbsent, or, isObject, UNKNOWN, type Plain, type PlainObject, type Tri, type Unknown } from "../readers/values";

export type { Tri } from "../readers/values";

export interface PrincipalEntry {
    /** "AWS", "Service", "Federated", "CanonicalUser", or "*" for the bare wildcard. */
    kind: string;
    value: string | Unknown;
}

export interface ConditionEntry {
    /** The operator as written, e.g. "StringEquals", "BoolIfExists", "ForAnyValue:StringLike". */
    operator: string;
    /** The condition key, lower-cased (keys are case-insensitive in IAM). */
    key: string;
    values: (string | Unknown)[];
}

export interface Statement {
    index: number;
    sid?: string;
    effect: "Allow" | "Deny" | Unknown | "invalid";
    /** Principal entries; `undefined` when the statement has no Principal (identity policies). */
    principals?: PrincipalEntry[] | Unknown;
    /** True when the statement uses NotPrincipal (with Allow: everyone but the listed principals). */
    notPrincipal: boolean;
    actions: (string | Unknown)[] | Unknown;
    /** True when the statement lists NotAction (it grants everything except the listed actions). */
    notAction: boolean;
    resources: (string | Unknown)[] | Unknown;
    notResource: boolean;
    conditions: ConditionEntry[] | Unknown;
}

export type ParsedDocument =
    | { kind: "absent" }
    | { kind: "unknown" }
    | { kind: "malformed"; reason: string }
    | { kind: "document"; statements: Statement[] };

const MAX_DOCUMENT_LENGTH = 1_000_000;

function stringList(value: Plain): (string | Unknown)[] | Unknown | "invalid" {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return [];
    }
    const items = Array.isArray(value) ? value : [value];
    const out: (string | Unknown)[] = [];
    for (const item of items) {
        if (item === UNKNOWN) {
            out.push(UNKNOWN);
        } else if (typeof item === "string") {
            out.push(item);
        } else if (typeof item === "number" || typeof item === "boolean") {
            out.push(String(item));
        } else {
            return "invalid";
        }
    }
    return out;
}

function parsePrincipal(value: Plain): PrincipalEntry[] | Unknown | "invalid" {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        return value.trim() === "*" ? [{ kind: "*", value: "*" }] : [{ kind: "AWS", value }];
    }
    if (!isObject(value)) {
        return "invalid";
    }
    const entries: PrincipalEntry[] = [];
    for (const [kind, raw] of Object.entries(value)) {
        const values = stringList(raw);
        if (values === "invalid") {
            return "invalid";
        }
        if (values === UNKNOWN) {
            entries.push({ kind, value: UNKNOWN });
            continue;
        }
        for (const v of values) {
            entries.push({ kind, value: v });
        }
    }
    return entries;
}

function parseConditions(value: Plain): ConditionEntry[] | Unknown | "invalid" {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (isAbsent(value)) {
        return [];
    }
    if (!isObject(value)) {
        return "invalid";
    }
    const entries: ConditionEntry[] = [];
    for (const [operator, block] of Object.entries(value)) {
        if (block === UNKNOWN) {
            return UNKNOWN;
        }
        if (!isObject(block)) {
            return "invalid";
        }
        for (const [key, raw] of Object.entries(block)) {
            const values = stringList(raw);
            if (values === "invalid") {
                return "invalid";
            }
            entries.push({ operator, key: key.toLowerCase(), values: values === UNKNOWN ? [UNKNOWN] : values });
        }
    }
    return entries;
}

function field(statement: PlainObject, name: string): Plain {
    // Element names are case-sensitive in IAM, but a lenient read costs nothing and misses no grant.
    if (name in statement) {
        return statement[name];
    }
    const lower = name.toLowerCase();
    const key = Object.keys(statement).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : statement[key];
}

function parseStatement(raw: Plain, index: number): Statement | string {
    if (raw === UNKNOWN) {
        return {
            index,
            effect: UNKNOWN,
            notPrincipal: false,
            principals: UNKNOWN,
            actions: UNKNOWN,
            notAction: false,
            resources: UNKNOWN,
            notResource: false,
            conditions: UNKNOWN,
        };
    }
    if (!isObject(raw)) {
        return `Statement ${index} is not an object`;
    }
    const effectRaw = field(raw, "Effect");
    const effect: Statement["effect"] =
        effectRaw === UNKNOWN ? UNKNOWN : effectRaw === "Allow" || effectRaw === "Deny" ? effectRaw : "invalid";

    const notPrincipalRaw = field(raw, "NotPrincipal");
    const principalRaw = notPrincipalRaw !== undefined ? notPrincipalRaw : field(raw, "Principal");
    let principals: Statement["principals"];
    if (principalRaw !== undefined && principalRaw !== null) {
        const parsed = parsePrincipal(principalRaw);
        if (parsed === "invalid") {
            return `Statement ${index} has a Principal that is neither "*" nor an object of principal lists`;
        }
        principals = parsed;
    }

    const notActionRaw = field(raw, "NotAction");
    const actions = stringList(notActionRaw !== undefined ? notActionRaw : field(raw, "Action"));
    const notResourceRaw = field(raw, "NotResource");
    const resources = stringList(notResourceRaw !== undefined ? notResourceRaw : field(raw, "Resource"));
    if (actions === "invalid" || resources === "invalid") {
        return `Statement ${index} has an Action or Resource that is not a string or list of strings`;
    }
    const conditions = parseConditions(field(raw, "Condition"));
    if (conditions === "invalid") {
        return `Statement ${index} has a Condition that is not an object of operator blocks`;
    }
    const sid = field(raw, "Sid");
    return {
        index,
        sid: typeof sid === "string" ? sid : undefined,
        effect,
        principals,
        notPrincipal: notPrincipalRaw !== undefined,
        actions,
        notAction: notActionRaw !== undefined,
        resources,
        notResource: notResourceRaw !== undefined,
        conditions,
    };
}

function toPlain(value: unknown, depth = 0): Plain {
    if (depth > 32) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map((v) => toPlain(v, depth + 1));
    }
    if (typeof value === "object" && value !== null) {
        const out: PlainObject = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = toPlain(v, depth + 1);
        }
        return out;
    }
    if (typeof value === "string" && value === "04da6b54-80e4-46f7-96ec-b56ff0331ba9") {
        return UNKNOWN;
    }
    return value as Plain;
}

/**
 * Documents parsed in the current turn of the event loop (several stack policies of one AnalyzeStack call parse the
 * same documents): strings by value, dropped on the next turn so nothing outlives the call; objects (plain copies
 * of one call's properties, never changed) by identity. Callers never change what they get.
 */
let parsedStrings: Map<string, ParsedDocument> | undefined;
const parsedObjects = new WeakMap<object, ParsedDocument>();

/** Parses a policy document given as a JSON string or an object. Never throws. */
export function parsePolicyDocument(value: Plain): ParsedDocument {
    if (typeof value === "string") {
        if (!parsedStrings) {
            parsedStrings = new Map();
            setImmediate(() => {
                parsedStrings = undefined;
            });
        }
        let parsed = parsedStrings.get(value);
        if (!parsed) {
            parsed = parseDocumentValue(value);
            parsedStrings.set(value, parsed);
        }
        return parsed;
    }
    if (isObject(value)) {
        let parsed = parsedObjects.get(value);
        if (!parsed) {
            parsed = parseDocumentValue(value);
            parsedObjects.set(value, parsed);
        }
        return parsed;
    }
    return parseDocumentValue(value);
}

function parseDocumentValue(value: Plain): ParsedDocument {
    if (value === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (isAbsent(value) || (typeof value === "string" && value.trim() === "")) {
        return { kind: "absent" };
    }
    let document: Plain = value;
    if (typeof value === "string") {
        if (value.length > MAX_DOCUMENT_LENGTH) {
            return { kind: "malformed", reason: "the document is larger than any policy AWS accepts" };
        }
        try {
            document = toPlain(JSON.parse(value));
        } catch {
            return { kind: "malformed", reason: "the document is not valid JSON" };
        }
    }
    if (!isObject(document)) {
        return { kind: "malformed", reason: "the document is not a JSON object" };
    }
    if (Object.keys(document).length === 0) {
        // "{}" is how a policy is removed (e.g. Secrets Manager): no statement, no grant.
        return { kind: "absent" };
    }
    const statementRaw = field(document, "Statement");
    if (statementRaw === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (isAbsent(statementRaw)) {
        return { kind: "malformed", reason: "the document has no Statement" };
    }
    const rawStatements = Array.isArray(statementRaw) ? statementRaw : [statementRaw];
    const statements: Statement[] = [];
    for (let i = 0; i < rawStatements.length; i++) {
        const parsed = parseStatement(rawStatements[i] as Plain, i);
        if (typeof parsed === "string") {
            return { kind: "malformed", reason: parsed };
        }
        if (parsed.effect === "invalid") {
            return { kind: "malformed", reason: `Statement ${i} has an Effect that is neither Allow nor Deny` };
        }
        statements.push(parsed);
    }
    return { kind: "document", statements };
}

/** IAM-style glob match: `*` any run, `?` one character, case-insensitive (action names are). */
export function globMatch(pattern: string, value: string): boolean {
    const p = pattern.toLowerCase();
    const v = value.toLowerCase();
    let pi = 0;
    let vi = 0;
    let star = -1;
    let mark = 0;
    while (vi < v.length) {
        if (pi < p.length && (p[pi] === "?" || p[pi] === v[vi])) {
            pi++;
            vi++;
        } else if (pi < p.length && p[pi] === "*") {
            star = pi++;
            mark = vi;
        } else if (star !== -1) {
            pi = star + 1;
            vi = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.length && p[pi] === "*") {
        pi++;
    }
    return pi === p.length;
}

/**
 * Does the statement's action list cover `action`? With NotAction, everything not listed is covered.
 * Patterns on both sides are allowed: `kms:*` covers `kms:Decrypt`, and `kms:De*` covers `kms:Decrypt`.
 */
export function coversAction(statement: Statement, action: string): Tri {
    if (statement.actions === UNKNOWN) {
        return UNKNOWN;
    }
    let matched = false;
    let unknown = false;
    for (const pattern of statement.actions) {
        if (pattern === UNKNOWN) {
            unknown = true;
        } else if (globMatch(pattern, action) || globMatch(action, pattern)) {
            matched = true;
        }
    }
    if (statement.notAction) {
        // An unknown entry in NotAction could exclude the action; a match surely excludes it.
        return matched ? false : unknown ? UNKNOWN : true;
    }
    return matched ? true : unknown ? UNKNOWN : false;
}

export function coversAnyAction(statement: Statement, actions: readonly string[]): Tri {
    let unknown = false;
    for (const action of actions) {
        const covered = coversAction(statement, action);
        if (covered === true) {
            return true;
        }
        unknown ||= covered === UNKNOWN;
    }
    return unknown ? UNKNOWN : false;
}

/** The sensitive actions a statement grants, or UNKNOWN when that depends on unknown parts. */
export function coveredActions(statement: Statement, actions: readonly string[]): string[] | Unknown {
    const out: string[] = [];
    for (const action of actions) {
        const covered = coversAction(statement, action);
        if (covered === UNKNOWN) {
            return UNKNOWN;
        }
        if (covered) {
            out.push(action);
        }
    }
    return out;
}

const WILDCARD_ONLY = /^[*?/:]*$/;

/**
 * Does a Resource pattern name every resource an action of `service` can target? `*`, `arn:aws:kms:*`,
 * `arn:aws:kms:eu-west-1:111122223333:key/*`, `...:secret:*`, `...:parameter/*`, `...:dbuser:*\/*`. A pattern of
 * another service (`arn:aws:s3:::bucket/*`) cannot match the action's resources at all, and a bucket's objects
 * (`arn:aws:s3:::bucket/*`) are one bucket, not every bucket.
 */
export function isBroadResourceFor(pattern: string, service: string): boolean {
    const value = pattern.trim();
    if (value.includes("*") && WILDCARD_ONLY.test(value)) {
        return true;
    }
    const parts = value.split(":");
    if (parts[0]?.toLowerCase() !== "arn") {
        return false;
    }
    const arnService = parts[2];
    if (parts.length < 6) {
        // The last segment's wildcard swallows the rest: `arn:aws:kms:*`, `arn:aws:*`, `arn:*`.
        if (!value.endsWith("*")) {
            return false;
        }
        return arnService === undefined || globMatch(arnService === "" ? "*" : arnService, service);
    }
    if (arnService === undefined || !globMatch(arnService, service)) {
        return false;
    }
    const resource = parts.slice(5).join(":");
    if (resource === "") {
        return true;
    }
    if (service.toLowerCase() === "s3") {
        // S3 ARNs carry no resource-type word: `bucket/*` is one bucket's objects, `*` or `*/...` is every bucket;
        // `*-logs/*` is the buckets whose names end in -logs, not every bucket.
        const bucket = resource.split("/")[0]!;
        return bucket.includes("*") && /^[*?]+$/.test(bucket);
    }
    // Strip the resource-type word (`key`, `secret`, `parameter`, `dbuser`, `table`): what is left names no resource,
    // or is a glob every identifier of that type matches (`key/*-*`, `key/????????-????-????-????-????????????`).
    const typeWord = /^[a-z0-9-]*/i.exec(resource)![0];
    const rest = resource.slice(typeWord.length);
    if (!/[*?]/.test(rest)) {
        return false;
    }
    if (WILDCARD_ONLY.test(rest)) {
        return true;
    }
    const separator = rest[0] === "/" || rest[0] === ":" ? rest[0] : "";
    const probes = RESOURCE_ID_PROBES[typeWord.toLowerCase()] ?? GENERIC_ID_PROBES;
    return probes.every((id) => globMatch(rest, `${separator}${id}`));
}

// Identifiers of resources of one type, varied in every position that can vary: a glob that matches them all is
// written to match any resource of the type, whatever it looks like (`key/*-*` is every key, `key/1*` is not).
// (version-4 UUIDs: only the version nibble is fixed; one of digits only, one of letters only, one mixed).
const KEY_IDS = ["12345678-9012-4345-8678-901234567890", "fedcbafe-dcba-4fed-bcaf-edcbafedcbaf", "0a1b2c3d-4e5f-4789-abcd-ef0123456789"];
const GENERIC_ID_PROBES: readonly string[] = ["a", "Zz9", "prod/db-AbC123_x.y", ...KEY_IDS];
const RESOURCE_ID_PROBES: Readonly<Record<string, readonly string[]>> = {
    // Key ids are UUIDs (multi-region keys `mrk-...` aside): a glob over every UUID covers every single-region key.
    key: KEY_IDS,
    // Secret ARNs end in `-` and six random characters.
    secret: ["prod/db-AbC123", "x-Zz9yXw", "wallet.seed_1@v2-0q1w2e"],
    parameter: ["/a", "/prod/db/pass_9", "x"],
    dbuser: ["db-ABCDEFGHIJKLMNOP/admin", "cluster-XYZ123/app_user"],
    table: ["a", "Orders_2024.v1", "wallet-keys"],
};

export function serviceOf(action: string): string {
    return action.split(":")[0] ?? action;
}

/**
 * Does one of the statement's Resource patterns satisfy `isBroad`? NotResource counts as yes (it applies to
 * everything not listed); an unknown pattern makes the answer UNKNOWN unless another one already satisfies it.
 */
export function anyResource(statement: Statement, isBroad: (pattern: string) => boolean): Tri {
    if (statement.resources === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.notResource) {
        return true;
    }
    let unknown = false;
    for (const resource of statement.resources) {
        if (resource === UNKNOWN) {
            unknown = true;
        } else if (isBroad(resource)) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/** Does the statement apply to every resource `action` can target? NotResource counts as yes. */
export function broadForAction(statement: Statement, action: string): Tri {
    const service = serviceOf(action);
    return anyResource(statement, (resource) => isBroadResourceFor(resource, service));
}

/** True when the statement applies to every resource of some service: `*`, a service-wide ARN or NotResource. */
export function coversAllResources(statement: Statement): Tri {
    return anyResource(statement, (resource) => {
        const service = resource.split(":")[2];
        return isBroadResourceFor(resource, service && !service.includes("*") ? service : "*");
    });
}

/**
 * Everyone: `"*"`, `{AWS: "*"}`, a principal list containing `"*"`, any principal with a wildcard in it
 * (`arn:aws:iam::*:root`, `{Service: "*"}`), or NotPrincipal with Allow.
 */
export function hasWildcardPrincipal(statement: Statement): Tri {
    if (statement.principals === undefined) {
        return false;
    }
    if (statement.principals === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.notPrincipal) {
        return true;
    }
    let unknown = false;
    for (const entry of statement.principals) {
        if (entry.value === UNKNOWN) {
            unknown = true;
        } else if (entry.kind === "*" || entry.value.includes("*")) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/** The statement's `AWS` principal values, trimmed; UNKNOWN for a computed one (or a computed Principal). */
export function awsPrincipalValues(statement: Statement): (string | Unknown)[] {
    if (!Array.isArray(statement.principals)) {
        return statement.principals === UNKNOWN ? [UNKNOWN] : [];
    }
    return statement.principals.filter((entry) => entry.kind === "AWS").map((entry) => (entry.value === UNKNOWN ? UNKNOWN : entry.value.trim()));
}

/** The 12-digit account ids named by AWS principals (ARNs or bare ids). */
export function principalAccounts(statement: Statement): (string | Unknown)[] {
    const out: (string | Unknown)[] = [];
    for (const value of awsPrincipalValues(statement)) {
        const match = value === UNKNOWN ? undefined : /^(?:arn:[^:]+:iam::)?(\d{12})(?::|$)/.exec(value);
        if (value === UNKNOWN) {
            out.push(UNKNOWN);
        } else if (match?.[1]) {
            out.push(match[1]);
        }
    }
    return out;
}

/** Splits a condition operator into its base (lower-case), its IfExists suffix and its set-operator prefix. */
export function operatorParts(operator: string): { base: string; ifExists: boolean; setOperator: boolean } {
    return baseOperator(operator);
}

function baseOperator(operator: string): { base: string; ifExists: boolean; setOperator: boolean } {
    // The set operators are `ForAnyValue:` and `ForAllValues:` (plural).
    const setOperator = /^for(anyvalue|allvalues):/i.test(operator);
    const stripped = operator.replace(/^for(anyvalue|allvalues):/i, "");
    const ifExists = /ifexists$/i.test(stripped);
    return { base: stripped.replace(/ifexists$/i, "").toLowerCase(), ifExists, setOperator };
}

export const POSITIVE_STRING_OPERATORS: ReadonlySet<string> = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
export const NEGATIVE_STRING_OPERATORS: ReadonlySet<string> = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);
const ACCOUNT_ID = /^\d{12}$/;

/** The account field of an ARN (fifth field) is a concrete 12-digit account id. */
function arnInConcreteAccount(value: string): boolean {
    const parts = value.trim().split(":");
    return parts.length >= 6 && parts[0]?.toLowerCase() === "arn" && ACCOUNT_ID.test(parts[4] ?? "");
}

/** Does one condition value pin the caller to accounts, organizations or networks named without wildcards? */
function concreteScope(key: string, value: string): boolean {
    const v = value.trim();
    switch (key) {
        case "kms:calleraccount":
        case "aws:principalaccount":
        case "aws:sourceaccount":
        case "aws:sourceowner":
            return ACCOUNT_ID.test(v);
        case "aws:vpceaccount":
            // The account that owns the VPC endpoint the request came through (network perimeter).
            return ACCOUNT_ID.test(v);
        case "aws:principalorgid":
        case "aws:sourceorgid":
        case "aws:vpceorgid":
            return /^o-[a-z0-9]+$/.test(v);
        case "aws:principalorgpaths":
        case "aws:sourceorgpaths":
        case "aws:vpceorgpaths":
            return /^o-[a-z0-9]+\//.test(v);
        case "aws:sourcevpce":
            return /^vpce-[0-9a-f]+$/i.test(v);
        case "aws:sourcevpc":
            return /^vpc-[0-9a-f]+$/i.test(v);
        case "aws:principalarn":
        case "aws:sourcearn":
        case "aws:sourcevpcarn":
            return arnInConcreteAccount(v);
        case "aws:userid":
            // Unique ids of roles/users (`AROA...:*`) are account-bound; a leading wildcard is not.
            return /^[A-Z0-9]{16,}(:|$)/.test(v);
        default:
            return false;
    }
}

/**
 * Does a condition pin the caller to accounts, organizations or networks named concretely? Only positive
 * string/ARN operators count, with every value concrete: `StringLike aws:PrincipalAccount "*"`, `"1111*"`,
 * `o-*`, `arn:aws:iam::*:role/x`, `...IfExists` and `ForAnyValue:`/`ForAllValues:` forms do not (they also match
 * callers you do not control, or callers without the key).
 */
export function isAccountScoped(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        const { base, ifExists, setOperator } = baseOperator(condition.operator);
        if (ifExists || setOperator || !POSITIVE_STRING_OPERATORS.has(base) || condition.values.length === 0) {
            continue;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            unknown = true;
            continue;
        }
        if ((condition.values as string[]).every((v) => concreteScope(condition.key, v))) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

function isTrueValue(value: string | Unknown): Tri {
    return value === UNKNOWN ? UNKNOWN : value.trim().toLowerCase() === "true";
}

/**
 * Does an Allow statement only apply when the caller signed in with MFA? `Bool aws:MultiFactorAuthPresent true`,
 * `NumericLessThan(Equals) aws:MultiFactorAuthAge N` or `Null aws:MultiFactorAuthAge false`. `BoolIfExists` does not count: the key is absent for
 * long-term access keys, so the statement then applies without MFA.
 */
export function requiresMfa(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        const { base, ifExists, setOperator } = baseOperator(condition.operator);
        if (ifExists || setOperator || condition.values.length === 0) {
            continue;
        }
        if (condition.key === "aws:multifactorauthpresent" && base === "bool") {
            const all = condition.values.map(isTrueValue);
            if (all.every((v) => v === true)) {
                return true;
            }
            unknown ||= all.some((v) => v === UNKNOWN);
        }
        if (condition.key === "aws:multifactorauthage" && (base === "numericlessthan" || base === "numericlessthanequals")) {
            if (condition.values.some((v) => v === UNKNOWN)) {
                unknown = true;
            } else if ((condition.values as string[]).every((v) => Number.isFinite(Number(v)))) {
                return true;
            }
        }
        // `Null aws:MultiFactorAuthAge false`: the key must be present, and it is only present when the caller
        // authenticated with MFA (it is absent for long-term keys and for sessions without MFA).
        if (condition.key === "aws:multifactorauthage" && base === "null") {
            const all = condition.values.map((v) => (v === UNKNOWN ? UNKNOWN : v.trim().toLowerCase() === "false"));
            if (all.every((v) => v === true)) {
                return true;
            }
            unknown ||= all.some((v) => v === UNKNOWN);
        }
    }
    return unknown ? UNKNOWN : false;
}

/**
 * Is this a Deny that blocks callers without MFA? `BoolIfExists aws:MultiFactorAuthPresent false` (the form that
 * also catches long-term keys) or `Null aws:MultiFactorAuthAge true`. A plain `Bool ... false` misses access keys.
 */
export function deniesWithoutMfa(statement: Statement): Tri {
    if (statement.effect !== "Deny") {
        return false;
    }
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    for (const condition of statement.conditions) {
        const { base, ifExists, setOperator } = baseOperator(condition.operator);
        if (setOperator) {
            continue;
        }
        if (condition.key === "aws:multifactorauthpresent" && base === "bool" && ifExists) {
            if (condition.values.length > 0 && condition.values.every((v) => v !== UNKNOWN && v.trim().toLowerCase() === "false")) {
                return true;
            }
        }
        if (condition.key === "aws:multifactorauthage" && base === "null") {
            if (condition.values.length > 0 && condition.values.every((v) => v !== UNKNOWN && v.trim().toLowerCase() === "true")) {
                return true;
            }
        }
    }
    return false;
}

/**
 * One kind of access to key material: what a principal holding any of `actions` can do (said in messages, so a
 * finding names the kind of access, not only action names), and the actions that give it.
 */
export interface KeyMaterialActionClass {
    /** A verb phrase completing "a principal that ...": "can reset the master password". */
    capability: string;
    actions: readonly string[];
    /**
     * The actions reach key material only on some resources of their service (most buckets hold none): they count
     * on every resource (`*`, `arn:aws:s3:::*`, NotResource) or on a store classified as key material, not elsewhere.
     */
    keyMaterialStoresOnly?: boolean;
}

/**
 * Key-material access (catalog rows 94 and 95): reading or decrypting it, and taking a store over without touching
 * its data (resetting its master password, sharing or exporting its snapshots, rewriting who may use a key or read
 * a secret). Data, not code: a new action is a new entry. AWS facts per class are in the comments.
 */
export const KEY_MATERIAL_ACTION_CLASSES: readonly KeyMaterialActionClass[] = [
    { capability: "can decrypt or sign with keys", actions: ["kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:Sign", "kms:GenerateMac"] },
    // A grant hands a key's use to any principal; PutKeyPolicy replaces the key policy, so a caller can make itself
    // (or another account) the key's administrator (AWS KMS API reference, CreateGrant and PutKeyPolicy). Only
    // identity policies are read here: a key policy's own statements are kms-key-policy-* territory.
    { capability: "can hand a key to others (grants or a new key policy)", actions: ["kms:CreateGrant", "kms:PutKeyPolicy"] },
    {
        capability: "can read secrets and parameters",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
    },
    // PutResourcePolicy attaches a resource policy to a secret, which can name other accounts (Secrets Manager API reference).
    { capability: "can open secrets to other accounts", actions: ["secretsmanager:PutResourcePolicy"] },
    { capability: "can connect to databases as a database user", actions: ["rds-db:connect"] },
    // ModifyDBInstance / ModifyDBCluster take MasterUserPassword (RDS API reference; DocumentDB and Neptune clusters
    // are managed through the same rds: actions), and Redshift's ModifyCluster takes MasterUserPassword too.
    { capability: "can reset the master password", actions: ["rds:ModifyDBInstance", "rds:ModifyDBCluster", "redshift:ModifyCluster"] },
    // Snapshot attributes `restore` / `createVolumePermission` add accounts (or `all`) that may restore or mount a
    // copy; an AMI's launch permission shares its backing snapshots the same way; a copy can move a snapshot out from
    // under its key (RDS, EC2 and Redshift API references).
    {
        capability: "can copy or share snapshots",
        actions: [
            "rds:CopyDBSnapshot",
            "rds:ModifyDBSnapshotAttribute",
            "rds:CopyDBClusterSnapshot",
            "rds:ModifyDBClusterSnapshotAttribute",
            "ec2:ModifySnapshotAttribute",
            "ec2:ModifyImageAttribute",
            "redshift:AuthorizeSnapshotAccess",
        ],
    },
    // StartExportTask writes a snapshot's data to S3 as Parquet; ExportTableToPointInTime writes a table to any bucket,
    // including one of another account (RDS and DynamoDB API references).
    { capability: "can export a store's data", actions: ["rds:StartExportTask", "dynamodb:ExportTableToPointInTime"] },
    { capability: "can read tables", actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"] },
    // AssociateResourceShare adds principals (other accounts) or resources (clusters, subnets) to a RAM share.
    { capability: "can share resources with other accounts", actions: ["ram:AssociateResourceShare"] },
    // Objects are the data; a bucket policy or ACL decides who else reads them.
    {
        capability: "can read, overwrite or open up objects in buckets",
        actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectAcl"],
        keyMaterialStoresOnly: true,
    },
];

/** Every key-material action of every class. */
export const KEY_MATERIAL_ACTIONS: readonly string[] = KEY_MATERIAL_ACTION_CLASSES.flatMap((c) => c.actions);

/** The class of a key-material action (case-insensitive); undefined for any other action. */
export function keyMaterialActionClass(action: string): KeyMaterialActionClass | undefined {
    const wanted = action.toLowerCase();
    return KEY_MATERIAL_ACTION_CLASSES.find((c) => c.actions.some((a) => a.toLowerCase() === wanted));
}

/** The capabilities the actions give, in class order, for messages: "can decrypt or sign with keys, can reset the master password". */
export function describeCapabilities(actions: readonly string[]): string {
    const classes = new Set(actions.map(keyMaterialActionClass).filter((c): c is KeyMaterialActionClass => c !== undefined));
    return KEY_MATERIAL_ACTION_CLASSES.filter((c) => classes.has(c))
        .map((c) => c.capability)
        .join("; ");
}

export const KMS_DECRYPT_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:GenerateDataKey"];
export const SECRET_READ_ACTIONS: readonly string[] = ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"];
export const DB_CONNECT_ACTIONS: readonly string[] = ["rds-db:connect"];

export function describeStatement(statement: Statement): string {
    return statement.sid ? `Statement[${statement.index}] (Sid "${statement.sid}")` : `Statement[${statement.index}]`;
}

// ---------------------------------------------------------------------------------------------------------
// Administrator access, in any spelling

/** `*`, `*:*`, `?*`: a pattern that matches every action. */
function isEveryAction(pattern: string): boolean {
    const p = pattern.trim();
    return p.includes("*") && /^[*?]*(:[*?]*)?$/.test(p);
}

/** `*`, `arn:*`, `arn:aws:*:*:*:*`: a pattern that matches every resource. */
function isEveryResource(pattern: string): boolean {
    const p = pattern.trim();
    if (!p.includes("*")) {
        return false;
    }
    const rest = p.replace(/^arn:(aws[a-z-]*|\*)?/i, "");
    return /^[*?:/]*$/.test(rest);
}

/**
 * Does the pattern match every IAM action? Matching it against the literal `iam:*` asks exactly that: `iam:*`,
 * `IAM:*`, `i*:*`, `iam:?*` and `*` do; `iam:Get*` and `iam:*Policy` do not.
 */
function isEveryIamAction(pattern: string): boolean {
    return globMatch(pattern.trim(), "iam:*");
}

/**
 * Each of these alone lets its holder give itself (or a principal it controls) any permission on every IAM
 * resource: write or attach a policy to itself, publish a new default version of a policy it has, let itself assume
 * a role, join a group, or sign in as another user (IAM API reference for each action).
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:DeleteUserPermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
];

/**
 * The escalation actions that also work on the caller's own user: a policy written or attached to
 * `user/${aws:username}` is a policy of the caller (AWS's self-management examples grant password, access-key and
 * MFA actions there, never these).
 */
const SELF_ESCALATION_ACTIONS: readonly string[] = ["iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:DeleteUserPermissionsBoundary"];
const OWN_USER = /:user\/.*\$\{aws:(username|userid)\}/i;

/**
 * Condition keys that only requests of delegated IAM administration carry: `iam:PermissionsBoundary` (the boundary
 * of the user or role being created or changed) and `iam:PolicyARN` (the policy being attached). A positive
 * condition on one of them with concrete ARNs limits the statement to those requests, because a condition on a key
 * the request lacks does not match (IAM policy evaluation, "Condition keys that are not present"). This is AWS's
 * documented pattern for letting a team create roles without letting it escalate.
 */
const DELEGATION_KEYS: ReadonlySet<string> = new Set(["iam:permissionsboundary", "iam:policyarn"]);

function isDelegationScoped(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        const { base, ifExists, setOperator } = baseOperator(condition.operator);
        if (!DELEGATION_KEYS.has(condition.key) || ifExists || setOperator || !POSITIVE_STRING_OPERATORS.has(base) || condition.values.length === 0) {
            continue;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            unknown = true;
        } else if ((condition.values as string[]).every((v) => /^arn:[^:*?]+:iam::(\d{12}|aws):policy\/[^*?]+$/i.test(v.trim()))) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

function anyAction(statement: Statement, test: (pattern: string) => boolean): Tri {
    if (statement.actions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const action of statement.actions) {
        if (action === UNKNOWN) {
            unknown = true;
        } else if (test(action)) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

export type AdminKind = "every-action" | "every-iam-action" | "privilege-escalation" | "self-escalation";

export interface AdminVerdict {
    /** The first kind the statement surely grants, or undefined. */
    kind?: AdminKind;
    /** Could unknown parts make it administrator access? */
    maybe: boolean;
    /** The escalation actions it grants (for `privilege-escalation` and `self-escalation`). */
    escalation: string[];
}

/**
 * Is the statement administrator access in some spelling? An Allow of
 *   - every action (`*`, `*:*`, or NotAction: everything but a list) on every resource;
 *   - every IAM action (`iam:*`, `IAM:*`, or NotAction not excluding them) on every IAM resource;
 *   - one of PRIVILEGE_ESCALATION_ACTIONS on every IAM user, group, role or policy (`*`, `arn:aws:iam::*:*`,
 *     `...:role/*`): each lets its holder grant itself the rest; or a policy-writing one on the caller's own user
 *     (`user/${aws:username}`).
 * Conditions on who calls or from where (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, MFA) do not make it less
 * than administrator access for whoever meets them; resource-tag conditions do not either (the holder can tag or
 * change the policy of its own role). Only the delegation keys (`iam:PermissionsBoundary`, `iam:PolicyARN`) scope it.
 */
export function adminAccess(statement: Statement): AdminVerdict {
    const allow: Tri = statement.effect === UNKNOWN ? UNKNOWN : statement.effect === "Allow";
    const scoped = isDelegationScoped(statement);
    if (allow === false || scoped === true) {
        return { maybe: false, escalation: [] };
    }
    const gate = and(allow, not(scoped));
    const everyAction: Tri = statement.notAction ? (statement.actions === UNKNOWN ? UNKNOWN : true) : anyAction(statement, isEveryAction);
    const everyResource = anyResource(statement, isEveryResource);
    const iamResource = broadForAction(statement, "iam:PutRolePolicy");
    const everyIam: Tri = statement.notAction ? coversAction(statement, "iam:*") : anyAction(statement, isEveryIamAction);
    const escalation = PRIVILEGE_ESCALATION_ACTIONS.filter((a) => coversAction(statement, a) === true);
    const escalationMaybe = PRIVILEGE_ESCALATION_ACTIONS.some((a) => coversAction(statement, a) === UNKNOWN);
    const verdicts: [AdminKind, Tri][] = [
        ["every-action", and(gate, everyAction, everyResource)],
        ["every-iam-action", and(gate, everyIam, iamResource)],
        ["privilege-escalation", and(gate, escalation.length > 0 ? true : escalationMaybe ? UNKNOWN : false, iamResource)],
        ["self-escalation", and(gate, or(...SELF_ESCALATION_ACTIONS.map((a) => coversAction(statement, a))), anyResource(statement, (r) => OWN_USER.test(r)))],
    ];
    const sure = verdicts.find(([, v]) => v === true);
    const granted = sure?.[0] === "self-escalation" ? SELF_ESCALATION_ACTIONS.filter((a) => coversAction(statement, a) === true) : escalation;
    return { kind: sure?.[0], maybe: sure === undefined && verdicts.some(([, v]) => v === UNKNOWN), escalation: granted };
}

function not(value: Tri): Tri {
    return value === UNKNOWN ? UNKNOWN : !value;
}
