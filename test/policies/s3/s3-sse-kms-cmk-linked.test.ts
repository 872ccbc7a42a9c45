import { describe, expect, it } from "vitest";
import { s3SseKmsCmkLinked as policy } from "../../../policies/s3/s3-sse-kms-cmk-linked";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const kms = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }] };
const pairs = (r: ReturnType<typeof evaluateStack>) => r.violations.map((d) => [d.urn, d.property]);

describe("s3-sse-kms-cmk-linked", () => {
    it("passes buckets with an attached SSE configuration (current or V2 token) or an inline SSE-KMS block", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "a", props: {} },
            { type: SSE, name: "a-sse", props: { bucket: UNKNOWN, ...kms }, propertyDependencies: { bucket: ["a"] } },
            { type: BUCKET, name: "b", props: { bucket: "b" } },
            { type: SSE_V2, name: "b-sse", props: { bucket: "b", ...kms } },
            { type: BUCKET, name: "c", props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } } } } },
        ]);
        expect(result.diagnostics).toEqual([]);
    });

    it("flags a bucket with no configuration, and one whose output shows the SSE-S3 default", () => {
        const result = evaluateStack(policy, [
            { type: BUCKET, name: "none", props: {} },
            { type: BUCKET, name: "default", props: { bucket: "default", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } } },
        ]);
        expect(pairs(result)).toEqual([
            [urnOf(BUCKET, "none"), "serverSideEncryptionConfiguration"],
            [urnOf(BUCKET, "default"), "serverSideEncryptionConfiguration"],
        ]);
        // Ordinary buckets: S3 encrypts them at rest anyway (SSE-S3), so a missing CMK is defence in depth.
        expect(result.violations.map((v) => v.level)).toEqual(["advisory", "advisory"]);
        expect(result.violations[0]!.message).toContain("Defence in depth, advisory here");
    });

    it("reports an empty bucket created only to reserve a name as advisory, never mandatory", () => {
        const result = evaluateStack(policy, [{ type: BUCKET, name: "name-reservation", props: { bucket: "acme-prod-reserved-7f3a", forceDestroy: true } }]);
        expect(result.violations.map((v) => v.level)).toEqual(["advisory"]);
    });

    it.each<[string, StackInputResource[]]>([
        ["named as backups", [{ type: BUCKET, name: "b", props: { bucket: "orders-db-backups" } }]],
        ["tagged as key material in tagsAll", [{ type: BUCKET, name: "b", props: { tags: {}, tagsAll: { "data-class": "key-material" } } }]],
        ["the target of an RDS snapshot export", [
            { type: BUCKET, name: "b", props: {} },
            { type: "aws:rds/exportTask:ExportTask", name: "export", props: { s3BucketName: UNKNOWN, exportTaskIdentifier: "x", iamRoleArn: UNKNOWN, kmsKeyId: UNKNOWN, sourceArn: UNKNOWN }, propertyDependencies: { s3BucketName: ["b"] } },
        ]],
        ["the target of a DynamoDB table export", [
            { type: BUCKET, name: "b", props: { bucket: "acme-analytics" } },
            { type: "aws:dynamodb/tableExport:TableExport", name: "export", props: { s3Bucket: "acme-analytics", tableArn: UNKNOWN } },
        ]],
        ["the Redshift audit-log bucket", [
            { type: BUCKET, name: "b", props: {} },
            { type: "aws:redshift/logging:Logging", name: "logging", props: { clusterIdentifier: "dw", bucketName: UNKNOWN }, propertyDependencies: { bucketName: ["b"] } },
        ]],
        ["the source of an RDS import from S3", [
            { type: BUCKET, name: "b", props: {} },
            { type: "aws:rds/instance:Instance", name: "db", props: { s3Import: { bucketName: UNKNOWN, ingestionRole: "r", sourceEngine: "mysql", sourceEngineVersion: "8.0" } }, propertyDependencies: { s3Import: ["b"] } },
        ]],
    ])("blocks a bucket %s", (_, resources) => {
        const result = evaluateStack(policy, resources);
        expect(result.violations.map((v) => [v.urn, v.level])).toEqual([[urnOf(BUCKET, "b"), "mandatory"]]);
    });

    it("enforces on a tagged key-material bucket whose SSE-S3 configuration resource cannot see the tags (s3-sse-kms-cmk reports it as advisory)", () => {
        const aes = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] };
        const resources: StackInputResource[] = [
            { type: BUCKET, name: "data", props: { bucket: "acme-data", tags: { "data-class": "key-material" } } },
            { type: SSE, name: "data-sse", props: { bucket: "acme-data", ...aes } },
        ];
        const result = evaluateStack(policy, resources);
        expect(result.violations.map((v) => [v.urn, v.level])).toEqual([[urnOf(BUCKET, "data"), "mandatory"]]);
        expect(result.violations[0]!.message).toContain("customer-managed key");
        // Not when the configuration selects a CMK, nor on an untagged bucket, nor when the configuration's own name shows it.
        expect(evaluateStack(policy, [resources[0]!, { ...resources[1]!, props: { bucket: "acme-data", ...kms } }]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [{ ...resources[0]!, props: { bucket: "acme-data" } }, resources[1]!]).diagnostics).toEqual([]);
        expect(evaluateStack(policy, [resources[0]!, { ...resources[1]!, name: "wallet-data-sse" }]).diagnostics).toEqual([]);
    });

    it("leaves the level to update time when the tags that decide are computed", () => {
        const result = evaluateStack(policy, [{ type: BUCKET, name: "b", props: { tags: UNKNOWN } }]);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => d.property)).toEqual(["serverSideEncryptionConfiguration"]);
    });

    it("exempts load balancer log buckets (ELB delivers only to SSE-S3 buckets), by name or by reference, unless tagged as key material", () => {
        const LB = "aws:lb/loadBalancer:LoadBalancer";
        const ALB = "aws:alb/loadBalancer:LoadBalancer";
        const byReference: StackInputResource[] = [
            { type: BUCKET, name: "alb-logs", props: { bucket: UNKNOWN } },
            { type: LB, name: "web", props: { accessLogs: { bucket: UNKNOWN, enabled: true } }, propertyDependencies: { accessLogs: ["alb-logs"] } },
        ];
        expect(evaluateStack(policy, byReference).diagnostics).toEqual([]);
        const byName: StackInputResource[] = [
            { type: BUCKET, name: "nlb-logs", props: { bucket: "nlb-connection-logs" } },
            { type: ALB, name: "api", props: { connectionLogs: { bucket: "nlb-connection-logs", enabled: true } } },
        ];
        expect(evaluateStack(policy, byName).diagnostics).toEqual([]);
        expect(pairs(evaluateStack(policy, byName, { exemptAccessLogBuckets: false }))).toEqual([[urnOf(BUCKET, "nlb-logs"), "serverSideEncryptionConfiguration"]]);
        const tagged = byReference.map((r) => (r.name === "alb-logs" ? { ...r, props: { bucket: UNKNOWN, tags: { "data-class": "key-material" } } } : r));
        expect(pairs(evaluateStack(policy, tagged))).toEqual([[urnOf(BUCKET, "alb-logs"), "serverSideEncryptionConfiguration"]]);
    });

    it("exempts access-log target buckets (SSE-S3 only) unless they are tagged as key material", () => {
        const resources: StackInputResource[] = [
            { type: BUCKET, name: "logs", props: {} },
            { type: BUCKET, name: "data", props: {} },
            { type: SSE, name: "data-sse", props: kms, propertyDependencies: { bucket: ["data"] } },
            { type: LOGGING, name: "data-logging", props: { bucket: UNKNOWN, targetBucket: UNKNOWN }, propertyDependencies: { bucket: ["data"], targetBucket: ["logs"] } },
        ];
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
        expect(pairs(evaluateStack(policy, resources, { exemptAccessLogBuckets: false }))).toEqual([[urnOf(BUCKET, "logs"), "serverSideEncryptionConfiguration"]]);
        const tagged = resources.map((r) => (r.name === "logs" ? { ...r, props: { tags: { "data-class": "key-material" } } } : r));
        expect(pairs(evaluateStack(policy, tagged))).toEqual([[urnOf(BUCKET, "logs"), "serverSideEncryptionConfiguration"]]);
    });

    it("is undecided when the inline algorithm is unknown", () => {
        const result = evaluateStack(policy, [{ type: BUCKET, name: "a", props: { serverSideEncryptionConfiguration: UNKNOWN } }]);
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.urn, d.property])).toEqual([[urnOf(BUCKET, "a"), "serverSideEncryptionConfiguration"]]);
    });
});
