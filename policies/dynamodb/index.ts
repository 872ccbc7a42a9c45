import type { AnyPolicyDefinition } from "../lib/core/policy";
import { daxEncryption } from "./dax-encryption";
import { dynamodbDeletionProtection } from "./dynamodb-deletion-protection";
import { dynamodbPitr } from "./dynamodb-pitr";
import { dynamodbResourcePolicyNotPublic } from "./dynamodb-resource-policy-not-public";
import { dynamodbSseCmk } from "./dynamodb-sse-cmk";

export const dynamodbPolicies: AnyPolicyDefinition[] = [
    dynamodbSseCmk,
    dynamodbPitr,
    dynamodbDeletionProtection,
    dynamodbResourcePolicyNotPublic,
    daxEncryption,
];
