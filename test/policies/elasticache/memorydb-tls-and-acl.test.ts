import { describe, expect, it } from "vitest";
import { memorydbTlsAndAcl as policy } from "../../../policies/elasticache/memorydb-tls-and-acl";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const CLUSTER = "aws:memorydb/cluster:Cluster";
const USER = "aws:memorydb/user:User";

const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props: { nodeType: "db.t4g.small", ...props } });
const user = (props: Record<string, unknown>) => evaluateResource(policy, { type: USER, props: { userName: "app", accessString: "on ~* +@read", ...props } });

describe("memorydb-tls-and-acl", () => {
    it("passes a cluster with a custom ACL and TLS on by default", () => {
        expect(cluster({ aclName: "key-store-acl" }).diagnostics).toEqual([]);
        expect(cluster({ aclName: "key-store-acl", tlsEnabled: true }).diagnostics).toEqual([]);
    });

    it("flags the open-access ACL at mandatory level", () => {
        const result = cluster({ aclName: "open-access" });
        expect(violatedProperties(result)).toEqual(["aclName"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(violatedProperties(cluster({ aclName: " Open-Access " }))).toEqual(["aclName"]);
    });

    it("flags TLS off together with the open-access ACL it forces", () => {
        expect(violatedProperties(cluster({ aclName: "open-access", tlsEnabled: false }))).toEqual(["aclName", "tlsEnabled"]);
        expect(violatedProperties(cluster({ aclName: "key-store-acl", tlsEnabled: "false" }))).toEqual(["tlsEnabled"]);
    });

    it("flags a missing or mistyped ACL name", () => {
        expect(violatedProperties(cluster({}))).toEqual(["aclName"]);
        expect(violatedProperties(cluster({ aclName: ["key-store-acl"] }))).toEqual(["aclName"]);
    });

    it("treats a computed ACL name as a custom ACL and an unknown TLS flag as undecided", () => {
        const result = cluster({ aclName: UNKNOWN, tlsEnabled: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["tlsEnabled"]);
    });

    describe("users", () => {
        it("passes IAM and password users", () => {
            expect(user({ authenticationMode: { type: "iam" } }).diagnostics).toEqual([]);
            expect(user({ authenticationMode: { type: "Password", passwordCount: 1 } }).diagnostics).toEqual([]);
        });

        it("flags users without an authenticating mode", () => {
            expect(violatedProperties(user({ authenticationMode: { type: "no-password" } }))).toEqual(["authenticationMode.type"]);
            expect(violatedProperties(user({}))).toEqual(["authenticationMode.type"]);
        });

        it("reports a computed mode as undecided", () => {
            const result = user({ authenticationMode: { type: UNKNOWN } });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["authenticationMode.type"]);
        });
    });
});
