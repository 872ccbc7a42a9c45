import { describe, expect, it } from "vitest";
import { rdsCaCertCurrent as policy } from "../../../policies/rds/rds-ca-cert-current";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const clusterInstance = "aws:rds/clusterInstance:ClusterInstance";
const cluster = "aws:rds/cluster:Cluster";
const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("rds-ca-cert-current", () => {
    it.each([
        [instance, "caCertIdentifier"],
        [clusterInstance, "caCertIdentifier"],
        [cluster, "caCertificateIdentifier"],
    ])("passes %s with %s omitted or current", (type, property) => {
        expect(run(type, {}).diagnostics).toEqual([]);
        expect(run(type, { [property]: "rds-ca-rsa2048-g1" }).diagnostics).toEqual([]);
        expect(run(type, { [property]: "RDS-CA-ECC384-G1" }).diagnostics).toEqual([]);
    });

    it.each([
        [instance, "caCertIdentifier"],
        [clusterInstance, "caCertIdentifier"],
        [cluster, "caCertificateIdentifier"],
    ])("flags %s with a legacy CA in %s (advisory)", (type, property) => {
        const result = run(type, { [property]: "rds-ca-2019" });
        expect(violatedProperties(result)).toEqual([property]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("reads only the input each resource type has", () => {
        expect(run(cluster, { caCertIdentifier: "rds-ca-2019" }).diagnostics).toEqual([]);
        expect(run(instance, { caCertificateIdentifier: "rds-ca-2019" }).diagnostics).toEqual([]);
    });

    it("flags a CA identifier of the wrong type", () => {
        expect(violatedProperties(run(instance, { caCertIdentifier: ["rds-ca-rsa2048-g1"] }))).toEqual(["caCertIdentifier"]);
    });

    it("uses the configured allow-list", () => {
        const config = { allowedCaCertIdentifiers: ["rds-ca-rsa4096-g1"] };
        expect(violatedProperties(run(instance, { caCertIdentifier: "rds-ca-rsa2048-g1" }, config))).toEqual(["caCertIdentifier"]);
        expect(run(instance, { caCertIdentifier: "rds-ca-rsa4096-g1" }, config).diagnostics).toEqual([]);
    });

    it("reports an unknown CA identifier as undecided during preview", () => {
        const result = run(cluster, { caCertificateIdentifier: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["caCertificateIdentifier"]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/clusterInstance:ClusterInstance", props: { caCertIdentifier: "rds-ca-2019" } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
