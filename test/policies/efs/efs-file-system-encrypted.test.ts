import { describe, expect, it } from "vitest";
import { efsFileSystemEncrypted as policy } from "../../../policies/efs/efs-file-system-encrypted";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:efs/fileSystem:FileSystem";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("efs-file-system-encrypted", () => {
    it("passes an encrypted file system", () => {
        expect(run({ encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" }).diagnostics).toEqual([]);
        expect(run({ encrypted: "true" }).diagnostics).toEqual([]);
    });

    it.each([[{}, /not set, so it defaults to false/], [{ encrypted: false }, /is false/], [{ encrypted: "no" }, /not a boolean/]])("blocks %j", (props, words) => {
        const result = run(props);
        expect(violatedProperties(result)).toEqual(["encrypted"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(words);
    });

    it("leaves a computed flag undecided", () => {
        const result = run({ encrypted: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["encrypted"]);
    });
});
