import { describe, expect, it } from "vitest";
import { databasePasswordNotInState as policy } from "../../../policies/secrets/database-password-not-in-state";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const ENDPOINT = "aws:dms/endpoint:Endpoint";
const LIGHTSAIL = "aws:lightsail/database:Database";
const endpoint = (props: Record<string, unknown>) => evaluateResource(policy, { type: ENDPOINT, props: { endpointId: "src", endpointType: "source", engineName: "postgres", ...props } });

describe("database-password-not-in-state", () => {
    it("passes an endpoint that reads its credentials from Secrets Manager", () => {
        const result = endpoint({ secretsManagerArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", secretsManagerAccessRoleArn: "arn:aws:iam::111122223333:role/dms" });
        expect(result.diagnostics).toEqual([]);
    });

    it("blocks a password, literal or computed (a random password is stored all the same)", () => {
        for (const password of ["hunter2-but-longer", UNKNOWN]) {
            const result = endpoint({ username: "app", password });
            expect(violatedProperties(result)).toEqual(["password"]);
            expect(result.violations[0]!.level).toBe("mandatory");
            expect(result.violations[0]!.message).toMatch(/Pulumi state.*secretsManagerArn/);
            expect(result.violations[0]!.message).not.toContain("hunter2");
        }
    });

    it("blocks an Oracle ASM password, which has a Secrets Manager input", () => {
        expect(violatedProperties(endpoint({ engineName: "oracle", oracleSettings: { asmPassword: "p" } }))).toEqual(["oracleSettings.asmPassword"]);
    });

    it("only advises where the provider has no Secrets Manager input", () => {
        const db2 = endpoint({ engineName: "db2", password: "p" });
        expect(db2.violations.map((d) => [d.property, d.level])).toEqual([["password", "advisory"]]);
        const kafka = endpoint({ engineName: "kafka", kafkaSettings: { broker: "b:9092", saslPassword: "p" } });
        expect(kafka.violations.map((d) => [d.property, d.level])).toEqual([["kafkaSettings.saslPassword", "advisory"]]);
    });

    it("decides the level of a password once a computed engine is known", () => {
        const result = endpoint({ engineName: UNKNOWN, password: "p" });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["password"]);
    });

    it("advises on the Lightsail master password the provider requires, and says how to rotate it out", () => {
        const result = evaluateResource(policy, { type: LIGHTSAIL, name: "wallet-db", props: { masterPassword: "p", masterUsername: "app" } });
        expect(result.violations.map((d) => [d.property, d.level])).toEqual([["masterPassword", "advisory"]]);
        expect(result.violations[0]!.message).toMatch(/rotate-master-user-password.*ignoreChanges/);
    });

    it("ignores blank passwords", () => {
        expect(endpoint({ password: "  " }).diagnostics).toEqual([]);
    });
});
