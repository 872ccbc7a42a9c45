import { classifyKey, keyFindings, unknownFinding, violation } from "../lib/readers/checks";
import { block, replicaEntries } from "./lib/dynamodb";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN, type Plain, type PlainObject } from "../lib/readers/values";
import { DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA } from "../lib/aws/types";

const FIX =
    "Set `serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed aws.kms.Key ARN> }` so only the principals your key policy names can decrypt the table, its backups and exports.";
const REPLICA_FIX = "Set `kmsKeyArn` to a customer-managed key in the replica's region (an aws.kms.Key or aws.kms.ReplicaKey there).";

/** The finding for a key reference that must be a customer-managed key; none when it is one (or computed). */
function keyFinding(value: Plain, property: string, fix: string): Finding[] {
    return keyFindings(value, property, {
        whenAbsent:
            "the data is encrypted with an AWS-owned or the AWS-managed `aws/dynamodb` key, whose key policy you cannot restrict: anyone in the account allowed to read the table can decrypt it",
        expected: "a key ARN",
        fix,
    });
}

function tableFindings(props: PlainObject): Finding[] {
    const findings: Finding[] = [];
    const sse = block(props, "serverSideEncryption");
    if (sse === UNKNOWN) {
        findings.push(unknownFinding("serverSideEncryption", FIX));
    } else if (sse === undefined) {
        findings.push(
            violation(
                "serverSideEncryption",
                `\`serverSideEncryption\` is not set, so the table is encrypted with an AWS-owned key: no key policy you control and no CloudTrail record of its use. ${FIX}`,
            ),
        );
    } else if (sse === INVALID) {
        findings.push(violation("serverSideEncryption", `\`serverSideEncryption\` is not an object. ${FIX}`));
    } else {
        const enabled = asBool(sse["enabled"]);
        const key = read(sse, "kmsKeyArn");
        const keyKind = classifyKey(key);
        if (enabled === UNKNOWN) {
            if (keyKind === "customer-managed" || keyKind === "unknown") {
                // The key is right; whether it is used depends on the computed flag.
                findings.push(unknownFinding("serverSideEncryption.enabled", FIX));
            }
        } else if (enabled !== true) {
            const state = enabled === undefined ? "is not set" : enabled === INVALID ? "is not a boolean" : "is false";
            findings.push(
                violation(
                    "serverSideEncryption.enabled",
                    `\`serverSideEncryption.enabled\` ${state}, so the table uses an AWS-owned key and any \`kmsKeyArn\` is ignored. ${FIX}`,
                ),
            );
        }
        findings.push(...keyFinding(key, "serverSideEncryption.kmsKeyArn", FIX));
    }

    const replicas = replicaEntries(props);
    if (replicas === UNKNOWN) {
        findings.push(unknownFinding("replicas", `every replica must set \`kmsKeyArn\` to a customer-managed key. ${REPLICA_FIX}`));
        return findings;
    }
    for (const replica of replicas) {
        if (replica.value === UNKNOWN) {
            findings.push(unknownFinding(`${replica.path}.kmsKeyArn`, REPLICA_FIX));
        } else if (replica.value === INVALID) {
            findings.push(violation(replica.path, `\`${replica.path}\` is not an object. ${REPLICA_FIX}`));
        } else {
            findings.push(...keyFinding(read(replica.value, "kmsKeyArn"), `${replica.path}.kmsKeyArn`, REPLICA_FIX));
        }
    }
    return findings;
}

export const dynamodbSseCmk = resourcePolicy({
    name: "dynamodb-sse-cmk",
    description: "DynamoDB tables and every global-table replica must be encrypted with a customer-managed KMS key.",
    controls: [31],
    category: "key-management",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.5.1", "3.6.1"],
        nist: ["SC-12", "SC-28"],
        checkov: ["CKV_AWS_119", "CKV_AWS_271"],
        trivy: ["AVD-AWS-0025"],
    },
    resourceTypes: [DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA],
    remediationSteps: [
        "1. Create (or reuse) a customer-managed aws.kms.Key whose key policy names only the roles that must read the table.",
        "2. On the aws.dynamodb.Table set `serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }`; DynamoDB switches the key in place.",
        "3. For every entry of `replicas[]` and every aws.dynamodb.TableReplica, set `kmsKeyArn` to a customer-managed key in that replica's region (changing it recreates the replica).",
        "4. Do not use `alias/aws/dynamodb` or omit the key: the AWS-owned and AWS-managed keys cannot be restricted by a key policy.",
    ].join("\n"),
    check: ({ type, props }) => {
        if (type === DYNAMODB_TABLE_REPLICA) {
            return keyFinding(read(props, "kmsKeyArn"), "kmsKeyArn", REPLICA_FIX);
        }
        return tableFindings(props);
    },
});
