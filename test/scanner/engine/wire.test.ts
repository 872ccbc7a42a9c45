// Leaving a response's not-applicable list undecoded (scanner/engine/wire.ts): the rest of the message decodes to
// exactly what the full message decodes to, with the generated classes of the pack's own @pulumi/pulumi.

import { describe, expect, it } from "vitest";
import { loadProto } from "../../../scanner/engine/proto";
import { NOT_APPLICABLE_FIELD, withoutField } from "../../../scanner/engine/wire";
import { builtPackDir } from "../../e2e/built-pack";

const { analyzer } = loadProto(builtPackDir());

function diagnostic(policyName: string, message: string, level: number): InstanceType<typeof analyzer.AnalyzeDiagnostic> {
    const d = new analyzer.AnalyzeDiagnostic();
    d.setPolicyname(policyName);
    d.setPolicypackname("aws-key-material-guard");
    d.setMessage(message);
    d.setEnforcementlevel(level);
    d.setSeverity(3);
    d.setUrn("urn:pulumi:dev::p::aws:rds/instance:Instance::db");
    return d;
}

function notApplicable(policyName: string, reason: string): InstanceType<typeof analyzer.PolicyNotApplicable> {
    const n = new analyzer.PolicyNotApplicable();
    n.setPolicyName(policyName);
    n.setReason(reason);
    return n;
}

function response(diagnostics: number, entries: number): Buffer {
    const r = new analyzer.AnalyzeResponse();
    r.setDiagnosticsList(Array.from({ length: diagnostics }, (_, i) => diagnostic(`policy-${i}`, `message ${i} \u00e9\u{1F511}`, i % 2)));
    r.setNotApplicableList(Array.from({ length: entries }, (_, i) => notApplicable(`other-${i}`, `Policy only applies to resources of type 'aws:s3/bucket:Bucket' (${i})`)));
    return Buffer.from(r.serializeBinary());
}

describe("withoutField", () => {
    it("leaves out the not-applicable entries (the field number of the pack's AnalyzeResponse) and nothing else", () => {
        const bytes = response(3, 90);
        const full = analyzer.AnalyzeResponse.deserializeBinary(bytes);
        const partial = analyzer.AnalyzeResponse.deserializeBinary(withoutField(bytes, NOT_APPLICABLE_FIELD));
        expect(full.getNotApplicableList()).toHaveLength(90);
        expect(partial.getNotApplicableList()).toEqual([]);
        expect(partial.getDiagnosticsList().map((d) => d.toObject())).toEqual(full.getDiagnosticsList().map((d) => d.toObject()));
        expect(partial.getDiagnosticsList().map((d) => d.getMessage())).toEqual(["message 0 \u00e9\u{1F511}", "message 1 \u00e9\u{1F511}", "message 2 \u00e9\u{1F511}"]);
    });

    it("keeps the diagnostics wherever the entries are (the pack's relay appends entries after the response's own bytes)", () => {
        const entriesFirst = Buffer.concat([response(0, 2), response(2, 0), response(0, 5), response(1, 1)]);
        const full = analyzer.AnalyzeResponse.deserializeBinary(entriesFirst);
        const partial = analyzer.AnalyzeResponse.deserializeBinary(withoutField(entriesFirst, NOT_APPLICABLE_FIELD));
        expect(full.getNotApplicableList()).toHaveLength(8);
        expect(partial.getNotApplicableList()).toEqual([]);
        expect(partial.getDiagnosticsList().map((d) => d.toObject())).toEqual(full.getDiagnosticsList().map((d) => d.toObject()));
        expect(partial.getDiagnosticsList()).toHaveLength(3);
    });

    it("walks varint and length-delimited fields alike (a diagnostic without its policy name)", () => {
        const bytes = Buffer.from(diagnostic("rds-storage-encrypted", "x".repeat(300), 1).serializeBinary());
        const decoded = analyzer.AnalyzeDiagnostic.deserializeBinary(withoutField(bytes, 1));
        expect(decoded.getPolicyname()).toBe("");
        expect(decoded.getMessage()).toBe("x".repeat(300));
        expect(decoded.getEnforcementlevel()).toBe(1);
        expect(decoded.getSeverity()).toBe(3);
        expect(decoded.getUrn()).toBe("urn:pulumi:dev::p::aws:rds/instance:Instance::db");
    });

    it("returns the very bytes when the field is absent, or when they cannot be walked (the decoder then judges them)", () => {
        const bytes = response(2, 0);
        expect(withoutField(bytes, NOT_APPLICABLE_FIELD)).toBe(bytes);
        const empty = Buffer.alloc(0);
        expect(withoutField(empty, NOT_APPLICABLE_FIELD)).toBe(empty);
        const truncated = response(1, 3).subarray(0, 40);
        expect(withoutField(truncated, NOT_APPLICABLE_FIELD)).toBe(truncated);
        // Field 3 as a group (wire type 3): never in the Analyzer protocol, left to the decoder.
        const group = Buffer.from([(NOT_APPLICABLE_FIELD << 3) | 3, (NOT_APPLICABLE_FIELD << 3) | 4]);
        expect(withoutField(group, NOT_APPLICABLE_FIELD)).toBe(group);
        // A varint that never ends.
        const endless = Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        expect(withoutField(endless, 1)).toBe(endless);
    });
});
