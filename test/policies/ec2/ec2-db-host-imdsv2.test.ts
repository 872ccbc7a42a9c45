import { describe, expect, it } from "vitest";
import { ec2DbHostImdsv2 as policy } from "../../../policies/ec2/ec2-db-host-imdsv2";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const TYPES = ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration"];

describe("ec2-db-host-imdsv2", () => {
    it.each(TYPES)("passes %s with httpTokens required or the endpoint disabled", (type) => {
        expect(evaluateResource(policy, { type, props: { metadataOptions: { httpTokens: "required" } } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type, props: { metadataOptions: { httpEndpoint: "disabled" } } }).diagnostics).toEqual([]);
    });

    it.each(TYPES)("flags a database host %s with metadataOptions omitted (default optional) at mandatory", (type) => {
        const result = evaluateResource(policy, { type, name: "orders-db", props: {} });
        expect(violatedProperties(result)).toEqual(["metadataOptions.httpTokens"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(result.violations[0]!.message).toContain("SSRF");
    });

    it.each(TYPES)("reports a web server %s (no instance profile, no database evidence) only as an advisory that says why", (type) => {
        const result = evaluateResource(policy, { type, name: "web", props: { instanceType: "t3.micro", userData: "#!/bin/bash\nyum install -y nginx postgresql15\nsystemctl start nginx\n", tags: { Name: "frontend" } } });
        expect(violatedProperties(result)).toEqual(["metadataOptions.httpTokens"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toContain("Defence in depth, advisory here");
        expect(result.violations[0]!.message).toContain("installs or runs no database server");
        expect(result.violations[0]!.message).not.toContain("postgresql15");
    });

    it("enforces on a host tagged, named or configured as a database host, or whose user data runs a database server", () => {
        const cases = [
            { name: "node-1", props: { tags: { role: "database" } } },
            { name: "node-1", props: { tagsAll: { "data-class": "key-material" } } },
            { name: "wallet-signer", props: {} },
            { name: "node-1", props: { userData: "#!/bin/bash\napt-get update && apt-get install -y postgresql-16\n" } },
            { name: "node-1", props: { userDataBase64: Buffer.from("#!/bin/sh\ndocker run -d -p 6379:6379 redis:7\n").toString("base64") } },
        ];
        for (const input of cases) {
            const result = evaluateResource(policy, { type: TYPES[0]!, ...input });
            expect(result.violations.map((v) => v.level), input.name).toEqual(["mandatory"]);
        }
        const configured = evaluateResource(policy, { type: TYPES[0]!, name: "node", props: { tags: { tier: "data" } }, config: { dbHostTags: ["tier=data"] } });
        expect(configured.violations.map((v) => v.level)).toEqual(["mandatory"]);
    });

    it("leaves the level to update time when the tags or user data that decide the scope are computed", () => {
        for (const props of [{ tags: UNKNOWN }, { userData: UNKNOWN }]) {
            const result = evaluateResource(policy, { type: TYPES[0]!, name: "node", props });
            expect(result.cantRun).toBe(false);
            expect(result.violations).toEqual([]);
            expect(result.undecided.map((d) => d.property)).toEqual(["metadataOptions.httpTokens"]);
            expect(result.undecided[0]!.message).toContain("computed at update time");
        }
    });

    it.each(["optional", "Optional", 1])("flags httpTokens = %j", (value) => {
        expect(violatedProperties(evaluateResource(policy, { type: TYPES[0]!, name: "db-1", props: { metadataOptions: { httpTokens: value } } }))).toEqual(["metadataOptions.httpTokens"]);
    });

    it("leaves an instance launched from a template to the template's own check", () => {
        expect(evaluateResource(policy, { type: TYPES[0]!, props: { launchTemplate: { id: UNKNOWN } } }).diagnostics).toEqual([]);
    });

    it("is undecided for computed settings", () => {
        const result = evaluateResource(policy, { type: TYPES[2]!, props: { metadataOptions: { httpTokens: UNKNOWN } } });
        expect(result.cantRun).toBe(false);
        expect(result.undecided.map((d) => d.property)).toEqual(["metadataOptions.httpTokens"]);
        expect(result.violations).toEqual([]);
    });
});
