import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { DMS_ENDPOINT } from "../lib/aws/types";

/**
 * Database engines whose connection DMS encrypts only when `sslMode` asks for it (AWS DMS "Using SSL with AWS
 * DMS"). The other engines are AWS services DMS reaches over their HTTPS APIs (dynamodb, kinesis, opensearch,
 * elasticsearch, neptune, s3), Redshift (DMS connects with SSL by default), or carry their own transport setting
 * (`kafkaSettings.securityProtocol`, `redisSettings.sslSecurityProtocol`).
 */
const TLS_ENGINES = [
    "aurora",
    "aurora-postgresql",
    "aurora-serverless",
    "aurora-postgresql-serverless",
    "azuredb",
    "azure-sql-managed-instance",
    "babelfish",
    "db2",
    "db2-zos",
    "docdb",
    "mariadb",
    "mongodb",
    "mysql",
    "oracle",
    "postgres",
    "sqlserver",
    "sybase",
];

const ENCRYPTED_MODES = ["require", "verify-ca", "verify-full"];

const FIX =
    'Set `sslMode: "verify-full"` (or "verify-ca", with `certificateArn` naming the database\'s CA certificate) so the rows DMS copies travel encrypted between the database and the replication instance.';

export const dmsEndpointTls = resourcePolicy({
    name: "dms-endpoint-tls",
    description: "DMS database endpoints must connect to their database over TLS.",
    controls: [117],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-8"], pciDss: ["4.2.1"] },
    resourceTypes: [DMS_ENDPOINT],
    remediationSteps: [
        "1. Import the database's CA certificate as an aws.dms.Certificate (for RDS, the regional RDS CA bundle).",
        '2. Set `sslMode: "verify-full"` (or "verify-ca") and `certificateArn: certificate.certificateArn` on the aws.dms.Endpoint.',
        "3. Make the database require TLS as well (rds.force_ssl / require_secure_transport), so a misconfigured endpoint fails instead of falling back to clear text.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const engine = asString(read(props, "engineName"));
        if (engine === UNKNOWN) {
            return [unknownFinding("engineName", `for a database engine: ${FIX}`)];
        }
        if (typeof engine !== "string" || !TLS_ENGINES.includes(engine.trim().toLowerCase())) {
            return [];
        }
        const mode = asString(read(props, "sslMode"));
        if (mode === UNKNOWN) {
            return [unknownFinding("sslMode", FIX)];
        }
        if (mode === INVALID) {
            return [violation("sslMode", `\`sslMode\` is not a string. ${FIX}`)];
        }
        // CreateEndpoint SslMode: "The default value is none."
        if (mode === undefined) {
            return [violation("sslMode", `\`sslMode\` is not set, so it defaults to none: the rows DMS copies, key material included, cross the network in clear. ${FIX}`)];
        }
        if (!ENCRYPTED_MODES.includes(mode.trim().toLowerCase())) {
            return [violation("sslMode", `\`sslMode\` is not one of require, verify-ca or verify-full, so the rows DMS copies, key material included, cross the network in clear. ${FIX}`)];
        }
        return [];
    },
});
