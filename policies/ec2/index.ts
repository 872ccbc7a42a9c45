import type { AnyPolicyDefinition } from "../lib/core/policy";
import { ec2DbHostEncryptedVolumes } from "./ec2-db-host-encrypted-volumes";
import { ec2DbHostImdsv2 } from "./ec2-db-host-imdsv2";
import { ec2DbHostNoPublicIp } from "./ec2-db-host-no-public-ip";
import { ec2DbHostNoPublicIpLinked } from "./ec2-db-host-no-public-ip-linked";
import { ec2NoSecretsInUserData } from "./ec2-no-secrets-in-user-data";
import { snapshotImageCopyCmk } from "./snapshot-image-copy-cmk";
import { snapshotImageNotShared } from "./snapshot-image-not-shared";

export const ec2Policies: AnyPolicyDefinition[] = [
    ec2DbHostNoPublicIp,
    ec2DbHostNoPublicIpLinked,
    ec2DbHostImdsv2,
    ec2DbHostEncryptedVolumes,
    ec2NoSecretsInUserData,
    snapshotImageNotShared,
    snapshotImageCopyCmk,
];
