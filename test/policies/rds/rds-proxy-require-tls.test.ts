import { describe, expect, it } from "vitest";
import { rdsProxyRequireTls as policy } from "../../../policies/rds/rds-proxy-require-tls";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:rds/proxy:Proxy";
const base = { engineFamily: "POSTGRESQL", roleArn: "arn:aws:iam::1:role/p", vpcSubnetIds: ["subnet-1"] };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { ...base, ...props } });

describe("rds-proxy-require-tls", () => {
    it("passes a proxy that requires TLS", () => {
        expect(run({ requireTls: true }).diagnostics).toEqual([]);
        expect(run({ requireTls: "true" }).diagnostics).toEqual([]);
    });

    it.each([undefined, false, "false", "required", 1])("flags requireTls = %j at the mandatory level", (value) => {
        const result = run({ requireTls: value });
        expect(violatedProperties(result)).toEqual(["requireTls"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("reports an unknown requireTls as undecided during preview", () => {
        const result = run({ requireTls: UNKNOWN, vpcSubnetIds: [UNKNOWN] });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["requireTls", "advisory"]]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/proxyEndpoint:ProxyEndpoint", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
