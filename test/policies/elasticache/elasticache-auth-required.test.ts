import { describe, expect, it } from "vitest";
import { elasticacheAuthRequired as policy } from "../../../policies/elasticache/elasticache-auth-required";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";

const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });
const rg = (props: Record<string, unknown>) => run(RG, { description: "keys", transitEncryptionEnabled: true, ...props });

describe("elasticache-auth-required", () => {
    describe("replication groups", () => {
        it("passes RBAC user groups and write-only AUTH tokens", () => {
            expect(rg({ userGroupIds: ["key-cache-users"] }).diagnostics).toEqual([]);
            expect(rg({ authTokenWo: "s3cret-token-value-123", authTokenWoVersion: 1 }).diagnostics).toEqual([]);
        });

        it("flags a group without any authentication at mandatory level", () => {
            const result = rg({});
            expect(violatedProperties(result)).toEqual(["userGroupIds"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toMatch(/without authenticating/);
        });

        it("flags empty user group lists and DELETE strategies the same way", () => {
            expect(violatedProperties(rg({ userGroupIds: [] }))).toEqual(["userGroupIds"]);
            expect(violatedProperties(rg({ userGroupIds: [""] }))).toEqual(["userGroupIds"]);
            expect(violatedProperties(rg({ authTokenUpdateStrategy: "DELETE" }))).toEqual(["userGroupIds"]);
        });

        it("flags a literal authToken (stored in state) and points to authTokenWo, without echoing it", () => {
            const result = rg({ authToken: "sup3r-secret-auth-token" });
            expect(violatedProperties(result)).toEqual(["authToken"]);
            expect(result.violations[0]!.message).toMatch(/authTokenWo/);
            expect(result.violations[0]!.message).not.toContain("sup3r-secret-auth-token");
        });

        it("flags authToken even when it also has RBAC, and even when computed (it still lands in state)", () => {
            expect(violatedProperties(rg({ authToken: "tok-123456789012345", userGroupIds: ["g"] }))).toEqual(["authToken"]);
            const computed = rg({ authToken: UNKNOWN });
            expect(computed.cantRun).toBe(false);
            expect(violatedProperties(computed)).toEqual(["authToken"]);
        });

        it("treats an empty authToken as absent", () => {
            expect(violatedProperties(rg({ authToken: "" }))).toEqual(["userGroupIds"]);
        });

        it("flags a user group list of the wrong type", () => {
            expect(violatedProperties(rg({ userGroupIds: [42] }))).toEqual(["userGroupIds"]);
        });

        it("passes computed user groups or tokens during preview", () => {
            const result = rg({ userGroupIds: [UNKNOWN] });
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
            expect(rg({ authTokenWo: UNKNOWN }).diagnostics).toEqual([]);
        });

        it("lets a global-datastore secondary inherit the primary's authentication", () => {
            expect(rg({ globalReplicationGroupId: "ldgnf-global" }).diagnostics).toEqual([]);
        });
    });

    describe("serverless caches", () => {
        it("requires a user group on Redis/Valkey", () => {
            expect(run(SERVERLESS, { engine: "valkey", userGroupId: "key-cache-users" }).diagnostics).toEqual([]);
            expect(violatedProperties(run(SERVERLESS, { engine: "redis" }))).toEqual(["userGroupId"]);
        });

        it("reports Memcached only when configured to", () => {
            expect(run(SERVERLESS, { engine: "memcached" }).diagnostics).toEqual([]);
            expect(violatedProperties(run(SERVERLESS, { engine: "memcached" }, { flagMemcached: true }))).toEqual(["engine"]);
        });

        it("is undecided when the engine is computed and no user group is set", () => {
            const result = run(SERVERLESS, { engine: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["engine"]);
            expect(run(SERVERLESS, { engine: UNKNOWN, userGroupId: UNKNOWN }).diagnostics).toEqual([]);
        });
    });

    describe("standalone cache clusters", () => {
        it("flags a standalone Redis cluster, which has no AUTH or RBAC input", () => {
            expect(violatedProperties(run(CLUSTER, { engine: "redis" }))).toEqual(["replicationGroupId"]);
        });

        it("passes group members and (by default) Memcached", () => {
            expect(run(CLUSTER, { replicationGroupId: "keys" }).diagnostics).toEqual([]);
            expect(run(CLUSTER, { engine: "memcached" }).diagnostics).toEqual([]);
            expect(violatedProperties(run(CLUSTER, { engine: "memcached" }, { flagMemcached: true }))).toEqual(["engine"]);
        });
    });

    describe("users", () => {
        const base = { userId: "app", userName: "app", engine: "valkey", accessString: "on ~app:* +@read" };

        it("passes IAM users and write-only passwords", () => {
            expect(run(USER, { ...base, authenticationMode: { type: "iam" } }).diagnostics).toEqual([]);
            expect(run(USER, { ...base, passwordsWo: "a-str0ng-pa55word-value", passwordsWoVersion: 1 }).diagnostics).toEqual([]);
        });

        it("flags users that need no password, in every spelling", () => {
            expect(violatedProperties(run(USER, { ...base, noPasswordRequired: true }))).toEqual(["noPasswordRequired"]);
            expect(violatedProperties(run(USER, { ...base, noPasswordRequired: "true" }))).toEqual(["noPasswordRequired"]);
            expect(violatedProperties(run(USER, { ...base, authenticationMode: { type: "no-password-required" } }))).toEqual(["authenticationMode.type"]);
            expect(violatedProperties(run(USER, { ...base, authenticationMode: { type: "No-Password-Required" } }))).toEqual(["authenticationMode.type"]);
            expect(violatedProperties(run(USER, { ...base, accessString: "on nopass ~* +@all" }))).toEqual(["accessString"]);
        });

        it("flags users of the wrong type or with an unknown mode type", () => {
            expect(violatedProperties(run(USER, { ...base, noPasswordRequired: "sometimes" }))).toEqual(["noPasswordRequired"]);
            expect(violatedProperties(run(USER, { ...base, authenticationMode: { type: "anonymous" } }))).toEqual(["authenticationMode.type"]);
            expect(violatedProperties(run(USER, { ...base, authenticationMode: {} }))).toEqual(["authenticationMode.type"]);
        });

        it("flags passwords kept in state", () => {
            expect(violatedProperties(run(USER, { ...base, passwords: ["a-str0ng-pa55word-value"] }))).toEqual(["passwords"]);
            expect(violatedProperties(run(USER, { ...base, authenticationMode: { type: "password", passwords: ["a-str0ng-pa55word-value"] } }))).toEqual([
                "authenticationMode.passwords",
            ]);
        });

        it("a password on a disabled user (`off`): advisory at most, since nobody can log in with it; the fix is to drop it", () => {
            const result = run(USER, { ...base, accessString: "off -@all", authenticationMode: { type: "password", passwords: ["a-str0ng-pa55word-value"] } });
            expect(result.violations.map((d) => [d.property, d.level])).toEqual([["authenticationMode.passwords", "advisory"]]);
            expect(result.violations[0]!.message).toMatch(/disabled/);
            expect(result.violations[0]!.message).toMatch(/Remove the password/);
            expect(result.violations[0]!.message).not.toContain("a-str0ng-pa55word-value");
            // The same password on an enabled user blocks.
            const enabled = run(USER, { ...base, accessString: "on ~* +@all", authenticationMode: { type: "password", passwords: ["a-str0ng-pa55word-value"] } });
            expect(enabled.violations.map((d) => [d.property, d.level])).toEqual([["authenticationMode.passwords", "mandatory"]]);
        });

        it("accepts a disabled user without a credential (the replacement default user)", () => {
            expect(run(USER, { ...base, userName: "default", accessString: "off -@all", noPasswordRequired: true }).diagnostics).toEqual([]);
            expect(violatedProperties(run(USER, { ...base, accessString: "off on ~* +@all", noPasswordRequired: true }))).toEqual(["noPasswordRequired"]);
        });

        it("is undecided when the access string is computed for a credential-less user", () => {
            const result = run(USER, { ...base, accessString: UNKNOWN, noPasswordRequired: true });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["accessString"]);
            expect(result.violations).toEqual([]);
        });

        it("is undecided when noPasswordRequired is computed", () => {
            const result = run(USER, { ...base, noPasswordRequired: UNKNOWN, authenticationMode: { type: "iam" } });
            expect(result.undecided.map((d) => d.property)).toEqual(["noPasswordRequired"]);
        });
    });

    describe("user groups", () => {
        it("flags the built-in default user, which has no password", () => {
            expect(violatedProperties(run(USER_GROUP, { userGroupId: "g", engine: "valkey", userIds: ["default", "app"] }))).toEqual(["userIds"]);
            expect(violatedProperties(run(ASSOCIATION, { userGroupId: "g", userId: "Default" }))).toEqual(["userId"]);
        });

        it("passes groups of own users, including computed ids", () => {
            expect(run(USER_GROUP, { userGroupId: "g", engine: "valkey", userIds: ["my-default", UNKNOWN] }).diagnostics).toEqual([]);
            expect(run(ASSOCIATION, { userGroupId: "g", userId: UNKNOWN }).diagnostics).toEqual([]);
        });
    });
});
