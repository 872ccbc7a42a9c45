import { describe, expect, it } from "vitest";
import { scheduleIntervalDays, secretsmanagerRotation as policy } from "../../../policies/secrets/secretsmanager-rotation";
import { evaluateStack, UNKNOWN, type StackInputResource } from "../../support/evaluate";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ARN = (n: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${n}-AbCdEf`;

const secret = (name: string, props: Record<string, unknown> = {}): StackInputResource => ({
    type: SECRET,
    name,
    props: { name, arn: ARN(name), id: ARN(name), ...props },
});
const rotation = (name: string, secretName: string, props: Record<string, unknown> = {}): StackInputResource => ({
    type: ROTATION,
    name,
    props: { secretId: ARN(secretName), rotationLambdaArn: "arn:aws:lambda:eu-west-1:111122223333:function:rotate", rotationRules: { automaticallyAfterDays: 30 }, ...props },
});
const pairs = (result: ReturnType<typeof evaluateStack>) =>
    result.violations.map((d) => [d.urn?.split("::").pop(), d.property]).sort((a, b) => String(a).localeCompare(String(b)));

describe("secretsmanager-rotation", () => {
    it("passes a DB credential secret with 30-day rotation, linked by ARN", () => {
        expect(evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master")]).diagnostics).toEqual([]);
    });

    it("links by propertyDependencies during preview, when the ARN is unknown", () => {
        const result = evaluateStack(policy, [
            { ...secret("prod-postgres-app"), props: { name: "prod-postgres-app", arn: UNKNOWN, id: UNKNOWN } },
            { ...rotation("rot", "x"), props: { secretId: UNKNOWN, rotationRules: { automaticallyAfterDays: 7 } }, propertyDependencies: { secretId: ["prod-postgres-app"] } },
        ]);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a DB credential secret without rotation, on the secret, at the advisory level", () => {
        const result = evaluateStack(policy, [secret("prod/mysql/app-user")]);
        expect(pairs(result)).toEqual([["prod/mysql/app-user", "secretRotation"]]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each([
        ["a description naming a database", secret("svc-login", { description: "Aurora credentials for the ledger" })],
        ["an auto-generated name", { type: SECRET, name: "rdsMasterCredentials", props: { arn: ARN("rds"), id: ARN("rds") } }],
        ["a namePrefix", secret("x", { name: undefined, namePrefix: "redis-auth-" })],
    ])("detects a DB credential by %s", (_label, resource) => {
        expect(pairs(evaluateStack(policy, [resource as StackInputResource]))).toEqual([[(resource as StackInputResource).name, "secretRotation"]]);
    });

    it("detects a DB credential by its username/password JSON value, without reading more of it", () => {
        const result = evaluateStack(policy, [
            secret("svc-login"),
            { type: VERSION, name: "v1", props: { secretId: ARN("svc-login"), secretString: JSON.stringify({ username: "app", password: "pw-not-echoed" }) } },
        ]);
        expect(pairs(result)).toEqual([["svc-login", "secretRotation"]]);
        expect(result.violations[0]!.message).not.toContain("pw-not-echoed");
    });

    it("leaves other secrets alone by default and covers them with scope: all", () => {
        const resources = [secret("wallet/hot-signing-key")];
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
        expect(pairs(evaluateStack(policy, resources, { scope: "all" }))).toEqual([["wallet/hot-signing-key", "secretRotation"]]);
    });

    it.each([
        ["rotationEnabled false", { rotationEnabled: false, rotationRules: undefined }, "rotationEnabled"],
        ["rotationEnabled \"false\"", { rotationEnabled: "false" }, "rotationEnabled"],
        ["a 180-day interval", { rotationRules: { automaticallyAfterDays: 180 } }, "rotationRules.automaticallyAfterDays"],
        ["a rate of 365 days", { rotationRules: { scheduleExpression: "rate(365 days)" } }, "rotationRules.scheduleExpression"],
        ["a yearly cron", { rotationRules: { scheduleExpression: "cron(0 0 1 1 ? *)" } }, "rotationRules.scheduleExpression"],
        ["a quarterly cron", { rotationRules: { scheduleExpression: "cron(0 4 1 1,4,7,10 ? *)" } }, "rotationRules.scheduleExpression"],
        ["a year-pinned cron", { rotationRules: { scheduleExpression: "cron(0 4 1 * ? 2026)" } }, "rotationRules.scheduleExpression"],
        ["an unreadable schedule", { rotationRules: { scheduleExpression: "every month" } }, "rotationRules.scheduleExpression"],
        ["no schedule", { rotationRules: {} }, "rotationRules"],
        ["no rules", { rotationRules: undefined }, "rotationRules"],
    ])("flags a rotation with %s, on the rotation resource", (_label, props, property) => {
        const result = evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master", props)]);
        expect(pairs(result)).toEqual([["rot", property]]);
    });

    it("flags a rotation that disables AWS-managed rotation of a secret outside the stack (e.g. an RDS master secret)", () => {
        const result = evaluateStack(policy, [rotation("rot", "rds!db-1234", { rotationEnabled: false, rotationRules: undefined })]);
        expect(pairs(result)).toEqual([["rot", "rotationEnabled"]]);
    });

    it("accepts monthly cron, rate in hours and a configured maximum", () => {
        const ok = ["cron(0 16 1,15 * ? *)", "cron(0 0 ? * MON *)", "rate(4 hours)", "rate(90 days)"];
        for (const scheduleExpression of ok) {
            expect(evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master", { rotationRules: { scheduleExpression } })]).diagnostics).toEqual([]);
        }
        const strict = evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master")], { maximumDays: 14 });
        expect(pairs(strict)).toEqual([["rot", "rotationRules.automaticallyAfterDays"]]);
    });

    it("estimates schedule intervals", () => {
        expect(scheduleIntervalDays("rate(10 days)")).toBe(10);
        expect(scheduleIntervalDays("cron(0 8 1 */2 ? *)")).toBe(62);
        expect(scheduleIntervalDays("cron(0 8 ? JAN,JUL MON#1 *)")).toBe(186);
        expect(scheduleIntervalDays("cron(0 8 * * ? *)")).toBe(1);
        expect(scheduleIntervalDays("cron(0 8 1 13 ? *)")).toBeUndefined();
    });

    describe("preview", () => {
        it("reports a rotation whose secretId cannot be linked as undecided on the secret", () => {
            const result = evaluateStack(policy, [secret("prod/db/master"), { ...rotation("rot", "x"), props: { secretId: UNKNOWN, rotationRules: { automaticallyAfterDays: 30 } } }]);
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => [d.urn?.split("::").pop(), d.property])).toEqual([["prod/db/master", "secretRotation"]]);
        });

        it("reports unknown rotation settings as undecided", () => {
            const result = evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master", { rotationEnabled: UNKNOWN })]);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["rotationEnabled"]);
            const days = evaluateStack(policy, [secret("prod/db/master"), rotation("rot", "prod/db/master", { rotationRules: { automaticallyAfterDays: UNKNOWN } })]);
            expect(days.undecided.map((d) => d.property)).toEqual(["rotationRules.automaticallyAfterDays"]);
        });
    });
});
