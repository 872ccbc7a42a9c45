import { describe, expect, it } from "vitest";
import { workloadEnvNoPlaintextCredentials as policy } from "../../../policies/secrets/workload-env-no-plaintext-credentials";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const LAMBDA = "aws:lambda/function:Function";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const GLUE = "aws:glue/connection:Connection";
const CANARY = "CANARY-hunter2-7f3a";
const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });
const lambda = (variables: unknown) => run(LAMBDA, { role: "arn:aws:iam::111122223333:role/fn", environment: { variables } });
const task = (environment: unknown, extra: Record<string, unknown> = {}) =>
    run(TASK, { family: "api", containerDefinitions: JSON.stringify([{ name: "api", image: "api:1", environment, ...extra }]) });

describe("workload-env-no-plaintext-credentials", () => {
    it("flags a database password in a Lambda environment, mandatory, naming the variable and never its value", () => {
        const result = lambda({ DB_HOST: "wallet.cluster-x.rds.amazonaws.com", DB_PASSWORD: CANARY });
        expect(violatedProperties(result)).toEqual(["environment.variables"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toContain("`DB_PASSWORD` holds a credential in clear");
        expect(result.violations[0]!.message).not.toContain(CANARY);
    });

    it("flags other credential spellings: private keys, mnemonics, tokens, camelCase and lower case", () => {
        for (const name of ["WALLET_PRIVATE_KEY", "seedMnemonic", "api_token", "dbPassword", "MASTER_PASSWD"]) {
            expect(violatedProperties(lambda({ [name]: "x-literal-value" })), name).toEqual(["environment.variables"]);
        }
    });

    it("must not block: references to where the secret is kept, non-credential names, empty values", () => {
        expect(
            lambda({
                DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123",
                DB_PASSWORD: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123",
                SIGNING_KEY: "{{resolve:ssm-secure:/wallet/signing-key}}",
                KMS_KEY_ID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                PUBLIC_KEY: "ssh-ed25519 AAAA",
                DB_HOST: "db.internal",
                API_TOKEN: "",
            }).diagnostics,
        ).toEqual([]);
        expect(run(LAMBDA, { role: "r" }).diagnostics).toEqual([]);
    });

    it("flags a credential in an ECS container's environment, and accepts the same value through `secrets`", () => {
        const flagged = task([{ name: "POSTGRES_PASSWORD", value: CANARY }]);
        expect(violatedProperties(flagged)).toEqual(["containerDefinitions"]);
        expect(flagged.violations[0]!.message).toContain("container 0 environment variable `POSTGRES_PASSWORD`");
        expect(flagged.violations[0]!.message).not.toContain(CANARY);
        const viaSecrets = task([{ name: "PGHOST", value: "db" }], { secrets: [{ name: "POSTGRES_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123" }] });
        expect(viaSecrets.diagnostics).toEqual([]);
    });

    it("flags a credential by its shape under an innocuous name (a URL with a password, a PEM key), naming the shape, never the value", () => {
        const url = task([{ name: "DATABASE_URL", value: `postgres://app:${CANARY}@orders-db.internal:5432/app` }]);
        expect(violatedProperties(url)).toEqual(["containerDefinitions"]);
        expect(url.violations[0]!.level).toBe("mandatory");
        expect(url.violations[0]!.message).toContain("`DATABASE_URL` holds a URL with an embedded password");
        expect(url.violations[0]!.message).not.toContain(CANARY);
        const pem = lambda({ TLS_BUNDLE: `-----BEGIN RSA PRIVATE KEY-----\n${CANARY}\n-----END RSA PRIVATE KEY-----` });
        expect(pem.violations[0]!.message).toContain("`TLS_BUNDLE` holds a PEM private key");
        const jdbc = run(GLUE, { connectionProperties: { JDBC_CONNECTION_URL: `jdbc:postgresql://etl:${CANARY}@db:5432/wallet`, SECRET_ID: "etl-db" } });
        expect(violatedProperties(jdbc)).toEqual(["connectionProperties"]);
        expect(jdbc.violations[0]!.message).toContain("connection property `JDBC_CONNECTION_URL` holds a URL with an embedded password");
    });

    it("must not block: innocuous names whose values only look like URLs or keys", () => {
        expect(
            task([
                { name: "DATABASE_URL", value: "postgres://orders-db.internal:5432/app" },
                { name: "QUEUE_URL", value: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs" },
                { name: "PUBLIC_KEY", value: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----" },
            ]).diagnostics,
        ).toEqual([]);
        expect(run(GLUE, { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db:5432/wallet", SECRET_ID: "etl-db" } }).diagnostics).toEqual([]);
    });

    it("reads containerDefinitions given as an array too, and reports malformed JSON", () => {
        const asArray = run(TASK, { containerDefinitions: [{ name: "a", environment: [{ name: "SECRET_KEY", value: "literal" }] }] });
        expect(violatedProperties(asArray)).toEqual(["containerDefinitions"]);
        expect(violatedProperties(run(TASK, { containerDefinitions: "[{not json" }))).toEqual(["containerDefinitions"]);
    });

    it("flags a Glue connection PASSWORD in clear, whatever the case of the key, and accepts SECRET_ID", () => {
        expect(violatedProperties(run(GLUE, { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db/wallet", USERNAME: "etl", PASSWORD: CANARY } }))).toEqual([
            "connectionProperties",
        ]);
        expect(violatedProperties(run(GLUE, { connectionProperties: { password: "x" } }))).toEqual(["connectionProperties"]);
        expect(run(GLUE, { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db/wallet", SECRET_ID: "wallet-etl" } }).diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("is undecided for a computed credential-named value (it may be a secret's ARN), silent for computed other values", () => {
            const result = lambda({ DB_PASSWORD: UNKNOWN, DB_HOST: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["environment.variables"]);
        });

        it("is undecided for a computed environment or task definition, and decides once known", () => {
            expect(run(LAMBDA, { environment: { variables: UNKNOWN } }).undecided.length).toBe(1);
            expect(run(TASK, { containerDefinitions: UNKNOWN }).undecided.length).toBe(1);
            expect(run(GLUE, { connectionProperties: UNKNOWN }).undecided.length).toBe(1);
        });
    });
});
