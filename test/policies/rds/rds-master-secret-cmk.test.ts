import { describe, expect, it } from "vitest";
import { rdsMasterSecretCmk as policy } from "../../../policies/rds/rds-master-secret-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const key = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("rds-master-secret-cmk", () => {
    it.each([instance, cluster])("passes %s whose managed secret uses a customer-managed key", (type) => {
        expect(run(type, { manageMasterUserPassword: true, masterUserSecretKmsKeyId: key }).diagnostics).toEqual([]);
        expect(run(type, { manageMasterUserPassword: true, masterUserSecretKmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
    });

    it.each([instance, cluster])("flags %s with a managed secret on the default aws/secretsmanager key (advisory)", (type) => {
        const result = run(type, { manageMasterUserPassword: "true" });
        expect(violatedProperties(result)).toEqual(["masterUserSecretKmsKeyId"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/aws\/secretsmanager/);
    });

    it("flags an AWS-managed alias", () => {
        expect(violatedProperties(run(cluster, { manageMasterUserPassword: true, masterUserSecretKmsKeyId: "alias/aws/secretsmanager" }))).toEqual([
            "masterUserSecretKmsKeyId",
        ]);
    });

    it("does not apply when RDS does not manage the password", () => {
        expect(run(instance, { password: "x" }).diagnostics).toEqual([]);
        expect(run(instance, { manageMasterUserPassword: false }).diagnostics).toEqual([]);
    });

    it("is undecided on an unknown manageMasterUserPassword only when no CMK is named", () => {
        const result = run(instance, { manageMasterUserPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["manageMasterUserPassword"]);
        expect(run(instance, { manageMasterUserPassword: UNKNOWN, masterUserSecretKmsKeyId: key }).diagnostics).toEqual([]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/clusterInstance:ClusterInstance", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
