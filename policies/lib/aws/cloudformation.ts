// The resources an `aws.cloudformation.Stack` declares in its template, as the policies read them. CloudFormation
// property names are aws-native's in PascalCase (aws-native is generated from CloudFormation's resource schemas), so
// a declared resource is read into the aws-native shape and then translated like an aws-native resource
// (lib/aws/native.ts). Intrinsic functions (`Ref`, `Fn::GetAtt`, `!Sub`, ...) and so every parameter, NoEcho or not,
// are unknown: the template is judged on what it states. Findings name the logical id and the template's own
// property path (`Resources.WalletDb.Properties.PubliclyAccessible`), never a value.

import type * as Yaml from "yaml";
import type { Finding } from "../readers/finding";
import { isObject, UNKNOWN, type Plain, type PlainObject } from "../readers/values";
import { cloudFormationMapping, mappedViews, perMapping, renameFinding, type PerMapping, type ResourceView, type Translatable } from "./native";

/** Templates larger than CloudFormation accepts in `TemplateBody` (51,200 bytes) are not parsed. */
const MAX_TEMPLATE_CHARS = 51_200;

/** The policy that reports a template it cannot read (one finding per stack, not one per policy). */
export const UNREADABLE_TEMPLATE_POLICY = "rds-instance-not-public";

// CloudFormation's short-form intrinsic functions (AWS CloudFormation User Guide, "Intrinsic function reference").
const INTRINSICS = ["Ref", "GetAtt", "Sub", "Join", "Select", "Split", "FindInMap", "If", "Base64", "Cidr", "GetAZs", "ImportValue", "Equals", "And", "Or", "Not", "Condition", "Transform", "ToJsonString", "Length"];

const INTRINSIC = Symbol("cloudformation-intrinsic");
type Intrinsic = { [INTRINSIC]: true };
const intrinsic: Intrinsic = { [INTRINSIC]: true };

const SHORT_FORM_TAGS: Yaml.Tags = INTRINSICS.flatMap((name) => [
    { tag: `!${name}`, resolve: () => intrinsic },
    { tag: `!${name}`, collection: "seq" as const, resolve: () => intrinsic },
    { tag: `!${name}`, collection: "map" as const, resolve: () => intrinsic },
]);

let yamlModule: typeof Yaml | undefined;

/** The YAML parser, loaded on the first template: it costs about 0.2 s of start-up, which most stacks never need. */
function yaml(): typeof Yaml {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    yamlModule ??= require("yaml") as typeof Yaml;
    return yamlModule;
}

type Parsed = { kind: "template"; resources: Record<string, unknown> } | { kind: "unreadable"; reason: string };

let lastParsed: { body: string; parsed: Parsed } | undefined;

/**
 * Parses a template body, JSON or YAML (short-form tags included); never throws. The last template is kept: every
 * resource policy reads the same stack's template in turn (callers only read the result).
 */
export function parseTemplate(body: string): Parsed {
    if (lastParsed?.body !== body) {
        lastParsed = { body, parsed: parseFresh(body) };
    }
    return lastParsed.parsed;
}

function parseFresh(body: string): Parsed {
    if (body.length > MAX_TEMPLATE_CHARS) {
        return { kind: "unreadable", reason: "is larger than CloudFormation accepts in a template body" };
    }
    let document: unknown;
    try {
        if (body.trimStart().startsWith("{")) {
            document = JSON.parse(body);
        } else {
            const parsed = yaml().parseDocument(body, { customTags: SHORT_FORM_TAGS, logLevel: "silent", uniqueKeys: false });
            if (parsed.errors.length > 0) {
                return { kind: "unreadable", reason: "is neither valid JSON nor valid YAML" };
            }
            document = parsed.toJS({ maxAliasCount: 100 });
        }
    } catch {
        return { kind: "unreadable", reason: "is neither valid JSON nor valid YAML" };
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        return { kind: "unreadable", reason: "is not a template (no top-level mapping)" };
    }
    const resources = (document as Record<string, unknown>).Resources;
    if (typeof resources !== "object" || resources === null || Array.isArray(resources)) {
        return { kind: "unreadable", reason: "declares no `Resources` mapping" };
    }
    return { kind: "template", resources: resources as Record<string, unknown> };
}

/** `DBInstanceClass` -> `dbInstanceClass`, `EnableIAMDatabaseAuthentication` -> `enableIamDatabaseAuthentication`. */
export function camelName(pascal: string): string {
    const words = pascal.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+/g);
    if (!words) {
        return pascal;
    }
    return words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join("");
}

function isIntrinsic(value: unknown): boolean {
    if (value === intrinsic) {
        return true;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return false;
    }
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === "Ref" || keys[0]!.startsWith("Fn::"));
}

/** `{ "Ref": "AWS::NoValue" }` removes the property (CloudFormation pseudo parameter). */
function isNoValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>).Ref === "AWS::NoValue";
}

const MAX_DEPTH = 48;

/**
 * A template value as a plain value: intrinsics become UNKNOWN, keys camelCased (recording CloudFormation's
 * spelling of each) except inside the properties named in `verbatim`, whose keys are data (policy documents keep
 * `Statement` and `Effect`, parameter maps their parameter names).
 */
function plainValue(value: unknown, verbatim: ReadonlySet<string> | "all", spelled: Map<string, string>, depth: number): Plain {
    if (depth > MAX_DEPTH || isIntrinsic(value)) {
        return UNKNOWN;
    }
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.filter((v) => !isNoValue(v)).map((v) => plainValue(v, verbatim, spelled, depth + 1));
    }
    if (value instanceof Date) {
        return value.toISOString();
    }
    if (typeof value === "object") {
        const out: PlainObject = {};
        for (const [key, item] of Object.entries(value)) {
            if (isNoValue(item)) {
                continue;
            }
            if (verbatim === "all") {
                out[key] = plainValue(item, "all", spelled, depth + 1);
                continue;
            }
            const name = camelName(key);
            spelled.set(name, key);
            out[name] = plainValue(item, verbatim.has(name) ? "all" : verbatim, spelled, depth + 1);
        }
        return out;
    }
    return undefined;
}

/** A declared resource's properties in the aws-native shape, and the CloudFormation spelling of each name. */
/**
 * nativeProps of one template resource, made once per parsed template (parseTemplate keeps the last one): every
 * policy that judges a template's resources asks for the same ones, and the translated views are then made once too
 * (native.ts mappedViews keeps them per properties object).
 */
const readTemplateProps: PerMapping<ReturnType<typeof nativeProps>> = new WeakMap();

function templateProps(mapping: Translatable, properties: unknown): ReturnType<typeof nativeProps> {
    return typeof properties === "object" && properties !== null
        ? perMapping(readTemplateProps, properties, mapping, () => nativeProps(mapping, properties))
        : nativeProps(mapping, properties);
}

export function nativeProps(mapping: Translatable, properties: unknown): { props: PlainObject; spelled: Map<string, string> } | undefined {
    const spelled = new Map<string, string>();
    if (properties === undefined || properties === null) {
        return { props: {}, spelled };
    }
    if (isIntrinsic(properties) || typeof properties !== "object" || Array.isArray(properties)) {
        return undefined;
    }
    const verbatim = new Set(mapping.verbatim ?? []);
    const props = plainValue(properties, verbatim, spelled, 1);
    if (!isObject(props)) {
        return undefined;
    }
    return { props, spelled };
}

function unreadable(stack: string, property: string, reason: string): ResourceView {
    const finding: Finding = {
        property,
        message: `The template of CloudFormation stack ${stack} ${reason}, so the pack cannot check the data stores, keys, networks and IAM policies it declares. Provide the template as \`templateBody\` (JSON or YAML) so every declared resource is checked, or check the template with this pack's rules before deploying it.`,
        undecided: true,
    };
    return { type: "", props: {}, preset: [finding], translate: (findings) => [...findings] };
}

/**
 * The views of the resources a CloudFormation stack declares, for a policy applying to `awsTypes`. A template the
 * pack cannot read (`templateUrl`, computed, malformed) yields one undecided finding, from UNREADABLE_TEMPLATE_POLICY.
 */
export function cloudFormationViews(props: PlainObject, awsTypes: ReadonlySet<string>, policyName: string): ResourceView[] {
    const reports = policyName === UNREADABLE_TEMPLATE_POLICY;
    const stack = typeof props.name === "string" && /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(props.name) ? `"${props.name}"` : "(unnamed)";
    const body = props.templateBody;
    if (typeof body !== "string" || body.trim() === "") {
        if (!reports) {
            return [];
        }
        if (body === UNKNOWN) {
            return [unreadable(stack, "templateBody", "is computed at update time")];
        }
        if (props.templateUrl !== undefined && props.templateUrl !== null) {
            return [unreadable(stack, "templateUrl", "is read from `templateUrl`, which the pack cannot fetch")];
        }
        return [unreadable(stack, "templateBody", "is missing or not text")];
    }
    const parsed = parseTemplate(body);
    if (parsed.kind === "unreadable") {
        return reports ? [unreadable(stack, "templateBody", parsed.reason)] : [];
    }
    const views: ResourceView[] = [];
    for (const [logicalId, declared] of Object.entries(parsed.resources)) {
        if (!isObject(declared as Plain) && (typeof declared !== "object" || declared === null || Array.isArray(declared))) {
            continue;
        }
        const { Type: cfnType, Properties: properties } = declared as Record<string, unknown>;
        const mapping = typeof cfnType === "string" ? cloudFormationMapping(cfnType) : undefined;
        if (!mapping) {
            continue;
        }
        const prefix = `Resources.${logicalId}.Properties`;
        const read = templateProps(mapping, properties);
        if (!read) {
            if (reports) {
                views.push(unreadable(stack, prefix, `declares \`${prefix}\` of ${logicalId} through an intrinsic function`));
            }
            continue;
        }
        for (const view of mappedViews(mapping, read.props, awsTypes)) {
            views.push({
                type: view.type,
                props: view.props,
                translate: (findings) =>
                    view.translate(findings).map((finding) => {
                        const own = headOf(finding.property);
                        // Only property names are renamed: those the template declares, the one the finding is about,
                        // and other names quoted alone or as `name: value` (not values such as `aws/rds` or `default`).
                        const isName = (path: string, rest: string): boolean =>
                            read.spelled.has(headOf(path)) || headOf(path) === own || (/^[a-z][A-Za-z0-9]*$/.test(path) && /^(?:$|:)/.test(rest) && !NOT_NAMES.has(path));
                        const renamed = renameFinding(finding, (path) => toTemplate(path, read.spelled), isName);
                        // The property names the logical id; the message, in the template's own words, starts with it.
                        const property = finding.property === "*" ? "*" : `${prefix}.${renamed.property}`;
                        return { ...renamed, property, message: `${logicalId} (${String(cfnType)}): ${renamed.message}` };
                    }),
            });
        }
    }
    return views;
}

/** Words quoted in messages that are values, not property names. */
const NOT_NAMES: ReadonlySet<string> = new Set(["default", "true", "false", "null", "none", "all", "required", "optional"]);

function headOf(path: string): string {
    return path.split(/[.[]/)[0] ?? path;
}

/**
 * CloudFormation names that are not the PascalCase of aws-native's (acronyms), for properties a finding names
 * although the template does not set them (the template's own spelling is used whenever it has one).
 */
const TEMPLATE_SPELLINGS: Readonly<Record<string, string>> = {
    caCertificateIdentifier: "CACertificateIdentifier",
    dbClusterParameterGroupName: "DBClusterParameterGroupName",
    dbParameterGroupName: "DBParameterGroupName",
    dbSubnetGroupName: "DBSubnetGroupName",
    enableIamDatabaseAuthentication: "EnableIAMDatabaseAuthentication",
    kmsMasterKeyId: "KMSMasterKeyId",
    multiAz: "MultiAZ",
    sseEnabled: "SSEEnabled",
    sseSpecification: "SSESpecification",
    vpcSecurityGroups: "VPCSecurityGroups",
};

/** aws-native path -> the template's spelling (`securityGroupIngress[0].cidrIp` -> `SecurityGroupIngress[0].CidrIp`). */
function toTemplate(path: string, spelled: ReadonlyMap<string, string>): string {
    return path
        .split(".")
        .map((part) => part.replace(/^([A-Za-z_$][\w$]*)/, (name: string) => spelled.get(name) ?? TEMPLATE_SPELLINGS[name] ?? name[0]!.toUpperCase() + name.slice(1)))
        .join(".");
}
