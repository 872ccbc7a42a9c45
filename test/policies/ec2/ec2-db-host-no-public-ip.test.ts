import { describe, expect, it } from "vitest";
import { ec2DbHostNoPublicIp as policy } from "../../../policies/ec2/ec2-db-host-no-public-ip";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";

describe("ec2-db-host-no-public-ip", () => {
    it("passes DB hosts without a public IP and ignores hosts that are not DB/key hosts", () => {
        expect(evaluateResource(policy, { type: INSTANCE, name: "postgres-primary", props: { associatePublicIpAddress: false } }).diagnostics).toEqual([]);
        expect(evaluateResource(policy, { type: INSTANCE, name: "web", props: { associatePublicIpAddress: true } }).diagnostics).toEqual([]);
    });

    it("flags tagged or named DB/key hosts with a public IP, at advisory", () => {
        const tagged = evaluateResource(policy, { type: INSTANCE, name: "node-1", props: { associatePublicIpAddress: true, tags: { role: "database" } } });
        expect(violatedProperties(tagged)).toEqual(["associatePublicIpAddress"]);
        expect(tagged.violations[0]!.level).toBe("advisory");
        expect(violatedProperties(evaluateResource(policy, { type: INSTANCE, name: "wallet-signer", props: { associatePublicIpAddress: "true" } }))).toEqual(["associatePublicIpAddress"]);
        const template = evaluateResource(policy, {
            type: LT,
            name: "node",
            props: { networkInterfaces: [{ associatePublicIpAddress: "true" }], tagSpecifications: [{ resourceType: "instance", tags: { "data-class": "key-material" } }] },
        });
        expect(violatedProperties(template)).toEqual(["networkInterfaces.0.associatePublicIpAddress"]);
    });

    it("uses the configured tags", () => {
        const input = { type: INSTANCE, name: "node", props: { associatePublicIpAddress: true, tags: { tier: "data" } } };
        expect(evaluateResource(policy, input).diagnostics).toEqual([]);
        expect(violatedProperties(evaluateResource(policy, { ...input, config: { dbHostTags: ["tier=data"] } }))).toEqual(["associatePublicIpAddress"]);
    });

    it("is undecided when the flag or the tags are computed", () => {
        const flag = evaluateResource(policy, { type: INSTANCE, name: "db", props: { associatePublicIpAddress: UNKNOWN } });
        expect(flag.cantRun).toBe(false);
        expect(flag.undecided.map((d) => d.property)).toEqual(["associatePublicIpAddress"]);
        const tags = evaluateResource(policy, { type: INSTANCE, name: "node", props: { associatePublicIpAddress: true, tags: UNKNOWN } });
        expect(tags.violations).toEqual([]);
        expect(tags.undecided.map((d) => d.property)).toEqual(["associatePublicIpAddress"]);
    });
});
