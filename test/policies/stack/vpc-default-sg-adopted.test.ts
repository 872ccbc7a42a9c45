import { describe, expect, it } from "vitest";
import { vpcDefaultSgAdopted as policy } from "../../../policies/stack/vpc-default-sg-adopted";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

const vpc = (preview = false): StackInputResource => ({
    type: VPC,
    name: "vpc",
    props: preview ? { cidrBlock: "10.0.0.0/16", id: UNKNOWN, defaultSecurityGroupId: UNKNOWN } : { cidrBlock: "10.0.0.0/16", id: "vpc-1", defaultSecurityGroupId: "sg-default" },
});
const adopted = (preview = false): StackInputResource => ({ type: DEFAULT_SG, name: "vpc-default", props: { vpcId: preview ? UNKNOWN : "vpc-1" }, propertyDependencies: { vpcId: ["vpc"] } });
const where = (r: ReturnType<typeof evaluateStack>) => r.diagnostics.map((d) => [d.urn, d.property, d.level]);

describe("vpc-default-sg-adopted", () => {
    it.each([false, true])("passes a VPC whose default group the stack adopts (preview=%s)", (preview) => {
        const result = evaluateStack(policy, [vpc(preview), adopted(preview)]);
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it("passes an adoption written with the VPC id as a literal", () => {
        expect(evaluateStack(policy, [vpc(), { ...adopted(), propertyDependencies: {} }]).diagnostics).toEqual([]);
    });

    it.each([false, true])("flags a VPC whose default group keeps AWS's rules, as advisory (preview=%s)", (preview) => {
        const result = evaluateStack(policy, [vpc(preview)]);
        expect(where(result)).toEqual([[urnOf(VPC, "vpc"), "defaultSecurityGroupId", "advisory"]]);
        expect(result.diagnostics[0]!.message).toContain("not adopted by an aws.ec2.DefaultSecurityGroup");
    });

    it("flags a rule resource attached to the default group, by the VPC output (preview) or its literal id", () => {
        const byOutput = evaluateStack(policy, [
            vpc(true),
            adopted(true),
            { type: RULE, name: "ssh-in", props: { securityGroupId: UNKNOWN, cidrIpv4: "10.0.0.0/8", ipProtocol: "tcp", fromPort: 22, toPort: 22 }, propertyDependencies: { securityGroupId: ["vpc"] } },
        ]);
        expect(where(byOutput)).toEqual([[urnOf(RULE, "ssh-in"), "securityGroupId", "advisory"]]);
        expect(byOutput.diagnostics[0]!.message).toContain("attached to the default security group of VPC vpc");
        const byLiteral = evaluateStack(policy, [vpc(), adopted(), { type: SG_RULE, name: "all-in", props: { type: "ingress", securityGroupId: "sg-default", protocol: "-1", fromPort: 0, toPort: 0, self: true } }]);
        expect(where(byLiteral)).toEqual([[urnOf(SG_RULE, "all-in"), "securityGroupId", "advisory"]]);
    });

    it("must not report: rules on a dedicated group, on an adopted DefaultSecurityGroup, or on a computed group of unknown origin", () => {
        const dedicated: StackInputResource = { type: "aws:ec2/securityGroup:SecurityGroup", name: "db-sg", props: { id: "sg-db", vpcId: "vpc-1" } };
        const result = evaluateStack(policy, [
            vpc(),
            adopted(),
            dedicated,
            { type: RULE, name: "db-in", props: { securityGroupId: "sg-db", referencedSecurityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 } },
            { type: RULE, name: "on-adopted", props: { securityGroupId: UNKNOWN }, propertyDependencies: { securityGroupId: ["vpc-default"] } },
            { type: RULE, name: "unknown", props: { securityGroupId: UNKNOWN } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });
});
