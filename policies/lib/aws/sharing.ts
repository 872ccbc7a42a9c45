// Who receives a copy or a share of a store's data (a snapshot, an image, an export, a datashare, a backup copy, a
// RAM share), and is that recipient one of your accounts? One answer for every policy about data leaving the
// account, with the pack's one notion of "your accounts": the policy's `allowedAccountIds` config (as in
// rds-snapshot-not-public and the resource-policy policies) plus the account the shared resource itself lives in,
// read from its outputs (`ownerId`, or the account field of its ARN, as key-material-no-cross-account-access does).

import { advice, undecided, violation } from "../readers/checks";
import type { Finding } from "../readers/finding";
import { asString, INVALID, UNKNOWN, type Plain, type PlainObject, type Tri, type Unknown } from "../readers/values";

/** The `allowedAccountIds` configuration each sharing policy carries (same name and meaning everywhere). */
export const ALLOWED_ACCOUNT_IDS = {
    type: "array" as const,
    items: { type: "string" as const },
    default: [] as string[],
    description:
        "Your AWS account ids (12 digits), the management accounts of your organizations, and partner accounts that may receive copies or shares. Empty: only the account the shared data lives in (from its outputs) counts as yours; where that is not known, a specific account is reported only for key material, as advice.",
};

const ACCOUNT_ID = /^\d{12}$/;

/** The account field of an ARN (`arn:partition:service:region:account:...`), when it is a 12-digit id. */
export function accountOfArn(value: Plain): string | undefined | Unknown {
    const text = asString(value);
    if (text === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof text !== "string" || !text.trim().toLowerCase().startsWith("arn:")) {
        return undefined;
    }
    const account = text.trim().split(":")[4];
    return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/**
 * The account a resource of the stack lives in: its `ownerId` output (EBS snapshots and AMIs, whose ARNs carry no
 * account) or the account of its `arn`. UNKNOWN while those outputs are computed (a preview of a new resource);
 * undefined when the outputs do not say.
 */
export function ownAccountOf(props: PlainObject): string | undefined | Unknown {
    const owner = asString(props["ownerId"]);
    if (typeof owner === "string" && ACCOUNT_ID.test(owner.trim())) {
        return owner.trim();
    }
    const fromArn = accountOfArn(props["arn"]);
    if (fromArn !== undefined) {
        return fromArn;
    }
    return owner === UNKNOWN ? UNKNOWN : undefined;
}

/** Who a share names. */
export type Recipient =
    | { kind: "public"; who: string }
    | { kind: "account"; account: string; organization?: boolean }
    /** A party outside every account of yours that is not an account id (AWS Data Exchange subscribers). */
    | { kind: "external"; who: string }
    /** Computed; `mayBePublic` when the input can also name everyone (a launch permission's `group`). */
    | { kind: "unknown"; mayBePublic?: boolean }
    /** Not a recipient the input accepts; `expected` says what it should be (default: an AWS account id). */
    | { kind: "invalid"; expected?: string };

/**
 * An account id input: 12 digits, computed, or anything else (not an account: the inputs read this way have no
 * keyword for everyone; `all` in a launch permission is its `group`).
 */
export function readAccount(value: Plain): Recipient | undefined {
    const text = asString(value);
    if (text === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (text === undefined) {
        return undefined;
    }
    if (text === INVALID) {
        return { kind: "invalid" };
    }
    const trimmed = text.trim();
    if (trimmed === "") {
        return undefined;
    }
    return ACCOUNT_ID.test(trimmed) ? { kind: "account", account: trimmed } : { kind: "invalid" };
}

const ORGANIZATION_ARN = "an AWS Organizations organization or OU ARN";

/**
 * An AWS Organizations organization or organizational unit ARN as a recipient: its account field is the
 * organization's management account (arn:aws:organizations::<management account>:organization/o-...), which
 * stands for the organization.
 */
export function readOrganization(value: Plain): Recipient | undefined {
    const text = asString(value);
    if (text === UNKNOWN) {
        return { kind: "unknown" };
    }
    if (text === undefined || text === INVALID || text.trim() === "") {
        return text === INVALID ? { kind: "invalid", expected: ORGANIZATION_ARN } : undefined;
    }
    const account = accountOfArn(text);
    return typeof account === "string" && /^arn:[^:]+:organizations:/i.test(text.trim()) ? { kind: "account", account, organization: true } : { kind: "invalid", expected: ORGANIZATION_ARN };
}

/** What is known about the data a share exposes. */
export interface SharedSource {
    /** Is the source classified as key material (pack settings)? UNKNOWN: it cannot be classified (outside the stack, computed). */
    keyMaterial: Tri;
    /** The account the source lives in, when its outputs say. */
    own: string | undefined | Unknown;
}

export interface ShareWording {
    /** The property that names the recipient. */
    property: string;
    urn: string;
    /** The resource and what it hands over: "AMI launch permission wallet-ami-share". */
    subject: string;
    /** What the recipient gets: "can launch the image and copy its volumes". */
    gets: string;
    /** How to fix it. */
    fix: string;
}

/** Is an account one of yours: the source's own account or one listed in the allow-list? */
function standing(account: string, allowed: readonly string[], own: string | undefined | Unknown): "ours" | "foreign" | "unlisted" | "unknown" {
    if (allowed.includes(account) || own === account) {
        return "ours";
    }
    if (own === UNKNOWN) {
        return "unknown";
    }
    return own !== undefined || allowed.length > 0 ? "foreign" : "unlisted";
}

const LIST_HINT = "List your own and partner account ids in the policy's `allowedAccountIds` config.";

/**
 * The findings for one recipient of a share:
 * - everyone (a launch permission's `group: "all"`): a violation whatever the data;
 * - an account that is not yours, or a party that is no account (AWS Data Exchange): a violation when the source
 *   holds key material, advice when it does not or cannot be classified;
 * - an account the pack cannot place (no allow-list, the source's account unknown): advice on key material only;
 * - a computed recipient or source account: undecided unless the source certainly holds no key material;
 * - anything that is not an account: a violation.
 */
export function recipientFindings(recipient: Recipient | undefined, source: SharedSource, allowed: readonly string[], wording: ShareWording): Finding[] {
    if (recipient === undefined) {
        return [];
    }
    const { property, urn, subject, gets, fix } = wording;
    const allowedIds = allowed.map((id) => id.trim());
    switch (recipient.kind) {
        case "public":
            return [violation(property, `\`${property}\` of ${subject} names everyone: ${recipient.who} ${gets}. ${fix}`, urn)];
        case "invalid":
            return [violation(property, `\`${property}\` of ${subject} is not ${recipient.expected ?? "an AWS account id"}. ${fix}`, urn)];
        case "unknown":
            if (source.keyMaterial === false && !recipient.mayBePublic) {
                return [];
            }
            return [undecided(property, `\`${property}\` of ${subject} is computed; whether it names ${recipient.mayBePublic ? "everyone" : "an account that is not yours"} is checked once known. ${fix}`, urn)];
        case "external":
            return [foreignFinding(`\`${property}\` of ${subject} names ${recipient.who}, outside your accounts: they ${gets}. ${fix}`, source.keyMaterial, property, urn)];
        case "account":
            break;
    }
    // An organization is yours when its management account is listed; the data's own account is a member account,
    // which says nothing about the organization.
    switch (standing(recipient.account, allowedIds, recipient.organization ? undefined : source.own)) {
        case "ours":
            return [];
        case "unknown":
            return source.keyMaterial === false
                ? []
                : [undecided(property, `\`${property}\` of ${subject} names an account, and the account the shared data lives in is computed; whether it is another account is checked once known. ${fix}`, urn)];
        case "unlisted":
            return source.keyMaterial === true
                ? [advice(property, `\`${property}\` of ${subject} names an account that the pack cannot tell from yours, and the data holds key material: that account ${gets}. ${LIST_HINT}`, urn)]
                : [];
        case "foreign":
            return [
                foreignFinding(`\`${property}\` of ${subject} names an account that is neither the data's own account nor in \`allowedAccountIds\`: that account ${gets}. ${fix}`, source.keyMaterial, property, urn),
            ];
    }
}

/** Data handed outside your accounts: a violation for key material, advice when it is not or cannot be classified. */
function foreignFinding(message: string, keyMaterial: Tri, property: string, urn: string): Finding {
    if (keyMaterial === true) {
        return violation(property, `${message} The data holds key material.`, urn);
    }
    const why = keyMaterial === false ? "The data is not classified as key material, so this is advice." : "Whether the data holds key material cannot be told from the stack, so this is advice.";
    return advice(property, `${message} ${why}`, urn);
}

/** Key material anywhere along a source chain; UNKNOWN when the chain could not be followed to a classified end. */
export function chainIsKeyMaterial<R>(resources: readonly R[], unresolved: boolean, isKeyMaterial: (resource: R) => boolean): Tri {
    if (resources.some(isKeyMaterial)) {
        return true;
    }
    return unresolved || resources.length === 0 ? UNKNOWN : false;
}
