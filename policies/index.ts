// The pack's entry point, run by `pulumi preview --policy-pack policies` (through run-policy-pack).
// It only assembles: constructing the PolicyPack starts the gRPC server and prints its port.

import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, sdkPolicies } from "./catalog";

new PolicyPack(PACK_NAME, {
    description: "Blocks AWS data stores that expose key material without CMK encryption, TLS, network isolation or strong authentication.",
    policies: sdkPolicies(),
});
