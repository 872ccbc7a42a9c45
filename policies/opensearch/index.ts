import type { AnyPolicyDefinition } from "../lib/core/policy";
import { opensearchAuditLogs } from "./opensearch-audit-logs";
import { opensearchEncryptAtRestCmk } from "./opensearch-encrypt-at-rest-cmk";
import { opensearchFgacNoAnonymous } from "./opensearch-fgac-no-anonymous";
import { opensearchHttpsTls12 } from "./opensearch-https-tls12";
import { opensearchServerlessEncryptionCmk } from "./opensearch-serverless-encryption-cmk";
import { opensearchServerlessNetworkPrivate } from "./opensearch-serverless-network-private";
import { opensearchNodeToNodeEncryption } from "./opensearch-node-to-node-encryption";
import { opensearchVpcOnly } from "./opensearch-vpc-only";

export const opensearchPolicies: AnyPolicyDefinition[] = [
    opensearchEncryptAtRestCmk,
    opensearchNodeToNodeEncryption,
    opensearchHttpsTls12,
    opensearchVpcOnly,
    opensearchFgacNoAnonymous,
    opensearchAuditLogs,
    opensearchServerlessEncryptionCmk,
    opensearchServerlessNetworkPrivate,
];
