import { describe, expect, it } from "vitest";
import { secretsmanagerBlockPublicPolicy as policy } from "../../../policies/secrets/secretsmanager-block-public-policy";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:secretsmanager/secretPolicy:SecretPolicy";
const POLICY = JSON.stringify({ Statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: "secretsmanager:GetSecretValue", Resource: "*" } });
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props: { secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x", policy: POLICY, ...props } });

describe("secretsmanager-block-public-policy", () => {
    it("passes blockPublicPolicy: true", () => {
        expect(run({ blockPublicPolicy: true }).diagnostics).toEqual([]);
        expect(run({ blockPublicPolicy: "true" }).diagnostics).toEqual([]);
    });

    it.each([[{}], [{ blockPublicPolicy: false }], [{ blockPublicPolicy: "no" }]])("flags %j at the advisory level", (props) => {
        const result = run(props);
        expect(violatedProperties(result)).toEqual(["blockPublicPolicy"]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it("reports an unknown flag as undecided", () => {
        const result = run({ blockPublicPolicy: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["blockPublicPolicy"]);
    });

    it("does not apply to secrets (the flag exists only on SecretPolicy)", () => {
        expect(evaluateResource(policy, { type: "aws:secretsmanager/secret:Secret", props: {} }).notApplicable).toBeDefined();
    });
});
