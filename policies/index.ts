// The pack's entry point, run by `pulumi preview --policy-pack policies` (through run-policy-pack).
// It only assembles: constructing the PolicyPack starts the gRPC server and prints its port.

import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, sdkPolicies } from "./catalog";

// Pack-level metadata (PolicyPackArgs of @pulumi/policy 1.21.0), which Pulumi Cloud shows for a published pack.
// No `repository`: this pack has no public repository URL to name.
new PolicyPack(PACK_NAME, {
    displayName: "AWS Key Material Guard",
    description: "Blocks AWS data stores that expose key material without CMK encryption, TLS, network isolation or strong authentication.",
    provider: "aws",
    tags: ["aws", "security", "encryption", "key-material", "network-exposure"],
    readme: [
        "# AWS Key Material Guard",
        "",
        "Stops AWS data-store setups that expose key material (wallet keys, seeds, signing keys, database credentials)",
        "before they are deployed: every store that can hold keys or secrets (RDS, Aurora, DynamoDB, DocumentDB, Neptune,",
        "ElastiCache, MemoryDB, Redshift, OpenSearch, Secrets Manager, SSM, S3 backups, snapshots, Backup vaults) must be",
        "encrypted at rest with a customer-managed KMS key and in transit, reachable only from private networks, and",
        "guarded by strong authentication.",
        "",
        "Each policy names the property at fault and the fix. Levels, waivers, key-material classification and framework",
        "selection are set in the `pack-settings` entry of the policy pack configuration.",
    ].join("\n"),
    policies: sdkPolicies(),
});
