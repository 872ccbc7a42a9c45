// Each policy's display name (what Pulumi Cloud and SARIF viewers show), derived from its name in one place:
// the words of the name, with AWS service names and acronyms spelled as AWS spells them.

const SPELLINGS: Readonly<Record<string, string>> = {
    acl: "ACL",
    api: "API",
    ca: "CA",
    cloudtrail: "CloudTrail",
    cmk: "CMK",
    dax: "DAX",
    db: "DB",
    docdb: "DocumentDB",
    dynamodb: "DynamoDB",
    ec2: "EC2",
    elasticache: "ElastiCache",
    fgac: "FGAC",
    https: "HTTPS",
    iam: "IAM",
    imdsv2: "IMDSv2",
    ip: "IP",
    kms: "KMS",
    memorydb: "MemoryDB",
    mfa: "MFA",
    neptune: "Neptune",
    opensearch: "OpenSearch",
    pitr: "PITR",
    rds: "RDS",
    redshift: "Redshift",
    s3: "S3",
    secretsmanager: "Secrets Manager",
    securestring: "SecureString",
    sg: "security group",
    ssl: "SSL",
    sse: "SSE",
    ssm: "SSM",
    tls: "TLS",
    tls12: "TLS 1.2",
    vpc: "VPC",
};

/** "rds-storage-cmk" -> "RDS storage CMK". */
export function displayName(policyName: string): string {
    const words = policyName
        .split("-")
        .filter((word) => word !== "")
        .map((word) => SPELLINGS[word] ?? word);
    const text = words.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
}
