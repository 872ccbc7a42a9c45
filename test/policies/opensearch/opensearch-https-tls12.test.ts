import { describe, expect, it } from "vitest";
import { opensearchHttpsTls12 as policy } from "../../../policies/opensearch/opensearch-https-tls12";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const types = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const run = (domainEndpointOptions: unknown, config?: Record<string, unknown>, type = types[0]!) =>
    evaluateResource(policy, { type, props: domainEndpointOptions === undefined ? {} : { domainEndpointOptions }, config });

describe("opensearch-https-tls12", () => {
    it.each(types.flatMap((t) => ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"].map((p) => [t, p])))(
        "passes %s with %s and HTTPS enforced by default",
        (type, tlsSecurityPolicy) => {
            expect(run({ tlsSecurityPolicy }, undefined, type).diagnostics).toEqual([]);
            expect(run({ enforceHttps: true, tlsSecurityPolicy }, undefined, type).diagnostics).toEqual([]);
        },
    );

    it.each([false, "false", "no"])("flags enforceHttps = %j as mandatory", (enforceHttps) => {
        const result = run({ enforceHttps, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" });
        expect(violatedProperties(result)).toEqual(["domainEndpointOptions.enforceHttps"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each(["Policy-Min-TLS-1-0-2019-07", "Policy-Min-TLS-1-1", "", 12])("flags tlsSecurityPolicy = %j", (tlsSecurityPolicy) => {
        expect(violatedProperties(run({ tlsSecurityPolicy }))).toEqual(["domainEndpointOptions.tlsSecurityPolicy"]);
    });

    it("flags an omitted TLS policy (no documented default, no drift detection), without the TLS 1.0 policy's name being required", () => {
        const result = run(undefined);
        expect(violatedProperties(result)).toEqual(["domainEndpointOptions.tlsSecurityPolicy"]);
        expect(result.violations[0]!.message).toMatch(/not set/);
    });

    it("accepts an omitted TLS policy when configured to trust the AWS default for new domains", () => {
        expect(run({ enforceHttps: true }, { allowOmittedTlsPolicy: true }).diagnostics).toEqual([]);
    });

    it("uses the configured allow-list", () => {
        const config = { allowedTlsPolicies: ["Policy-Min-TLS-1-2-PFS-2023-10"] };
        expect(violatedProperties(run({ tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" }, config))).toEqual(["domainEndpointOptions.tlsSecurityPolicy"]);
        expect(run({ tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" }, config).diagnostics).toEqual([]);
    });

    it("flags both mistakes at once", () => {
        expect(violatedProperties(run({ enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" }))).toEqual([
            "domainEndpointOptions.enforceHttps",
            "domainEndpointOptions.tlsSecurityPolicy",
        ]);
    });

    describe("preview", () => {
        it("reports unknown settings as undecided, never can't-run", () => {
            const result = run({ enforceHttps: UNKNOWN, tlsSecurityPolicy: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property).sort()).toEqual(["domainEndpointOptions.enforceHttps", "domainEndpointOptions.tlsSecurityPolicy"]);
        });

        it("still decides the known part", () => {
            const result = run({ enforceHttps: false, tlsSecurityPolicy: UNKNOWN });
            expect(violatedProperties(result)).toEqual(["domainEndpointOptions.enforceHttps"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["domainEndpointOptions.tlsSecurityPolicy"]);
        });
    });
});
