import { expectCustomerManagedKey, unknownFinding, violation } from "../lib/readers/checks";
import { presence } from "../lib/readers/presence";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { REDSHIFTSERVERLESS_NAMESPACE, REDSHIFT_CLUSTER } from "../lib/aws/types";

const CLUSTER = REDSHIFT_CLUSTER;
const NAMESPACE = REDSHIFTSERVERLESS_NAMESPACE;

interface Names {
    manage: string;
    password: string;
    writeOnly: string;
    secretKey: string;
}

const CLUSTER_NAMES: Names = { manage: "manageMasterPassword", password: "masterPassword", writeOnly: "masterPasswordWo", secretKey: "masterPasswordSecretKmsKeyId" };
const NAMESPACE_NAMES: Names = {
    manage: "manageAdminPassword",
    password: "adminUserPassword",
    writeOnly: "adminUserPasswordWo",
    secretKey: "adminPasswordSecretKmsKeyId",
};

function check(props: PlainObject, names: Names): Finding[] {
    const findings: Finding[] = [];
    const literal = presence(props, names.password);
    if (literal !== "absent") {
        // Literal, config secret or random.RandomPassword output: the value is persisted in the state either way.
        findings.push(
            violation(
                names.password,
                `\`${names.password}\` is stored in the Pulumi state (readable by anyone with state access, even when wrapped in a secret). Set \`${names.manage}: true\` so Secrets Manager generates and rotates the admin password, or at least use the write-only \`${names.writeOnly}\`.`,
            ),
        );
    }
    const manage = asBool(read(props, names.manage));
    if (manage === UNKNOWN) {
        findings.push(unknownFinding(names.manage, `\`${names.manage}\` should be true, with \`${names.secretKey}\` set to a customer-managed key.`));
    } else if (manage === INVALID) {
        findings.push(violation(names.manage, `\`${names.manage}\` is not a boolean. Set \`${names.manage}: true\`.`));
    } else if (manage === true) {
        // The password is out of the state, which is this policy's cause; the key of the secret Redshift keeps it in is
        // defence in depth, advice as for RDS (rds-master-secret-cmk is advisory), so it never blocks on its own.
        const keyFindings = expectCustomerManagedKey(props, names.secretKey, {
            protects: "the Secrets Manager secret holding the admin password",
            defaultKey: "aws/secretsmanager",
            fix: `Set \`${names.secretKey}\` to a customer-managed aws.kms.Key so its key policy decides who can read the admin password.`,
        });
        findings.push(...keyFindings.map((finding) => (finding.undecided ? finding : { ...finding, advisory: true })));
    }
    return findings;
}

export const redshiftManagedAdminPassword = resourcePolicy({
    name: "redshift-managed-admin-password",
    description: "Redshift cluster and Redshift Serverless admin passwords must not be kept in Pulumi state: let Secrets Manager manage them, encrypted with a customer-managed key.",
    controls: [58],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        pciDss: ["8.6.2"],
        nist: ["IA-5"],
    },
    resourceTypes: [CLUSTER, NAMESPACE],
    remediationSteps: [
        "1. Remove `masterPassword` (Cluster) / `adminUserPassword` (Namespace) and set `manageMasterPassword: true` / `manageAdminPassword: true`.",
        "2. Set `masterPasswordSecretKmsKeyId` / `adminPasswordSecretKmsKeyId` to a customer-managed aws.kms.Key.",
        "3. If a password must come from the program, pass it through the write-only `masterPasswordWo` / `adminUserPasswordWo` with its `*WoVersion`.",
        "4. Rotate the admin password that was stored in state, and treat old state files and backups as exposed.",
    ].join("\n"),
    check: ({ props, type }) => check(props, type === NAMESPACE ? NAMESPACE_NAMES : CLUSTER_NAMES),
});
