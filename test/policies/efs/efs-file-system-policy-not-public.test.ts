import { describe, expect, it } from "vitest";
import { efsFileSystemPolicyNotPublic as policy } from "../../../policies/efs/efs-file-system-policy-not-public";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:efs/fileSystemPolicy:FileSystemPolicy";
const run = (statements: unknown[] | string) =>
    evaluateResource(policy, { type, props: { fileSystemId: "fs-1", policy: typeof statements === "string" ? statements : JSON.stringify({ Version: "2012-10-17", Statement: statements }) } });
const mount = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];

describe("efs-file-system-policy-not-public", () => {
    it("passes named principals and the console's mount-target and TLS statements", () => {
        const result = run([
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: mount },
            { Effect: "Allow", Principal: { AWS: "*" }, Action: mount, Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } } },
            { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("passes a wildcard pinned to the organization", () => {
        expect(run([{ Effect: "Allow", Principal: "*", Action: mount, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }]).diagnostics).toEqual([]);
    });

    it("blocks a wildcard principal without a narrowing condition", () => {
        const result = run([{ Effect: "Allow", Principal: "*", Action: "elasticfilesystem:*" }]);
        expect(violatedProperties(result)).toEqual(["policy"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toMatch(/any principal.*file system's files.*any AWS account/);
        expect(result.violations[0]!.message).toMatch(/no aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or elasticfilesystem:AccessedViaMountTarget condition/);
    });

    it("leaves a statement with computed parts undecided, unless the mount-target condition already narrows it", () => {
        const computedPrincipal = { Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: mount };
        const viaMountTarget = { ...computedPrincipal, Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } } };
        const props = (statement: object) => ({ fileSystemId: "fs-1", policy: { Version: "2012-10-17", Statement: [statement] } });
        expect(evaluateResource(policy, { type, props: props(computedPrincipal) }).undecided.map((d) => d.property)).toEqual(["policy"]);
        expect(evaluateResource(policy, { type, props: props(viaMountTarget) }).diagnostics).toEqual([]);
    });

    it("does not take a mount-target condition of false, or another key, as narrowing", () => {
        expect(violatedProperties(run([{ Effect: "Allow", Principal: "*", Action: mount, Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "false" } } }]))).toEqual(["policy"]);
        expect(violatedProperties(run([{ Effect: "Allow", Principal: "*", Action: mount, Condition: { Bool: { "aws:SecureTransport": "true" } } }]))).toEqual(["policy"]);
    });

    it("flags malformed JSON", () => {
        expect(violatedProperties(run("{not json"))).toEqual(["policy"]);
    });

    it("leaves a computed document undecided", () => {
        const result = evaluateResource(policy, { type, props: { fileSystemId: "fs-1", policy: UNKNOWN } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["policy"]);
    });
});
