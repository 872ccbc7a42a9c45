import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { StackGraph, type StackResource } from "../../../policies/lib/aws/graph";
import { isDbHost, resourceInScope, storeDataBuckets, textRunsDatabaseServer, userDataRunsDatabase } from "../../../policies/lib/aws/scope";
import { snapshot, UNKNOWN, UNKNOWN_SENTINEL } from "../../../policies/lib/readers/values";
import { s3PolicyNoPublicPrincipal } from "../../../policies/s3/s3-policy-no-public-principal";
import { s3NoPublicAcl } from "../../../policies/s3/s3-no-public-acl";
import { evaluateResource } from "../../support/evaluate";

const SENTINEL = UNKNOWN_SENTINEL;

function resource(type: string, name: string, props: Record<string, unknown> = {}, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props: snapshot(props), dependencies: [], propertyDependencies: Object.fromEntries(Object.entries(propertyDependencies).map(([k, v]) => [k, v.map((n) => `urn:pulumi:s::p::aws:s3/bucket:Bucket::${n}`)])) };
}

describe("database servers in user data", () => {
    it.each([
        "apt-get install -y postgresql",
        "sudo apt install -y mysql-server-8.0",
        "yum install -y postgresql15-server",
        "dnf -y install mariadb105-server",
        "yum install -y mongodb-org-7.0.5 mongodb-org-server",
        "apk add --no-cache redis",
        "zypper install -y redis",
        "docker run -d --restart always -p 5432:5432 postgres:16-alpine",
        "podman run -d docker.io/library/mysql:8.4",
        "docker run -d public.ecr.aws/docker/library/redis:7",
        "systemctl enable --now postgresql",
        "systemctl start mongod.service",
        "service mysql start",
        "#cloud-config\npackages:\n  - nginx\n  - mariadb-server\n",
        "services:\n  db:\n    image: postgres:16\n",
    ])("recognises %j", (text) => {
        expect(textRunsDatabaseServer(text)).toBe(true);
    });

    it.each([
        "yum install -y postgresql15 mariadb105",
        "apt-get install -y postgresql-client redis-tools mysql-client libpq-dev",
        "docker run -d -p 80:80 nginx:1.27",
        "docker run --rm -e PGHOST=db.internal postgres-client-tools psql -c 'select 1'",
        "systemctl start nginx",
        "pip install redis psycopg2-binary",
        "npm install pg mysql2 mongodb",
        "echo 'connect to postgres at db.internal:5432'",
        "",
    ])("does not mistake %j for a database server", (text) => {
        expect(textRunsDatabaseServer(text)).toBe(false);
    });

    it("decodes base64 and gzip user data, and embedded base64 layers", () => {
        const script = "#!/bin/bash\napt-get install -y redis-server\n";
        expect(userDataRunsDatabase(snapshot({ userDataBase64: Buffer.from(script).toString("base64") }))).toBe(true);
        expect(userDataRunsDatabase(snapshot({ userDataBase64: gzipSync(Buffer.from(script)).toString("base64") }))).toBe(true);
        expect(userDataRunsDatabase(snapshot({ userData: `#!/bin/sh\necho ${Buffer.from(script).toString("base64")} | base64 -d | sh\n` }))).toBe(true);
    });

    it("is unknown when the user data is computed, and survives odd values", () => {
        expect(userDataRunsDatabase(snapshot({ userData: SENTINEL }))).toBe(UNKNOWN);
        expect(userDataRunsDatabase(snapshot({ userData: 42, userDataBase64: null }))).toBe(false);
        expect(userDataRunsDatabase(snapshot({ userDataBase64: "not base64 at all!" }))).toBe(false);
        expect(userDataRunsDatabase(snapshot({ userDataBase64: Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]).toString("base64") }))).toBe(false);
    });

    it("a host is a database host by tags, names or user data", () => {
        expect(isDbHost("web", snapshot({}))).toBe(false);
        expect(isDbHost("web", snapshot({ userData: "yum install -y mysql-community-server" }))).toBe(true);
        expect(isDbHost("web", snapshot({ tags: { role: "db" } }))).toBe(true);
        expect(isDbHost("web", snapshot({ tags: SENTINEL }))).toBe(UNKNOWN);
        expect(isDbHost("postgres-1", snapshot({ tags: SENTINEL }))).toBe(true);
    });
});

describe("resourceInScope", () => {
    it("puts data stores, keys, secrets and their guards in scope by type", () => {
        for (const type of ["aws:rds/instance:Instance", "aws:kms/key:Key", "aws:secretsmanager/secret:Secret", "aws:ec2/securityGroup:SecurityGroup", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"]) {
            expect(resourceInScope({ type, name: "x", props: {} }), type).toBe(true);
        }
    });

    it("puts an ordinary bucket or host out of scope, a classified one in", () => {
        expect(resourceInScope({ type: "aws:s3/bucket:Bucket", name: "assets", props: snapshot({ bucket: "acme-assets" }) })).toBe(false);
        expect(resourceInScope({ type: "aws:s3/bucket:Bucket", name: "assets", props: snapshot({ tagsAll: { "data-class": "key-material" } }) })).toBe(true);
        expect(resourceInScope({ type: "aws:ec2/instance:Instance", name: "web", props: {} })).toBe(false);
        expect(resourceInScope({ type: "aws:ebs/volume:Volume", name: "redis-data", props: {} })).toBe(true);
    });

    it("judges a bucket configuration resource by its own name and its bucket's name; unknown when the bucket is computed", () => {
        const pab = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
        expect(resourceInScope({ type: pab, name: "pab", props: snapshot({ bucket: "acme-db-dumps" }) })).toBe(true);
        expect(resourceInScope({ type: pab, name: "wallet-pab", props: snapshot({ bucket: SENTINEL }) })).toBe(true);
        expect(resourceInScope({ type: pab, name: "pab", props: snapshot({ bucket: SENTINEL }) })).toBe(UNKNOWN);
        expect(resourceInScope({ type: pab, name: "pab", props: snapshot({ bucket: "acme-assets" }) })).toBe(false);
    });

    it("with the graph: a bucket a store exports to, and the configuration of such a bucket", () => {
        const bucket = resource("aws:s3/bucket:Bucket", "exports", { bucket: "acme-x" });
        const other = resource("aws:s3/bucket:Bucket", "assets", { bucket: "acme-assets" });
        const task = resource("aws:rds/exportTask:ExportTask", "task", { s3BucketName: "acme-x" });
        const pab = resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: SENTINEL }, { bucket: ["exports"] });
        const graph = StackGraph.of([bucket, other, task, pab]);
        expect([...storeDataBuckets(graph)]).toEqual([bucket]);
        expect(resourceInScope(bucket, graph)).toBe(true);
        expect(resourceInScope(other, graph)).toBe(false);
        expect(resourceInScope(pab, graph)).toBe(true);
    });
});

describe("exposures stay mandatory on ordinary buckets", () => {
    it("a public bucket policy and a public ACL block an empty name-reservation bucket", () => {
        const open = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reserved/*" }] };
        const policy = evaluateResource(s3PolicyNoPublicPrincipal, { type: "aws:s3/bucketPolicy:BucketPolicy", name: "reserved-policy", props: { bucket: "acme-reserved", policy: JSON.stringify(open) } });
        expect(policy.violations.map((v) => v.level)).toEqual(["mandatory"]);
        const acl = evaluateResource(s3NoPublicAcl, { type: "aws:s3/bucketAcl:BucketAcl", name: "reserved-acl", props: { bucket: "acme-reserved", acl: "public-read" } });
        expect(acl.violations.map((v) => v.level)).toEqual(["mandatory"]);
    });
});
