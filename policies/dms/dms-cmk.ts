import { expectCustomerManagedKey, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { DMS_REPLICATION_INSTANCE, DMS_S3_ENDPOINT } from "../lib/aws/types";

const INSTANCE_FIX =
    "Set `kmsKeyArn` to a customer-managed aws.kms.Key: the replication instance's storage holds cached changes, task logs and the endpoints' connection settings, and its key policy should decide who can decrypt them.";
const S3_FIX =
    'Set `encryptionMode: "SSE_KMS"` and `serverSideEncryptionKmsKeyId` to a customer-managed aws.kms.Key, so the migrated rows that DMS writes to the bucket are readable only by the principals its key policy allows.';

function s3TargetFindings(props: PlainObject): Finding[] {
    // Source endpoints read files; only a target writes migrated data (`encryptionMode` is ignored for sources).
    const endpointType = asString(read(props, "endpointType"));
    if (typeof endpointType === "string" && endpointType.trim().toLowerCase() === "source") {
        return [];
    }
    const mode = asString(read(props, "encryptionMode"));
    if (mode === UNKNOWN || endpointType === UNKNOWN) {
        return [unknownFinding(mode === UNKNOWN ? "encryptionMode" : "endpointType", S3_FIX)];
    }
    if (mode === INVALID) {
        return [violation("encryptionMode", `\`encryptionMode\` is not a string. ${S3_FIX}`)];
    }
    // S3Endpoint.encryptionMode: "(AWS default is `SSE_S3`.)"
    if (mode === undefined || mode.trim().toUpperCase() !== "SSE_KMS") {
        const state = mode === undefined ? "is not set, so it defaults to SSE_S3" : "is not SSE_KMS";
        return [violation("encryptionMode", `\`encryptionMode\` ${state}: the migrated data is encrypted with an S3-managed key, which every principal allowed to read the bucket can use. ${S3_FIX}`)];
    }
    return expectCustomerManagedKey(props, "serverSideEncryptionKmsKeyId", { protects: "the migrated data", defaultKey: "aws/s3", fix: S3_FIX });
}

export const dmsCmk = resourcePolicy({
    name: "dms-cmk",
    description: "DMS replication instances and S3 target endpoints should encrypt the data they hold with a customer-managed KMS key.",
    controls: [116],
    category: "key-management",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-28"], pciDss: ["3.6.1"] },
    resourceTypes: [DMS_REPLICATION_INSTANCE, DMS_S3_ENDPOINT],
    remediationSteps: [
        "1. Create an aws.kms.Key for the migration whose key policy admits DMS (kms:ViaService dms.<region>.amazonaws.com) and the roles that run it.",
        "2. Set `kmsKeyArn: key.arn` on the aws.dms.ReplicationInstance (this creates a new instance).",
        '3. On an aws.dms.S3Endpoint target, set `encryptionMode: "SSE_KMS"` and `serverSideEncryptionKmsKeyId: key.arn`; give the endpoint\'s service role kms:GenerateDataKey on the key.',
    ].join("\n"),
    check: ({ props, type }): Finding[] => {
        if (type === DMS_S3_ENDPOINT) {
            return s3TargetFindings(props);
        }
        // CreateReplicationInstance KmsKeyId: without it DMS uses the account's default key for DMS (aws/dms).
        return expectCustomerManagedKey(props, "kmsKeyArn", { protects: "the replication instance's storage", defaultKey: "aws/dms", fix: INSTANCE_FIX });
    },
});
