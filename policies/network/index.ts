import type { AnyPolicyDefinition } from "../lib/core/policy";
import { sgNoPublicAllPortsIngress } from "./sg-no-public-all-ports-ingress";
import { sgNoPublicDbPortIngress } from "./sg-no-public-db-port-ingress";
import { vpcDefaultSgClosed } from "./vpc-default-sg-closed";

export const networkPolicies: AnyPolicyDefinition[] = [sgNoPublicDbPortIngress, sgNoPublicAllPortsIngress, vpcDefaultSgClosed];
