import { describe, expect, it } from "vitest";
import { rdsProxyIamAuth as policy } from "../../../policies/rds/rds-proxy-iam-auth";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:rds/proxy:Proxy";
const base = { engineFamily: "MYSQL", roleArn: "arn:aws:iam::1:role/p", vpcSubnetIds: ["subnet-1"], requireTls: true };
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { ...base, ...props } });
const auth = (iamAuth?: unknown) => ({ authScheme: "SECRETS", secretArn: "arn:aws:secretsmanager:eu-west-1:1:secret:db", iamAuth });

describe("rds-proxy-iam-auth", () => {
    it("passes end-to-end IAM auth and per-auth REQUIRED", () => {
        expect(run({ defaultAuthScheme: "IAM_AUTH" }).diagnostics).toEqual([]);
        expect(run({ defaultAuthScheme: "iam_auth" }).diagnostics).toEqual([]);
        expect(run({ auths: [auth("REQUIRED"), auth("required")] }).diagnostics).toEqual([]);
    });

    it("flags every auths entry that does not require IAM (omitted means disabled), advisory", () => {
        const result = run({ auths: [auth("REQUIRED"), auth("DISABLED"), auth()] });
        expect(violatedProperties(result)).toEqual(["auths.1.iamAuth", "auths.2.iamAuth"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("flags a proxy with defaultAuthScheme NONE or omitted and no auths", () => {
        expect(violatedProperties(run({}))).toEqual(["defaultAuthScheme"]);
        expect(violatedProperties(run({ defaultAuthScheme: "NONE", auths: [] }))).toEqual(["defaultAuthScheme"]);
    });

    it("flags malformed auths entries", () => {
        expect(violatedProperties(run({ auths: ["REQUIRED"] }))).toEqual(["auths.0.iamAuth"]);
        expect(violatedProperties(run({ auths: [auth(true)] }))).toEqual(["auths.0.iamAuth"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided on unknown auths or iamAuth, but still flags a known DISABLED", () => {
            const whole = run({ auths: UNKNOWN });
            expect(whole.cantRun).toBe(false);
            expect(whole.violations).toEqual([]);
            expect(whole.undecided.map((d) => [d.property, d.level])).toEqual([["auths", "advisory"]]);
            expect(run({ auths: [auth(UNKNOWN)] }).undecided.map((d) => d.property)).toEqual(["auths.0.iamAuth"]);
            expect(run({ auths: [UNKNOWN] }).undecided.map((d) => d.property)).toEqual(["auths.0"]);
            expect(violatedProperties(run({ auths: [auth(UNKNOWN), auth("DISABLED")] }))).toEqual(["auths.1.iamAuth"]);
        });

        it("decides from auths when defaultAuthScheme is unknown", () => {
            expect(run({ defaultAuthScheme: UNKNOWN, auths: [auth("REQUIRED")] }).diagnostics).toEqual([]);
            expect(violatedProperties(run({ defaultAuthScheme: UNKNOWN, auths: [auth("DISABLED")] }))).toEqual(["auths.0.iamAuth"]);
            expect(run({ defaultAuthScheme: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["defaultAuthScheme"]);
        });
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:rds/cluster:Cluster", props: {} });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
