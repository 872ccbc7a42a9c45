import { describe, expect, it } from "vitest";
import { secretsmanagerCmk as policy } from "../../../policies/secrets/secretsmanager-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:secretsmanager/secret:Secret";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY2 = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("secretsmanager-cmk", () => {
    it("passes a secret and its replicas encrypted with customer-managed keys", () => {
        expect(run({ kmsKeyId: KEY, replicas: [{ region: "us-east-1", kmsKeyId: KEY2 }] }).diagnostics).toEqual([]);
        expect(run({ kmsKeyId: "alias/wallet-keys" }).diagnostics).toEqual([]);
    });

    it("flags an omitted kmsKeyId (aws/secretsmanager) as mandatory", () => {
        const result = run({ name: "prod/wallet" });
        expect(violatedProperties(result)).toEqual(["kmsKeyId"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/aws\/secretsmanager/);
    });

    it.each(["alias/aws/secretsmanager", "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager", "", 42])("flags kmsKeyId = %j", (kmsKeyId) => {
        expect(violatedProperties(run({ kmsKeyId }))).toEqual(["kmsKeyId"]);
    });

    it("names the input to set once, in each message (no doubled instruction)", () => {
        const result = run({ replicas: [{ region: "eu-west-2" }] });
        const messages = result.violations.map((d) => d.message);
        expect(messages).toEqual([expect.stringMatching(/Set `kmsKeyId` to the ARN of a customer-managed KMS key/), expect.stringMatching(/Set `replicas\.0\.kmsKeyId` to the ARN/)]);
        expect(messages.join("\n")).not.toMatch(/Set `[^`]*`: Set it/);
    });

    it("flags replicas without a key or with the AWS-managed key, each at its index", () => {
        const result = run({ kmsKeyId: KEY, replicas: [{ region: "us-east-1" }, { region: "eu-central-1", kmsKeyId: KEY2 }, { region: "ap-south-1", kmsKeyId: "alias/aws/secretsmanager" }, "x"] });
        expect(violatedProperties(result)).toEqual(["replicas.0.kmsKeyId", "replicas.2.kmsKeyId", "replicas.3"]);
        expect(result.violations[0]!.message).toContain("`replicas.0.kmsKeyId`");
    });

    describe("preview", () => {
        it("treats computed key references as customer-managed", () => {
            const result = run({ kmsKeyId: UNKNOWN, replicas: [{ region: "us-east-1", kmsKeyId: UNKNOWN }] });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("reports an unknown replica list or entry as undecided and decides the rest", () => {
            const list = run({ replicas: UNKNOWN });
            expect(list.cantRun).toBe(false);
            expect(violatedProperties(list)).toEqual(["kmsKeyId"]);
            expect(list.undecided.map((d) => d.property)).toEqual(["replicas"]);
            const entry = run({ kmsKeyId: KEY, replicas: [UNKNOWN] });
            expect(entry.violations).toEqual([]);
            expect(entry.undecided.map((d) => d.property)).toEqual(["replicas.0.kmsKeyId"]);
        });
    });
});
