import { unknownFinding, violation } from "../lib/readers/checks";
import type { Finding } from "../lib/core/policy";
import { isSet } from "../lib/readers/presence";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { DOCDB_CLUSTER, DOCDB_ELASTIC_CLUSTER } from "../lib/aws/types";

type PasswordConfig = {
    allowWriteOnlyPassword: boolean;
};

const FIX =
    "Remove the password input and set `manageMasterUserPassword: true`: DocumentDB then keeps the master password in Secrets Manager, rotates it, and it never enters the program, its config or the Pulumi state.";
const ELASTIC_FIX =
    'Set `authType: "SECRET_ARN"` and `adminUserPassword` to the ARN of an aws.secretsmanager.Secret that holds the password, so the password itself never enters the program or the Pulumi state.';
/** Inputs that create the cluster from an existing one (snapshot, point in time, global-cluster secondary): no master password is set. */
const INHERITS_CREDENTIALS = ["snapshotIdentifier", "restoreToPointInTime", "globalClusterIdentifier"];

function clusterFindings(props: PlainObject, config: PasswordConfig): Finding[] {
    if (isSet(read(props, "masterPassword"))) {
        return [
            violation(
                "masterPassword",
                `\`masterPassword\` is set, so the master password of the key store is stored in the Pulumi state (\`pulumi.secret\` only encrypts it there), visible to this policy in plaintext, and never rotated. ${FIX}`,
            ),
        ];
    }
    const managed = asBool(read(props, "manageMasterUserPassword"));
    if (managed === true) {
        return [];
    }
    const writeOnly = isSet(read(props, "masterPasswordWo"));
    if (managed === UNKNOWN) {
        return writeOnly && config.allowWriteOnlyPassword ? [] : [unknownFinding("manageMasterUserPassword", FIX)];
    }
    if (writeOnly) {
        return config.allowWriteOnlyPassword
            ? []
            : [
                  violation(
                      "masterPasswordWo",
                      `\`masterPasswordWo\` keeps the password out of the state, but the program still handles it and it is never rotated. ${FIX} (Set the policy config \`allowWriteOnlyPassword: true\` to accept write-only passwords.)`,
                  ),
              ];
    }
    if (managed !== false && managed !== INVALID && INHERITS_CREDENTIALS.some((p) => isSet(read(props, p)))) {
        // Restored or secondary clusters take the source's credentials; the source is checked itself.
        return [];
    }
    const state = managed === undefined ? "is not set" : managed === INVALID ? "is not a boolean" : "is false";
    return [violation("manageMasterUserPassword", `\`manageMasterUserPassword\` ${state}, so the master password is not managed by Secrets Manager. ${FIX}`)];
}

function elasticFindings(props: PlainObject): Finding[] {
    const authType = asString(read(props, "authType"));
    if (authType === UNKNOWN) {
        return [unknownFinding("authType", ELASTIC_FIX)];
    }
    if (authType === undefined || authType === INVALID) {
        return [violation("authType", `\`authType\` is not set to a valid value. ${ELASTIC_FIX}`)];
    }
    const normalized = authType.trim().toUpperCase();
    if (normalized === "PLAIN_TEXT") {
        return [
            violation(
                "authType",
                `\`authType\` is PLAIN_TEXT, so \`adminUserPassword\` is the password itself: it is stored in the Pulumi state and visible to this policy in plaintext. ${ELASTIC_FIX}`,
            ),
        ];
    }
    if (normalized !== "SECRET_ARN") {
        return [violation("authType", `\`authType\` is neither SECRET_ARN nor PLAIN_TEXT. ${ELASTIC_FIX}`)];
    }
    const secret = asString(read(props, "adminUserPassword"));
    if (secret === UNKNOWN) {
        return [];
    }
    if (typeof secret !== "string" || !/^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:/i.test(secret.trim())) {
        return [
            violation(
                "adminUserPassword",
                "`adminUserPassword` is not a Secrets Manager secret ARN although `authType` is SECRET_ARN; if it holds the password itself, that password is in the Pulumi state. Set it to the secret's `arn` output.",
            ),
        ];
    }
    return [];
}

export const docdbManagedMasterPassword = resourcePolicy<PasswordConfig>({
    name: "docdb-managed-master-password",
    description: "DocumentDB master and elastic-cluster admin passwords must be kept in Secrets Manager, never passed as plaintext inputs.",
    controls: [39],
    category: "secrets-handling",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { pciDss: ["8.6.2"], nist: ["IA-5"], cdkNag: ["AwsSolutions-DOC3"] },
    resourceTypes: [DOCDB_CLUSTER, DOCDB_ELASTIC_CLUSTER],
    remediationSteps: [
        "1. On the aws.docdb.Cluster remove `masterPassword` / `masterPasswordWo` and set `manageMasterUserPassword: true` (optionally with a customer-managed key for the secret).",
        "2. Read the generated secret (cluster output `masterUserSecrets`) from applications instead of passing the password around.",
        '3. On an aws.docdb.ElasticCluster set `authType: "SECRET_ARN"` and `adminUserPassword: secret.arn` of an aws.secretsmanager.Secret.',
        "4. Rotate the old password after the change: it remains in the state history of earlier deployments.",
    ].join("\n"),
    config: {
        allowWriteOnlyPassword: {
            type: "boolean",
            default: false,
            description: "Accept `masterPasswordWo` (kept out of the state, but not rotated) instead of requiring `manageMasterUserPassword`.",
        },
    },
    check: ({ type, props, config }) => (type === DOCDB_ELASTIC_CLUSTER ? elasticFindings(props) : clusterFindings(props, config)),
});
