// Which resources hold key material? IaC does not say what a bucket or an instance stores, so it is decided from
// configurable conventions over one reading of a resource's tags (`tags` and `tagsAll` merged): the pack-wide
// classification of the pack settings (tag keys and values, name regular expressions; it escalates findings and
// scopes the stack policies), and the scopes of the S3, Backup, EC2 and CloudTrail policies that apply only to some
// stores (tag selectors such as `data-class=key-material` or `role=database`, tokens of names: `wallet-keys-prod`).

import { globMatch } from "./iam";
import { isObject, UNKNOWN, type Plain, type PlainObject, type Unknown } from "../readers/values";

/** The tag maps of a resource: its own `tags`, `tagsAll` (outputs: the provider's default tags merged in), extras. */
function tagMaps(props: PlainObject, extra: readonly Plain[]): Plain[] {
    return [props["tags"], props["tagsAll"], ...extra];
}

function addTags(out: Record<string, string | Unknown>, source: PlainObject): void {
    for (const [key, value] of Object.entries(source)) {
        if (value === UNKNOWN) {
            out[key] = UNKNOWN;
        } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
            out[key] = String(value);
        }
    }
}

/** Tag map of a resource; `tags` and `tagsAll` (outputs, provider default tags) merged. UNKNOWN if a map is unknown. */
export function tagsOf(props: PlainObject, extra: Plain[] = []): Record<string, string | Unknown> | Unknown {
    const out: Record<string, string | Unknown> = {};
    for (const source of tagMaps(props, extra)) {
        if (source === UNKNOWN) {
            return UNKNOWN;
        }
        if (isObject(source)) {
            addTags(out, source);
        }
    }
    return out;
}

/**
 * The tags a resource is known to have, keys lower-cased: the same merge as `tagsOf`, for the callers that decide
 * from what is known (the pack-wide classification, tag waivers), so an unknown `tagsAll` during preview does not
 * hide the known `tags`, nor `tags: {}` a classification that arrives through `tagsAll`.
 */
export function knownTags(props: PlainObject): Record<string, string> {
    const merged: Record<string, string | Unknown> = {};
    for (const source of tagMaps(props, [])) {
        if (isObject(source)) {
            addTags(merged, source);
        }
    }
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(merged)) {
        if (value !== UNKNOWN) {
            out[key.toLowerCase()] = value;
        }
    }
    return out;
}

/** The pack-wide classification (the `pack-settings` policy): tag keys and values, lower-cased, and name patterns. */
export interface KeyMaterialClassification {
    keyMaterialTagKeys: readonly string[];
    keyMaterialTagValues: readonly string[];
    keyMaterialNamePatterns: readonly RegExp[];
}

/**
 * Is this resource classified as holding key material by the pack settings: a tag (in `tags` or `tagsAll`) whose
 * key is one of the classification's keys and whose value is one of its values (case-insensitive, trimmed), or a
 * Pulumi name matching one of its patterns?
 */
export function isClassifiedKeyMaterial(classification: KeyMaterialClassification, name: string, props: PlainObject): boolean {
    // Asked of every resource by several stack policies and again per finding: answered once per copy of a
    // resource's properties (a copy lives for one call and is never changed) and classification.
    const cached = classified.get(props);
    if (cached?.classification === classification && cached.name === name) {
        return cached.result;
    }
    const result = classify(classification, name, props);
    classified.set(props, { classification, name, result });
    return result;
}

const classified = new WeakMap<PlainObject, { classification: KeyMaterialClassification; name: string; result: boolean }>();

function classify(classification: KeyMaterialClassification, name: string, props: PlainObject): boolean {
    const tags = knownTags(props);
    for (const key of classification.keyMaterialTagKeys) {
        const value = tags[key];
        if (value !== undefined && classification.keyMaterialTagValues.includes(value.trim().toLowerCase())) {
            return true;
        }
    }
    return classification.keyMaterialNamePatterns.some((pattern) => pattern.test(name));
}

/**
 * Does a tag map match one of the selectors? A selector is `key=value` (glob `*` allowed in both, compared
 * case-insensitively) or a bare `key` (any value). Returns UNKNOWN when only an unknown tag value could match.
 */
export function matchesTags(tags: Record<string, string | Unknown> | Unknown, selectors: readonly string[]): boolean | Unknown {
    if (tags === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const selector of selectors) {
        const at = selector.indexOf("=");
        const keyPattern = (at === -1 ? selector : selector.slice(0, at)).trim();
        const valuePattern = at === -1 ? "*" : selector.slice(at + 1).trim();
        if (keyPattern === "") {
            continue;
        }
        for (const [key, value] of Object.entries(tags)) {
            if (!globMatch(keyPattern, key.trim())) {
                continue;
            }
            if (value === UNKNOWN) {
                unknown = true;
            } else if (globMatch(valuePattern, value.trim())) {
                return true;
            }
        }
    }
    return unknown ? UNKNOWN : false;
}

/** Splits a name into lower-case word tokens: `walletKeys-prod_2` -> wallet, keys, prod. */
export function nameTokens(name: string): string[] {
    return name
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .split(/[^A-Za-z]+/)
        .map((t) => t.toLowerCase())
        .filter((t) => t.length > 0);
}

/**
 * Does any token of any name match a pattern? Patterns are globs over single tokens (`backup*` matches
 * `backups`), or several tokens joined by `-` that must appear in sequence (`key-material`).
 */
export function matchesNames(names: readonly string[], patterns: readonly string[]): boolean {
    for (const name of names) {
        const tokens = nameTokens(name);
        for (const pattern of patterns) {
            const parts = pattern.toLowerCase().split("-").filter((p) => p !== "");
            if (parts.length === 0) {
                continue;
            }
            for (let i = 0; i + parts.length <= tokens.length; i++) {
                if (parts.every((part, j) => globMatch(part, tokens[i + j]!))) {
                    return true;
                }
            }
        }
    }
    return false;
}

/** Known string values among candidate name properties (unknowns and non-strings dropped). */
export function knownNames(props: PlainObject, keys: readonly string[], extra: readonly string[] = []): string[] {
    const out = [...extra];
    for (const key of keys) {
        const value = props[key];
        if (typeof value === "string" && value.trim() !== "") {
            out.push(value);
        }
    }
    return out;
}

export interface KeyScopeConfig {
    keyMaterialTags: string[];
    keyMaterialNamePatterns: string[];
}

export const DEFAULT_KEY_MATERIAL_TAGS: string[] = [
    "data-class=key-material",
    "data-classification=key-material",
    "data-class=backup",
    "data-classification=backup",
    "classification=key-material",
    "key-material=true",
    "purpose=backup",
    "backup=true",
];

export const DEFAULT_KEY_MATERIAL_NAME_PATTERNS: string[] = [
    "backup*",
    "key",
    "keys",
    "keystore*",
    "keyring*",
    "key-material",
    "wallet*",
    "vault*",
    "secret*",
    "seed*",
    "mnemonic*",
    "signing",
    "signer*",
    "custody",
    "hsm",
    "dump*",
];

/** Is the resource a key-material/backup store by its tags or names? UNKNOWN when an unknown tag decides. */
export function isKeyMaterial(
    tags: Record<string, string | Unknown> | Unknown,
    names: readonly string[],
    config: KeyScopeConfig,
): boolean | Unknown {
    if (matchesNames(names, config.keyMaterialNamePatterns)) {
        return true;
    }
    return matchesTags(tags, config.keyMaterialTags);
}
