import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ec2NoSecretsInUserData as policy } from "../../../policies/ec2/ec2-no-secrets-in-user-data";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const KEY_ID = ["AKIA", "Q3EGTHXN5SKDR7ZW"].join("");
const SECRET = "wJalrXUtnFEMIxK7MDENGxbPxRfiCYzz7nQk9Lm2";
const MNEMONIC = "legal winner thank year wave sausage worth useful legal winner thank yellow";
const PASSWORD = "Sup3r-s3cret-pw";
const PEM = ["-----BEGIN", "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"].join(" ");

const run = (type: string, props: Record<string, unknown>) => evaluateResource(policy, { type, props });

describe("ec2-no-secrets-in-user-data", () => {
    it("passes scripts that fetch secrets at boot, reference variables, or use IMDSv2 tokens", () => {
        const script = [
            "#!/bin/bash",
            'TOKEN=$(curl -sX PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
            'curl -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/',
            "DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)",
            "export PGPASSWORD=\"${DB_PASSWORD}\"",
            "SECRET_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:db",
            "PASS_MAX_DAYS=90",
            "# this script installs the database and configures the users for the app server",
        ].join("\n");
        expect(run(INSTANCE, { userData: script }).diagnostics).toEqual([]);
        expect(run(LT, { userData: b64(script) }).diagnostics).toEqual([]);
    });

    it.each([
        ["an AWS access key id", `export AWS_ACCESS_KEY_ID=${KEY_ID}`],
        ["an AWS secret key", `aws_secret_access_key = ${SECRET}`],
        ["a PEM private key", `cat > /root/.ssh/id_rsa <<EOF\n${PEM}\nEOF`],
        ["a mnemonic", `echo "${MNEMONIC}" > /opt/wallet/seed.txt`],
        ["a password assignment", `DB_PASSWORD='${PASSWORD}'`],
        ["a YAML password", `#cloud-config\nusers:\n  - name: app\n    password: ${PASSWORD}`],
        ["a CLI flag", `mysql -u root --password ${PASSWORD} -e "select 1"`],
        ["a URL", `DATABASE_URL=postgres://app:${PASSWORD}@db.internal:5432/app`],
    ])("flags %s in plain userData at mandatory, without echoing it", (_label, script) => {
        const result = run(INSTANCE, { userData: `#!/bin/bash\n${script}\n` });
        expect(violatedProperties(result)).toEqual(["userData"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        for (const secret of [KEY_ID, SECRET, PASSWORD, "legal winner", "MIIEow"]) {
            expect(result.violations[0]!.message).not.toContain(secret);
        }
    });

    it("decodes base64, gzip and embedded base64 layers", () => {
        const script = `#!/bin/bash\nDB_PASSWORD=${PASSWORD}\n`;
        expect(violatedProperties(run(INSTANCE, { userDataBase64: b64(script) }))).toEqual(["userDataBase64"]);
        expect(violatedProperties(run(INSTANCE, { userDataBase64: gzipSync(script).toString("base64") }))).toEqual(["userDataBase64"]);
        expect(violatedProperties(run(LT, { userData: b64(script) }))).toEqual(["userData"]);
        const embedded = `#!/bin/bash\necho ${b64(`export AWS_ACCESS_KEY_ID=${KEY_ID}\n`)} | base64 -d > /etc/profile.d/aws.sh\n`;
        expect(violatedProperties(run(INSTANCE, { userData: embedded }))).toEqual(["userData"]);
    });

    it("does not flag the documented example key or prose", () => {
        expect(run(INSTANCE, { userData: "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE" }).diagnostics).toEqual([]);
    });

    it("is undecided when user data is computed", () => {
        const result = run(INSTANCE, { userData: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["userData"]);
    });
});
