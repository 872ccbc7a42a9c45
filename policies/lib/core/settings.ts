// Pack-wide settings: data classification, waivers, framework/severity selection and how preview-time
// unknowns are reported. The policy SDK only has per-policy configuration, so the settings are the
// configuration of one policy, `pack-settings`, which the pack lists first: it runs before every other
// policy in each Analyze/AnalyzeStack call and makes its configuration the active settings.
// The same policy reports invalid settings (expired or reason-less waivers, bad patterns) as violations.

import type { Severity } from "@pulumi/policy";
import { knownTags } from "../aws/key-material";
import { readConfig, type ConfigProperties } from "./config";
import type { Finding } from "../readers/finding";
import { isObject, type PlainObject } from "../readers/values";

export const SETTINGS_POLICY_NAME = "pack-settings";

export interface Waiver {
    policy: string;
    resource: string;
    reason: string;
    expires: string;
}

export type SettingsConfig = {
    keyMaterialTagKeys: string[];
    keyMaterialTagValues: string[];
    keyMaterialNamePatterns: string[];
    keyMaterialEnforcement: string;
    waivers: PlainWaiver[];
    allowTagWaivers: boolean;
    frameworks: string[];
    minimumSeverity: string;
    previewUnknowns: string;
};

type PlainWaiver = { [key: string]: string };

export const SETTINGS_SCHEMA: ConfigProperties<SettingsConfig> = {
    keyMaterialTagKeys: {
        type: "array",
        items: { type: "string" },
        default: ["data-class", "data-classification", "DataClassification", "classification"],
        description: "Tag keys whose value classifies a resource (compared case-insensitively).",
    },
    keyMaterialTagValues: {
        type: "array",
        items: { type: "string" },
        default: ["key-material", "keymaterial", "secret", "restricted", "wallet-keys"],
        description: "Tag values (under keyMaterialTagKeys) that mark a store as holding key material.",
    },
    keyMaterialNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: ["wallet", "keystore", "key-store", "keyvault", "mnemonic", "seed-phrase", "private-key", "signing-key", "custody", "hsm"],
        description: "Case-insensitive regular expressions; a resource whose Pulumi name matches holds key material.",
    },
    keyMaterialEnforcement: {
        type: "string",
        enum: ["mandatory", "as-configured"],
        default: "mandatory",
        description: "For resources classified as key material: `mandatory` raises every advisory finding to mandatory.",
    },
    waivers: {
        // No `items` type: each entry is validated on its own, so one bad waiver does not void the others.
        type: "array",
        default: [],
        description:
            "Waivers: {policy, resource, reason, expires (YYYY-MM-DD)}. `policy` is a policy name or `*`; `resource` is a URN, a resource name or a glob over either. A waived finding is reported as advisory with the reason; an expired or reason-less waiver is itself a violation.",
    },
    allowTagWaivers: {
        type: "boolean",
        default: false,
        description: "Let a resource tag `guard-waiver` (\"<policy>: <reason> until YYYY-MM-DD\") waive a finding. Off: tags cannot exempt.",
    },
    frameworks: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Run only the policies that map to one of these frameworks (aws-fsbp, cis-aws-5.0, pci-dss-4.0, nist-800-53). Empty: all.",
    },
    minimumSeverity: {
        type: "string",
        enum: ["low", "medium", "high", "critical"],
        default: "low",
        description: "Run only the policies of at least this severity.",
    },
    previewUnknowns: {
        type: "string",
        enum: ["advisory", "mandatory"],
        default: "advisory",
        description: "How a finding that depends on a value unknown during preview is reported. `mandatory` fails the preview until it can be verified.",
    },
};

export interface Settings {
    keyMaterialTagKeys: readonly string[];
    keyMaterialTagValues: readonly string[];
    keyMaterialNamePatterns: readonly RegExp[];
    keyMaterialEnforcement: "mandatory" | "as-configured";
    waivers: readonly Waiver[];
    allowTagWaivers: boolean;
    frameworks: readonly string[];
    minimumSeverity: Severity;
    previewUnknowns: "advisory" | "mandatory";
    /** Problems found in the settings themselves. */
    problems: readonly Finding[];
}

const SEVERITY_ORDER: readonly Severity[] = ["low", "medium", "high", "critical"];

export function severityAtLeast(severity: Severity, minimum: Severity): boolean {
    return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(minimum);
}

function isValidDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        return false;
    }
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Today's date as YYYY-MM-DD (UTC); injectable for tests. */
export function today(): string {
    return new Date().toISOString().slice(0, 10);
}

/**
 * What the settings are checked against: every policy of the pack with its severity, tags, default level and
 * configuration property names. Without it (unit tests of one policy) names and selections are not checked.
 */
export interface PackIndex {
    policies: readonly PackIndexEntry[];
}

export interface PackIndexEntry {
    name: string;
    severity: Severity;
    tags: readonly string[];
    enforcementLevel: string;
    configKeys: readonly string[];
}

/** Tag prefixes that are not frameworks (`category:...`, `catalog:...`). */
const NON_FRAMEWORK_TAG_PREFIXES: ReadonlySet<string> = new Set(["category", "catalog"]);

function frameworkOfTag(tag: string): string {
    return tag.split(":")[0]!.toLowerCase();
}

/** The framework ids a `frameworks` entry may name: those at least one policy of the pack maps to. */
export function knownFrameworks(pack: PackIndex): string[] {
    const ids = new Set<string>();
    for (const policy of pack.policies) {
        for (const tag of policy.tags) {
            const id = frameworkOfTag(tag);
            if (tag.includes(":") && !NON_FRAMEWORK_TAG_PREFIXES.has(id)) {
                ids.add(id);
            }
        }
    }
    return [...ids].sort();
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length]!;
}

/** The candidate a misspelt name most likely meant (` (did you mean "x"?)`), or "". */
export function didYouMean(given: string, candidates: readonly string[]): string {
    const wanted = given.trim().toLowerCase();
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(wanted, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best === undefined ? "" : ` (did you mean ${JSON.stringify(best)}?)`;
}

/** Text of a config entry, for naming it in a message (config files are the user's own, never stack values). */
function quoted(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// Resources no waiver pattern should be written for: if a pattern matches all of one group, it matches any
// resource whatever its name, type, project or stack, so it waives everything.
const PROBE_NAMES = ["a", "Z9", "x-y_z.w", "probe name"];
const PROBE_URNS = [
    "urn:pulumi:s::p::aws:rds/instance:Instance::a",
    "urn:pulumi:prod-eu::Ledger_2::pkg:index:Component$aws:s3/bucketV2:BucketV2::Z9",
    "urn:pulumi:x::y::t::q",
];

/** Does this waiver `resource` pattern match every resource (`*`, `?*`, `urn:*`, `urn:pulumi:*`)? */
export function isBlanketResourcePattern(pattern: string): boolean {
    return PROBE_NAMES.every((name) => matchesResource(pattern, name, "")) || PROBE_URNS.every((urn) => matchesResource(pattern, "", urn));
}

export function parseSettings(raw: unknown, now: string = today(), pack?: PackIndex): Settings {
    const { values, problems: configProblems } = readConfig(SETTINGS_SCHEMA, raw);
    const problems: Finding[] = [...configProblems];
    const settingNames = Object.keys(SETTINGS_SCHEMA);
    for (const key of isObject(raw) ? Object.keys(raw) : []) {
        // `enforcementLevel` sits beside the settings in a config file; the engine takes it out before the pack.
        if (key !== "enforcementLevel" && !settingNames.includes(key)) {
            problems.push({
                property: `config.${key}`,
                message: `${quoted(key)} is not a setting of ${SETTINGS_POLICY_NAME}${didYouMean(key, settingNames)}, so it configures nothing. Fix the --policy-pack-config file.`,
            });
        }
    }
    const patterns: RegExp[] = [];
    values.keyMaterialNamePatterns.forEach((pattern, i) => {
        try {
            patterns.push(new RegExp(pattern, "i"));
        } catch {
            problems.push({ property: `config.keyMaterialNamePatterns[${i}]`, message: "This is not a valid regular expression; fix it in the --policy-pack-config file." });
        }
    });
    const waivers: Waiver[] = [];
    values.waivers.forEach((entry, i) => {
        const where = `config.waivers[${i}]`;
        if (!isObject(entry)) {
            problems.push({ property: where, message: "A waiver must be an object {policy, resource, reason, expires}." });
            return;
        }
        const text = (key: string) => (typeof entry[key] === "string" ? (entry[key] as string).trim() : "");
        const waiver: Waiver = { policy: text("policy"), resource: text("resource"), reason: text("reason"), expires: text("expires") };
        if (!waiver.policy || !waiver.resource) {
            problems.push({ property: where, message: "The waiver names no `policy` or no `resource`; it waives nothing. Name both (policy `*` waives every policy)." });
            return;
        }
        if (pack && waiver.policy !== "*" && !pack.policies.some((p) => p.name === waiver.policy)) {
            const names = pack.policies.map((p) => p.name);
            problems.push({
                property: `${where}.policy`,
                message: `${quoted(waiver.policy)} is not a policy of this pack${didYouMean(waiver.policy, names)}, so the waiver waives nothing. Name a policy from the catalog, or \`*\`. It is not applied.`,
            });
            return;
        }
        if (isBlanketResourcePattern(waiver.resource)) {
            problems.push({
                property: `${where}.resource`,
                message: `The waiver for ${waiver.policy === "*" ? "every policy" : waiver.policy} matches every resource (${quoted(waiver.resource)}): a blanket waiver would turn every such finding advisory and switch the guard off. Name the resources it accepts (a URN, a Pulumi name or a narrower glob); to change a policy's level, set it in the config file instead. It is not applied.`,
            });
            return;
        }
        if (waiver.reason.length < 10) {
            problems.push({ property: `${where}.reason`, message: `The waiver for ${waiver.policy} on ${waiver.resource} gives no reason; a waiver must say why the risk is accepted. It is not applied.` });
            return;
        }
        if (!isValidDate(waiver.expires)) {
            problems.push({ property: `${where}.expires`, message: `The waiver for ${waiver.policy} on ${waiver.resource} has no valid expiry date (YYYY-MM-DD); waivers must expire. It is not applied.` });
            return;
        }
        if (waiver.expires < now) {
            problems.push({ property: `${where}.expires`, message: `The waiver for ${waiver.policy} on ${waiver.resource} expired on ${waiver.expires}; renew it with a new review or fix the finding. It is not applied.` });
            return;
        }
        waivers.push(waiver);
    });
    const selection = checkSelection(values.frameworks, values.minimumSeverity, pack, problems);
    return {
        keyMaterialTagKeys: values.keyMaterialTagKeys.map((k) => k.toLowerCase()),
        keyMaterialTagValues: values.keyMaterialTagValues.map((v) => v.toLowerCase()),
        keyMaterialNamePatterns: patterns,
        keyMaterialEnforcement: values.keyMaterialEnforcement === "as-configured" ? "as-configured" : "mandatory",
        waivers,
        allowTagWaivers: values.allowTagWaivers,
        frameworks: selection.frameworks,
        minimumSeverity: selection.minimumSeverity,
        previewUnknowns: values.previewUnknowns === "mandatory" ? "mandatory" : "advisory",
        problems,
    };
}

/**
 * The framework/severity selection in force. A selection the pack cannot honour as written (an unknown framework
 * id, or one that leaves no policy selected) is reported and ignored, so every policy runs: a typo in a selection
 * must never switch the guard off.
 */
function checkSelection(
    frameworks: readonly string[],
    minimumSeverityValue: string,
    pack: PackIndex | undefined,
    problems: Finding[],
): { frameworks: string[]; minimumSeverity: Severity } {
    const everything = { frameworks: [], minimumSeverity: "low" as Severity };
    const minimumSeverity = (SEVERITY_ORDER as readonly string[]).includes(minimumSeverityValue) ? (minimumSeverityValue as Severity) : "low";
    const chosen = { frameworks: frameworks.map((f) => f.toLowerCase()), minimumSeverity };
    if (!pack) {
        return chosen;
    }
    const known = knownFrameworks(pack);
    const unknown = chosen.frameworks.map((id, i) => ({ id, i })).filter(({ id }) => !known.includes(id));
    for (const { i } of unknown) {
        problems.push({
            property: `config.frameworks[${i}]`,
            message: `${quoted(frameworks[i])} is not a framework this pack maps policies to${didYouMean(frameworks[i]!, known)} (known: ${known.join(", ")}). The framework selection is ignored and every policy runs until the entry is fixed.`,
        });
    }
    if (unknown.length > 0) {
        return { ...everything, minimumSeverity };
    }
    if (!pack.policies.some((p) => isSelected({ frameworks: chosen.frameworks, minimumSeverity }, p.severity, p.tags))) {
        problems.push({
            property: chosen.frameworks.length > 0 ? "config.frameworks" : "config.minimumSeverity",
            message: `The framework/severity selection (frameworks ${quoted(frameworks)}, minimumSeverity ${quoted(minimumSeverity)}) selects no policy of this pack. It is ignored and every policy runs until it is fixed.`,
        });
        return everything;
    }
    return chosen;
}

/**
 * Problems with the rest of the engine's configuration that only the whole pack can see: entries naming no policy
 * of the pack (`"rds-deletion-protecton": "disabled"` disables nothing), properties a policy does not have
 * (`minimumRetentionDayz` is ignored), and a configuration that leaves no policy enabled. The engine passes all of
 * these to the pack without complaint.
 */
export function configurationProblems(
    pack: PackIndex,
    configured: ReadonlyMap<string, { enforcementLevel: string; properties: Record<string, unknown> }>,
    settings: Pick<Settings, "frameworks" | "minimumSeverity">,
): Finding[] {
    const problems: Finding[] = [];
    const byName = new Map(pack.policies.map((p) => [p.name, p]));
    const names = [...byName.keys()];
    // In name order, whatever order the engine's map arrives in, so reports are stable.
    for (const [name, entry] of [...configured].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (name === "all" || name === SETTINGS_POLICY_NAME) {
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            problems.push({
                property: `policyConfig[${quoted(name)}]`,
                message: `The config names ${quoted(name)}, which is not a policy of this pack${didYouMean(name, names)}: its level and properties configure nothing. Fix the name in the --policy-pack-config file.`,
            });
            continue;
        }
        for (const key of Object.keys(entry.properties)) {
            if (!policy.configKeys.includes(key)) {
                problems.push({
                    property: `policyConfig[${quoted(name)}].${key}`,
                    message: `${quoted(key)} is not a property of ${name}${didYouMean(key, policy.configKeys)} (${policy.configKeys.length > 0 ? `its properties: ${policy.configKeys.join(", ")}` : "it has no properties"}), so it configures nothing. Fix the --policy-pack-config file.`,
                });
            }
        }
    }
    const enabled = pack.policies.filter((p) => (configured.get(p.name)?.enforcementLevel ?? p.enforcementLevel) !== "disabled");
    if (enabled.length === 0) {
        problems.push({ property: "policyConfig", message: "The configuration disables every policy of this pack, so nothing is checked. Enable the policies you rely on." });
    } else if (!enabled.some((p) => isSelected(settings, p.severity, p.tags))) {
        problems.push({
            property: "config.frameworks",
            message: "The framework/severity selection keeps only policies the configuration disables, so nothing is checked. Enable a selected policy or widen the selection.",
        });
    }
    return problems;
}

export const DEFAULT_SETTINGS: Settings = parseSettings({});

let active: Settings = DEFAULT_SETTINGS;

/** The settings in force for the current call (set by the pack-settings policy, which runs first). */
export function activeSettings(): Settings {
    return active;
}

export function setActiveSettings(settings: Settings): void {
    active = settings;
}

function globToRegExp(glob: string): RegExp {
    const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`);
}

function matchesResource(pattern: string, name: string, urn: string): boolean {
    if (pattern === urn || pattern === name) {
        return true;
    }
    const regex = globToRegExp(pattern);
    return regex.test(name) || regex.test(urn);
}

/** The waiver that covers a finding of `policy` on the resource, if any. */
export function findWaiver(settings: Settings, policy: string, name: string, urn: string, props?: PlainObject): Waiver | undefined {
    const configured = settings.waivers.find((w) => (w.policy === "*" || w.policy === policy) && matchesResource(w.resource, name, urn));
    if (configured || !settings.allowTagWaivers || !props) {
        return configured;
    }
    const tag = knownTags(props)["guard-waiver"];
    const match = tag ? /^\s*([a-z0-9-*]+)\s*:\s*(.{10,}?)\s+until\s+(\d{4}-\d{2}-\d{2})\s*$/i.exec(tag) : null;
    // The reason must be 10 characters without the padding (`\s*` after the colon lets `.{10,}` take a space).
    if (match && (match[1] === policy || match[1] === "*") && match[2]!.trim().length >= 10 && isValidDate(match[3]!) && match[3]! >= today()) {
        return { policy, resource: name, reason: `${match[2]!.trim()} (resource tag)`, expires: match[3]! };
    }
    return undefined;
}

/** Does the framework/severity selection keep this policy? */
export function isSelected(settings: Pick<Settings, "frameworks" | "minimumSeverity">, severity: Severity, tags: readonly string[]): boolean {
    if (!severityAtLeast(severity, settings.minimumSeverity)) {
        return false;
    }
    if (settings.frameworks.length === 0) {
        return true;
    }
    return tags.some((tag) => settings.frameworks.includes(frameworkOfTag(tag)));
}
