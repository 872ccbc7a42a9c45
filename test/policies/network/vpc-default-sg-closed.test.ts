import { describe, expect, it } from "vitest";
import { vpcDefaultSgClosed as policy } from "../../../policies/network/vpc-default-sg-closed";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const type = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const run = (props: Record<string, unknown>) => evaluateResource(policy, { type, props });
const allOut = { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] };
const selfIn = { protocol: "-1", fromPort: 0, toPort: 0, self: true };

describe("vpc-default-sg-closed", () => {
    it("passes a default security group without rules (omitted or empty lists)", () => {
        expect(run({ vpcId: "vpc-1" }).diagnostics).toEqual([]);
        expect(run({ vpcId: "vpc-1", ingress: [], egress: [] }).diagnostics).toEqual([]);
    });

    it("flags any ingress or egress rule, even private or self-referencing ones, as advisory", () => {
        const result = run({ vpcId: "vpc-1", ingress: [selfIn], egress: [allOut] });
        expect(violatedProperties(result)).toEqual(["egress", "ingress"]);
        expect(result.violations.every((d) => d.level === "advisory")).toBe(true);
        expect(violatedProperties(run({ ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] }] }))).toEqual(["ingress"]);
    });

    it("counts a single rule object (not a list) as a rule", () => {
        expect(violatedProperties(run({ egress: allOut }))).toEqual(["egress"]);
    });

    describe("preview (unknown values)", () => {
        it("is undecided for a computed rule list and decides a list with a computed rule", () => {
            const result = run({ ingress: UNKNOWN, egress: [UNKNOWN] });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["egress"]);
            expect(result.undecided.map((d) => d.property)).toEqual(["ingress"]);
        });
    });

    it("does not apply to ordinary security groups", () => {
        expect(evaluateResource(policy, { type: "aws:ec2/securityGroup:SecurityGroup", props: { ingress: [selfIn] } }).notApplicable).toBeDefined();
    });
});
