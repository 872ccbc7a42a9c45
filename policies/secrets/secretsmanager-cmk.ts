import { expectCustomerManagedKey, keyFindings, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asList, isObject, UNKNOWN } from "../lib/readers/values";
import { SECRETSMANAGER_SECRET } from "../lib/aws/types";

/** The fix for one key input, named: "Set `replicas.0.kmsKeyId` to the ARN of ...". */
const fix = (property: string) =>
    `Set \`${property}\` to the ARN of a customer-managed KMS key whose key policy allows kms:Decrypt only to the principals that may read the secret (ideally with an MFA or kms:ViaService condition).`;

export const secretsmanagerCmk = resourcePolicy({
    name: "secretsmanager-cmk",
    description: "Secrets Manager secrets and their replicas must be encrypted with a customer-managed KMS key.",
    controls: [75],
    category: "key-management",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_149"],
        trivy: ["AVD-AWS-0098"],
        cdkNag: ["SecretsManagerUsingKMSKey"],
    },
    resourceTypes: [SECRETSMANAGER_SECRET],
    remediationSteps: [
        "1. Create a customer-managed aws.kms.Key (one per region the secret is replicated to) whose key policy grants kms:Decrypt only to the secret's readers.",
        "2. Set `kmsKeyId: key.arn` on the aws.secretsmanager.Secret and `kmsKeyId` on every `replicas[]` entry (a key in the replica's region).",
        "3. Changing the key re-encrypts only new versions: put a new secret version (or rotate) after the change.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const findings = expectCustomerManagedKey(props, "kmsKeyId", {
            protects: "the secret",
            defaultKey: "aws/secretsmanager",
            fix: fix("kmsKeyId"),
        });
        const replicas = asList(props.replicas);
        if (replicas === UNKNOWN) {
            findings.push(unknownFinding("replicas", `Every \`replicas[].kmsKeyId\` must name a customer-managed key. ${fix("replicas[].kmsKeyId")}`));
            return findings;
        }
        replicas.forEach((replica, index) => {
            const property = `replicas.${index}.kmsKeyId`;
            if (replica === UNKNOWN) {
                findings.push(unknownFinding(property, fix(property)));
            } else if (!isObject(replica)) {
                findings.push(violation(`replicas.${index}`, "This `replicas` entry is not an object. Give each replica a `region` and a customer-managed `kmsKeyId`."));
            } else {
                findings.push(...keyFindings(replica.kmsKeyId, property, { protects: "the replica", defaultKey: "aws/secretsmanager", fix: fix(property) }));
            }
        });
        return findings;
    },
});
