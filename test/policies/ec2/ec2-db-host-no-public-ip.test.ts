import { gzipSync } from "node:zlib";
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

    it("does not flag a web server with a public IP whose user data installs only a database client or a web server", () => {
        const userData = "#!/bin/bash\nyum install -y httpd mariadb105 postgresql15\napt-get install -y redis-tools mysql-client\nsystemctl start httpd\ndocker run -d -p 80:80 nginx:1.27\n";
        expect(evaluateResource(policy, { type: INSTANCE, name: "web", props: { associatePublicIpAddress: true, userData } }).diagnostics).toEqual([]);
    });

    it("flags tagged or named DB/key hosts with a public IP, at mandatory", () => {
        const tagged = evaluateResource(policy, { type: INSTANCE, name: "node-1", props: { associatePublicIpAddress: true, tags: { role: "database" } } });
        expect(violatedProperties(tagged)).toEqual(["associatePublicIpAddress"]);
        expect(tagged.violations[0]!.level).toBe("mandatory");
        expect(tagged.violations[0]!.message).toContain("public IP");
        expect(violatedProperties(evaluateResource(policy, { type: INSTANCE, name: "wallet-signer", props: { associatePublicIpAddress: "true" } }))).toEqual(["associatePublicIpAddress"]);
        const template = evaluateResource(policy, {
            type: LT,
            name: "node",
            props: { networkInterfaces: [{ associatePublicIpAddress: "true" }], tagSpecifications: [{ resourceType: "instance", tags: { "data-class": "key-material" } }] },
        });
        expect(violatedProperties(template)).toEqual(["networkInterfaces.0.associatePublicIpAddress"]);
    });

    it.each([
        ["apt-get install of postgresql", { userData: "#!/bin/bash\nsudo apt-get install -y postgresql postgresql-contrib\n" }],
        ["yum install of mysql-server", { userData: "#!/bin/bash\nyum -y install mysql-server && systemctl enable --now mysqld\n" }],
        ["dnf install of mongodb-org", { userData: "dnf install -y mongodb-org-7.0.5\n" }],
        ["a MariaDB service start", { userData: "#!/bin/sh\nsystemctl start mariadb\n" }],
        ["a postgres container, base64", { userDataBase64: Buffer.from("#!/bin/sh\ndocker run -d -e POSTGRES_PASSWORD_FILE=/run/pw -p 5432:5432 postgres:16\n").toString("base64") }],
        ["a redis-server install, gzip in base64", { userDataBase64: gzipSync(Buffer.from("#!/bin/sh\napt-get install -y redis-server\n")).toString("base64") }],
    ])("flags a host with a public IP whose user data shows a database server (%s), without quoting the user data", (_, props) => {
        const result = evaluateResource(policy, { type: INSTANCE, name: "node-1", props: { associatePublicIpAddress: true, ...props } });
        expect(violatedProperties(result)).toEqual(["associatePublicIpAddress"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        for (const word of ["postgres", "mysql", "mongodb", "mariadb", "redis", "docker"]) {
            expect(result.violations[0]!.message).not.toContain(word);
        }
    });

    it("flags a launch template whose base64 user data runs a database server", () => {
        const template = evaluateResource(policy, {
            type: LT,
            name: "node",
            props: { networkInterfaces: [{ associatePublicIpAddress: "true" }], userData: Buffer.from("#!/bin/bash\nservice postgresql start\n").toString("base64") },
        });
        expect(violatedProperties(template)).toEqual(["networkInterfaces.0.associatePublicIpAddress"]);
    });

    it("is undecided when the user data that decides is computed", () => {
        const result = evaluateResource(policy, { type: INSTANCE, name: "node", props: { associatePublicIpAddress: true, userData: UNKNOWN } });
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["associatePublicIpAddress"]);
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
