import { describe, expect, it } from "vitest";
import { opensearchVpcOnly as policy } from "../../../policies/opensearch/opensearch-vpc-only";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];

describe("opensearch-vpc-only", () => {
    it.each(types)("passes %s placed in VPC subnets", (type) => {
        const props = { vpcOptions: { subnetIds: ["subnet-0a1b", "subnet-0c2d"], securityGroupIds: ["sg-1"] } };
        expect(evaluateResource(policy, { type, props }).diagnostics).toEqual([]);
    });

    it.each(types)("flags %s without vpcOptions (public endpoint) as mandatory", (type) => {
        const result = evaluateResource(policy, { type, props: { domainName: "keys" } });
        expect(violatedProperties(result)).toEqual(["vpcOptions"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/public endpoint/);
    });

    it.each([
        [{ securityGroupIds: ["sg-1"] }, "vpcOptions.subnetIds"],
        [{ subnetIds: [] }, "vpcOptions.subnetIds"],
        [{ subnetIds: [""] }, "vpcOptions.subnetIds"],
        [{ subnetIds: ["subnet-1", 5] }, "vpcOptions.subnetIds"],
        ["subnet-1", "vpcOptions"],
    ])("flags vpcOptions = %j", (vpcOptions, property) => {
        expect(violatedProperties(evaluateResource(policy, { type: types[0]!, props: { vpcOptions } }))).toEqual([property]);
    });

    describe("preview", () => {
        it("decides when subnet ids are computed elements of a known list", () => {
            const result = evaluateResource(policy, { type: types[0]!, props: { vpcOptions: { subnetIds: [UNKNOWN, UNKNOWN] } } });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it.each([[{ vpcOptions: UNKNOWN }, "vpcOptions"], [{ vpcOptions: { subnetIds: UNKNOWN } }, "vpcOptions.subnetIds"]])(
            "reports %j as undecided",
            (props, property) => {
                const result = evaluateResource(policy, { type: types[1]!, props });
                expect(result.cantRun).toBe(false);
                expect(result.violations).toEqual([]);
                expect(result.undecided.map((d) => d.property)).toEqual([property]);
            },
        );
    });
});
