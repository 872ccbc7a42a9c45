import { expectCustomerManagedKey, expectFlag, keyUnlessUnencrypted } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { REDSHIFTSERVERLESS_NAMESPACE, REDSHIFT_CLUSTER } from "../lib/aws/types";

const CLUSTER = REDSHIFT_CLUSTER;
const NAMESPACE = REDSHIFTSERVERLESS_NAMESPACE;

const KEY_FIX = "Set `kmsKeyId` to the ARN of a customer-managed aws.kms.Key whose key policy limits who can decrypt the warehouse.";

export const redshiftEncryptedCmk = resourcePolicy({
    name: "redshift-encrypted-cmk",
    description: "Redshift clusters and Redshift Serverless namespaces must be encrypted at rest with a customer-managed KMS key.",
    controls: [53],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["Redshift.10"],
        pciDss: ["3.5.1"],
        nist: ["SC-28", "SC-12"],
        checkov: ["CKV_AWS_64", "CKV_AWS_142", "CKV_AWS_282"],
        trivy: ["AVD-AWS-0084"],
        cdkNag: ["AwsSolutions-RS6"],
    },
    resourceTypes: [CLUSTER, NAMESPACE],
    remediationSteps: [
        "1. Create an aws.kms.Key for the warehouse (key policy limited to the Redshift service and its administrators).",
        "2. On the aws.redshift.Cluster keep `encrypted` at its default \"true\" (or set it) and set `kmsKeyId: key.arn`; on the aws.redshiftserverless.Namespace set `kmsKeyId: key.arn`.",
        "3. For an existing cluster, changing the key re-encrypts in place (cluster modify) or restore a snapshot into a new encrypted cluster; plan for the downtime.",
    ].join("\n"),
    check: ({ props, type }) => {
        if (type === NAMESPACE) {
            return expectCustomerManagedKey(props, "kmsKeyId", { protects: "the namespace's data (snapshots included)", defaultKey: "a key owned by AWS", fix: KEY_FIX });
        }
        // `encrypted` is a string ("true"/"false") in v7; booleans are accepted as the same spelling by asBool.
        const findings: Finding[] = expectFlag(props, "encrypted", {
            expected: true,
            defaultValue: true,
            fix: 'Set `encrypted: "true"` (the default) with `kmsKeyId` set to a customer-managed key.',
        });
        return keyUnlessUnencrypted(findings, () =>
            expectCustomerManagedKey(props, "kmsKeyId", { protects: "the cluster's data (snapshots and backups included)", defaultKey: "aws/redshift", fix: KEY_FIX }),
        );
    },
});
