import { describe, expect, it } from "vitest";
import { qldbLedgerCmk as policy } from "../../../policies/qldb/qldb-ledger-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:qldb/ledger:Ledger";
const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const run = (props: Record<string, unknown>, name = "audit-ledger") => evaluateResource(policy, { type, name, props: { permissionsMode: "STANDARD", ...props } });

describe("qldb-ledger-cmk", () => {
    it("passes a customer-managed key, named or computed", () => {
        expect(run({ kmsKey: key }).diagnostics).toEqual([]);
        expect(run({ kmsKey: UNKNOWN }).diagnostics).toEqual([]);
    });

    it.each([[{}, /not set/], [{ kmsKey: "AWS_OWNED_KMS_KEY" }, /AWS-owned/], [{ kmsKey: "aws_owned_kms_key " }, /AWS-owned/]])("advises on %j", (props, words) => {
        const result = run(props);
        expect(violatedProperties(result)).toEqual(["kmsKey"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(words);
    });

    it("is mandatory on a key-material ledger", () => {
        expect(run({ kmsKey: "AWS_OWNED_KMS_KEY", tags: { classification: "key-material" } }).violations.map((d) => d.level)).toEqual(["mandatory"]);
    });

    it("flags an AWS-managed alias and a value that names no key", () => {
        expect(violatedProperties(run({ kmsKey: "alias/aws/qldb" }))).toEqual(["kmsKey"]);
        expect(violatedProperties(run({ kmsKey: 42 }))).toEqual(["kmsKey"]);
    });

    it("does not need preview values: a computed key is a supplied key", () => {
        expect(run({ kmsKey: UNKNOWN }).cantRun).toBe(false);
    });
});
