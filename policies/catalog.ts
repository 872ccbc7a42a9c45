// Every policy of the pack, in catalog order. Importing this starts nothing: the entry point (index.ts)
// is the only module that constructs the PolicyPack, which starts the gRPC server.

import { backupPolicies } from "./backup";
import { cloudtrailPolicies } from "./cloudtrail";
import { docdbPolicies } from "./docdb";
import { dynamodbPolicies } from "./dynamodb";
import { ec2Policies } from "./ec2";
import { elasticachePolicies } from "./elasticache";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import type { PolicyPackArgs } from "@pulumi/policy";
import type { AnyPolicyDefinition } from "./lib/policy";
import { toSdkPolicy } from "./lib/policy";
import { neptunePolicies } from "./neptune";
import { networkPolicies } from "./network";
import { opensearchPolicies } from "./opensearch";
import { packSettingsPolicy } from "./pack-settings";
import { rdsPolicies } from "./rds";
import { redshiftPolicies } from "./redshift";
import { s3Policies } from "./s3";
import { secretsPolicies } from "./secrets";
import { stackPolicies } from "./stack";

export const PACK_NAME = "aws-key-material-guard";

export const allPolicies: readonly AnyPolicyDefinition[] = [
    ...rdsPolicies,
    ...kmsPolicies,
    ...networkPolicies,
    ...ec2Policies,
    ...dynamodbPolicies,
    ...docdbPolicies,
    ...neptunePolicies,
    ...elasticachePolicies,
    ...redshiftPolicies,
    ...opensearchPolicies,
    ...secretsPolicies,
    ...s3Policies,
    ...backupPolicies,
    ...iamPolicies,
    ...cloudtrailPolicies,
    ...stackPolicies,
];

/** The SDK policies of the pack, `pack-settings` first (it loads the settings the others apply). */
export function sdkPolicies(): PolicyPackArgs["policies"] {
    return [packSettingsPolicy, ...allPolicies.map(toSdkPolicy)];
}
