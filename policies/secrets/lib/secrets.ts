// Recognizing secrets without printing them: names and descriptions that say "this is a credential or key
// material", tags that classify a resource as such, and values shaped like key material (PEM private keys,
// extended/WIF private keys, seed mnemonics, AWS secret keys, JWTs, credentials embedded in URLs).
//
// Every function answers with a boolean or a fixed label; none returns or formats the inspected value.

import { knownTags } from "../../lib/aws/key-material";
import type { ConfigProperties } from "../../lib/core/config";
import { isObject, UNKNOWN, type Plain, type PlainObject } from "../../lib/readers/values";

/**
 * Name patterns (regular expressions over the normalized name: lower-case words joined by "-", camelCase
 * split), each matched as whole words. Brief list: key, secret, password, passwd, token, mnemonic, seed,
 * private, credential, api key.
 */
export const DEFAULT_SECRET_NAME_PATTERNS: readonly string[] = [
    "pass(word|wd|phrase)?s?",
    "pwd",
    "secrets?",
    "tokens?",
    "keys?",
    "private",
    "priv-?key",
    "credentials?",
    "creds?",
    "mnemonics?",
    "seeds?",
    "seed-?phrase",
    "api-?keys?",
    "xprv",
    "wif",
    "dsn",
    "conn(ection)?-?str(ing)?",
    "jwt",
    "bearer",
    "signing",
];

/**
 * Names that match a secret word but name metadata about a secret (its ARN, id, length, rotation...) or a
 * non-secret thing (public keys, KMS key references, table keys, private subnets).
 */
export const DEFAULT_NON_SECRET_NAME_PATTERNS: readonly string[] = [
    "(arn|arns|id|ids|name|names|alias|region|version|versions|url|uri|endpoint|host|hostname|port|path|length|ttl|expiry|expiration|expires|rotation|enabled|type|fingerprint|count|size|username|user|user-name|policy|role|bucket|prefix|format|spec|usage|schedule|header|field|location|ref|reference)$",
    "pub(lic)?-?keys?",
    "(kms|cmk)-?keys?",
    "(sort|partition|hash|range|primary|foreign|cache|idempotency|object|s3|dedup|deduplication|routing|shard|row|lookup)-keys?",
    "keys?-(pair|pairs|prefix|rotation|schema|spec)",
    "private-(subnet|subnets|ip|ips|dns|zone|hosted-zone|cidr|cidrs|network|route|routes|link|endpoint|endpoints|registry|repo|repository|bucket|ecr)",
    "token-(lifetime|validity|duration|limit|audience|issuer)",
];

/** Strong words for free-text descriptions (prose is not split into names, so only unambiguous phrases). */
export const DEFAULT_SECRET_DESCRIPTION_PATTERNS: readonly string[] = [
    "passwords?",
    "passwd",
    "passphrases?",
    "private[ -]keys?",
    "secret[ -](access[ -])?keys?",
    "api[ -]?keys?",
    "credentials?",
    "mnemonics?",
    "seed[ -]phrases?",
    "recovery[ -]phrases?",
    "(auth|access|bearer|refresh|api)[ -]tokens?",
    "signing[ -]keys?",
    "wallet[ -]keys?",
    "client[ -]secrets?",
    "connection[ -]strings?",
];

/** Tag values (normalized) that classify a resource as holding a secret, whatever the tag key. */
export const DEFAULT_SECRET_TAG_VALUES: readonly string[] = ["secret", "key-material", "credential", "credentials", "private-key", "seed", "mnemonic"];

/** `dbMasterPassword` -> `db-master-password`, `/prod/DB_PASSWORD` -> `prod-db-password`. */
export function normalizeName(text: string): string {
    return text
        .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

const compiled = new Map<string, RegExp>();

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A configured pattern as a regex; a pattern that does not compile is matched literally (never crashes). */
function compile(pattern: string, wrap: (p: string) => string): RegExp {
    const cacheKey = `${wrap("\u0000")}\u0001${pattern}`;
    let regex = compiled.get(cacheKey);
    if (!regex) {
        try {
            regex = new RegExp(wrap(pattern), "i");
        } catch {
            regex = new RegExp(wrap(escape(pattern)), "i");
        }
        compiled.set(cacheKey, regex);
    }
    return regex;
}

const asWords = (p: string) => `(?:^|-)(?:${p})(?:-|$)`;
const asProseWords = (p: string) => `(?:^|[^a-z0-9])(?:${p})(?:[^a-z0-9]|$)`;

/** Does a name match one of the patterns as whole words? */
export function nameMatches(name: string, patterns: readonly string[]): boolean {
    const normalized = normalizeName(name);
    return normalized !== "" && patterns.some((p) => compile(p, asWords).test(normalized));
}

export interface NamePatterns {
    secret: readonly string[];
    nonSecret: readonly string[];
}

/** A name that says "credential or key material" and is not one of the known metadata/non-secret forms. */
export function looksLikeSecretName(name: string, patterns: NamePatterns): boolean {
    const normalized = normalizeName(name);
    if (normalized === "") {
        return false;
    }
    // The non-secret forms are anchored at word boundaries but may sit anywhere (or, for suffixes, at the end).
    if (patterns.nonSecret.some((p) => compile(p, (x) => `(?:^|-)(?:${x})`).test(normalized))) {
        return false;
    }
    return patterns.secret.some((p) => compile(p, asWords).test(normalized));
}

/** A free-text description that mentions a credential or key material. */
export function looksLikeSecretDescription(text: string, patterns: readonly string[]): boolean {
    const lower = text.toLowerCase();
    return patterns.some((p) => compile(p, asProseWords).test(lower));
}

/** A tag value (or key with an empty value) that classifies the resource as secret. */
export function hasSecretTag(tags: Plain, values: readonly string[]): boolean {
    if (!isObject(tags)) {
        return false;
    }
    const wanted = new Set(values.map((v) => normalizeName(v)));
    return Object.entries(tags).some(([, value]) => typeof value === "string" && wanted.has(normalizeName(value)));
}

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const EXTENDED_PRIVATE_KEY = /(?:^|[^1-9A-HJ-NP-Za-km-z])[xtyzuv]prv[1-9A-HJ-NP-Za-km-z]{100,}/;
const WIF_PRIVATE_KEY = /^[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}$/;
const MNEMONIC = /^(?:[a-z]{3,8}\s+){11,23}[a-z]{3,8}$/;
const AWS_SECRET_ASSIGNMENT = /aws_?secret_?access_?key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/i;
const JWT = /(?:^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;
const PASSWORD_ASSIGNMENT = /(?:^|[;\s,{"'])(?:password|passwd|pwd)["']?\s*[=:]\s*["']?[^\s;"',}]{4,}/i;

function isAwsSecretKeyShape(value: string): boolean {
    // A whole value of exactly 40 base64-ish characters with mixed case and a digit (hex hashes are single-case).
    return /^[A-Za-z0-9/+]{40}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value);
}

/**
 * What kind of key material or credential a value looks like, as a fixed label safe to print, or undefined.
 * Mnemonic detection needs 12/15/18/21/24 short lower-case words and nothing else.
 */
export function secretValueShape(value: Plain): string | undefined {
    if (typeof value !== "string" || value === "") {
        return undefined;
    }
    const text = value.length > 200_000 ? value.slice(0, 200_000) : value;
    const trimmed = text.trim();
    if (PEM_PRIVATE_KEY.test(text)) {
        return "a PEM private key";
    }
    if (EXTENDED_PRIVATE_KEY.test(text)) {
        return "an extended (BIP-32) private key";
    }
    if (WIF_PRIVATE_KEY.test(trimmed)) {
        return "a WIF private key";
    }
    if (MNEMONIC.test(trimmed)) {
        const words = trimmed.split(/\s+/).length;
        if ([12, 15, 18, 21, 24].includes(words)) {
            return "a seed mnemonic";
        }
    }
    if (AWS_SECRET_ASSIGNMENT.test(text) || isAwsSecretKeyShape(trimmed)) {
        return "an AWS secret access key";
    }
    if (JWT.test(text)) {
        return "a JSON Web Token";
    }
    if (URL_CREDENTIALS.test(text)) {
        return "a URL with an embedded password";
    }
    if (PASSWORD_ASSIGNMENT.test(text)) {
        return "a connection string or document with a password";
    }
    return undefined;
}

/** A secret string holding a JSON object with user-name and password keys (the RDS/DocumentDB credential format). */
export function isCredentialJson(value: Plain): boolean {
    if (typeof value !== "string" || value.length > 100_000) {
        return false;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        return false;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return false;
    }
    const keys = Object.keys(parsed).map((k) => k.toLowerCase());
    const hasPassword = keys.some((k) => /^(password|passwd|pwd|masterpassword|master_password)$/.test(k));
    const hasUser = keys.some((k) => /^(username|user|user_name|masterusername|master_username|login)$/.test(k));
    return hasPassword && hasUser;
}

/** Configuration shared by the policies that decide whether a resource holds a secret. */
export type SecretDetectionConfig = {
    secretNamePatterns: string[];
    nonSecretNamePatterns: string[];
    secretDescriptionPatterns: string[];
    secretTagValues: string[];
};

export const SECRET_DETECTION_CONFIG: ConfigProperties<SecretDetectionConfig> = {
    secretNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_SECRET_NAME_PATTERNS],
        description:
            "Regular expressions matched as whole words against the normalized name (lower case, words joined by '-', camelCase split) that mark a credential or key material.",
    },
    nonSecretNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_NON_SECRET_NAME_PATTERNS],
        description: "Regular expressions (from a word start in the normalized name) for metadata or non-secret names, such as '...-arn', 'public-key', 'kms-key', 'private-subnet'.",
    },
    secretDescriptionPatterns: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_SECRET_DESCRIPTION_PATTERNS],
        description: "Regular expressions matched as whole words against the description that mark a credential or key material.",
    },
    secretTagValues: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_SECRET_TAG_VALUES],
        description: "Tag values (any tag key) that classify a resource as holding a credential or key material.",
    },
};

export interface SecretVerdict {
    /** true: looks like a secret; false: does not; UNKNOWN: the name is computed and nothing else decides. */
    secret: boolean | typeof UNKNOWN;
    /** Why, as a fixed phrase safe to print ("its name", "its value looks like a PEM private key"). */
    reason: string;
}

/**
 * Does a resource (SSM parameter, secret) look like it holds a credential or key material? Looks at its name
 * (the Pulumi resource name when `name` is omitted, since Pulumi auto-names from it), description, tags and
 * the shape of the given values. Never returns or formats the values.
 */
export function looksSecret(
    props: PlainObject,
    resourceName: string,
    config: SecretDetectionConfig,
    valueProperties: readonly string[] = [],
    nameProperties: readonly string[] = ["name"],
): SecretVerdict {
    const patterns = { secret: config.secretNamePatterns, nonSecret: config.nonSecretNamePatterns };
    let nameUnknown = false;
    let named = false;
    for (const property of nameProperties) {
        const value = props[property];
        if (value === UNKNOWN) {
            nameUnknown = true;
        } else if (typeof value === "string" && value.trim() !== "") {
            named = true;
            if (looksLikeSecretName(value, patterns)) {
                return { secret: true, reason: "its name" };
            }
        }
    }
    if (!named && !nameUnknown && looksLikeSecretName(resourceName, patterns)) {
        return { secret: true, reason: "its (auto-generated) name" };
    }
    const description = props.description;
    if (typeof description === "string" && looksLikeSecretDescription(description, config.secretDescriptionPatterns)) {
        return { secret: true, reason: "its description" };
    }
    if (hasSecretTag(knownTags(props), config.secretTagValues)) {
        return { secret: true, reason: "its tags" };
    }
    for (const property of valueProperties) {
        const shape = secretValueShape(props[property]);
        if (shape) {
            return { secret: true, reason: `its \`${property}\` looks like ${shape}` };
        }
    }
    return nameUnknown ? { secret: UNKNOWN, reason: "its name is computed" } : { secret: false, reason: "" };
}
