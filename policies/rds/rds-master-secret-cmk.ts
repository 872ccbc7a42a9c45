import { classifyKey, expectCustomerManagedKey, unknownFinding } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/aws/types";

const FIX =
    "Set `masterUserSecretKmsKeyId` to a customer-managed aws.kms.Key whose key policy lets only the database administrators and the application roles decrypt the master secret.";

export const rdsMasterSecretCmk = resourcePolicy({
    name: "rds-master-secret-cmk",
    description: "RDS-managed master user secrets must be encrypted with a customer-managed KMS key, not the AWS-managed aws/secretsmanager key.",
    controls: [11],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["SC-12"],
    },
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    remediationSteps: [
        "1. Create an aws.kms.Key (rotation on) whose key policy grants kms:Decrypt only to the roles that may read the master secret, and kms:CreateGrant / kms:GenerateDataKey to RDS and Secrets Manager via `kms:ViaService`.",
        "2. Set `masterUserSecretKmsKeyId` on the aws.rds.Instance or aws.rds.Cluster (with `manageMasterUserPassword: true`) to that key's ARN; RDS re-encrypts the secret in place.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const managed = asBool(read(props, "manageMasterUserPassword"));
        if (managed === UNKNOWN) {
            const kind = classifyKey(read(props, "masterUserSecretKmsKeyId"));
            return kind === "customer-managed" || kind === "unknown" ? [] : [unknownFinding("manageMasterUserPassword", `when it is true: ${FIX}`)];
        }
        if (managed !== true) {
            // No managed secret (rds-managed-master-password reports that); nothing is encrypted with this key.
            return [];
        }
        return expectCustomerManagedKey(props, "masterUserSecretKmsKeyId", { protects: "the master user secret", defaultKey: "aws/secretsmanager", fix: FIX });
    },
});
