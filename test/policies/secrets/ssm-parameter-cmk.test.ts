import { describe, expect, it } from "vitest";
import { ssmParameterCmk as policy } from "../../../policies/secrets/ssm-parameter-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:ssm/parameter:Parameter";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { name: "/prod/db/password", ...props } });

describe("ssm-parameter-cmk", () => {
    it("passes a SecureString with a customer-managed key", () => {
        expect(run({ type: "SecureString", keyId: KEY }).diagnostics).toEqual([]);
        expect(run({ type: "SecureString", keyId: "alias/param-keys" }).diagnostics).toEqual([]);
    });

    it("does not judge String parameters (they are not encrypted; ssm-parameter-securestring decides)", () => {
        expect(run({ type: "String" }).diagnostics).toEqual([]);
    });

    it.each([[{}], [{ keyId: "alias/aws/ssm" }], [{ keyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ssm" }], [{ keyId: 5 }]])(
        "flags a SecureString with %j as mandatory",
        (props) => {
            const result = run({ type: "SecureString", ...props });
            expect(violatedProperties(result)).toEqual(["keyId"]);
            expect(result.violations[0]!.level).toBe("mandatory");
        },
    );

    it("matches the type case-insensitively", () => {
        expect(violatedProperties(run({ type: "securestring" }))).toEqual(["keyId"]);
    });

    describe("preview", () => {
        it("treats a computed key as customer-managed", () => {
            const result = run({ type: "SecureString", keyId: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("decides with a known CMK even when the type is computed, and is undecided without one", () => {
            expect(run({ type: UNKNOWN, keyId: KEY }).diagnostics).toEqual([]);
            const result = run({ type: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["type"]);
        });
    });
});
