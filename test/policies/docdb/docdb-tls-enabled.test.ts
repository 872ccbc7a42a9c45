import { describe, expect, it } from "vitest";
import { docdbTlsEnabled as policy } from "../../../policies/docdb/docdb-tls-enabled";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
const run = (parameters: unknown) => evaluateResource(policy, { type, props: { family: "docdb5.0", parameters } });

describe("docdb-tls-enabled", () => {
    it("passes a group without a tls parameter (engine default enabled) and with TLS-requiring values", () => {
        expect(run(undefined).diagnostics).toEqual([]);
        expect(run([{ name: "audit_logs", value: "all" }]).diagnostics).toEqual([]);
        for (const value of ["enabled", "tls1.2+", "TLS1.3+", "fips-140-3"]) {
            expect(run([{ name: "tls", value }]).diagnostics).toEqual([]);
        }
    });

    it("flags tls disabled at mandatory level, naming the entry", () => {
        const result = run([{ name: "audit_logs", value: "all" }, { name: "tls", value: "disabled", applyMethod: "pending-reboot" }]);
        expect(violatedProperties(result)).toEqual(["parameters.1.value"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each(["Disabled", " disabled ", "false", "off", "0"])("flags other spellings of turning TLS off: %j", (value) => {
        expect(violatedProperties(run([{ name: "TLS", value }]))).toEqual(["parameters.0.value"]);
    });

    it("flags a tls entry without a string value and a duplicate entry that disables it", () => {
        expect(violatedProperties(run([{ name: "tls" }]))).toEqual(["parameters.0.value"]);
        expect(violatedProperties(run([{ name: "tls", value: "enabled" }, { name: "tls", value: "disabled" }]))).toEqual(["parameters.1.value"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on a computed tls value or parameter list", () => {
            const value = run([{ name: "tls", value: UNKNOWN }]);
            expect(value.cantRun).toBe(false);
            expect(value.violations).toEqual([]);
            expect(value.undecided.map((d) => d.property)).toEqual(["parameters.0.value"]);
            expect(run(UNKNOWN).undecided.map((d) => d.property)).toEqual(["parameters"]);
        });

        it("decides a known disabled entry even when another entry is computed", () => {
            expect(violatedProperties(run([{ name: UNKNOWN, value: "x" }, { name: "tls", value: "disabled" }]))).toEqual(["parameters.1.value"]);
        });
    });
});
