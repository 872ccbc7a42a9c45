import { describe, expect, it } from "vitest";
import { efsFileSystemCmk as policy } from "../../../policies/efs/efs-file-system-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:efs/fileSystem:FileSystem";
const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const run = (props: Record<string, unknown>, name = "shared-files") => evaluateResource(policy, { type, name, props });

describe("efs-file-system-cmk", () => {
    it("passes a customer-managed key, named or computed", () => {
        expect(run({ encrypted: true, kmsKeyId: key }).diagnostics).toEqual([]);
        expect(run({ encrypted: true, kmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
    });

    it("advises on the AWS-managed key, omitted or named, and blocks it on key material", () => {
        const omitted = run({ encrypted: true });
        expect(violatedProperties(omitted)).toEqual(["kmsKeyId"]);
        expect(omitted.violations[0]!.level).toBe("advisory");
        expect(omitted.violations[0]!.message).toMatch(/aws\/elasticfilesystem/);
        expect(violatedProperties(run({ encrypted: true, kmsKeyId: "alias/aws/elasticfilesystem" }))).toEqual(["kmsKeyId"]);
        expect(run({ encrypted: true }, "wallet-files").violations.map((d) => d.level)).toEqual(["mandatory"]);
        expect(run({ encrypted: true, tags: { "data-class": "key-material" } }).violations.map((d) => d.level)).toEqual(["mandatory"]);
    });

    it("leaves an unencrypted file system to efs-file-system-encrypted (one cause, one finding)", () => {
        expect(run({}).diagnostics).toEqual([]);
        expect(run({ encrypted: false }).diagnostics).toEqual([]);
    });

    it("still checks a key named on a file system whose encryption flag is computed or missing", () => {
        expect(violatedProperties(run({ encrypted: UNKNOWN, kmsKeyId: "alias/aws/elasticfilesystem" }))).toEqual(["kmsKeyId"]);
        expect(violatedProperties(run({ kmsKeyId: "not-a-key" }))).toEqual(["kmsKeyId"]);
    });
});
