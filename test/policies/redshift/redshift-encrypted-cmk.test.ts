import { describe, expect, it } from "vitest";
import { redshiftEncryptedCmk as policy } from "../../../policies/redshift/redshift-encrypted-cmk";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:redshift/cluster:Cluster";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props: { clusterIdentifier: "wh", nodeType: "ra3.xlplus", ...props } });

describe("redshift-encrypted-cmk", () => {
    it("passes the default encryption (\"true\") with a CMK, in every spelling", () => {
        expect(cluster({ kmsKeyId: KEY }).diagnostics).toEqual([]);
        expect(cluster({ encrypted: "true", kmsKeyId: KEY }).diagnostics).toEqual([]);
        expect(cluster({ encrypted: true, kmsKeyId: KEY }).diagnostics).toEqual([]);
        expect(cluster({ encrypted: "TRUE", kmsKeyId: KEY }).diagnostics).toEqual([]);
    });

    it.each(["false", false, "no", 1])("flags encrypted = %j at mandatory level", (encrypted) => {
        const result = cluster({ encrypted, kmsKeyId: KEY });
        expect(violatedProperties(result)).toEqual(["encrypted"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags the AWS-managed default key and aws/redshift aliases", () => {
        expect(violatedProperties(cluster({}))).toEqual(["kmsKeyId"]);
        expect(violatedProperties(cluster({ kmsKeyId: "alias/aws/redshift" }))).toEqual(["kmsKeyId"]);
        // An unencrypted cluster is one cause: its finding names the customer-managed key.
        const unencrypted = cluster({ encrypted: "false" });
        expect(violatedProperties(unencrypted)).toEqual(["encrypted"]);
        expect(unencrypted.violations[0]!.message).toMatch(/customer-managed key/);
    });

    it("requires a CMK on Serverless namespaces", () => {
        expect(evaluateResource(policy, { type: NAMESPACE, props: { namespaceName: "wh", kmsKeyId: KEY } }).diagnostics).toEqual([]);
        expect(violatedProperties(evaluateResource(policy, { type: NAMESPACE, props: { namespaceName: "wh" } }))).toEqual(["kmsKeyId"]);
    });

    it("treats a computed key as a CMK and an unknown flag as undecided", () => {
        const result = cluster({ encrypted: UNKNOWN, kmsKeyId: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["encrypted"]);
    });
});
