// Resource types shared by the OpenSearch policies. `aws.elasticsearch.Domain` is the legacy name of the same
// service and takes the same inputs, except that it has no `advancedSecurityOptions.anonymousAuthEnabled` and its
// `accessPolicies` may also be an object (a PolicyDocument) instead of a JSON string.

import { ELASTICSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN_POLICY, OPENSEARCH_DOMAIN, OPENSEARCH_DOMAIN_POLICY } from "../../lib/aws/types";

export const DOMAIN_TYPES: readonly string[] = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN];

export const DOMAIN_POLICY_TYPES: readonly string[] = [OPENSEARCH_DOMAIN_POLICY, ELASTICSEARCH_DOMAIN_POLICY];
