import { describe, expect, it } from "vitest";
import { neptuneIamAuth as policy } from "../../../policies/neptune/neptune-iam-auth";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const run = (props: Record<string, unknown>) => evaluateResource(policy, { type: "aws:neptune/cluster:Cluster", props });

describe("neptune-iam-auth", () => {
    it("passes a cluster with IAM auth", () => {
        expect(run({ iamDatabaseAuthenticationEnabled: true }).diagnostics).toEqual([]);
        expect(run({ iamDatabaseAuthenticationEnabled: "true" }).diagnostics).toEqual([]);
    });

    it.each([undefined, false, "false", "enabled"])("flags iamDatabaseAuthenticationEnabled = %j at mandatory level", (value) => {
        const result = run({ iamDatabaseAuthenticationEnabled: value });
        expect(violatedProperties(result)).toEqual(["iamDatabaseAuthenticationEnabled"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("is undecided on a computed flag", () => {
        const result = run({ iamDatabaseAuthenticationEnabled: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["iamDatabaseAuthenticationEnabled"]);
    });

    it("does not apply to cluster instances", () => {
        expect(evaluateResource(policy, { type: "aws:neptune/clusterInstance:ClusterInstance", props: {} }).notApplicable).toBeDefined();
    });
});
