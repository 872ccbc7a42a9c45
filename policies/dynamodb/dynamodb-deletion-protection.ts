import { unknownFinding, violation } from "../lib/readers/checks";
import { expectFlagValue, replicaEntries } from "./lib/dynamodb";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, INVALID, read, UNKNOWN } from "../lib/readers/values";
import { DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA } from "../lib/aws/types";

const FIX = "Set `deletionProtectionEnabled: true` so one DeleteTable call (or a stray `pulumi destroy`) cannot destroy the key table.";
const REPLICA_FIX = "Set `deletionProtectionEnabled: true` on the replica; each replica can otherwise be deleted on its own.";

const flag = { expected: true, defaultValue: false } as const;

export const dynamodbDeletionProtection = resourcePolicy({
    name: "dynamodb-deletion-protection",
    description: "DynamoDB tables and their replicas must have deletion protection enabled.",
    controls: [33],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { securityHub: ["DynamoDB.6"] },
    resourceTypes: [DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA],
    remediationSteps: [
        "1. Set `deletionProtectionEnabled: true` on the aws.dynamodb.Table; it is updated in place.",
        "2. Set `deletionProtectionEnabled: true` on every entry of `replicas[]` and on every aws.dynamodb.TableReplica.",
        "3. To delete the table later on purpose, turn protection off in a separate, reviewed change first.",
    ].join("\n"),
    check: ({ type, props }) => {
        if (type === DYNAMODB_TABLE_REPLICA) {
            return expectFlagValue(read(props, "deletionProtectionEnabled"), "deletionProtectionEnabled", { ...flag, fix: REPLICA_FIX });
        }
        const findings: Finding[] = expectFlagValue(read(props, "deletionProtectionEnabled"), "deletionProtectionEnabled", { ...flag, fix: FIX });
        const replicas = replicaEntries(props);
        if (replicas === UNKNOWN) {
            return [...findings, unknownFinding("replicas", `every replica must set \`deletionProtectionEnabled: true\`. ${REPLICA_FIX}`)];
        }
        for (const replica of replicas) {
            const property = `${replica.path}.deletionProtectionEnabled`;
            if (replica.value === UNKNOWN) {
                findings.push(unknownFinding(property, REPLICA_FIX));
            } else if (replica.value === INVALID) {
                findings.push(violation(replica.path, `\`${replica.path}\` is not an object. ${REPLICA_FIX}`));
            } else {
                findings.push(...expectFlagValue(read(replica.value, "deletionProtectionEnabled"), property, { ...flag, fix: REPLICA_FIX }));
            }
        }
        return findings;
    },
    // In place (deletion_protection_enabled is not ForceNew; test/data/replace-forcing.json), and only the table's own
    // flag, when it is known and not already on. Inline `replicas[]` and aws.dynamodb.TableReplica are left to the
    // check: their deletion-protection input was not verified against the provider source.
    remediate: ({ type, props }) => {
        if (type !== DYNAMODB_TABLE) {
            return undefined;
        }
        const enabled = asBool(read(props, "deletionProtectionEnabled"));
        return enabled === UNKNOWN || enabled === true ? undefined : { deletionProtectionEnabled: true };
    },
});
