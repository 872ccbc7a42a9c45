import { unknownFinding, violation } from "../lib/readers/checks";
import { DOMAIN_TYPES } from "./lib/opensearch";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asList, isAbsent, isObject, read, UNKNOWN } from "../lib/readers/values";

const FIX =
    "Set `vpcOptions.subnetIds` to private subnets (and `vpcOptions.securityGroupIds` to groups that admit only the application's security groups). The endpoint type cannot be changed in place: create a VPC domain and restore a snapshot into it.";

export const opensearchVpcOnly = resourcePolicy({
    name: "opensearch-vpc-only",
    description: "OpenSearch and Elasticsearch domains must be placed in a VPC instead of exposing a public endpoint.",
    controls: [64],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["OpenSearch.2", "ES.2"],
        pciDss: ["1.4.4"],
        nist: ["SC-7"],
        checkov: ["CKV_AWS_137"],
        cdkNag: ["AwsSolutions-OS1"],
    },
    resourceTypes: DOMAIN_TYPES,
    remediationSteps: [
        "1. Create private subnets (no route to an internet gateway) and a security group for the domain that admits only the application's security groups on 443.",
        "2. Set `vpcOptions: { subnetIds: [...privateSubnetIds], securityGroupIds: [domainSg.id] }` on the domain.",
        "3. Adding `vpcOptions` replaces the domain: take a manual snapshot, create the VPC domain, restore, then switch clients over.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const options = read(props, "vpcOptions");
        if (options === UNKNOWN) {
            return [unknownFinding("vpcOptions", FIX)];
        }
        if (isAbsent(options)) {
            return [violation("vpcOptions", `\`vpcOptions\` is not set, so the domain gets a public endpoint reachable from the internet. ${FIX}`)];
        }
        if (!isObject(options)) {
            return [violation("vpcOptions", `\`vpcOptions\` is not an object. ${FIX}`)];
        }
        const subnets = asList(options.subnetIds);
        if (subnets === UNKNOWN) {
            return [unknownFinding("vpcOptions.subnetIds", FIX)];
        }
        const usable = subnets.filter((s) => s === UNKNOWN || (typeof s === "string" && s.trim() !== ""));
        if (usable.length === 0) {
            return [violation("vpcOptions.subnetIds", `\`vpcOptions.subnetIds\` is empty, so the domain is not placed in a VPC. ${FIX}`)];
        }
        if (usable.length !== subnets.length) {
            return [violation("vpcOptions.subnetIds", `\`vpcOptions.subnetIds\` contains entries that are not subnet ids. ${FIX}`)];
        }
        // Which subnets are private and which security groups guard the endpoint is checked by db-subnets-private
        // and db-sg-no-public-source, which follow the references across the stack.
        return [];
    },
});
