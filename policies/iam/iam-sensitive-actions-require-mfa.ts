import { advice, undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { describeCapabilities, describeStatement, KEY_MATERIAL_ACTIONS, keyMaterialActionClass, requiresMfa, type Tri } from "../lib/aws/iam";
import {
    classifyTrust,
    awsManagedPolicyGrant,
    grantedActions,
    IAM_TYPES,
    IamModel,
    isAllow,
    listActions,
    matchesManagedList,
    parseDocument,
    reachesKeyMaterialBucket,
    type PrincipalRef,
} from "../lib/aws/iam-identity";
import type { Finding } from "../lib/core/policy";
import { stackPolicy } from "../lib/core/policy";
import { UNKNOWN } from "../lib/readers/values";

const REQUIREMENT =
    "every Allow of key-material actions (decrypting, secret and parameter reads, master-password resets, snapshot sharing, exports, reads and writes of key-material buckets) that reaches a person (IAM user, group, or a role people assume) needs `Condition: {Bool: {\"aws:MultiFactorAuthPresent\": \"true\"}}` (BoolIfExists does not count), unless the person is already MFA-enforced by a deny-without-MFA policy or the role's trust requires MFA.";

const FIX = 'Add `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}` to the statement, or put the user in a group whose policy denies everything when `BoolIfExists aws:MultiFactorAuthPresent` is false.';

/** AWS-managed policies known to allow key-material actions without any MFA condition. */
const KEY_MATERIAL_MANAGED = [
    "AdministratorAccess",
    "PowerUserAccess",
    "SecretsManagerReadWrite",
    "AmazonSSMFullAccess",
    "AmazonSSMReadOnlyAccess",
    "AmazonDynamoDBFullAccess",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonRDSFullAccess",
    "AmazonRDSDataFullAccess",
    "AmazonS3FullAccess",
    "AmazonS3ReadOnlyAccess",
    "AWSKeyManagementServicePowerUser",
    "ReadOnlyAccess",
    "SystemAdministrator",
    "DatabaseAdministrator",
    "DataScientist",
];

interface Config {
    [key: string]: string[];
    keyMaterialManagedPolicies: string[];
}

/**
 * `external`: a role of another stack, whose trust policy (who assumes it, with MFA or not) is not visible here.
 * `mfaImpossible`: a role only federated users or machine users assume, where an MFA condition can never hold.
 */
type Exposure = { human: Tri; gated: Tri; external?: boolean; mfaImpossible?: "federation" | "machine-user" };

/** What applies instead of an MFA condition nobody can meet: demanding one would only lock the role. */
const IMPOSSIBLE_MFA: Record<"federation" | "machine-user", string> = {
    federation:
        "The role is assumed through SAML or IAM Identity Center federation, whose sessions never carry aws:MultiFactorAuthPresent, so an MFA condition here would lock everyone out. Enforce MFA at the identity provider, and scope `Resource` to the keys and secrets the role needs.",
    "machine-user":
        "The role is assumed by an IAM user of this stack with no console password (automation such as CI), which cannot present an MFA code. Replace that user's access key with OIDC federation from the CI system (AssumeRoleWithWebIdentity, with the token's `sub` and `aud` pinned in the trust policy), and scope `Resource` to the keys and secrets the pipeline needs.",
};

const EXTERNAL_ROLE_NOTE =
    "The role is defined outside this stack, so whether people assume it, and with MFA, cannot be verified here. If people assume it, require MFA in its trust policy or in this statement; if only workloads do, this is fine.";

export const iamSensitiveActionsRequireMfa = stackPolicy<Config>({
    name: "iam-sensitive-actions-require-mfa",
    description: "Key-material permissions (decrypt, secret reads, master-password resets, snapshot sharing, exports, key-material bucket reads) that reach people (users, groups, roles people assume) must require MFA.",
    controls: [94],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["8.4.2"],
        nist: ["IA-2(1)"],
        trivy: ["AVD-AWS-0123"],
    },
    resourceTypes: [
        IAM_TYPES.policy,
        IAM_TYPES.rolePolicy,
        IAM_TYPES.userPolicy,
        IAM_TYPES.groupPolicy,
        IAM_TYPES.role,
        IAM_TYPES.policyAttachment,
        IAM_TYPES.userPolicyAttachment,
        IAM_TYPES.groupPolicyAttachment,
        IAM_TYPES.rolePolicyAttachment,
    ],
    remediationSteps: [
        '1. Add `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}` (or `NumericLessThan aws:MultiFactorAuthAge`) to every statement that allows kms:Decrypt, kms:GenerateDataKey*, secretsmanager:GetSecretValue, ssm:GetParameter*, rds-db:connect or key-table reads for people.',
        "2. Alternatively enforce MFA once per person: a group policy with `Effect: Deny`, `NotAction: [MFA self-management]`, `Resource: \"*\"`, `Condition: {BoolIfExists: {\"aws:MultiFactorAuthPresent\": \"false\"}}`, and put every user in that group.",
        "3. For roles people assume, require MFA in the trust policy statement that admits them; for workloads use a Service / web-identity trust with kms:ViaService or aws:SourceVpce conditions.",
        "4. Do not attach broad AWS-managed policies (AdministratorAccess, SecretsManagerReadWrite, ReadOnlyAccess, ...) to users, groups or human roles without MFA enforcement.",
    ].join("\n"),
    config: {
        keyMaterialManagedPolicies: {
            type: "array",
            items: { type: "string" },
            default: KEY_MATERIAL_MANAGED,
            description: "AWS-managed policy names (or ARNs) that allow key-material actions without MFA; attaching them to people is reported.",
        },
    },
    check: ({ resources, config, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const model = new IamModel(graph);
        const findings: Finding[] = [];
        const seen = new Set<string>();
        const push = (finding: Finding, key: string) => {
            if (!seen.has(key)) {
                seen.add(key);
                findings.push(finding);
            }
        };

        const exposure = (principal: PrincipalRef): Exposure => {
            switch (principal.kind) {
                case "user":
                case "group":
                    return { human: true, gated: false };
                case "role": {
                    if (!principal.resource) {
                        // A role of another stack: its trust policy is not visible here, so who uses it is open.
                        return { human: UNKNOWN, gated: false, external: true };
                    }
                    const trust = classifyTrust(principal.resource, graph);
                    return { human: trust.human, gated: trust.mfaGated, mfaImpossible: trust.mfaImpossible };
                }
                default:
                    return { human: UNKNOWN, gated: false };
            }
        };
        const enforced = (principal: PrincipalRef, actions: readonly string[]): Tri => {
            if (principal.kind === "user") {
                return model.userEnforced(principal.key, actions);
            }
            if (principal.kind === "group") {
                return model.groupEnforced(principal.key, actions);
            }
            return false;
        };

        for (const document of model.documents) {
            const { principal, holder, property } = document;
            const { human, gated, external, mfaImpossible } = exposure(principal);
            if (human === false || gated === true) {
                continue;
            }
            const path = `${principal.label} <- ${document.via}`;
            const parsed = parseDocument(document.value);
            if (parsed.kind === "unknown") {
                push(undecided(property, `\`${property}\` (${path}) is only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`, holder.urn), `u:${holder.urn}:${property}`);
                continue;
            }
            if (parsed.kind !== "document") {
                // Malformed documents are reported by iam-no-wildcard-resource-key-actions and iam-no-admin-policy.
                continue;
            }
            for (const statement of parsed.statements) {
                const allow = isAllow(statement);
                if (allow === false || statement.effect === "invalid") {
                    continue;
                }
                const mfa = requiresMfa(statement);
                if (mfa === true) {
                    continue;
                }
                const { granted: allGranted, maybe } = grantedActions(statement, KEY_MATERIAL_ACTIONS);
                // Bucket actions count on buckets that hold key material (or on every bucket) only.
                const storeOnly = allGranted.filter((a) => keyMaterialActionClass(a)?.keyMaterialStoresOnly === true);
                const reach: Tri = storeOnly.length === 0 ? false : reachesKeyMaterialBucket(statement, graph, holder, property, isKeyMaterial);
                const granted = reach === true ? allGranted : allGranted.filter((a) => !storeOnly.includes(a));
                const open: string[] = [];
                let openUnknown = maybe || reach === UNKNOWN;
                for (const action of granted) {
                    const e = enforced(principal, [action]);
                    if (e === false) {
                        open.push(action);
                    } else if (e === UNKNOWN) {
                        openUnknown = true;
                    }
                }
                const where = describeStatement(statement);
                const key = `${holder.urn}:${property}:${statement.index}:${principal.key}`;
                if (external && open.length > 0 && allow === true && mfa === false) {
                    push(advice(property, `${path}: ${where} allows ${listActions(open)} without MFA. ${EXTERNAL_ROLE_NOTE}`, holder.urn), key);
                } else if (mfaImpossible && open.length > 0 && allow === true && mfa === false) {
                    push(advice(property, `${path}: ${where} allows ${listActions(open)}. ${IMPOSSIBLE_MFA[mfaImpossible]}`, holder.urn), key);
                } else if (open.length > 0 && allow === true && mfa === false && human === true && gated === false) {
                    push(violation(property, `${path}: ${where} allows ${listActions(open)} without MFA: with one stolen password or access key, an attacker ${describeCapabilities(open)}. ${FIX}`, holder.urn), key);
                } else if (open.length > 0 || openUnknown) {
                    push(undecided(property, `${path}: ${where} depends on values only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`, holder.urn), key);
                }
            }
        }

        for (const attachment of model.managed) {
            const { principal, holder, property, arn } = attachment;
            const hit = matchesManagedList(arn, config.keyMaterialManagedPolicies);
            if (!hit) {
                continue;
            }
            const { human, gated, external, mfaImpossible } = exposure(principal);
            if (human === false || gated === true) {
                continue;
            }
            const e = enforced(principal, KEY_MATERIAL_ACTIONS);
            const key = `m:${holder.urn}:${property}:${principal.key}:${hit}`;
            const path = `${principal.label} <- ${holder.type === IAM_TYPES.role ? "managedPolicyArns" : `attachment ${holder.name}`} <- AWS-managed ${hit}`;
            if (external) {
                push(advice(property, `${path}: the AWS-managed policy allows key-material actions without MFA. ${EXTERNAL_ROLE_NOTE}`, holder.urn), key);
            } else if (mfaImpossible) {
                push(advice(property, `${path}: the AWS-managed policy allows key-material actions. ${IMPOSSIBLE_MFA[mfaImpossible]}`, holder.urn), key);
            } else if (e === false && human === true && gated === false) {
                push(violation(property, `${path}: the AWS-managed policy grants ${awsManagedPolicyGrant(hit)}, without MFA. Attach a customer-managed policy with an MFA condition instead, or enforce MFA for the principal.`, holder.urn), key);
            } else if (e !== true) {
                push(undecided(property, `${path} depends on values only known at update time; the policy re-checks it then. Requirement: ${REQUIREMENT}`, holder.urn), key);
            }
        }
        return findings;
    },
});
