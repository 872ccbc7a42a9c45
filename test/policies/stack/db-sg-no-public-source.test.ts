import { describe, expect, it } from "vitest";
import { dbSgNoPublicSource as policy } from "../../../policies/stack/db-sg-no-public-source";
import { evaluateStack, UNKNOWN, urnOf } from "../../support/evaluate";
import { network } from "./fixtures";

const DB = urnOf("aws:rds/instance:Instance", "wallet-db");
const pairs = (r: ReturnType<typeof evaluateStack>["violations"]) => r.map((d) => [d.urn, d.property]);

describe("db-sg-no-public-source", () => {
    it.each([false, true])("passes a database whose group admits only the app group and the VPC range (preview=%s)", (preview) => {
        const result = evaluateStack(policy, network({ preview }));
        expect(result.cantRun).toBe(false);
        expect(result.diagnostics).toEqual([]);
    });

    it.each([false, true])("names the path to a public rule attached through a separate rule resource (preview=%s)", (preview) => {
        const result = evaluateStack(
            policy,
            network({
                preview,
                override: {
                    "db-open": {
                        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                        props: { securityGroupId: preview ? UNKNOWN : "sg-db", cidrIpv6: "::/0", ipProtocol: "-1" },
                        propertyDependencies: { securityGroupId: ["db-sg"] },
                    },
                },
            }),
        );
        expect(pairs(result.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
        expect(result.violations[0]!.message).toContain("wallet-db -> db-sg -> rule db-open ::/0:all ports");
        expect(result.undecided).toEqual([]);
    });

    it("flags public inline rules on the attached group, on any port", () => {
        const result = evaluateStack(
            policy,
            network({ override: { "db-sg": { props: { id: "sg-db", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["198.51.100.0/24"] }] } } } }),
        );
        expect(pairs(result.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
        expect(result.violations[0]!.message).toContain("db-sg.ingress[0].cidrBlocks[0] 198.51.100.0/24:port 22");
    });

    it("accepts allow-listed public ranges from config", () => {
        const stack = network({ override: { "db-sg": { props: { id: "sg-db", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["198.51.100.0/28"] }] } } } });
        expect(evaluateStack(policy, stack, { allowedPublicCidrs: ["198.51.100.0/24"] }).violations).toEqual([]);
    });

    it("ignores, and reports, allow-list entries that cover every address or are not CIDRs", () => {
        const stack = network({ override: { "db-sg": { props: { id: "sg-db", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] } } } });
        const result = evaluateStack(policy, stack, { allowedPublicCidrs: ["0.0.0.0/0", "::/0", "not-a-cidr"] });
        expect(pairs(result.violations)).toContainEqual([DB, "vpcSecurityGroupIds"]);
        expect(result.violations.filter((v) => v.message.includes("[config.allowedPublicCidrs]"))).toHaveLength(2);
    });

    it("flags a store that names no security group (default VPC group)", () => {
        const result = evaluateStack(policy, network({ override: { "wallet-db": { props: { id: "db-1" }, propertyDependencies: {} } } }));
        expect(pairs(result.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
        expect(result.violations[0]!.message).toMatch(/default security group/);
    });

    describe("a store attached to the VPC's default security group by id", () => {
        const vpc = { props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-default-1" } };

        it("is the same finding as naming no group, by literal id (update) and by the VPC output (preview)", () => {
            const literal = evaluateStack(policy, network({ override: { vpc, "wallet-db": { props: { vpcSecurityGroupIds: ["sg-default-1"] }, propertyDependencies: {} } } }));
            expect(pairs(literal.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
            expect(literal.violations[0]!.message).toContain("names the VPC's default security group");
            expect(literal.undecided).toEqual([]);
            const preview = evaluateStack(
                policy,
                network({ preview: true, override: { "wallet-db": { props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["vpc"] } } } }),
            );
            expect(pairs(preview.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
            expect(preview.undecided).toEqual([]);
        });

        it("must not block: another VPC output, a dedicated group beside it still checked, an unrelated external id undecided", () => {
            const mixed = evaluateStack(
                policy,
                network({ override: { vpc, "wallet-db": { props: { vpcSecurityGroupIds: ["sg-db", "sg-default-1"] }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } } } }),
            );
            expect(pairs(mixed.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
            const other = evaluateStack(policy, network({ override: { vpc, "wallet-db": { props: { vpcSecurityGroupIds: ["sg-elsewhere"] }, propertyDependencies: {} } } }));
            expect(other.violations).toEqual([]);
            expect(other.undecided.map((d) => d.message)).toEqual([expect.stringContaining("not defined in this stack")]);
        });
    });

    it("reports groups outside the stack and computed sources it cannot resolve as undecided", () => {
        const external = evaluateStack(policy, network({ override: { "wallet-db": { props: { vpcSecurityGroupIds: ["sg-shared"] }, propertyDependencies: {} } } }));
        expect(external.violations).toEqual([]);
        expect(external.undecided.map((d) => d.urn)).toEqual([DB]);
        const computed = evaluateStack(
            policy,
            network({
                preview: true,
                override: {
                    "db-from-elsewhere": {
                        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                        props: { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [UNKNOWN] },
                        propertyDependencies: { securityGroupId: ["db-sg"], cidrBlocks: ["nat"] },
                    },
                },
            }),
        );
        expect(computed.cantRun).toBe(false);
        expect(computed.violations).toEqual([]);
        expect(computed.undecided).toHaveLength(1);
    });

    describe("stores added by issue 16: EFS mount targets and DMS replication instances", () => {
        const MOUNT = urnOf("aws:efs/mountTarget:MountTarget", "keys-mount");
        const DMS = urnOf("aws:dms/replicationInstance:ReplicationInstance", "migration");

        it.each([false, true])("passes both behind the database group, which admits only the app and the VPC (preview=%s)", (preview) => {
            const sg = preview ? UNKNOWN : "sg-db";
            const result = evaluateStack(
                policy,
                network({
                    preview,
                    override: {
                        "keys-mount": { type: "aws:efs/mountTarget:MountTarget", props: { fileSystemId: "fs-1", subnetId: "subnet-a", securityGroups: [sg] }, propertyDependencies: { securityGroups: ["db-sg"] } },
                        migration: { type: "aws:dms/replicationInstance:ReplicationInstance", props: { replicationInstanceId: "m", vpcSecurityGroupIds: [sg] }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } },
                    },
                }),
            );
            expect(result.diagnostics).toEqual([]);
        });

        it("flags a mount target and a replication instance that name no group (the VPC's default group)", () => {
            const result = evaluateStack(
                policy,
                network({
                    override: {
                        "keys-mount": { type: "aws:efs/mountTarget:MountTarget", props: { fileSystemId: "fs-1", subnetId: "subnet-a" } },
                        migration: { type: "aws:dms/replicationInstance:ReplicationInstance", props: { replicationInstanceId: "m" } },
                    },
                }),
            );
            expect(pairs(result.violations).sort()).toEqual([
                [DMS, "vpcSecurityGroupIds"],
                [MOUNT, "securityGroups"],
            ]);
            expect(result.violations.every((d) => /default security group/.test(d.message))).toBe(true);
        });

        it("flags a mount target in a group open to the internet", () => {
            const result = evaluateStack(
                policy,
                network({
                    override: {
                        "keys-mount": { type: "aws:efs/mountTarget:MountTarget", props: { fileSystemId: "fs-1", subnetId: "subnet-a", securityGroups: ["sg-alb"] }, propertyDependencies: { securityGroups: ["alb-sg"] } },
                    },
                }),
            );
            expect(pairs(result.violations)).toEqual([[MOUNT, "securityGroups"]]);
            expect(result.violations[0]!.message).toContain("keys-mount -> alb-sg");
        });
    });
});
