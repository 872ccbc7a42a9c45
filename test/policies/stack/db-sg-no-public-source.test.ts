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

    it("flags public inline rules on the attached group on any port when the store's engine and port are not known", () => {
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

    describe("a store in the VPC's default security group: decided from the rules the stack writes on that group", () => {
        const vpc = { props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-default-1" } };
        const blocking = (r: ReturnType<typeof evaluateStack>) => r.violations.filter((d) => d.level === "mandatory");
        const advisory = (r: ReturnType<typeof evaluateStack>) => r.violations.filter((d) => d.level === "advisory");
        const publicDefaultRule = (port: number) => ({
            "default-open": {
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                props: { type: "ingress", securityGroupId: "sg-default-1", protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] },
                propertyDependencies: { securityGroupId: ["vpc"] },
            },
        });

        it("must not block: no group named, or the default group named, when no rule on it admits a public source (advisory: shared placement)", () => {
            for (const store of [{ props: { id: "db-1", engine: "postgres" }, propertyDependencies: {} }, { props: { engine: "postgres", vpcSecurityGroupIds: ["sg-default-1"] }, propertyDependencies: {} }]) {
                const result = evaluateStack(policy, network({ override: { vpc, "wallet-db": store } }));
                expect(blocking(result)).toEqual([]);
                expect(advisory(result).map((d) => [d.urn, d.property])).toEqual([[DB, "vpcSecurityGroupIds"]]);
                expect(advisory(result)[0]!.message).toMatch(/default security group/);
                expect(advisory(result)[0]!.message).toMatch(/admits no public source in this stack/);
                expect(advisory(result)[0]!.message).not.toMatch(/internet|admits a public source/);
            }
            const preview = evaluateStack(
                policy,
                network({ preview: true, override: { "wallet-db": { props: { engine: "postgres", vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["vpc"] } } } }),
            );
            expect(blocking(preview)).toEqual([]);
            expect(preview.undecided).toEqual([]);
            expect(advisory(preview).map((d) => d.urn)).toEqual([DB]);
        });

        it("blocks when a rule attached to the default group admits the internet on the store's port, by literal id (update) and by the VPC output (preview)", () => {
            const literal = evaluateStack(policy, network({ override: { vpc, ...publicDefaultRule(5432), "wallet-db": { props: { engine: "postgres", vpcSecurityGroupIds: ["sg-default-1"] }, propertyDependencies: {} } } }));
            expect(blocking(literal).map((d) => [d.urn, d.property])).toEqual([[DB, "vpcSecurityGroupIds"]]);
            expect(blocking(literal)[0]!.message).toContain("names the VPC's default security group");
            expect(blocking(literal)[0]!.message).toContain("rule default-open 0.0.0.0/0:port 5432");
            expect(advisory(literal)).toEqual([]);
            const preview = evaluateStack(
                policy,
                network({ preview: true, override: { ...publicDefaultRule(5432), "wallet-db": { props: { engine: "postgres", vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["vpc"] } } } }),
            );
            expect(blocking(preview).map((d) => d.urn)).toEqual([DB]);
            const noneNamed = evaluateStack(policy, network({ override: { vpc, ...publicDefaultRule(5432), "wallet-db": { props: { id: "db-1", engine: "postgres" }, propertyDependencies: {} } } }));
            expect(blocking(noneNamed)[0]!.message).toMatch(/names no security group, so it is placed in the VPC's default security group -> rule default-open/);
        });

        it("must not block: a public rule on the default group for a port the store does not listen on", () => {
            const result = evaluateStack(policy, network({ override: { vpc, ...publicDefaultRule(22), "wallet-db": { props: { engine: "postgres", vpcSecurityGroupIds: ["sg-default-1"] }, propertyDependencies: {} } } }));
            expect(blocking(result)).toEqual([]);
            expect(advisory(result)).toHaveLength(1);
        });

        it("must not block: another VPC output, a dedicated group beside it still checked, an unrelated external id undecided", () => {
            const mixed = evaluateStack(
                policy,
                network({ override: { vpc, "wallet-db": { props: { vpcSecurityGroupIds: ["sg-db", "sg-default-1"] }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } } } }),
            );
            expect(blocking(mixed)).toEqual([]);
            expect(advisory(mixed).map((d) => [d.urn, d.property])).toEqual([[DB, "vpcSecurityGroupIds"]]);
            const other = evaluateStack(policy, network({ override: { vpc, "wallet-db": { props: { vpcSecurityGroupIds: ["sg-elsewhere"] }, propertyDependencies: {} } } }));
            expect(other.violations).toEqual([]);
            expect(other.undecided.map((d) => d.message)).toEqual([expect.stringContaining("not defined in this stack")]);
        });
    });

    describe("only the ports the store listens on are a path into it", () => {
        const openOn = (engineProps: Record<string, unknown>, ...ports: number[]) =>
            network({
                override: {
                    "db-sg": { props: { id: "sg-db", ingress: ports.map((port) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] })) } },
                    "wallet-db": { props: { id: "db-1", vpcSecurityGroupIds: ["sg-db"], ...engineProps }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } },
                },
            });

        it.each<[Record<string, unknown>, number, number]>([
            [{ engine: "postgres" }, 22, 3306],
            [{ engine: "mysql" }, 22, 5432],
            [{ engine: "postgres", port: 6000 }, 5432, 22],
            [{ engine: "sqlserver-se" }, 1521, 3389],
        ])("must not block: %j behind a group open to the internet on ports %j and %j only", (engineProps, first, second) => {
            expect(evaluateStack(policy, openOn(engineProps, first, second)).violations).toEqual([]);
        });

        it.each<[Record<string, unknown>, number]>([
            [{ engine: "postgres" }, 5432],
            [{ engine: "aurora-mysql" }, 3306],
            [{ engine: "postgres", port: 6000 }, 6000],
            [{ engine: "oracle-ee" }, 1521],
            [{}, 22],
        ])("blocks %j behind a group open to the internet on port %j (an unknown engine counts every port)", (engineProps, port) => {
            const result = evaluateStack(policy, openOn(engineProps, port));
            expect(pairs(result.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
            expect(result.violations[0]!.message).toContain(`db-sg.ingress[0].cidrBlocks[0] 0.0.0.0/0:port ${port}`);
        });

        it("names every public rule into the store in one finding: one store, one group, one cause", () => {
            const result = evaluateStack(
                policy,
                network({
                    override: {
                        "db-sg": {
                            props: {
                                id: "sg-db",
                                ingress: [
                                    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
                                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["198.51.100.0/24"] },
                                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                                ],
                            },
                        },
                        "wallet-db": { props: { id: "db-1", engine: "postgres", vpcSecurityGroupIds: ["sg-db"] }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } },
                    },
                }),
            );
            expect(pairs(result.violations)).toEqual([[DB, "vpcSecurityGroupIds"]]);
            const message = result.violations[0]!.message;
            expect(message).toContain("db-sg.ingress[0].cidrBlocks[0] 0.0.0.0/0:port 5432");
            expect(message).toContain("db-sg.ingress[0].ipv6CidrBlocks[0] ::/0:port 5432");
            expect(message).toContain("db-sg.ingress[1].cidrBlocks[0] 198.51.100.0/24:all ports");
            expect(message).not.toContain("port 22");
            expect(message).toMatch(/these rules admit a public source on port 5432 of the RDS instance/);
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
