import { describe, expect, it } from "vitest";
import { cloudtrailKmsEventsNotExcluded as policy } from "../../../policies/cloudtrail/cloudtrail-kms-events-not-excluded";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:cloudtrail/trail:Trail";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { s3BucketName: "logs", ...props } });
const mgmt = (extra: Record<string, unknown>[] = []) => ({ fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...extra] });

describe("cloudtrail-kms-events-not-excluded", () => {
    it("passes trails with no selectors (all management events) or complete selectors", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }).diagnostics).toEqual([]);
        expect(run({ advancedEventSelectors: [mgmt()] }).diagnostics).toEqual([]);
    });

    it("passes a data-only selector next to a complete management selector", () => {
        const selectors = [
            { includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] },
            { readWriteType: "All" },
        ];
        expect(run({ eventSelectors: selectors }).diagnostics).toEqual([]);
    });

    it.each([
        [{ readWriteType: "WriteOnly" }, ["eventSelectors.0.readWriteType"]],
        [{ readWriteType: "ReadOnly" }, ["eventSelectors.0.readWriteType"]],
        [{ includeManagementEvents: false }, ["eventSelectors.0.includeManagementEvents"]],
        [{ includeManagementEvents: "false" }, ["eventSelectors.0.includeManagementEvents"]],
        [{ excludeManagementEventSources: ["kms.amazonaws.com"] }, ["eventSelectors.0.excludeManagementEventSources"]],
        [{ excludeManagementEventSources: ["rdsdata.amazonaws.com"] }, ["eventSelectors.0.excludeManagementEventSources"]],
    ])("flags event selector %j as mandatory", (selector, properties) => {
        const result = run({ eventSelectors: [selector] });
        expect(violatedProperties(result)).toEqual(properties);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each([
        ["excludes kms by notEquals", [mgmt([{ field: "eventSource", notEquals: ["kms.amazonaws.com"] }])]],
        ["keeps writes only", [mgmt([{ field: "readOnly", equals: ["false"] }])]],
        ["excludes kms by prefix", [mgmt([{ field: "eventSource", notStartsWiths: ["kms."] }])]],
        ["has only data selectors", [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }]],
    ])("flags advanced selectors that %s", (_label, selectors) => {
        expect(violatedProperties(run({ advancedEventSelectors: selectors }))).toEqual(["advancedEventSelectors"]);
    });

    it("passes split read/write advanced selectors that together record everything", () => {
        const selectors = [mgmt([{ field: "readOnly", equals: ["true"] }]), mgmt([{ field: "readOnly", equals: ["false"] }])];
        expect(run({ advancedEventSelectors: selectors }).diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("is undecided when the selector values are computed", () => {
            const result = run({ eventSelectors: [{ readWriteType: UNKNOWN }] });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["eventSelectors"]);
        });

        it("decides when the known part already drops KMS events", () => {
            const result = run({ eventSelectors: [{ readWriteType: "WriteOnly", excludeManagementEventSources: UNKNOWN }] });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["eventSelectors.0.readWriteType"]);
        });
    });
});
