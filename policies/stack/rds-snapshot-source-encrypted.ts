import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding } from "../lib/core/policy";
import { asBool, asString, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { RDS_CLUSTER, RDS_CLUSTER_SNAPSHOT, RDS_INSTANCE, RDS_SNAPSHOT } from "../lib/aws/types";

const SNAPSHOTS = [
    { type: RDS_SNAPSHOT, property: "dbInstanceIdentifier", sources: [RDS_INSTANCE], label: "DB snapshot" },
    { type: RDS_CLUSTER_SNAPSHOT, property: "dbClusterIdentifier", sources: [RDS_CLUSTER], label: "cluster snapshot" },
] as const;

/** Is the source's storage encrypted? Aurora Serverless v1 always is; a key alone encrypts replicas and restores. */
function sourceEncrypted(props: PlainObject): boolean | typeof UNKNOWN {
    const encrypted = asBool(read(props, "storageEncrypted"));
    if (encrypted === true) {
        return true;
    }
    const mode = asString(read(props, "engineMode"));
    if (mode === "serverless") {
        return true;
    }
    const key = read(props, "kmsKeyId");
    if (key === UNKNOWN || encrypted === UNKNOWN) {
        return UNKNOWN;
    }
    return typeof key === "string" && key.trim() !== "";
}

export const rdsSnapshotSourceEncrypted = stackPolicy({
    name: "rds-snapshot-source-encrypted",
    description: "Manual RDS snapshots are taken only of encrypted instances and clusters (a snapshot inherits its source's encryption).",
    controls: [15],
    category: "encryption-at-rest",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { securityHub: ["RDS.4"], checkov: ["CKV_AWS_146"], nist: ["SC-28"], pciDss: ["3.5.1"] },
    resourceTypes: SNAPSHOTS.map((s) => s.type),
    remediationSteps: [
        "1. Encrypt the source first: set `storageEncrypted: true` and a customer-managed `kmsKeyId` on the instance or cluster (for an existing one, restore it from an encrypted snapshot copy).",
        "2. To keep an existing unencrypted snapshot, replace it with an aws.rds.SnapshotCopy (or ClusterSnapshotCopy) that sets a customer-managed `kmsKeyId`, and delete the unencrypted one.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        for (const snapshot of SNAPSHOTS) {
            for (const resource of graph.ofType(snapshot.type)) {
                const ref = graph.referenced(resource, snapshot.property, [...snapshot.sources]);
                if (ref.unresolved) {
                    findings.push(undecided(snapshot.property, `The source of ${snapshot.label} ${resource.name} is computed and cannot be followed; it is checked once known.`, resource.urn));
                }
                for (const source of ref.resources) {
                    const encrypted = sourceEncrypted(source.props);
                    if (encrypted === false) {
                        findings.push(violation(snapshot.property, `${snapshot.label} ${resource.name} copies ${source.name}, whose storage is not encrypted, so the snapshot holds the data in clear. Encrypt the source or copy the snapshot with a customer-managed key.`, resource.urn));
                    } else if (encrypted === UNKNOWN) {
                        findings.push(undecided(snapshot.property, `Whether the source ${source.name} of ${snapshot.label} ${resource.name} is encrypted is computed; it is checked once known.`, resource.urn));
                    }
                }
            }
        }
        return findings;
    },
});
