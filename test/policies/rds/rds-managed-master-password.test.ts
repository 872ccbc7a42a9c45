import { describe, expect, it } from "vitest";
import { rdsManagedMasterPassword as policy } from "../../../policies/rds/rds-managed-master-password";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const instance = "aws:rds/instance:Instance";
const cluster = "aws:rds/cluster:Cluster";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });
const secret = "s3cr3t-Pa55word";

describe("rds-managed-master-password", () => {
    it.each([instance, cluster])("passes %s with manageMasterUserPassword and no password", (type) => {
        expect(run(type, { manageMasterUserPassword: true }).diagnostics).toEqual([]);
        expect(run(type, { manageMasterUserPassword: "true" }).diagnostics).toEqual([]);
    });

    it("flags a literal instance password and a cluster masterPassword, without echoing them", () => {
        const onInstance = run(instance, { username: "app_admin", password: secret });
        expect(violatedProperties(onInstance)).toEqual(["password"]);
        expect(onInstance.violations[0]!.level).toBe("mandatory");
        expect(onInstance.violations[0]!.message).toMatch(/state/);
        expect(onInstance.violations[0]!.message).not.toContain(secret);
        expect(violatedProperties(run(cluster, { masterUsername: "app_admin", masterPassword: secret }))).toEqual(["masterPassword"]);
    });

    it("does not confuse the two resources' password inputs", () => {
        expect(violatedProperties(run(cluster, { masterPassword: secret }))).toEqual(["masterPassword"]);
        expect(violatedProperties(run(instance, { password: secret }))).toEqual(["password"]);
    });

    it("flags write-only passwords too, saying they stay out of state but are not rotated", () => {
        const result = run(instance, { passwordWo: secret, passwordWoVersion: 1 });
        expect(violatedProperties(result)).toEqual(["passwordWo"]);
        expect(result.violations[0]!.message).toMatch(/write-only/);
        expect(result.violations[0]!.message).toMatch(/rotated/);
        expect(violatedProperties(run(cluster, { masterPasswordWo: secret, masterPasswordWoVersion: 1 }))).toEqual(["masterPasswordWo"]);
    });

    it("flags a password that is computed (e.g. from random.RandomPassword): it still ends up in state", () => {
        const result = run(cluster, { masterPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(violatedProperties(result)).toEqual(["masterPassword"]);
    });

    it("flags a password even next to manageMasterUserPassword", () => {
        expect(violatedProperties(run(instance, { password: secret, manageMasterUserPassword: true }))).toEqual(["password"]);
    });

    it.each([false, "false", undefined, "no"])("flags a new database without a password and manageMasterUserPassword = %j", (value) => {
        expect(violatedProperties(run(cluster, { engine: "aurora-postgresql", manageMasterUserPassword: value }))).toEqual(["manageMasterUserPassword"]);
    });

    it("passes replicas, restores and global secondaries that set neither (they take the source's master user)", () => {
        expect(run(instance, { replicateSourceDb: "primary" }).diagnostics).toEqual([]);
        expect(run(instance, { snapshotIdentifier: "snap" }).diagnostics).toEqual([]);
        expect(run(instance, { restoreToPointInTime: { sourceDbInstanceIdentifier: "a", useLatestRestorableTime: true } }).diagnostics).toEqual([]);
        expect(run(cluster, { replicationSourceIdentifier: UNKNOWN }).diagnostics).toEqual([]);
        expect(run(cluster, { globalClusterIdentifier: "g" }).diagnostics).toEqual([]);
    });

    it("reports an unknown manageMasterUserPassword as undecided during preview", () => {
        const result = run(instance, { manageMasterUserPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["manageMasterUserPassword", "advisory"]]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:docdb/cluster:Cluster", props: { masterPassword: secret } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
