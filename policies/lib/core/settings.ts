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

export function parseSettings(raw: unknown, now: string = today()): Settings {
    const { values, problems: configProblems } = readConfig(SETTINGS_SCHEMA, raw);
    const problems: Finding[] = [...configProblems];
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
    return {
        keyMaterialTagKeys: values.keyMaterialTagKeys.map((k) => k.toLowerCase()),
        keyMaterialTagValues: values.keyMaterialTagValues.map((v) => v.toLowerCase()),
        keyMaterialNamePatterns: patterns,
        keyMaterialEnforcement: values.keyMaterialEnforcement === "as-configured" ? "as-configured" : "mandatory",
        waivers,
        allowTagWaivers: values.allowTagWaivers,
        frameworks: values.frameworks.map((f) => f.toLowerCase()),
        minimumSeverity: (SEVERITY_ORDER as readonly string[]).includes(values.minimumSeverity) ? (values.minimumSeverity as Severity) : "low",
        previewUnknowns: values.previewUnknowns === "mandatory" ? "mandatory" : "advisory",
        problems,
    };
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
export function isSelected(settings: Settings, severity: Severity, tags: readonly string[]): boolean {
    if (!severityAtLeast(severity, settings.minimumSeverity)) {
        return false;
    }
    if (settings.frameworks.length === 0) {
        return true;
    }
    return tags.some((tag) => settings.frameworks.includes(tag.split(":")[0]!.toLowerCase()));
}
