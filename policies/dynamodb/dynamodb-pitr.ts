import { unknownFinding, violation } from "../lib/readers/checks";
import { block, expectFlagValue, replicaEntries } from "./lib/dynamodb";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asBool, asNumber, containsUnknown, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA } from "../lib/aws/types";

const FIX =
    "Set `pointInTimeRecovery: { enabled: true }` so the key table can be restored to any second of the recovery window after a malicious overwrite or delete.";
const REPLICA_FIX = "Set `pointInTimeRecovery: true` on the replica; each replica keeps its own recovery window.";
/** The documented default of `pointInTimeRecovery.recoveryPeriodInDays`. */
const DEFAULT_RECOVERY_DAYS = 35;

type PitrConfig = {
    minimumRecoveryPeriodDays: number;
};

function recoveryPeriodFindings(pitr: PlainObject, minimum: number): Finding[] {
    const property = "pointInTimeRecovery.recoveryPeriodInDays";
    const fix = `Set \`recoveryPeriodInDays\` to at least ${minimum} (or omit it for the default of ${DEFAULT_RECOVERY_DAYS}).`;
    const days = asNumber(read(pitr, "recoveryPeriodInDays"));
    if (days === UNKNOWN) {
        return [unknownFinding(property, fix)];
    }
    if (days === INVALID) {
        return [violation(property, `\`${property}\` is not a number. ${fix}`)];
    }
    if ((days ?? DEFAULT_RECOVERY_DAYS) >= minimum) {
        return [];
    }
    return [violation(property, `\`${property}\` keeps fewer days than the required ${minimum}, so older tampering cannot be rolled back. ${fix}`)];
}

function tableFindings(props: PlainObject, minimum: number): Finding[] {
    const findings: Finding[] = [];
    const pitr = block(props, "pointInTimeRecovery");
    if (pitr === UNKNOWN) {
        findings.push(unknownFinding("pointInTimeRecovery", FIX));
    } else if (pitr === undefined) {
        findings.push(violation("pointInTimeRecovery", `\`pointInTimeRecovery\` is not set, so point-in-time recovery is off (the default). ${FIX}`));
    } else if (pitr === INVALID) {
        findings.push(violation("pointInTimeRecovery", `\`pointInTimeRecovery\` is not an object. ${FIX}`));
    } else {
        const enabled = read(pitr, "enabled");
        findings.push(...expectFlagValue(enabled, "pointInTimeRecovery.enabled", { expected: true, defaultValue: false, fix: FIX }));
        if (asBool(enabled) === true) {
            findings.push(...recoveryPeriodFindings(pitr, minimum));
        }
    }
    const replicas = replicaEntries(props);
    if (replicas === UNKNOWN) {
        findings.push(unknownFinding("replicas", `every replica must set \`pointInTimeRecovery: true\`. ${REPLICA_FIX}`));
        return findings;
    }
    for (const replica of replicas) {
        const property = `${replica.path}.pointInTimeRecovery`;
        if (replica.value === UNKNOWN) {
            findings.push(unknownFinding(property, REPLICA_FIX));
        } else if (replica.value === INVALID) {
            findings.push(violation(replica.path, `\`${replica.path}\` is not an object. ${REPLICA_FIX}`));
        } else {
            findings.push(...expectFlagValue(read(replica.value, "pointInTimeRecovery"), property, { expected: true, defaultValue: false, fix: REPLICA_FIX }));
        }
    }
    return findings;
}

export const dynamodbPitr = resourcePolicy<PitrConfig>({
    name: "dynamodb-pitr",
    description: "DynamoDB tables and their replicas must have point-in-time recovery enabled with a sufficient recovery window.",
    controls: [32],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["DynamoDB.2"],
        nist: ["CP-9", "CP-10"],
        checkov: ["CKV_AWS_28", "CKV_AWS_165"],
        trivy: ["AVD-AWS-0024"],
        cdkNag: ["AwsSolutions-DDB3"],
    },
    resourceTypes: [DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA],
    remediationSteps: [
        "1. On the aws.dynamodb.Table set `pointInTimeRecovery: { enabled: true }`; leave `recoveryPeriodInDays` unset (35 days) or at least the configured minimum.",
        "2. Set `pointInTimeRecovery: true` on every entry of `replicas[]` and on every aws.dynamodb.TableReplica.",
        "3. Enabling takes effect in place; it can take a few minutes before the first restore point exists.",
    ].join("\n"),
    config: {
        minimumRecoveryPeriodDays: {
            type: "integer",
            default: 7,
            minimum: 1,
            maximum: 35,
            description: "The smallest `pointInTimeRecovery.recoveryPeriodInDays` accepted (DynamoDB allows 1 to 35; the default is 35).",
        },
    },
    check: ({ type, props, config }) => {
        if (type === DYNAMODB_TABLE_REPLICA) {
            return expectFlagValue(read(props, "pointInTimeRecovery"), "pointInTimeRecovery", { expected: true, defaultValue: false, fix: REPLICA_FIX });
        }
        return tableFindings(props, config.minimumRecoveryPeriodDays);
    },
    // In place (point_in_time_recovery is not ForceNew on the table or on TableReplica; the provider turns it on with
    // UpdateContinuousBackups, which keeps every item). Only recovery known to be off is turned on; the rest of the
    // table's block (`recoveryPeriodInDays`) is kept as written, and inline `replicas[]` are left to the check.
    remediate: ({ type, props }) => {
        if (type === DYNAMODB_TABLE_REPLICA) {
            const enabled = asBool(read(props, "pointInTimeRecovery"));
            return enabled === UNKNOWN || enabled === true ? undefined : { pointInTimeRecovery: true };
        }
        const pitr = block(props, "pointInTimeRecovery");
        if (pitr === UNKNOWN) {
            return undefined;
        }
        if (pitr === undefined || pitr === INVALID) {
            return { pointInTimeRecovery: { enabled: true } };
        }
        const enabled = asBool(read(pitr, "enabled"));
        // A block with a computed field cannot be rewritten without losing it: leave it to the check.
        if (enabled === UNKNOWN || enabled === true || containsUnknown(pitr)) {
            return undefined;
        }
        return { pointInTimeRecovery: { ...pitr, enabled: true } };
    },
});
