import type { AnyPolicyDefinition } from "../lib/core/policy";
import { dmsCmk } from "./dms-cmk";
import { dmsEndpointTls } from "./dms-endpoint-tls";
import { dmsReplicationInstanceNotPublic } from "./dms-replication-instance-not-public";

export const dmsPolicies: AnyPolicyDefinition[] = [dmsReplicationInstanceNotPublic, dmsCmk, dmsEndpointTls];
