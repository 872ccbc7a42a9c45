import { describe, expect, it } from "vitest";
import { redshiftManagedAdminPassword as policy } from "../../../policies/redshift/redshift-managed-admin-password";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:redshift/cluster:Cluster";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props: { clusterIdentifier: "wh", nodeType: "ra3.xlplus", ...props } });
const namespace = (props: Record<string, unknown>) => evaluateResource(policy, { type: NAMESPACE, props: { namespaceName: "wh", ...props } });

describe("redshift-managed-admin-password", () => {
    it("passes managed passwords encrypted with a CMK", () => {
        expect(cluster({ manageMasterPassword: true, masterPasswordSecretKmsKeyId: KEY }).diagnostics).toEqual([]);
        expect(namespace({ manageAdminPassword: true, adminPasswordSecretKmsKeyId: KEY }).diagnostics).toEqual([]);
    });

    it("flags literal passwords (stored in state) at mandatory level, without echoing them", () => {
        const result = cluster({ masterUsername: "wh_admin", masterPassword: "Sup3rSecretPassw0rd" });
        expect(violatedProperties(result)).toEqual(["masterPassword"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).not.toContain("Sup3rSecretPassw0rd");
        expect(violatedProperties(namespace({ adminUsername: "wh_admin", adminUserPassword: "Sup3rSecretPassw0rd" }))).toEqual(["adminUserPassword"]);
    });

    it("flags a computed password too: it still lands in state", () => {
        const result = cluster({ masterPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(violatedProperties(result)).toEqual(["masterPassword"]);
    });

    it("accepts write-only passwords, which are not persisted", () => {
        expect(cluster({ masterPasswordWo: "Sup3rSecretPassw0rd", masterPasswordWoVersion: 1 }).diagnostics).toEqual([]);
        expect(namespace({ adminUserPasswordWo: "Sup3rSecretPassw0rd", adminUserPasswordWoVersion: 1 }).diagnostics).toEqual([]);
    });

    it("advises a customer-managed key for the managed secret, without blocking (the password is out of the state)", () => {
        const managed = cluster({ manageMasterPassword: true });
        expect(violatedProperties(managed)).toEqual(["masterPasswordSecretKmsKeyId"]);
        expect(managed.violations.map((d) => d.level)).toEqual(["advisory"]);
        expect(managed.violations[0]!.message).toContain("aws/secretsmanager");
        const aliased = namespace({ manageAdminPassword: "true", adminPasswordSecretKmsKeyId: "alias/aws/secretsmanager" });
        expect(violatedProperties(aliased)).toEqual(["adminPasswordSecretKmsKeyId"]);
        expect(aliased.violations.map((d) => d.level)).toEqual(["advisory"]);
    });

    it("flags a managed flag of the wrong type", () => {
        expect(violatedProperties(cluster({ manageMasterPassword: "yes" }))).toEqual(["manageMasterPassword"]);
    });

    it("treats computed secret keys as CMKs and an unknown flag as undecided", () => {
        expect(cluster({ manageMasterPassword: true, masterPasswordSecretKmsKeyId: UNKNOWN }).diagnostics).toEqual([]);
        const result = namespace({ manageAdminPassword: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["manageAdminPassword"]);
    });
});
