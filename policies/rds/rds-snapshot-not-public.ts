import { asStringList, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { INVALID, read, UNKNOWN } from "../lib/readers/values";
import { RDS_CLUSTER_SNAPSHOT, RDS_CLUSTER_SNAPSHOT_COPY, RDS_SNAPSHOT, RDS_SNAPSHOT_COPY } from "../lib/aws/types";

const FIX = 'Remove "all" from `sharedAccounts` and share the snapshot only with the account ids that must restore it (and encrypt it with a CMK whose key policy allows only them).';

export const rdsSnapshotNotPublic = resourcePolicy<{ allowedAccountIds: string[] }>({
    name: "rds-snapshot-not-public",
    description: "RDS DB and cluster snapshots (and their copies) must not be shared publicly, and only with allowed accounts when an allow-list is configured.",
    controls: [14],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["RDS.1"],
        pciDss: ["1.4.4"],
        nist: ["AC-3"],
        checkov: ["CKV_AWS_302"],
    },
    resourceTypes: [
        RDS_SNAPSHOT,
        RDS_CLUSTER_SNAPSHOT,
        RDS_SNAPSHOT_COPY,
        RDS_CLUSTER_SNAPSHOT_COPY,
    ],
    remediationSteps: [
        '1. Remove "all" from `sharedAccounts`; a public snapshot can be restored by any AWS account, which gets a full offline copy of the data.',
        "2. List only the account ids that must restore the snapshot (and add them to the `allowedAccountIds` policy config if it is set).",
        "3. Check the account for snapshots shared by hand (`aws rds describe-db-snapshot-attributes`), which the policy cannot see.",
    ].join("\n"),
    config: {
        allowedAccountIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "AWS account ids snapshots may be shared with. Empty: any specific account is allowed; only public sharing (\"all\") is a violation.",
        },
    },
    check: ({ props, config }): Finding[] => {
        const accounts = asStringList(read(props, "sharedAccounts"));
        if (accounts === UNKNOWN) {
            return [unknownFinding("sharedAccounts", FIX)];
        }
        const allowed = new Set(config.allowedAccountIds.map((id) => id.trim()));
        const findings: Finding[] = [];
        let unknownAt: number | undefined;
        accounts.forEach((account, index) => {
            const property = `sharedAccounts.${index}`;
            if (account === UNKNOWN) {
                unknownAt ??= index;
            } else if (account === INVALID || account === undefined) {
                findings.push(violation(property, `\`${property}\` is not an account id. ${FIX}`));
            } else if (account.trim().toLowerCase() === "all") {
                findings.push(violation(property, `\`${property}\` is "all", which makes the snapshot public: any AWS account can restore it. ${FIX}`));
            } else if (allowed.size > 0 && !allowed.has(account.trim())) {
                findings.push(violation(property, `\`${property}\` is an account id that is not in the policy's \`allowedAccountIds\`. ${FIX}`));
            }
        });
        if (findings.length === 0 && unknownAt !== undefined) {
            return [unknownFinding(`sharedAccounts.${unknownAt}`, `it must not be "all"${allowed.size > 0 ? " and must be an allowed account id" : ""}. ${FIX}`)];
        }
        return findings;
    },
});
