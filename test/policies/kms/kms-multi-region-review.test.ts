import { describe, expect, it } from "vitest";
import { kmsMultiRegionReview as policy } from "../../../policies/kms/kms-multi-region-review";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>, type = "aws:kms/key:Key", config?: Record<string, unknown>, name = "orders-key") =>
    evaluateResource(policy, { type, props, config, name });

describe("kms-multi-region-review", () => {
    it("passes single-Region keys (omitted or false)", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ multiRegion: false }).diagnostics).toEqual([]);
        expect(run({ multiRegion: "false" }, "aws:kms/externalKey:ExternalKey").diagnostics).toEqual([]);
    });

    it.each([true, "true"])("flags multiRegion = %j as low-severity advisory", (value) => {
        const result = run({ multiRegion: value });
        expect(violatedProperties(result)).toEqual(["multiRegion"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(policy.severity).toBe("low");
    });

    it("flags multiRegion of the wrong type and multi-Region imported keys", () => {
        expect(violatedProperties(run({ multiRegion: "yes" }))).toEqual(["multiRegion"]);
        expect(violatedProperties(run({ multiRegion: true }, "aws:kms/externalKey:ExternalKey"))).toEqual(["multiRegion"]);
    });

    it("flags every replica key for review", () => {
        expect(violatedProperties(run({ primaryKeyArn: "arn:aws:kms:us-east-1:111122223333:key/mrk-1" }, "aws:kms/replicaKey:ReplicaKey"))).toEqual(["primaryKeyArn"]);
    });

    it("passes allow-listed resource names", () => {
        const config = { allowedKeys: ["orders-key", "orders-key-replica"] };
        expect(run({ multiRegion: true }, "aws:kms/key:Key", config).diagnostics).toEqual([]);
        expect(run({ primaryKeyArn: "arn" }, "aws:kms/replicaKey:ReplicaKey", config, "orders-key-replica").diagnostics).toEqual([]);
        expect(violatedProperties(run({ multiRegion: true }, "aws:kms/key:Key", config, "other-key"))).toEqual(["multiRegion"]);
    });

    it("reports a computed multiRegion as undecided", () => {
        const result = run({ multiRegion: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["multiRegion"]);
    });
});
