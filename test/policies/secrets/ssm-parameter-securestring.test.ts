import { describe, expect, it } from "vitest";
import { ssmParameterSecurestring as policy } from "../../../policies/secrets/ssm-parameter-securestring";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:ssm/parameter:Parameter";
const run = (props: Record<string, unknown>, name = "res", config?: Record<string, unknown>) => evaluateResource(policy, { type, props, name, config });
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const XPRV = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";

describe("ssm-parameter-securestring", () => {
    it.each([
        "/prod/db/password",
        "/prod/DB_PASSWORD",
        "/prod/stripe/apiKey",
        "/prod/api-key",
        "/wallet/hot/privateKey",
        "/wallet/seed",
        "/wallet/mnemonic",
        "/prod/github/token",
        "/prod/oauth/client-secret",
        "/prod/app/credentials",
        "/prod/jwt-signing-key",
    ])("flags %s as a String parameter and passes it as SecureString", (name) => {
        const result = run({ name, type: "String", valueWo: "x", valueWoVersion: 1 });
        expect(violatedProperties(result)).toEqual(["type"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(run({ name, type: "SecureString", valueWo: "x", valueWoVersion: 1 }).diagnostics).toEqual([]);
    });

    it.each([
        "/prod/app/region",
        "/prod/db/host",
        "/prod/db/password-secret-arn",
        "/prod/kms-key-id",
        "/prod/kms/key-arn",
        "/prod/ssh/public-key",
        "/prod/network/private-subnet-ids",
        "/prod/api/token-lifetime",
        "/prod/db/username",
        "/prod/monkey-business",
        "/prod/keyspace",
        "/prod/tokenizer",
    ])("does not flag the non-secret name %s", (name) => {
        expect(run({ name, type: "String", value: "v" }).diagnostics).toEqual([]);
    });

    it.each([
        ["a PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"],
        ["an extended private key", XPRV],
        ["a 24-word mnemonic", Array.from({ length: 24 }, () => "abandon").join(" ")],
        ["an AWS secret key", AWS_SECRET],
        ["a URL with a password", "postgres://app:s3cretpw@db.internal:5432/keys"],
    ])("flags a String parameter whose value is %s, without printing it", (_label, value) => {
        const result = run({ name: "/prod/app/setting", type: "String", value });
        expect(violatedProperties(result)).toEqual(["type"]);
        expect(result.violations[0]!.message).not.toContain(value.slice(0, 20));
    });

    it("does not mistake hashes or sentences for secrets", () => {
        expect(run({ name: "/prod/app/commit", type: "String", value: "9fceb02d0ae598e95dc970b74767f19372d61af8" }).diagnostics).toEqual([]);
        expect(run({ name: "/prod/app/motd", type: "String", value: "Welcome to the service" }).diagnostics).toEqual([]);
    });

    it("uses the auto-generated name when name is omitted, the description and tags", () => {
        expect(violatedProperties(run({ type: "String" }, "dbMasterPassword"))).toEqual(["type"]);
        expect(violatedProperties(run({ name: "/x", type: "String", description: "Signing key for withdrawals" }))).toEqual(["type"]);
        expect(violatedProperties(run({ name: "/x", type: "String", tags: { "data-class": "secret" } }))).toEqual(["type"]);
        // The provider's default tags (tagsAll) classify too: one tag reading for every key-material decision.
        expect(violatedProperties(run({ name: "/x", type: "String", tags: {}, tagsAll: { "data-class": "secret" } }))).toEqual(["type"]);
    });

    it("flags insecureValue on a secret parameter in addition to the type", () => {
        expect(violatedProperties(run({ name: "/prod/db/password", type: "String", insecureValue: "x" }))).toEqual(["insecureValue", "type"]);
    });

    it.each([undefined, "Secure", 3])("flags a secret parameter with type %j", (value) => {
        expect(violatedProperties(run({ name: "/prod/db/password", type: value }))).toEqual(["type"]);
    });

    it("honours configured patterns", () => {
        const config = { secretNamePatterns: ["pin"], nonSecretNamePatterns: [] };
        expect(violatedProperties(run({ name: "/atm/pin", type: "String" }, "res", config))).toEqual(["type"]);
        expect(run({ name: "/prod/db/password", type: "String" }, "res", config).diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("reports a computed type of a secret parameter as undecided", () => {
            const result = run({ name: "/prod/db/password", type: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["type"]);
        });

        it("reports a computed name on a String parameter as undecided, and passes it as SecureString", () => {
            const result = run({ name: UNKNOWN, type: "String" });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["type"]);
            expect(run({ name: UNKNOWN, type: "SecureString" }).diagnostics).toEqual([]);
        });

        it("decides from the description when the name is computed", () => {
            expect(violatedProperties(run({ name: UNKNOWN, type: "String", description: "database password" }))).toEqual(["type"]);
        });
    });
});
