import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { asNumber, INVALID, UNKNOWN } from "../lib/readers/values";
import { BACKUP_VAULT, BACKUP_VAULT_LOCK_CONFIGURATION } from "../lib/aws/types";

const LOCK = BACKUP_VAULT_LOCK_CONFIGURATION;

type Config = { minimumRetentionDays: number };

function judgeLock(lock: StackResource, minimum: number): Finding[] {
    const findings: Finding[] = [];
    const fix = `Set \`changeableForDays\` (compliance mode) and \`minRetentionDays\` of at least ${minimum}.`;
    const changeable = asNumber(lock.props["changeableForDays"]);
    if (changeable === UNKNOWN) {
        findings.push(unknownFinding("changeableForDays", fix, lock.urn));
    } else if (changeable === undefined) {
        findings.push(violation("changeableForDays", `\`changeableForDays\` is not set, so the lock is in governance mode and any principal with backup:DeleteBackupVaultLockConfiguration can remove it. ${fix}`, lock.urn));
    } else if (changeable === INVALID || changeable < 3) {
        findings.push(violation("changeableForDays", `\`changeableForDays\` is not a number of at least 3 (the AWS minimum for compliance mode). ${fix}`, lock.urn));
    }
    const retention = asNumber(lock.props["minRetentionDays"]);
    if (retention === UNKNOWN) {
        findings.push(unknownFinding("minRetentionDays", fix, lock.urn));
    } else if (retention === undefined || retention === INVALID || retention < minimum) {
        const state = retention === undefined ? "is not set" : retention === INVALID ? "is not a number" : `is below ${minimum} days`;
        findings.push(violation("minRetentionDays", `\`minRetentionDays\` ${state}, so recovery points can be deleted right after they are taken. ${fix}`, lock.urn));
    }
    return findings;
}

export const backupVaultLock = stackPolicy<Config>({
    name: "backup-vault-lock",
    description: "Every AWS Backup vault must have a compliance-mode vault lock with a minimum retention.",
    controls: [91],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["CP-9"] },
    resourceTypes: [BACKUP_VAULT, LOCK],
    remediationSteps: [
        "1. Add an aws.backup.VaultLockConfiguration with `backupVaultName: vault.name`, `minRetentionDays` (at least the configured minimum, 7 by default), `maxRetentionDays` and `changeableForDays` (3 or more).",
        "2. `changeableForDays` is what makes the lock compliance mode: once that grace period ends, nobody (root included) can delete recovery points early or remove the lock. Without it the lock is governance mode and can be removed.",
        "3. Logically air-gapped vaults are always compliance-locked and are not checked here.",
    ].join("\n"),
    config: {
        minimumRetentionDays: { type: "integer", default: 7, minimum: 1, description: "The smallest acceptable `minRetentionDays` of a vault lock." },
    },
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const lock of graph.ofType(LOCK)) {
            findings.push(...judgeLock(lock, config.minimumRetentionDays));
        }
        const untraceable = graph.ofType(LOCK).some((l) => l.props["backupVaultName"] === UNKNOWN && (l.propertyDependencies["backupVaultName"] ?? []).length === 0);
        for (const vault of graph.ofType(BACKUP_VAULT)) {
            if (graph.referencing(vault, [LOCK], "backupVaultName").length > 0) {
                continue;
            }
            findings.push(
                untraceable
                    ? undecided("vaultLockConfiguration", "Whether a vault lock covers this vault depends on a name computed at update time; the policy re-checks then.", vault.urn)
                    : violation(
                          "vaultLockConfiguration",
                          "No aws.backup.VaultLockConfiguration locks this vault, so a compromised administrator can delete every recovery point of the key store. Add a compliance-mode lock (`changeableForDays` and `minRetentionDays`).",
                          vault.urn,
                      ),
            );
        }
        return findings;
    },
});
