// Reporting findings through the SDK's reporter, with the pack settings applied (waivers, key-material
// escalation, the level of undecided findings).

import type { ReportViolation } from "@pulumi/policy";
import { StackGraph, type StackResource } from "../aws/graph";
import { isClassifiedKeyMaterial } from "../aws/key-material";
import { outOfScopeNote, resourceInScope, UNKNOWN_SCOPE_NOTE, type InScope } from "../aws/scope";
import type { Finding } from "../readers/finding";
import { UNKNOWN, type PlainObject } from "../readers/values";
import type { AnyPolicyDefinition } from "./policy";
import { reportObject } from "./sdk-internals";
import { findWaiver, type Settings } from "./settings";
import { waivedText } from "./waiver-text";

/**
 * The lead of an undecided finding. Unknown values reach the pack in previews and, for values computed by the
 * provider, in updates too, so it names no mode: the finding's own text says which value is not known.
 */
export const UNDECIDED_PREFIX = "Cannot verify yet: ";

function formatFinding(finding: Finding): string {
    const prefix = finding.undecided ? UNDECIDED_PREFIX : "";
    return `${prefix}[${finding.property}] ${finding.message}`;
}

export interface Subject {
    type: string;
    name: string;
    urn: string;
    props: PlainObject;
    /** For stack policies: the stack, whose graph adds evidence to the scope decision. */
    graph?: StackGraph;
}

/** One diagnostic of a policy: `text` follows the policy's description; no `enforcementLevel` = the policy's level. */
interface Diagnostic {
    text: string;
    urn?: string;
    enforcementLevel?: "advisory" | "mandatory";
}

export type Emit = (diagnostic: Diagnostic) => void;

/**
 * Emits through the SDK's reporter of this very policy: the SDK applies the policy's configured level unless the
 * diagnostic carries its own (object form).
 */
export function sdkEmitter(reportViolation: ReportViolation, definition: AnyPolicyDefinition): Emit {
    return ({ text, urn, enforcementLevel }) => {
        if (enforcementLevel) {
            reportObject(reportViolation, { message: `${definition.description}\n${text}`, description: definition.description, urn, enforcementLevel });
        } else {
            reportViolation(text, urn);
        }
    };
}

/**
 * Emits under the policy's own name, level and severity through another policy's reporter (the one-pass stack
 * runner): the same diagnostic the SDK would have built for the policy itself.
 */
export function namedEmitter(reportViolation: ReportViolation, definition: AnyPolicyDefinition, level: "advisory" | "mandatory"): Emit {
    return ({ text, urn, enforcementLevel }) =>
        reportObject(reportViolation, {
            name: definition.name,
            message: `${definition.description}\n${text}`,
            description: definition.description,
            urn,
            enforcementLevel: enforcementLevel ?? level,
            severity: definition.severity,
        });
}

/** The subject of a stack policy's finding: the resource its URN names, with the stack's graph for evidence. */
export function stackSubjects(resources: readonly StackResource[]): (finding: Finding) => Subject | undefined {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return (finding) => {
        const resource = finding.urn ? byUrn.get(finding.urn) : undefined;
        return resource ? { ...resource, graph: StackGraph.of(resources) } : undefined;
    };
}

/**
 * The scope of a defence-in-depth finding (lib/aws/scope.ts): what the check decided with its configuration, else
 * the resource's own type, classification and evidence; a resource the pack settings classify as key material is
 * always in scope.
 */
function scopeOf(finding: Finding, subject: Subject | undefined, settings: Settings): InScope {
    if (!subject) {
        return finding.inScope ?? true;
    }
    const decided = finding.inScope ?? resourceInScope(subject, subject.graph);
    if (decided === true || isClassifiedKeyMaterial(settings, subject.name, subject.props)) {
        return true;
    }
    return decided;
}

/**
 * Reports findings, applying the pack settings: a waived finding goes out as advisory with the waiver's reason;
 * a defence-in-depth finding on a resource outside the scope model goes out as advisory saying so (undecided when
 * the scope is only known at update time); on a resource classified as key material an advisory policy reports as
 * mandatory; an undecided finding goes out at the `previewUnknowns` level; any other finding at the policy's
 * configured level.
 */
export function report(
    emit: Emit,
    definition: AnyPolicyDefinition,
    findings: readonly Finding[],
    subjectOf: (finding: Finding) => Subject | undefined,
    settings: Settings,
): void {
    for (const finding of findings) {
        const subject = subjectOf(finding);
        const urn = finding.urn;
        const waiver = subject && finding.property !== "*" ? findWaiver(settings, definition.name, subject.name, subject.urn, subject.props) : undefined;
        const scope = definition.scope === "defence-in-depth" && !waiver && finding.property !== "*" && !finding.advisory ? scopeOf(finding, subject, settings) : true;
        if (waiver) {
            emit({ text: waivedText(waiver.expires, waiver.reason, formatFinding(finding)), urn, enforcementLevel: "advisory" });
        } else if (scope === false) {
            emit({ text: `${formatFinding(finding)} (${outOfScopeNote(subject?.type ?? "")})`, urn, enforcementLevel: "advisory" });
        } else if (finding.undecided || scope === UNKNOWN) {
            const note = scope === UNKNOWN ? ` (${UNKNOWN_SCOPE_NOTE})` : "";
            emit({ text: `${formatFinding({ ...finding, undecided: true })}${note}`, urn, enforcementLevel: settings.previewUnknowns });
        } else if (finding.advisory) {
            emit({ text: formatFinding(finding), urn, enforcementLevel: "advisory" });
        } else if (subject && definition.keyMaterialEscalation !== false && settings.keyMaterialEnforcement === "mandatory" && isClassifiedKeyMaterial(settings, subject.name, subject.props)) {
            emit({ text: `${formatFinding(finding)} (Key-material resource: enforced as mandatory.)`, urn, enforcementLevel: "mandatory" });
        } else {
            emit({ text: formatFinding(finding), urn });
        }
    }
}
