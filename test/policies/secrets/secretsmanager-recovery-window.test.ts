import { describe, expect, it } from "vitest";
import { secretsmanagerRecoveryWindow as policy } from "../../../policies/secrets/secretsmanager-recovery-window";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:secretsmanager/secret:Secret";
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("secretsmanager-recovery-window", () => {
    it.each([{}, { recoveryWindowInDays: 7 }, { recoveryWindowInDays: 30 }, { recoveryWindowInDays: "14" }])("passes %j (default 30)", (props) => {
        expect(run(props).diagnostics).toEqual([]);
    });

    it.each([0, "0", 3, "none", true])("flags recoveryWindowInDays = %j at the advisory level", (recoveryWindowInDays) => {
        const result = run({ recoveryWindowInDays });
        expect(violatedProperties(result)).toEqual(["recoveryWindowInDays"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("uses the configured minimum", () => {
        expect(violatedProperties(run({ recoveryWindowInDays: 10 }, { minimumDays: 14 }))).toEqual(["recoveryWindowInDays"]);
    });

    it("reports an unknown window as undecided", () => {
        const result = run({ recoveryWindowInDays: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["recoveryWindowInDays"]);
    });
});
