import type { AnyPolicyDefinition } from "../lib/core/policy";
import { elasticacheAtRestEncryptionCmk } from "./elasticache-at-rest-encryption-cmk";
import { elasticacheAuthRequired } from "./elasticache-auth-required";
import { elasticacheAuthRequiredLinked } from "./elasticache-auth-required-linked";
import { elasticacheBackups } from "./elasticache-backups";
import { elasticacheCustomSubnetGroup } from "./elasticache-custom-subnet-group";
import { elasticacheInTransitEncryption } from "./elasticache-in-transit-encryption";
import { memorydbCmkAndSnapshots } from "./memorydb-cmk-and-snapshots";
import { memorydbTlsAndAcl } from "./memorydb-tls-and-acl";

export const elasticachePolicies: AnyPolicyDefinition[] = [
    elasticacheAtRestEncryptionCmk,
    elasticacheInTransitEncryption,
    elasticacheAuthRequired,
    elasticacheAuthRequiredLinked,
    elasticacheBackups,
    elasticacheCustomSubnetGroup,
    memorydbTlsAndAcl,
    memorydbCmkAndSnapshots,
];
