import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { parsePolicyDocument } from "../lib/aws/iam";
import { isDefaultKeyPolicy, KMS_KEY_TYPES } from "../lib/aws/kms";
import type { Finding } from "../lib/core/policy";
import { linkedMetadata, stackPolicy } from "../lib/core/policy";
import { isAbsent, read, UNKNOWN } from "../lib/readers/values";
import { KMS_KEY_POLICY } from "../lib/aws/types";
import { kmsKeyPolicyLeastPrivilege } from "./kms-key-policy-least-privilege";

const FIX =
    "Set `policy` on the key (or add an aws.kms.KeyPolicy for it) with an administration statement for a named admin role and a usage statement for named roles with a `kms:ViaService` condition.";

export const kmsKeyPolicyLeastPrivilegeLinked = stackPolicy({
    name: "kms-key-policy-least-privilege-linked",
    description: "Every KMS key in the stack must get an explicit key policy, inline or through an aws.kms.KeyPolicy, instead of the default policy that delegates all use to IAM.",
    ...linkedMetadata(kmsKeyPolicyLeastPrivilege),
    resourceTypes: [...KMS_KEY_TYPES, KMS_KEY_POLICY],
    remediationSteps: [
        "1. Give each aws.kms.Key, ReplicaKey and ExternalKey an explicit `policy`, or create an aws.kms.KeyPolicy whose `keyId` is the key's id.",
        "2. In that policy, separate the administration statement (named admin role, management actions only) from the usage statement (named roles, kms:Decrypt etc. with `kms:ViaService`).",
        "3. Do not rely on the default key policy: it gives the account root kms:*, so every IAM policy in the account that allows kms:Decrypt on \"*\" can decrypt the key material.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const key of graph.ofType(...KMS_KEY_TYPES)) {
            if (graph.referencing(key, [KMS_KEY_POLICY], "keyId").length > 0) {
                continue;
            }
            const policy = read(key.props, "policy");
            if (isAbsent(policy) || (typeof policy === "string" && policy.trim() === "")) {
                findings.push(
                    violation(
                        "policy",
                        `\`policy\` is not set and no aws.kms.KeyPolicy in the stack sets it, so the default key policy applies: it gives the account root kms:*, delegating Decrypt to every IAM policy in the account. ${FIX}`,
                        key.urn,
                    ),
                );
                continue;
            }
            if (policy === UNKNOWN) {
                if ((key.propertyDependencies.policy ?? []).length === 0) {
                    findings.push(
                        undecided(
                            "policy",
                            "`policy` is not known yet and depends on no resource of the stack; if it is omitted, the default key policy (account root gets kms:*) applies. The policy re-checks it at update time.",
                            key.urn,
                        ),
                    );
                }
                continue;
            }
            const document = parsePolicyDocument(policy);
            if (document.kind === "document" && isDefaultKeyPolicy(document.statements)) {
                findings.push(
                    violation(
                        "policy",
                        `\`policy\` is the default key policy (only the account root with kms:*), which delegates Decrypt to every IAM policy in the account. ${FIX}`,
                        key.urn,
                    ),
                );
            }
        }
        return findings;
    },
});
