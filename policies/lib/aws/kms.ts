// KMS key-policy analysis shared by the kms-* policies: who a statement really admits (everyone, a whole
// account, or named principals) and whether its use of decrypting actions is gated by a condition.
//
// Built on policies/lib/aws/iam.ts (wildcard principals, account scoping, condition operators).

import {
    awsPrincipalValues,
    coversAction,
    globMatch,
    NEGATIVE_STRING_OPERATORS,
    operatorParts,
    POSITIVE_STRING_OPERATORS,
    requiresMfa,
    type ConditionEntry,
    type Statement,
    type Tri,
} from "./iam";
import { asList, read, UNKNOWN, type PlainObject } from "../readers/values";
import { KMS_EXTERNAL_KEY, KMS_KEY, KMS_KEY_POLICY, KMS_REPLICA_KEY } from "./types";

/** Grant operations that return plaintext, re-encrypt it elsewhere, or let the grantee hand out more access. */
export const GRANT_DECRYPT_OPERATIONS: readonly string[] = [
    "decrypt",
    "reencryptfrom",
    "creategrant",
    "generatedatakey",
    "generatedatakeywithoutplaintext",
    "generatedatakeypair",
    "generatedatakeypairwithoutplaintext",
];

/** Is this grant operation name (`Decrypt`, `kms:Decrypt`) one of GRANT_DECRYPT_OPERATIONS? */
export function isGrantDecryptOperation(operation: string): boolean {
    return GRANT_DECRYPT_OPERATIONS.includes(operation.trim().replace(/^kms:/i, "").toLowerCase());
}

/** Resources that create a KMS key (and may carry its key policy inline). */
export const KMS_KEY_TYPES: readonly string[] = [KMS_KEY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY];
/** Resources whose `policy` input is a KMS key policy. */
export const KMS_POLICY_TYPES: readonly string[] = [KMS_KEY, KMS_KEY_POLICY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY];

const ACCOUNT_ID = /^\d{12}$/;

const ROOT = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/i;

/** The statement's AWS principals that stand for a whole account (`arn:...:root` or a bare account id). */
export function accountPrincipals(statement: Statement): (string | typeof UNKNOWN)[] {
    const out: (string | typeof UNKNOWN)[] = [];
    for (const value of awsPrincipalValues(statement)) {
        const match = value === UNKNOWN ? null : ROOT.exec(value);
        if (value === UNKNOWN) {
            out.push(UNKNOWN);
        } else if (match && (value.toLowerCase().endsWith(":root") || ACCOUNT_ID.test(value))) {
            out.push(match[1]!);
        }
    }
    return out;
}

/** Does the statement name only AWS service principals (`logs.amazonaws.com`)? Those cannot be stolen or phished. */
export function onlyServicePrincipals(statement: Statement): boolean {
    return (
        Array.isArray(statement.principals) &&
        !statement.notPrincipal &&
        statement.principals.length > 0 &&
        statement.principals.every((entry) => entry.kind === "Service" && entry.value !== UNKNOWN && entry.value.trim() !== "*")
    );
}

/** Actions that return plaintext of data encrypted under the key, or re-encrypt it under a key someone else controls. */
export const KEY_DECRYPT_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:ReEncryptFrom"];

/**
 * The decrypting actions the statement grants. `kms:CreateGrant` counts (a grant can give the grantee Decrypt), but
 * not through `kms:Create*`, the administrators' pattern in AWS's own key-policy template: administrators can
 * rewrite the key policy anyway, and the policy judges them by their Decrypt/ReEncrypt grants.
 */
export function decryptActions(statement: Statement): string[] | typeof UNKNOWN {
    const out: string[] = [];
    let unknown = false;
    for (const action of KEY_DECRYPT_ACTIONS) {
        const covered = coversAction(statement, action);
        if (covered === true) {
            out.push(action);
        }
        unknown ||= covered === UNKNOWN;
    }
    if (statement.actions === UNKNOWN) {
        return UNKNOWN;
    }
    const patterns = statement.actions;
    if (statement.notAction) {
        const excluded = patterns.some((p) => p !== UNKNOWN && globMatch(p, "kms:CreateGrant"));
        if (!excluded) {
            out.push("kms:CreateGrant");
        }
    } else if (patterns.some((p) => p !== UNKNOWN && p.trim().toLowerCase() !== "kms:create*" && globMatch(p.trim(), "kms:CreateGrant"))) {
        out.push("kms:CreateGrant");
    }
    return unknown && out.length === 0 ? UNKNOWN : out;
}

/** Does a statement grant every KMS action (`kms:*`, `*`, or a NotAction list that leaves Decrypt in)? */
export function grantsAllKms(statement: Statement): Tri {
    if (statement.actions === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.notAction) {
        return coversAction(statement, "kms:Decrypt") === true && coversAction(statement, "kms:PutKeyPolicy") === true;
    }
    return statement.actions.some((p) => p !== UNKNOWN && (p.trim() === "*" || p.trim().toLowerCase() === "kms:*"));
}

function positiveConcrete(condition: ConditionEntry, keys: readonly string[]): Tri {
    const { base, ifExists, setOperator } = operatorParts(condition.operator);
    if (!keys.includes(condition.key) || ifExists || setOperator || !POSITIVE_STRING_OPERATORS.has(base) || condition.values.length === 0) {
        return false;
    }
    if (condition.values.some((v) => v === UNKNOWN)) {
        return UNKNOWN;
    }
    return (condition.values as string[]).every((v) => v.replace(/[*?]/g, "").trim() !== "");
}

const GATING_KEYS = ["kms:viaservice", "aws:sourcevpce", "aws:sourcevpc"];

/**
 * Is the use of the key in this Allow statement gated: only through an AWS service (`kms:ViaService`), only from
 * your VPC endpoint / VPC, only with MFA, or (for grants) only for AWS resources (`kms:GrantIsForAWSResource`)?
 */
export function isUseGated(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        const gated = positiveConcrete(condition, GATING_KEYS);
        if (gated === true) {
            return true;
        }
        unknown ||= gated === UNKNOWN;
        const { base, ifExists, setOperator } = operatorParts(condition.operator);
        if (condition.key === "kms:grantisforawsresource" && base === "bool" && !ifExists && !setOperator && condition.values.length > 0) {
            if (condition.values.every((v) => v !== UNKNOWN && v.trim().toLowerCase() === "true")) {
                return true;
            }
            unknown ||= condition.values.some((v) => v === UNKNOWN);
        }
    }
    const mfa = requiresMfa(statement);
    if (mfa === true) {
        return true;
    }
    return unknown || mfa === UNKNOWN ? UNKNOWN : false;
}

/**
 * A Deny for every principal (plain `"*"`, not NotPrincipal) that blocks `action` unless the caller comes through a
 * service / VPC endpoint / VPC, or without MFA. Such a statement gates every Allow in the same key policy.
 */
export function denyGates(statement: Statement, action: string): boolean {
    if (statement.effect !== "Deny" || statement.notPrincipal || !Array.isArray(statement.principals)) {
        return false;
    }
    const everyone = statement.principals.some((e) => e.value !== UNKNOWN && e.value.trim() === "*");
    if (!everyone || coversAction(statement, action) !== true || statement.conditions === UNKNOWN || statement.conditions.length === 0) {
        return false;
    }
    const mfaDeny = statement.conditions.every((c) => {
        const { base } = operatorParts(c.operator);
        return (c.key === "aws:multifactorauthpresent" && base === "bool") || (c.key === "aws:multifactorauthage" && base === "null");
    });
    if (mfaDeny) {
        return deniesWithoutMfaStrict(statement);
    }
    return statement.conditions.every((c) => {
        const { base, setOperator } = operatorParts(c.operator);
        return (
            GATING_KEYS.includes(c.key) &&
            !setOperator &&
            NEGATIVE_STRING_OPERATORS.has(base) &&
            c.values.length > 0 &&
            c.values.every((v) => v !== UNKNOWN && v.replace(/[*?]/g, "").trim() !== "")
        );
    });
}

function deniesWithoutMfaStrict(statement: Statement): boolean {
    if (statement.conditions === UNKNOWN) {
        return false;
    }
    return statement.conditions.every((c) => {
        const { base, ifExists, setOperator } = operatorParts(c.operator);
        if (setOperator || c.values.length === 0 || c.values.some((v) => v === UNKNOWN)) {
            return false;
        }
        const values = c.values as string[];
        if (c.key === "aws:multifactorauthpresent" && base === "bool") {
            // `BoolIfExists ... false` also catches long-term keys, where the key is absent.
            return ifExists && values.every((v) => v.trim().toLowerCase() === "false");
        }
        return c.key === "aws:multifactorauthage" && base === "null" && values.every((v) => v.trim().toLowerCase() === "true");
    });
}

/**
 * Is the document the default key policy AWS applies when none is given: only Allow statements that hand every
 * KMS action to account roots, with no conditions?
 */
export function isDefaultKeyPolicy(statements: readonly Statement[]): boolean {
    return (
        statements.length > 0 &&
        statements.every(
            (s) =>
                s.effect === "Allow" &&
                grantsAllKms(s) === true &&
                Array.isArray(s.conditions) &&
                s.conditions.length === 0 &&
                Array.isArray(s.principals) &&
                s.principals.length > 0 &&
                accountPrincipals(s).length === s.principals.length,
        )
    );
}

/**
 * The decrypting operations an aws.kms.Grant gives (`operations`), with `(invalid entry)` for a non-string (it
 * cannot be proved harmless); `unknown` when the list or an entry is computed.
 */
export function grantDecryptOperations(props: PlainObject): { operations: string[]; unknown: boolean } {
    const list = asList(read(props, "operations"));
    if (list === UNKNOWN) {
        return { operations: [], unknown: true };
    }
    const operations: string[] = [];
    let unknown = false;
    for (const item of list) {
        if (item === UNKNOWN) {
            unknown = true;
        } else if (typeof item === "string" && isGrantDecryptOperation(item)) {
            operations.push(item.trim());
        } else if (typeof item !== "string") {
            // Not an operation name: cannot prove it is harmless.
            operations.push("(invalid entry)");
        }
    }
    return { operations, unknown };
}
