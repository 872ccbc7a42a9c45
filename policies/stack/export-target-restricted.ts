import { advice, keyFindings, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { accountOfArn, ALLOWED_ACCOUNT_IDS, chainIsKeyMaterial, ownAccountOf, readAccount, recipientFindings, type SharedSource } from "../lib/aws/sharing";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN, type Tri } from "../lib/readers/values";
import {
    DYNAMODB_TABLE,
    DYNAMODB_TABLE_EXPORT,
    RDS_CLUSTER,
    RDS_CLUSTER_SNAPSHOT,
    RDS_CLUSTER_SNAPSHOT_COPY,
    RDS_EXPORT_TASK,
    RDS_INSTANCE,
    RDS_SNAPSHOT,
    RDS_SNAPSHOT_COPY,
    S3_BUCKET,
    S3_BUCKET_V2,
} from "../lib/aws/types";

type Config = { allowedAccountIds: string[] };

const BUCKETS = [S3_BUCKET, S3_BUCKET_V2];
const RDS_SNAPSHOTS = [RDS_SNAPSHOT, RDS_SNAPSHOT_COPY, RDS_CLUSTER_SNAPSHOT, RDS_CLUSTER_SNAPSHOT_COPY];

/** How an RDS export source leads back to its database: snapshot -> instance, cluster snapshot -> cluster, copy -> snapshot. */
const RDS_LINKS: Readonly<Record<string, { property: string; types: readonly string[] }>> = {
    [RDS_SNAPSHOT]: { property: "dbInstanceIdentifier", types: [RDS_INSTANCE] },
    [RDS_CLUSTER_SNAPSHOT]: { property: "dbClusterIdentifier", types: [RDS_CLUSTER] },
    [RDS_SNAPSHOT_COPY]: { property: "sourceDbSnapshotIdentifier", types: [RDS_SNAPSHOT, RDS_SNAPSHOT_COPY] },
    [RDS_CLUSTER_SNAPSHOT_COPY]: { property: "sourceDbClusterSnapshotIdentifier", types: [RDS_CLUSTER_SNAPSHOT, RDS_CLUSTER_SNAPSHOT_COPY] },
};

const MAX_DEPTH = 4;

/**
 * The in-stack resources an export's source ARN leads to (the snapshot, its copies' sources, the database), and
 * whether a link could not be followed. RDS snapshots publish their ARN as `dbSnapshotArn` / `dbClusterSnapshotArn`,
 * which the graph does not index, so a known ARN is also looked up there.
 */
function rdsLineage(graph: StackGraph, task: StackResource): { resources: StackResource[]; unresolved: boolean } {
    const ref = graph.referenced(task, "sourceArn", [...RDS_SNAPSHOTS, RDS_INSTANCE, RDS_CLUSTER]);
    const byArn = [...graph.holding([RDS_SNAPSHOT, RDS_SNAPSHOT_COPY], "dbSnapshotArn", ref.external), ...graph.holding([RDS_CLUSTER_SNAPSHOT, RDS_CLUSTER_SNAPSHOT_COPY], "dbClusterSnapshotArn", ref.external)];
    const found = new Set([...ref.resources, ...byArn]);
    let unresolved = ref.unresolved || (ref.external.length > 0 && byArn.length === 0);
    let frontier = [...found];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
        const next: StackResource[] = [];
        for (const resource of frontier) {
            const link = RDS_LINKS[resource.type];
            if (!link) {
                continue;
            }
            const source = graph.referenced(resource, link.property, link.types);
            unresolved ||= source.unresolved || source.external.length > 0;
            for (const r of source.resources) {
                if (!found.has(r)) {
                    found.add(r);
                    next.push(r);
                }
            }
        }
        frontier = next;
    }
    return { resources: [...found], unresolved };
}

/** The account the exported data lives in: the account field of the source ARN, else the source's own outputs. */
function sourceAccount(task: StackResource, property: string, sources: readonly StackResource[]): SharedSource["own"] {
    const fromInput = accountOfArn(read(task.props, property));
    if (typeof fromInput === "string") {
        return fromInput;
    }
    for (const source of sources) {
        const own = ownAccountOf(source.props);
        if (typeof own === "string") {
            return own;
        }
    }
    return fromInput === UNKNOWN || sources.some((s) => ownAccountOf(s.props) === UNKNOWN) ? UNKNOWN : undefined;
}

/** A finding that blocks for key material and advises otherwise (the data cannot be told, or is not key material). */
function byData(keyMaterial: Tri, finding: Finding): Finding {
    if (keyMaterial === true) {
        return { ...finding, message: `${finding.message} The exported data holds key material.` };
    }
    return advice(finding.property, `${finding.message} ${keyMaterial === false ? "The data is not classified as key material, so this is advice." : "Whether the data holds key material cannot be told from the stack, so this is advice."}`, finding.urn);
}

/**
 * The target bucket: in the stack, or outside it (then its owner, policy and public access are not visible). A bucket
 * of the stack made public by an ACL or a bucket policy is s3-no-public-acl's and s3-policy-no-public-principal's
 * violation on every bucket (one cause, one blocking finding), so it is not judged again here.
 */
function bucketFindings(graph: StackGraph, exportResource: StackResource, property: string, keyMaterial: Tri, label: string): Finding[] {
    const ref = graph.referenced(exportResource, property, BUCKETS);
    if (ref.resources.length > 0 || ref.unresolved || keyMaterial === false) {
        return [];
    }
    return [
        advice(
            property,
            `\`${property}\` of ${label} names a bucket that is not in the stack, so who owns it, who can read it and whether it is public cannot be checked; the export is a full copy of the data. Export into a bucket the stack manages (private, encrypted with a customer-managed key), or review that bucket.`,
            exportResource.urn,
        ),
    ];
}

const TARGET_FIX = "Export only into a bucket of your own account (or one listed in `allowedAccountIds`) that the stack manages, private and encrypted with a customer-managed key.";

function rdsExportFindings(graph: StackGraph, task: StackResource, isKeyMaterial: (r: StackResource) => boolean): Finding[] {
    const { resources, unresolved } = rdsLineage(graph, task);
    const keyMaterial = chainIsKeyMaterial([task, ...resources], unresolved, isKeyMaterial);
    const label = `RDS export task ${task.name}`;
    const findings = bucketFindings(graph, task, "s3BucketName", keyMaterial, label);
    // StartExportTask requires a KMS key for the exported Parquet files (KmsKeyId is a required parameter).
    for (const finding of keyFindings(read(task.props, "kmsKeyId"), "kmsKeyId", {
        fix: "Set `kmsKeyId` to a customer-managed key whose key policy names only the roles that read the export.",
        urn: task.urn,
        whenAbsent: "the export task has no key for the exported files",
    })) {
        findings.push(byData(keyMaterial, finding));
    }
    return findings;
}

function dynamodbExportFindings(graph: StackGraph, exportResource: StackResource, allowed: readonly string[], isKeyMaterial: (r: StackResource) => boolean): Finding[] {
    const ref = graph.referenced(exportResource, "tableArn", [DYNAMODB_TABLE]);
    const keyMaterial = chainIsKeyMaterial([exportResource, ...ref.resources], ref.unresolved || ref.external.length > 0, isKeyMaterial);
    const label = `DynamoDB table export ${exportResource.name}`;
    const source: SharedSource = { keyMaterial, own: sourceAccount(exportResource, "tableArn", ref.resources) };
    const owner = readAccount(read(exportResource.props, "s3BucketOwner"));
    const findings = recipientFindings(owner, source, allowed, {
        property: "s3BucketOwner",
        urn: exportResource.urn,
        subject: label,
        gets: "owns the bucket and every exported item of the table",
        fix: TARGET_FIX,
    });
    // S3BucketOwner is required only for a bucket of another account; omitted, the bucket is in the table's account.
    // A bucket of yours that the stack does not manage is still one whose policy and public access are not visible.
    if (findings.length === 0) {
        findings.push(...bucketFindings(graph, exportResource, "s3Bucket", keyMaterial, label));
    }
    const algorithm = asString(read(exportResource.props, "s3SseAlgorithm"));
    if (algorithm === INVALID || (typeof algorithm === "string" && !["AES256", "KMS"].includes(algorithm.trim().toUpperCase()))) {
        findings.push(violation("s3SseAlgorithm", `\`s3SseAlgorithm\` of ${label} is not AES256 or KMS. Set it to KMS with a customer-managed \`s3SseKmsKeyId\`.`, exportResource.urn));
    } else if (typeof algorithm === "string" && algorithm.trim().toUpperCase() === "AES256") {
        findings.push(
            byData(keyMaterial, violation("s3SseAlgorithm", `\`s3SseAlgorithm\` of ${label} is AES256, so the exported items are encrypted with S3-managed keys that any reader of the bucket can decrypt. Set it to KMS with a customer-managed \`s3SseKmsKeyId\`.`, exportResource.urn)),
        );
    } else if (typeof algorithm === "string") {
        for (const finding of keyFindings(read(exportResource.props, "s3SseKmsKeyId"), "s3SseKmsKeyId", {
            fix: "Set `s3SseKmsKeyId` to a customer-managed key whose key policy names only the roles that read the export.",
            urn: exportResource.urn,
            protects: "the exported data",
            defaultKey: "aws/s3",
        })) {
            findings.push(byData(keyMaterial, finding));
        }
    }
    // Omitted: the objects get the bucket's default encryption, which the S3 policies check on a bucket of the stack.
    return findings;
}

export const exportTargetRestricted = stackPolicy<Config>({
    name: "export-target-restricted",
    description: "RDS snapshot exports and DynamoDB table exports go only to buckets of your own accounts, encrypted with a customer-managed key.",
    controls: [121],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["AC-3", "AC-21", "SC-28"], pciDss: ["3.5.1"] },
    resourceTypes: [RDS_EXPORT_TASK, DYNAMODB_TABLE_EXPORT],
    remediationSteps: [
        "1. Export into a bucket the stack manages in your own account: omit `s3BucketOwner` (aws.dynamodb.TableExport), or name only accounts listed in this policy's `allowedAccountIds`.",
        "2. Encrypt the export with a customer-managed key: `kmsKeyId` (aws.rds.ExportTask), `s3SseAlgorithm: \"KMS\"` with `s3SseKmsKeyId` (aws.dynamodb.TableExport).",
        "3. Treat the target bucket as a key-material store: private (block public access), CMK-encrypted, versioned, and tagged so the S3 policies apply to it.",
        "4. Prefer `exportOnlies` (RDS) or an incremental export of the tables that are needed over a full copy of the database.",
    ].join("\n"),
    config: { allowedAccountIds: ALLOWED_ACCOUNT_IDS },
    check: ({ resources, config, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const task of graph.ofType(RDS_EXPORT_TASK)) {
            findings.push(...rdsExportFindings(graph, task, isKeyMaterial));
        }
        for (const exportResource of graph.ofType(DYNAMODB_TABLE_EXPORT)) {
            findings.push(...dynamodbExportFindings(graph, exportResource, config.allowedAccountIds, isKeyMaterial));
        }
        return findings;
    },
});
