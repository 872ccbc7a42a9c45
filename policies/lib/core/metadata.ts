// A policy's metadata as the SDK and the engine see it: name, level, severity, remediation, a public reference,
// the compliance framework, tags (category, catalog rows, framework ids) and the configuration schema.

import type { PolicyComplianceFramework, PolicyConfigSchema } from "@pulumi/policy";
import { displayName } from "./display-name";
import type { AnyPolicyDefinition, ControlRefs } from "./policy";

const SECURITY_HUB_PAGES: Record<string, string> = {
    RDS: "rds",
    EC2: "ec2",
    KMS: "kms",
    DynamoDB: "dynamodb",
    DocumentDB: "documentdb",
    DMS: "dms",
    EFS: "efs",
    Neptune: "neptune",
    ElastiCache: "elasticache",
    Redshift: "redshift",
    RedshiftServerless: "redshiftserverless",
    OpenSearch: "opensearch",
    ES: "es",
    SecretsManager: "secretsmanager",
    ECS: "ecs",
    S3: "s3",
    Backup: "backup",
    IAM: "iam",
    CloudTrail: "cloudtrail",
    SSM: "ssm",
};

export function securityHubUrl(controlId: string): string | undefined {
    const [service, number] = controlId.split(".");
    const page = service ? SECURITY_HUB_PAGES[service] : undefined;
    if (!page || !number) {
        return undefined;
    }
    return `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}-controls.html#${page}-${number}`;
}

function framework(refs: ControlRefs): PolicyComplianceFramework | undefined {
    if (refs.securityHub?.length) {
        return {
            name: "AWS Foundational Security Best Practices",
            version: "1.0.0",
            reference: refs.securityHub.join(", "),
            specification: "AWS Security Hub CSPM controls",
        };
    }
    if (refs.cis?.length) {
        return { name: "CIS AWS Foundations Benchmark", version: "5.0.0", reference: refs.cis.join(", "), specification: "CIS" };
    }
    return undefined;
}

export function policyTags(definition: AnyPolicyDefinition): string[] {
    const tags = [`category:${definition.category}`, ...definition.controls.map((row) => `catalog:${row}`)];
    const prefixes: [keyof ControlRefs, string][] = [
        ["securityHub", "aws-fsbp"],
        ["cis", "cis-aws-5.0"],
        ["pciDss", "pci-dss-4.0"],
        ["nist", "nist-800-53"],
        ["checkov", "checkov"],
        ["trivy", "trivy"],
        ["cdkNag", "cdk-nag"],
    ];
    for (const [key, prefix] of prefixes) {
        for (const id of definition.refs[key] ?? []) {
            tags.push(`${prefix}:${id}`);
        }
    }
    return tags;
}

function configSchema(definition: AnyPolicyDefinition): PolicyConfigSchema | undefined {
    if (!definition.config) {
        return undefined;
    }
    return { properties: definition.config as PolicyConfigSchema["properties"] };
}

export function sdkMetadata(definition: AnyPolicyDefinition) {
    return {
        name: definition.name,
        displayName: displayName(definition.name),
        description: definition.description,
        enforcementLevel: definition.enforcementLevel,
        severity: definition.severity,
        remediationSteps: definition.remediationSteps,
        url: definition.url ?? (definition.refs.securityHub?.[0] ? securityHubUrl(definition.refs.securityHub[0]) : undefined),
        framework: framework(definition.refs),
        tags: policyTags(definition),
        configSchema: configSchema(definition),
    };
}
