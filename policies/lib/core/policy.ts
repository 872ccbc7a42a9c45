// A policy here is data plus one pure `check` function over plain, unknown-aware values: this module defines
// that shape. Turning a definition into the SDK's is core/sdk.ts; running a check safely is core/run.ts;
// reporting its findings is core/report.ts.

import type { EnforcementLevel, Severity } from "@pulumi/policy";
import type { StackResource } from "../aws/graph";
import type { PolicyScope } from "../aws/scope";
import type { Finding } from "../readers/finding";
import type { PlainObject } from "../readers/values";
import type { ConfigProperties, ConfigValues } from "./config";

// What a check returns and the stack resource it reads are part of the definition API.
export type { Finding } from "../readers/finding";
export type { StackResource } from "../aws/graph";

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

interface PolicyMetadata<C extends ConfigValues> {
    /** The policy name, which is also its file name. Lowercase words joined by dashes. */
    name: string;
    /** One sentence: what the policy requires. */
    description: string;
    /** Rows of the control catalog (policies/controls.ts, docs/controls.md) this policy enforces. */
    controls: readonly number[];
    category: Category;
    severity: Severity;
    /** The default level: mandatory where key material is exposed, advisory for hygiene. */
    enforcementLevel: Level;
    /**
     * The scope model (README "What the pack blocks"): `exposure` findings are reported at the policy's level on
     * any resource; `defence-in-depth` findings only on data stores and key-material stores (lib/aws/scope.ts),
     * advisory elsewhere.
     */
    scope: PolicyScope;
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
}

export interface ResourcePolicyDefinition<C extends ConfigValues = ConfigValues> extends PolicyMetadata<C> {
    kind: "resource";
    /** The resource type tokens the policy applies to (`aws:rds/instance:Instance`). */
    resourceTypes: readonly string[];
    /**
     * For a policy that cannot list its types up front (storage-type-unchecked): decides from the type token alone
     * whether the policy looks at a resource, and `resourceTypes` stays empty. The SDK calls a resource policy for
     * every resource; only this or the list narrows it, before the inputs are copied.
     */
    appliesTo?(type: string): boolean;
    check(resource: ResourceContext<C>): Finding[];
    /**
     * Optional safe remediation: the top-level input changes that fix the finding in place, without replacing
     * the resource or losing data (never encryption or key changes, which force replacement). Runs only when
     * the policy's level is `remediate`.
     */
    remediate?(resource: ResourceContext<C>): Record<string, unknown> | undefined;
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

/**
 * What a `-linked` twin (the stack policy that follows a resource's references to the resources holding its
 * setting) shares with its parent: the catalog rows, category, severity, default level, scope, escalation and, unless the
 * twin overrides some ids because a tool checks the linked resource under another rule, the refs.
 */
export function linkedMetadata(parent: AnyPolicyDefinition) {
    return {
        controls: parent.controls,
        category: parent.category,
        severity: parent.severity,
        enforcementLevel: parent.enforcementLevel,
        scope: parent.scope,
        refs: parent.refs,
        ...(parent.keyMaterialEscalation === undefined ? {} : { keyMaterialEscalation: parent.keyMaterialEscalation }),
    };
}

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
