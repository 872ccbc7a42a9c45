import { describe, expect, it } from "vitest";
import { secretsmanagerNoPlaintextSecretInState as policy } from "../../../policies/secrets/secretsmanager-no-plaintext-secret-in-state";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const PARAMETER = "aws:ssm/parameter:Parameter";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SECRET_VALUE = "hunter2-Sup3rS3cret";
const MNEMONIC = "abandon ability able about above absent absorb abstract absurd abuse access accident";
const PEM = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY-----";

const run = (type: string, props: Record<string, unknown>, name = "res") => evaluateResource(policy, { type, props, name });
const neverEchoes = (result: ReturnType<typeof run>, ...values: string[]) => {
    for (const d of result.diagnostics) {
        for (const value of values) {
            expect(d.message).not.toContain(value);
        }
    }
};

describe("secretsmanager-no-plaintext-secret-in-state", () => {
    describe("SecretVersion", () => {
        it("passes the write-only input", () => {
            expect(run(VERSION, { secretId: "arn:x", secretStringWo: SECRET_VALUE, secretStringWoVersion: 1 }).diagnostics).toEqual([]);
        });

        it("flags secretString and secretBinary as mandatory without echoing them", () => {
            const result = run(VERSION, { secretId: "arn:x", secretString: SECRET_VALUE, secretBinary: "c2VjcmV0LWJ5dGVz" });
            expect(violatedProperties(result)).toEqual(["secretBinary", "secretString"]);
            expect(result.violations.every((d) => d.level === "mandatory")).toBe(true);
            neverEchoes(result, SECRET_VALUE, "c2VjcmV0LWJ5dGVz");
        });

        it("decides during preview: a computed secretString (random password output) is still stored in state", () => {
            const result = run(VERSION, { secretId: UNKNOWN, secretString: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["secretString"]);
        });
    });

    describe("ssm Parameter", () => {
        it("passes a SecureString written through valueWo and a plain configuration value", () => {
            expect(run(PARAMETER, { name: "/prod/db/password", type: "SecureString", valueWo: SECRET_VALUE, valueWoVersion: 1 }).diagnostics).toEqual([]);
            expect(run(PARAMETER, { name: "/prod/app/region", type: "String", value: "eu-west-1" }).diagnostics).toEqual([]);
            expect(run(PARAMETER, { name: "/prod/db/password-secret-arn", type: "String", value: "arn:aws:secretsmanager:eu-west-1:1:secret:x" }).diagnostics).toEqual([]);
        });

        it("flags any value of a SecureString parameter", () => {
            const result = run(PARAMETER, { name: "/prod/app/flags", type: "SecureString", value: SECRET_VALUE });
            expect(violatedProperties(result)).toEqual(["value"]);
            neverEchoes(result, SECRET_VALUE);
        });

        it.each([
            ["a secret-looking name", { name: "/prod/db/masterPassword", type: "String", value: SECRET_VALUE }, "res"],
            ["an auto-generated secret-looking name", { type: "String", value: SECRET_VALUE }, "walletSeed"],
            ["a secret-looking description", { name: "/prod/app/x", description: "Hot wallet private key", type: "String", value: SECRET_VALUE }, "res"],
            ["a classification tag", { name: "/prod/app/x", tags: { classification: "key-material" }, type: "String", value: SECRET_VALUE }, "res"],
            ["a mnemonic value", { name: "/prod/app/x", type: "String", value: MNEMONIC }, "res"],
            ["a PEM value", { name: "/prod/app/x", type: "StringList", value: PEM }, "res"],
        ])("flags a plain value with %s", (_label, props, name) => {
            const result = run(PARAMETER, props, name);
            expect(violatedProperties(result)).toEqual(["value"]);
            neverEchoes(result, SECRET_VALUE, MNEMONIC, "MHcCAQEEIBkg");
        });

        it("flags insecureValue on a secret-looking parameter, not on an ordinary one", () => {
            expect(violatedProperties(run(PARAMETER, { name: "/prod/api-token", type: "String", insecureValue: SECRET_VALUE }))).toEqual(["insecureValue"]);
            expect(run(PARAMETER, { name: "/prod/ami", type: "String", insecureValue: "ami-0123" }).diagnostics).toEqual([]);
        });

        it("is undecided when the name is computed and nothing else shows a secret", () => {
            const result = run(PARAMETER, { name: UNKNOWN, type: "String", value: "eu-west-1" });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["value"]);
        });

        it("decides a computed value by the parameter's name", () => {
            const result = run(PARAMETER, { name: "/prod/db/password", type: "String", value: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["value"]);
        });
    });

    describe("ElastiCache ReplicationGroup", () => {
        it("flags authToken and passes authTokenWo", () => {
            const result = run(RG, { description: "keys", authToken: SECRET_VALUE, transitEncryptionEnabled: true });
            expect(violatedProperties(result)).toEqual(["authToken"]);
            neverEchoes(result, SECRET_VALUE);
            expect(run(RG, { description: "keys", authTokenWo: SECRET_VALUE, authTokenWoVersion: 1 }).diagnostics).toEqual([]);
            expect(violatedProperties(run(RG, { description: "keys", authToken: UNKNOWN }))).toEqual(["authToken"]);
        });
    });
});
