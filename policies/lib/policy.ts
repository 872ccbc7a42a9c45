// A policy here is data plus one pure `check` function over plain, unknown-aware values. This module
// turns such a definition into the `@pulumi/policy` shape, and is the only place that talks to the SDK's
// argument objects, so every policy gets the same handling of unknowns, bad input and configuration.

import type {
    EnforcementLevel,
    Policy,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { readConfig, type ConfigProperties, type ConfigValues } from "./config";
import { activeSettings, findWaiver, isKeyMaterial, isSelected, type Settings } from "./settings";
import { snapshot, type PlainObject } from "./values";

export type Level = Extract<EnforcementLevel, "advisory" | "mandatory" | "disabled">;

/** Public control ids a policy maps to. */
export interface ControlRefs {
    /** AWS Security Hub CSPM / Foundational Security Best Practices, e.g. "RDS.3". */
    securityHub?: readonly string[];
    /** CIS AWS Foundations Benchmark v5.0 ids. */
    cis?: readonly string[];
    /** PCI DSS v4.0 requirement ids. */
    pciDss?: readonly string[];
    /** NIST SP 800-53 rev. 5 control ids. */
    nist?: readonly string[];
    checkov?: readonly string[];
    trivy?: readonly string[];
    cdkNag?: readonly string[];
}

export type Category =
    | "encryption-at-rest"
    | "key-management"
    | "network-isolation"
    | "authentication-mfa"
    | "encryption-in-transit"
    | "secrets-handling"
    | "resilience"
    | "monitoring";

/** What a check found on one resource. */
export interface Finding {
    /** The property path the finding is about (`storageEncrypted`, `ingress[0].cidrBlocks`). */
    property: string;
    /** What is wrong and how to fix it, in one or two sentences. Never echo property values: they may be secrets. */
    message: string;
    /**
     * True when the outcome depends on a value only known after `pulumi up` (an unknown during preview).
     * Reported as advisory, in the policy's own words; the same policy decides at update time.
     */
    undecided?: boolean;
    /**
     * True for a finding that is advice whatever the policy's level: a weaker-but-acceptable setting (write-only
     * password inputs) or something IaC cannot prove (encryption inherited from a snapshot outside the stack).
     */
    advisory?: boolean;
    /** For stack policies: the resource the finding belongs to. */
    urn?: string;
}

interface PolicyMetadata<C extends ConfigValues> {
    /** The policy name, which is also its file name. Lowercase words joined by dashes. */
    name: string;
    /** One sentence: what the policy requires. */
    description: string;
    /** Rows of ../shared/controls.md this policy enforces. */
    controls: readonly number[];
    category: Category;
    severity: Severity;
    /** The default level: mandatory where key material is exposed, advisory for hygiene. */
    enforcementLevel: Level;
    refs: ControlRefs;
    /** How to fix a violation, step by step. */
    remediationSteps: string;
    /** A public reference; derived from the first Security Hub id when omitted. */
    url?: string;
    /** Policy-specific configuration, each property with a `default`. */
    config?: ConfigProperties<C>;
    /**
     * False when findings must stay advisory even on key-material resources: the fix forces replacement of the
     * store (master username), can only be applied by the root user (MFA delete), only at creation (Object
     * Lock), or the finding is a review item.
     */
    keyMaterialEscalation?: boolean;
}

export interface ResourceContext<C extends ConfigValues = ConfigValues> {
    type: string;
    name: string;
    urn: string;
    /** The resource's inputs, proxy-free, with unknowns as `UNKNOWN`. */
    props: PlainObject;
    config: C;
    /** True when the pack settings classify the resource as holding key material (tags or name). */
    keyMaterial: boolean;
}

export interface ResourcePolicyDefinition<C extends ConfigValues = ConfigValues> extends PolicyMetadata<C> {
    kind: "resource";
    /** The resource type tokens the policy applies to (`aws:rds/instance:Instance`). */
    resourceTypes: readonly string[];
    check(resource: ResourceContext<C>): Finding[];
    /**
     * Optional safe remediation: the top-level input changes that fix the finding in place, without replacing
     * the resource or losing data (never encryption or key changes, which force replacement). Runs only when
     * the policy's level is `remediate`.
     */
    remediate?(resource: ResourceContext<C>): Record<string, unknown> | undefined;
}

export interface StackResource {
    type: string;
    name: string;
    urn: string;
    /** The resource's outputs (inputs during preview), proxy-free, with unknowns as `UNKNOWN`. */
    props: PlainObject;
    parentUrn?: string;
    dependencies: readonly string[];
    /** Input property name -> URNs of the resources that input was computed from. */
    propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface StackContext<C extends ConfigValues = ConfigValues> {
    resources: readonly StackResource[];
    config: C;
    /** True for resources the pack settings classify as holding key material. */
    isKeyMaterial(resource: StackResource): boolean;
}

export interface StackPolicyDefinition<C extends ConfigValues = ConfigValues> extends PolicyMetadata<C> {
    kind: "stack";
    /** The resource types whose presence makes the policy relevant (documentation and fast skipping). */
    resourceTypes: readonly string[];
    /** Every finding must carry the `urn` of the resource it is about. */
    check(stack: StackContext<C>): Finding[];
}

export type PolicyDefinition<C extends ConfigValues = ConfigValues> = ResourcePolicyDefinition<C> | StackPolicyDefinition<C>;

// The definitions are generic in their configuration; collections of them are not.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicyDefinition = ResourcePolicyDefinition<any> | StackPolicyDefinition<any>;

export function resourcePolicy<C extends ConfigValues = ConfigValues>(
    definition: Omit<ResourcePolicyDefinition<C>, "kind">,
): ResourcePolicyDefinition<C> {
    return { kind: "resource", ...definition };
}

export function stackPolicy<C extends ConfigValues = ConfigValues>(
    definition: Omit<StackPolicyDefinition<C>, "kind">,
): StackPolicyDefinition<C> {
    return { kind: "stack", ...definition };
}

const SECURITY_HUB_PAGES: Record<string, string> = {
    RDS: "rds",
    EC2: "ec2",
    KMS: "kms",
    DynamoDB: "dynamodb",
    DocumentDB: "documentdb",
    Neptune: "neptune",
    ElastiCache: "elasticache",
    Redshift: "redshift",
    RedshiftServerless: "redshiftserverless",
    OpenSearch: "opensearch",
    ES: "es",
    SecretsManager: "secretsmanager",
    S3: "s3",
    Backup: "backup",
    IAM: "iam",
    CloudTrail: "cloudtrail",
    SSM: "ssm",
};

export function securityHubUrl(controlId: string): string | undefined {
    const [service, number] = controlId.split(".");
    const page = service ? SECURITY_HUB_PAGES[service] : undefined;
    if (!page || !number) {
        return undefined;
    }
    return `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}-controls.html#${page}-${number}`;
}

function framework(refs: ControlRefs): PolicyComplianceFramework | undefined {
    if (refs.securityHub?.length) {
        return {
            name: "AWS Foundational Security Best Practices",
            version: "1.0.0",
            reference: refs.securityHub.join(", "),
            specification: "AWS Security Hub CSPM controls",
        };
    }
    if (refs.cis?.length) {
        return { name: "CIS AWS Foundations Benchmark", version: "5.0.0", reference: refs.cis.join(", "), specification: "CIS" };
    }
    return undefined;
}

export function policyTags(definition: AnyPolicyDefinition): string[] {
    const tags = [`category:${definition.category}`, ...definition.controls.map((row) => `catalog:${row}`)];
    const prefixes: [keyof ControlRefs, string][] = [
        ["securityHub", "aws-fsbp"],
        ["cis", "cis-aws-5.0"],
        ["pciDss", "pci-dss-4.0"],
        ["nist", "nist-800-53"],
        ["checkov", "checkov"],
        ["trivy", "trivy"],
        ["cdkNag", "cdk-nag"],
    ];
    for (const [key, prefix] of prefixes) {
        for (const id of definition.refs[key] ?? []) {
            tags.push(`${prefix}:${id}`);
        }
    }
    return tags;
}

function configSchema(definition: AnyPolicyDefinition): PolicyConfigSchema | undefined {
    if (!definition.config) {
        return undefined;
    }
    return { properties: definition.config as PolicyConfigSchema["properties"] };
}

function sdkMetadata(definition: AnyPolicyDefinition) {
    return {
        name: definition.name,
        description: definition.description,
        enforcementLevel: definition.enforcementLevel,
        severity: definition.severity,
        remediationSteps: definition.remediationSteps,
        url: definition.url ?? (definition.refs.securityHub?.[0] ? securityHubUrl(definition.refs.securityHub[0]) : undefined),
        framework: framework(definition.refs),
        tags: policyTags(definition),
        configSchema: configSchema(definition),
    };
}

function formatFinding(finding: Finding): string {
    const prefix = finding.undecided ? "Cannot verify during preview: " : "";
    return `${prefix}[${finding.property}] ${finding.message}`;
}

interface Subject {
    name: string;
    urn: string;
    props: PlainObject;
}

/** One diagnostic of a policy: `text` follows the policy's description; no `enforcementLevel` = the policy's level. */
interface Diagnostic {
    text: string;
    urn?: string;
    enforcementLevel?: "advisory" | "mandatory";
}

type Emit = (diagnostic: Diagnostic) => void;

/** The object form of a violation, which the SDK takes field by field (server.js makeReportViolationFun). */
interface SdkViolation {
    name?: string;
    message: string;
    description: string;
    urn?: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: Severity;
}

/**
 * Emits through the SDK's reporter of this very policy: the SDK applies the policy's configured level unless the
 * diagnostic carries its own (object form).
 */
function sdkEmitter(reportViolation: ReportViolation, definition: AnyPolicyDefinition): Emit {
    const send = reportViolation as unknown as (violation: SdkViolation) => void;
    return ({ text, urn, enforcementLevel }) => {
        if (enforcementLevel) {
            send({ message: `${definition.description}\n${text}`, description: definition.description, urn, enforcementLevel });
        } else {
            reportViolation(text, urn);
        }
    };
}

/**
 * Emits under the policy's own name, level and severity through another policy's reporter (the one-pass stack
 * runner): the same diagnostic the SDK would have built for the policy itself.
 */
function namedEmitter(reportViolation: ReportViolation, definition: AnyPolicyDefinition, level: "advisory" | "mandatory"): Emit {
    const send = reportViolation as unknown as (violation: SdkViolation) => void;
    return ({ text, urn, enforcementLevel }) =>
        send({
            name: definition.name,
            message: `${definition.description}\n${text}`,
            description: definition.description,
            urn,
            enforcementLevel: enforcementLevel ?? level,
            severity: definition.severity,
        });
}

/**
 * Reports findings, applying the pack settings: a waived finding goes out as advisory with the waiver's reason;
 * on a resource classified as key material an advisory policy reports as mandatory; an undecided finding goes
 * out at the `previewUnknowns` level; any other finding at the policy's configured level.
 */
function report(
    emit: Emit,
    definition: AnyPolicyDefinition,
    findings: readonly Finding[],
    subjectOf: (finding: Finding) => Subject | undefined,
    settings: Settings,
): void {
    for (const finding of findings) {
        const subject = subjectOf(finding);
        const text = formatFinding(finding);
        const urn = finding.urn;
        const waiver = subject && finding.property !== "*" ? findWaiver(settings, definition.name, subject.name, subject.urn, subject.props) : undefined;
        if (waiver) {
            emit({ text: `Waived until ${waiver.expires} (${waiver.reason}): ${text}`, urn, enforcementLevel: "advisory" });
        } else if (finding.undecided) {
            emit({ text, urn, enforcementLevel: settings.previewUnknowns });
        } else if (finding.advisory) {
            emit({ text, urn, enforcementLevel: "advisory" });
        } else if (subject && definition.keyMaterialEscalation !== false && settings.keyMaterialEnforcement === "mandatory" && isKeyMaterial(settings, subject.name, subject.props)) {
            emit({ text: `${text} (Key-material resource: enforced as mandatory.)`, urn, enforcementLevel: "mandatory" });
        } else {
            emit({ text, urn });
        }
    }
}

function failure(error: unknown): Finding {
    const reason = error instanceof Error ? error.message : String(error);
    return {
        property: "*",
        message: `The policy could not evaluate this resource (${reason.slice(0, 200)}), so it cannot vouch for it. Report this to the pack's maintainers.`,
    };
}

/** Runs a check safely: a bug or hostile input yields a clear finding, never a crashed RPC. */
export function runResourceCheck<C extends ConfigValues>(
    definition: ResourcePolicyDefinition<C>,
    resource: Omit<ResourceContext<C>, "config" | "keyMaterial">,
    rawConfig: unknown,
    settings: Settings = activeSettings(),
): Finding[] {
    const { values, problems } = readConfig(definition.config, rawConfig);
    try {
        const keyMaterial = isKeyMaterial(settings, resource.name, resource.props);
        return [...problems, ...definition.check({ ...resource, config: values, keyMaterial })];
    } catch (error) {
        return [...problems, failure(error)];
    }
}

export function runStackCheck<C extends ConfigValues>(
    definition: StackPolicyDefinition<C>,
    resources: readonly StackResource[],
    rawConfig: unknown,
    settings: Settings = activeSettings(),
): Finding[] {
    const { values, problems } = readConfig(definition.config, rawConfig);
    try {
        const isKeyMaterialResource = (r: StackResource) => isKeyMaterial(settings, r.name, r.props);
        return [...problems, ...definition.check({ resources, config: values, isKeyMaterial: isKeyMaterialResource })];
    } catch (error) {
        return [...problems, failure(error)];
    }
}

function safeConfig(getConfig: () => unknown): unknown {
    try {
        return getConfig();
    } catch {
        return {};
    }
}

/** A shallow copy of the raw inputs (secrets stay wrapped, unknowns stay sentinels) with changes applied. */
function withChanges(props: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
        out[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
    }
    return Object.assign(out, changes);
}

export function toResourcePolicy<C extends ConfigValues>(definition: ResourcePolicyDefinition<C>): ResourceValidationPolicy {
    const types = new Set(definition.resourceTypes);
    const tags = policyTags(definition);
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) {
            args.notApplicable(`applies to ${definition.resourceTypes.join(", ")}`);
            return;
        }
        const settings = activeSettings();
        if (!isSelected(settings, definition.severity, tags)) {
            args.notApplicable("not selected by the pack-settings framework/severity selection");
            return;
        }
        const subject = { name: args.name, urn: args.urn, props: snapshot(args.props) };
        const findings = runResourceCheck(definition, { type: args.type, ...subject }, safeConfig(() => args.getConfig()), settings);
        report(sdkEmitter(reportViolation, definition), definition, findings, () => subject, settings);
    };
    let remediateResource: ResourceValidationPolicy["remediateResource"];
    if (definition.remediate) {
        const remediate = definition.remediate.bind(definition);
        remediateResource = (args) => {
            if (!types.has(args.type)) {
                return undefined;
            }
            const props = snapshot(args.props);
            const { values } = readConfig(definition.config, safeConfig(() => args.getConfig()));
            const keyMaterial = isKeyMaterial(activeSettings(), args.name, props);
            const changes = remediate({ type: args.type, name: args.name, urn: args.urn, props, config: values, keyMaterial });
            return changes && Object.keys(changes).length > 0 ? withChanges(args.props, changes) : undefined;
        };
    }
    if (definition.resourceTypes.length === 1) {
        // Lets the SDK skip other types before it deserializes their properties.
        (validateResource as { __pulumiType?: string }).__pulumiType = definition.resourceTypes[0];
        if (remediateResource) {
            (remediateResource as { __pulumiType?: string }).__pulumiType = definition.resourceTypes[0];
        }
    }
    return { ...sdkMetadata(definition), validateResource, ...(remediateResource ? { remediateResource } : {}) };
}

let stackCache: { signature: string; resources: readonly StackResource[] } | undefined;

/**
 * The proxy-free copy of a stack, made once per AnalyzeStack call. The SDK hands every stack policy its own
 * proxies over the same request, and runs them one after another in one macrotask; the copy is reused while
 * the URN list is the same and dropped on the next turn of the event loop, so no other call can see it.
 */
/** Forgets the per-call stack copy (for callers that run several stacks within one turn of the event loop). */
export function clearStackSnapshotCache(): void {
    stackCache = undefined;
}

function stackSnapshot(sdkResources: StackValidationArgs["resources"]): readonly StackResource[] {
    const signature = `${sdkResources.length}\n${sdkResources.map((r) => r.urn).join("\n")}`;
    if (stackCache?.signature === signature) {
        return stackCache.resources;
    }
    const resources: StackResource[] = sdkResources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: snapshot(r.props),
        parentUrn: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)])),
    }));
    stackCache = { signature, resources };
    setImmediate(() => {
        stackCache = undefined;
    });
    return resources;
}

export function toStackPolicy<C extends ConfigValues>(definition: StackPolicyDefinition<C>): StackValidationPolicy {
    const tags = policyTags(definition);
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const settings = activeSettings();
        if (!isSelected(settings, definition.severity, tags)) {
            return;
        }
        const resources = stackSnapshot(args.resources);
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const findings = runStackCheck(definition, resources, safeConfig(() => args.getConfig()), settings);
        report(sdkEmitter(reportViolation, definition), definition, findings, (f) => (f.urn ? byUrn.get(f.urn) : undefined), settings);
    };
    return { ...sdkMetadata(definition), validateStack };
}

export function toSdkPolicy(definition: AnyPolicyDefinition): ResourceValidationPolicy | StackValidationPolicy {
    return definition.kind === "resource" ? toResourcePolicy(definition) : toStackPolicy(definition);
}

type Configured = (name: string) => { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> } | undefined;

/** The level the SDK applies: the configured one, else the policy's own (as server.js computes it). */
function effectiveLevel(policy: { name: string; enforcementLevel?: EnforcementLevel }, configured: Configured): EnforcementLevel | undefined {
    return configured(policy.name)?.enforcementLevel || policy.enforcementLevel;
}

/**
 * Runs every stack policy over one copy of the stack, each at the level and with the properties the engine
 * configured for it (lib/engine-config.ts; the policy's defaults when the engine sent none), and reports each
 * finding under the policy's own name, level and severity, exactly as the SDK would if the policy ran on its own.
 */
export function stackPolicyRunner(definitions: readonly StackPolicyDefinition<ConfigValues>[], configured: Configured) {
    const plan = definitions.map((definition) => ({ definition, tags: policyTags(definition) }));
    return (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const settings = activeSettings();
        const resources = stackSnapshot(args.resources);
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const { definition, tags } of plan) {
            const entry = configured(definition.name);
            const configuredLevel = entry?.enforcementLevel || definition.enforcementLevel;
            if (configuredLevel === "disabled" || !isSelected(settings, definition.severity, tags)) {
                continue;
            }
            // Stack policies cannot remediate: the SDK treats `remediate` as mandatory for them.
            const level = configuredLevel === "remediate" ? "mandatory" : configuredLevel;
            const findings = runStackCheck(definition, resources, entry?.properties ?? {}, settings);
            report(namedEmitter(reportViolation, definition, level), definition, findings, (f) => (f.urn ? byUrn.get(f.urn) : undefined), settings);
        }
    };
}

type StackValidate = StackValidationPolicy["validateStack"];

/**
 * The stack policies as the SDK gets them when they run in one pass. @pulumi/policy 1.21 rebuilds the whole stack
 * before each stack policy it calls (about 0.3 ms per resource per policy: 8 s for 26 policies on 10,000
 * resources), so only one policy, the host, carries a `validateStack`, and it runs them all (stackPolicyRunner).
 * After Configure the other stack policies are listed (name, level, severity, schema, framework) without a validate
 * function, which the SDK skips at no cost. The host is `settingsPolicy` (pack-settings, which loads the settings
 * first) when it is enabled, else the first stack policy the configuration leaves enabled; `rehost` chooses again at
 * every Configure, so any combination of levels (`all: disabled` plus one stack policy) runs exactly what it enables.
 *
 * Before the first Configure every stack policy carries a placeholder that does nothing. The SDK types a policy by
 * its validate function in GetAnalyzerInfo, and the engine calls GetAnalyzerInfo once, before Configure, and keeps
 * the answer (pulumi/pulumi analyzer_plugin.go): listed without one, the stack policies reached the engine untyped,
 * and its per-policy summaries counted them as passed on every resource. The placeholders change no result (the
 * default host, pack-settings, runs every stack policy); they only cost the SDK's per-policy stack copy should an
 * AnalyzeStack ever come before Configure, which the engine never does.
 */
export function stackPoliciesInOnePass(
    definitions: readonly StackPolicyDefinition<ConfigValues>[],
    configured: Configured,
    settingsPolicy: Policy & { validateStack: StackValidate },
) {
    const runAll = stackPolicyRunner(definitions, configured);
    const loadSettings = settingsPolicy.validateStack;
    const settingsHost: StackValidationPolicy = {
        ...settingsPolicy,
        validateStack: async (args, reportViolation) => {
            await loadSettings(args, reportViolation);
            runAll(args, reportViolation);
        },
    };
    const entries = definitions.map((definition) => ({ definition, sdk: sdkMetadata(definition) as Policy & { validateStack?: StackValidate } }));
    const rehost = (): void => {
        const settingsEnabled = effectiveLevel(settingsPolicy, configured) !== "disabled";
        const host = settingsEnabled ? undefined : entries.find((e) => effectiveLevel(e.definition, configured) !== "disabled");
        for (const entry of entries) {
            if (entry === host) {
                entry.sdk.validateStack = runAll;
            } else {
                delete entry.sdk.validateStack;
            }
        }
    };
    const listedAsStackPolicy: StackValidate = () => undefined;
    for (const entry of entries) {
        entry.sdk.validateStack = listedAsStackPolicy;
    }
    return { settingsPolicy: settingsHost, policies: entries.map((e) => e.sdk) as Policy[], rehost };
}
