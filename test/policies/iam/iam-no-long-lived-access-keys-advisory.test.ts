import { describe, expect, it } from "vitest";
import { iamNoLongLivedAccessKeysAdvisory as policy } from "../../../policies/iam/iam-no-long-lived-access-keys-advisory";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:iam/accessKey:AccessKey";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { user: "ci", ...props } });

describe("iam-no-long-lived-access-keys-advisory", () => {
    it("advises against an active PGP-encrypted key (no MFA possible)", () => {
        const result = run({ pgpKey: "keybase:secops" });
        expect(violatedProperties(result)).toEqual(["user"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/MFA/);
    });

    it("stays quiet for inactive keys and for keys without pgpKey (blocked by the mandatory policy)", () => {
        expect(run({ pgpKey: "keybase:secops", status: "Inactive" }).diagnostics).toEqual([]);
        expect(run({}).diagnostics).toEqual([]);
    });

    it("decides during preview with a computed pgpKey", () => {
        const result = run({ pgpKey: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(violatedProperties(result)).toEqual(["user"]);
    });
});
