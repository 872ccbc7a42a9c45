import { describe, expect, it } from "vitest";
import { daxEncryption as policy } from "../../../policies/dynamodb/dax-encryption";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:dax/cluster:Cluster";
const base = { clusterName: "keys-cache", iamRoleArn: "arn:aws:iam::1:role/dax", nodeType: "dax.r5.large", replicationFactor: 3 };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { ...base, ...props } });

describe("dax-encryption", () => {
    it("passes an encrypted cluster with a TLS endpoint", () => {
        expect(run({ serverSideEncryption: { enabled: true }, clusterEndpointEncryptionType: "TLS" }).diagnostics).toEqual([]);
    });

    it("flags both defaults (no encryption at rest, NONE endpoint) at mandatory level", () => {
        const result = run({});
        expect(violatedProperties(result)).toEqual(["clusterEndpointEncryptionType", "serverSideEncryption"]);
        expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
    });

    it.each([
        [{ enabled: false }, "NONE"],
        [{ enabled: "false" }, "none"],
        [{}, "SSL"],
    ])("flags serverSideEncryption %j with endpoint %j", (sse, endpoint) => {
        expect(violatedProperties(run({ serverSideEncryption: sse, clusterEndpointEncryptionType: endpoint }))).toEqual([
            "clusterEndpointEncryptionType",
            "serverSideEncryption.enabled",
        ]);
    });

    it("flags values of the wrong type", () => {
        expect(violatedProperties(run({ serverSideEncryption: true, clusterEndpointEncryptionType: ["TLS"] }))).toEqual(["clusterEndpointEncryptionType", "serverSideEncryption"]);
    });

    it("reports unknowns as undecided and still decides the known half", () => {
        const result = run({ serverSideEncryption: { enabled: UNKNOWN }, clusterEndpointEncryptionType: "NONE" });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["serverSideEncryption.enabled"]);
        expect(violatedProperties(result)).toEqual(["clusterEndpointEncryptionType"]);
    });
});
