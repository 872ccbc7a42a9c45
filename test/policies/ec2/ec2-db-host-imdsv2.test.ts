import { describe, expect, it } from "vitest";
import { ec2DbHostImdsv2 as policy } from "../../../policies/ec2/ec2-db-host-imdsv2";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const TYPES = ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration"];

describe("ec2-db-host-imdsv2", () => {
    it.each(TYPES)("passes %s with httpTokens required or the endpoint disabled", (type) => {
        expect(evaluateResource(policy, { type, props: { metadataOptions: { httpTokens: "required" } } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type, props: { metadataOptions: { httpEndpoint: "disabled" } } }).diagnostics).toEqual([]);
    });

    it.each(TYPES)("flags %s with metadataOptions omitted (default optional) at mandatory", (type) => {
        const result = evaluateResource(policy, { type, props: {} });
        expect(violatedProperties(result)).toEqual(["metadataOptions.httpTokens"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each(["optional", "Optional", 1])("flags httpTokens = %j", (value) => {
        expect(violatedProperties(evaluateResource(policy, { type: TYPES[0]!, props: { metadataOptions: { httpTokens: value } } }))).toEqual(["metadataOptions.httpTokens"]);
    });

    it("leaves an instance launched from a template to the template's own check", () => {
        expect(evaluateResource(policy, { type: TYPES[0]!, props: { launchTemplate: { id: UNKNOWN } } }).diagnostics).toEqual([]);
    });

    it("is undecided for computed settings", () => {
        const result = evaluateResource(policy, { type: TYPES[2]!, props: { metadataOptions: { httpTokens: UNKNOWN } } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["metadataOptions.httpTokens"]);
        expect(result.violations).toEqual([]);
    });
});
