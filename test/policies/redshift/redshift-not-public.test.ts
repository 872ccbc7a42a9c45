import { describe, expect, it } from "vitest";
import { redshiftNotPublic as policy } from "../../../policies/redshift/redshift-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:redshift/cluster:Cluster", "aws:redshiftserverless/workgroup:Workgroup"];

describe("redshift-not-public", () => {
    it.each(types)("passes %s private by default or explicitly", (type) => {
        expect(evaluateResource(policy, { type, props: {} }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type, props: { publiclyAccessible: false } }).diagnostics).toEqual([]);
    });

    it.each(types)("flags a public %s at mandatory level", (type) => {
        const result = evaluateResource(policy, { type, props: { publiclyAccessible: true } });
        expect(violatedProperties(result)).toEqual(["publiclyAccessible"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each(["true", "True", "yes", 1])("flags publiclyAccessible = %j", (value) => {
        expect(violatedProperties(evaluateResource(policy, { type: types[0]!, props: { publiclyAccessible: value } }))).toEqual(["publiclyAccessible"]);
    });

    it("reports an unknown flag as undecided", () => {
        const result = evaluateResource(policy, { type: types[1]!, props: { publiclyAccessible: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["publiclyAccessible"]);
    });
});
