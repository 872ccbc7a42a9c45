import { describe, expect, it } from "vitest";
import { iamNoLongLivedAccessKeys as policy } from "../../../policies/iam/iam-no-long-lived-access-keys";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:iam/accessKey:AccessKey";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { user: "ci", ...props } });

describe("iam-no-long-lived-access-keys", () => {
    it("passes a key encrypted with a PGP key", () => {
        expect(run({ pgpKey: "keybase:secops" }).diagnostics).toEqual([]);
    });

    it.each([[{}], [{ pgpKey: "" }], [{ pgpKey: "   " }], [{ pgpKey: null }], [{ pgpKey: 42 }], [{ pgpKey: {} }]])("flags %j (secret stored in state)", (props) => {
        const result = run(props);
        expect(violatedProperties(result)).toEqual(["pgpKey"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("treats a computed pgpKey as supplied during preview", () => {
        const result = run({ pgpKey: UNKNOWN, user: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("still flags an inactive key without pgpKey (the secret is in state either way)", () => {
        expect(violatedProperties(run({ status: "Inactive" }))).toEqual(["pgpKey"]);
    });
});
