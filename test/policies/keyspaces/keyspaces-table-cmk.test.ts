import { describe, expect, it } from "vitest";
import { keyspacesTableCmk as policy } from "../../../policies/keyspaces/keyspaces-table-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:keyspaces/table:Table";
const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const base = { keyspaceName: "app", tableName: "sessions", schemaDefinition: { columns: [{ name: "id", type: "text" }], partitionKeys: [{ name: "id" }] } };
const run = (props: Record<string, unknown>, name = "sessions") => evaluateResource(policy, { type, name, props: { ...base, ...props } });

describe("keyspaces-table-cmk", () => {
    it("passes a customer-managed key, named or computed", () => {
        expect(run({ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: key } }).diagnostics).toEqual([]);
        expect(run({ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: UNKNOWN } }).diagnostics).toEqual([]);
    });

    it("advises on the AWS-owned default and the explicit AWS_OWNED_KMS_KEY, mandatory on key material", () => {
        const omitted = run({});
        expect(violatedProperties(omitted)).toEqual(["encryptionSpecification.type"]);
        expect(omitted.violations[0]!.level).toBe("advisory");
        expect(omitted.violations[0]!.message).toMatch(/AWS-owned key/);
        expect(violatedProperties(run({ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } }))).toEqual(["encryptionSpecification.type"]);
        expect(run({ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } }, "wallet-sessions").violations.map((d) => d.level)).toEqual(["mandatory"]);
    });

    it("flags a customer-managed type without a usable key, and values of the wrong type", () => {
        expect(violatedProperties(run({ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY" } }))).toEqual(["encryptionSpecification.kmsKeyIdentifier"]);
        expect(violatedProperties(run({ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: "alias/aws/cassandra" } }))).toEqual([
            "encryptionSpecification.kmsKeyIdentifier",
        ]);
        expect(violatedProperties(run({ encryptionSpecification: "CUSTOMER_MANAGED_KMS_KEY" }))).toEqual(["encryptionSpecification"]);
        expect(violatedProperties(run({ encryptionSpecification: { type: 7 } }))).toEqual(["encryptionSpecification.type"]);
    });

    it("leaves a computed specification undecided", () => {
        const result = run({ encryptionSpecification: { type: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["encryptionSpecification.type"]);
    });
});
