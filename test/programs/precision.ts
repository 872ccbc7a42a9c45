// Precision and recall of the pack on the realistic programs, from the reviewer's judgments: a mandatory
// finding is right when it reports one of the program's exposures with one of the policies allowed for it; an
// advisory finding is right unless the reviewer marked it "noise"; an exposure is caught when a mandatory finding
// reports it.

import type { Diagnostic } from "../../scanner/engine/engine";
import type { ProgramJudgment } from "./judgments";

export interface Measurement {
    findings: number;
    mandatory: number;
    mandatoryRight: number;
    advisoryNoise: number;
    exposures: number;
    exposuresCaught: number;
    /** Right mandatory findings / mandatory findings (1 when there are none). */
    mandatoryPrecision: number;
    /** Right findings / findings, advisories included. */
    overallPrecision: number;
    recall: number;
}

function reports(judgment: ProgramJudgment, d: Diagnostic): boolean {
    return judgment.exposures.some((e) => e.resource === d.resourceName && e.policies.includes(d.policyName));
}

export function measure(results: readonly { judgment: ProgramJudgment; diagnostics: readonly Diagnostic[] }[]): Measurement {
    let findings = 0;
    let mandatory = 0;
    let mandatoryRight = 0;
    let advisoryNoise = 0;
    let exposures = 0;
    let exposuresCaught = 0;
    for (const { judgment, diagnostics } of results) {
        const seen = new Set<string>();
        const unique = diagnostics.filter((d) => {
            const key = `${d.policyName}|${d.resourceName}|${d.enforcementLevel}`;
            return seen.has(key) ? false : (seen.add(key), true);
        });
        findings += unique.length;
        for (const d of unique) {
            if (d.enforcementLevel === "mandatory") {
                mandatory++;
                mandatoryRight += reports(judgment, d) ? 1 : 0;
            } else if (judgment.expected.some(([policy, resource, level, , verdict]) => policy === d.policyName && resource === d.resourceName && level === d.enforcementLevel && verdict === "noise")) {
                advisoryNoise++;
            }
        }
        exposures += judgment.exposures.length;
        exposuresCaught += judgment.exposures.filter((e) => unique.some((d) => d.enforcementLevel === "mandatory" && d.resourceName === e.resource && e.policies.includes(d.policyName))).length;
    }
    const wrong = mandatory - mandatoryRight + advisoryNoise;
    return {
        findings,
        mandatory,
        mandatoryRight,
        advisoryNoise,
        exposures,
        exposuresCaught,
        mandatoryPrecision: mandatory === 0 ? 1 : mandatoryRight / mandatory,
        overallPrecision: findings === 0 ? 1 : (findings - wrong) / findings,
        recall: exposures === 0 ? 1 : exposuresCaught / exposures,
    };
}
