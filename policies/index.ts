// The pack's entry point, run by `pulumi preview --policy-pack policies` (through run-policy-pack).
// It only assembles: constructing the PolicyPack starts the gRPC server and prints its port.

import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "./catalog";
import { toSdkPolicy } from "./lib/policy";

new PolicyPack(PACK_NAME, {
    policies: allPolicies.map(toSdkPolicy),
});
