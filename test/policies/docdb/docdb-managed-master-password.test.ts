import { describe, expect, it } from "vitest";
import { docdbManagedMasterPassword as policy } from "../../../policies/docdb/docdb-managed-master-password";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:docdb/cluster:Cluster";
const ELASTIC = "aws:docdb/elasticCluster:ElasticCluster";
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:docdb-admin-AbCdEf";
const PASSWORD = "correct-horse-battery-staple";
const cluster = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props: { masterUsername: "admin", ...props }, config });
const elastic = (props: Record<string, unknown>) =>
    evaluateResource(policy, { type: ELASTIC, props: { adminUserName: "admin", shardCapacity: 2, shardCount: 1, ...props } });

describe("docdb-managed-master-password", () => {
    it("passes a cluster whose master password is managed by Secrets Manager", () => {
        expect(cluster({ manageMasterUserPassword: true }).diagnostics).toEqual([]);
        expect(cluster({ manageMasterUserPassword: "true" }).diagnostics).toEqual([]);
    });

    it("flags a plaintext masterPassword at mandatory level without echoing it", () => {
        const result = cluster({ masterPassword: PASSWORD });
        expect(violatedProperties(result)).toEqual(["masterPassword"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).not.toContain(PASSWORD);
    });

    it("flags a computed masterPassword (random.RandomPassword output) during preview: it still lands in state", () => {
        const result = cluster({ masterPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(violatedProperties(result)).toEqual(["masterPassword"]);
    });

    it("flags a write-only password unless the config accepts it", () => {
        expect(violatedProperties(cluster({ masterPasswordWo: PASSWORD, masterPasswordWoVersion: 1 }))).toEqual(["masterPasswordWo"]);
        expect(cluster({ masterPasswordWo: PASSWORD, masterPasswordWoVersion: 1 }, { allowWriteOnlyPassword: true }).diagnostics).toEqual([]);
    });

    it.each([false, "no", undefined])("flags manageMasterUserPassword = %j with no password source", (value) => {
        expect(violatedProperties(cluster({ manageMasterUserPassword: value }))).toEqual(["manageMasterUserPassword"]);
    });

    it("passes restored and secondary clusters that inherit credentials", () => {
        expect(cluster({ snapshotIdentifier: "keys-snap" }).diagnostics).toEqual([]);
        expect(cluster({ globalClusterIdentifier: "keys-global" }).diagnostics).toEqual([]);
    });

    it("is undecided on a computed manageMasterUserPassword", () => {
        const result = cluster({ manageMasterUserPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["manageMasterUserPassword"]);
    });

    describe("elastic clusters", () => {
        it("passes SECRET_ARN with a secret ARN (known or computed)", () => {
            expect(elastic({ authType: "SECRET_ARN", adminUserPassword: SECRET_ARN }).diagnostics).toEqual([]);
            expect(elastic({ authType: "SECRET_ARN", adminUserPassword: UNKNOWN }).diagnostics).toEqual([]);
        });

        it("flags PLAIN_TEXT (password in state) without echoing it", () => {
            const result = elastic({ authType: "PLAIN_TEXT", adminUserPassword: PASSWORD });
            expect(violatedProperties(result)).toEqual(["authType"]);
            expect(result.violations[0]!.message).not.toContain(PASSWORD);
        });

        it("flags SECRET_ARN whose value is not a secret ARN, and an invalid authType", () => {
            const result = elastic({ authType: "SECRET_ARN", adminUserPassword: PASSWORD });
            expect(violatedProperties(result)).toEqual(["adminUserPassword"]);
            expect(result.violations[0]!.message).not.toContain(PASSWORD);
            expect(violatedProperties(elastic({ authType: "IAM", adminUserPassword: SECRET_ARN }))).toEqual(["authType"]);
        });

        it("is undecided on a computed authType", () => {
            const result = elastic({ authType: UNKNOWN, adminUserPassword: PASSWORD });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["authType"]);
        });
    });
});
