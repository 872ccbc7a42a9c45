// Resource types shared by the OpenSearch policies. `aws.elasticsearch.Domain` is the legacy name of the same
// service and takes the same inputs, except that it has no `advancedSecurityOptions.anonymousAuthEnabled` and its
// `accessPolicies` may also be an object (a PolicyDocument) instead of a JSON string.

export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";
export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";
export const DOMAIN_TYPES: readonly string[] = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN];

export const OPENSEARCH_DOMAIN_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
export const ELASTICSEARCH_DOMAIN_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";
export const DOMAIN_POLICY_TYPES: readonly string[] = [OPENSEARCH_DOMAIN_POLICY, ELASTICSEARCH_DOMAIN_POLICY];
