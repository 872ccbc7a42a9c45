import { describe, expect, it } from "vitest";
import { elasticacheAuthRequiredLinked as policy } from "../../../policies/elasticache/elasticache-auth-required-linked";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";

const user = (name: string, props: Record<string, unknown>): StackInputResource => ({
    type: USER,
    name,
    props: { userId: name, userName: name, engine: "valkey", accessString: "on ~* +@all", ...props },
});
const iamUser = (name: string) => user(name, { authenticationMode: { type: "iam" } });
const ownDefault = user("my-default", { userName: "default", accessString: "off -@all", noPasswordRequired: true });
const group = (name: string, userIds: unknown, deps?: string[]): StackInputResource => ({
    type: USER_GROUP,
    name,
    props: { userGroupId: name, engine: "valkey", userIds },
    propertyDependencies: deps ? { userIds: deps } : undefined,
});
const rg = (name: string, userGroupIds: unknown, deps?: string[]): StackInputResource => ({
    type: RG,
    name,
    props: { description: "keys", userGroupIds },
    propertyDependencies: deps ? { userGroupIds: deps } : undefined,
});

const pairs = (result: ReturnType<typeof evaluateStack>) => result.violations.map((d) => [d.urn, d.property]).sort();

describe("elasticache-auth-required-linked", () => {
    it("passes a cache whose group holds authenticated users and a disabled default user", () => {
        const result = evaluateStack(policy, [ownDefault, iamUser("app"), group("users", ["my-default", "app"]), rg("cache", ["users"])]);
        expect(result.diagnostics).toEqual([]);
    });

    it("links each regional copy of a stack to its own group and users, never to the other copy's", () => {
        // Multi-region copies reuse the ids they choose (userId, userGroupId); each copy has its region.
        const copy = (region: string, open: boolean): StackInputResource[] =>
            [
                user("app", { authenticationMode: open ? { type: "no-password-required" } : { type: "iam" } }),
                ownDefault,
                group("users", ["my-default", "app"]),
                rg("cache", ["users"]),
            ].map((r) => ({ ...r, name: `${r.name}-${region}`, props: { ...r.props, region } }));
        const result = evaluateStack(policy, [...copy("us-east-1", true), ...copy("eu-west-1", false)]);
        expect(pairs(result)).toEqual([[urnOf(RG, "cache-us-east-1"), "userGroupIds"]]);
        expect(result.violations[0]!.message).toContain("`app-us-east-1`");
    });

    it("links by dependencies during preview, when ids are unknown", () => {
        const result = evaluateStack(policy, [
            ownDefault,
            user("open", { noPasswordRequired: true }),
            group("users", [UNKNOWN, UNKNOWN], ["my-default", "open"]),
            rg("cache", [UNKNOWN], ["users"]),
        ]);
        expect(result.cantRun).toBe(false);
        expect(pairs(result)).toEqual([[urnOf(RG, "cache"), "userGroupIds"]]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it("flags the built-in default user and credential-less users added through associations", () => {
        const result = evaluateStack(policy, [
            iamUser("app"),
            user("nopass", { authenticationMode: { type: "no-password-required" } }),
            group("builtin", ["default", "app"]),
            group("assoc", ["my-default"]),
            ownDefault,
            { type: ASSOCIATION, name: "add-nopass", props: { userGroupId: "assoc", userId: "nopass" } },
            rg("a", ["builtin"]),
            { type: SERVERLESS, name: "b", props: { engine: "valkey", userGroupId: "assoc" } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(RG, "a"), "userGroupIds"],
            [urnOf(SERVERLESS, "b"), "userGroupId"],
        ]);
    });

    it("reports users whose credential settings are computed as undecided", () => {
        const result = evaluateStack(policy, [user("maybe", { noPasswordRequired: UNKNOWN }), group("users", ["maybe"]), rg("cache", ["users"])]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(RG, "cache"), "userGroupIds"]]);
    });

    it("ignores groups that no cache uses", () => {
        expect(evaluateStack(policy, [user("open", { noPasswordRequired: true }), group("unused", ["open", "default"])]).diagnostics).toEqual([]);
    });
});
