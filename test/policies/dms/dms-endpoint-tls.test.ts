import { describe, expect, it } from "vitest";
import { dmsEndpointTls as policy } from "../../../policies/dms/dms-endpoint-tls";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:dms/endpoint:Endpoint";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { endpointId: "src", endpointType: "source", engineName: "postgres", ...props } });

describe("dms-endpoint-tls", () => {
    it.each(["require", "verify-ca", "verify-full", "VERIFY-FULL"])("passes sslMode %s", (mode) => {
        expect(run({ sslMode: mode }).diagnostics).toEqual([]);
    });

    it("blocks the default (none) and an explicit none", () => {
        const omitted = run({});
        expect(violatedProperties(omitted)).toEqual(["sslMode"]);
        expect(omitted.violations[0]!.level).toBe("mandatory");
        expect(omitted.violations[0]!.message).toMatch(/defaults to none.*in clear/);
        expect(violatedProperties(run({ engineName: "mysql", sslMode: "none" }))).toEqual(["sslMode"]);
        expect(violatedProperties(run({ sslMode: true }))).toEqual(["sslMode"]);
    });

    it.each(["dynamodb", "kinesis", "s3", "opensearch", "redshift", "kafka"])("does not ask %s endpoints for sslMode", (engine) => {
        expect(run({ engineName: engine }).diagnostics).toEqual([]);
    });

    it("leaves a computed engine or mode undecided", () => {
        expect(run({ engineName: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["engineName"]);
        const result = run({ sslMode: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["sslMode"]);
    });
});
