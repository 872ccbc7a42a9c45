// Shared by the per-resource security-group policies (sg-no-public-db-port-ingress, sg-no-public-all-ports-ingress):
// the ingress rules of a resource with the "is this really ingress?" question answered, readable names for
// rules and sources, and the validation of the CIDR allow-list in the policy config.

import { violation } from "../readers/checks";
import {
    classifyCidr,
    ingressRulesOf,
    SECURITY_GROUP_RULE,
    type Exposure,
    type IngressRule,
} from "./network";
import type { Finding } from "../readers/finding";
import { read, UNKNOWN, type PlainObject } from "../readers/values";

export interface IngressView {
    rule: IngressRule;
    /** "ingress[0]" for inline rules, "this rule" for rule resources. */
    label: string;
    /** True for an aws.ec2.SecurityGroupRule whose `type` is computed: it may be an egress rule. */
    directionUnknown: boolean;
}

export function ingressViews(type: string, props: PlainObject): IngressView[] {
    const directionUnknown = type === SECURITY_GROUP_RULE && read(props, "type") === UNKNOWN;
    return ingressRulesOf(type, props).map((rule) => ({
        rule,
        label: rule.path === "" ? "This rule" : rule.path,
        directionUnknown,
    }));
}

/**
 * Property paths in findings use the dotted form `read()` understands (`ingress.0.cidrBlocks.1`): the "[property]"
 * prefix of a reported message ends at the first `]`, so bracketed paths would be cut there.
 */
export function dottedPath(path: string): string {
    return path.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

/** A source, safe to print: CIDRs and prefix-list ids are not secrets. */
export function describeSource(exposure: Exposure): string {
    switch (exposure.cidrClass) {
        case "unknown":
            return "a computed source";
        case "prefix-list":
            return exposure.source === "(computed)" ? "a computed prefix list" : `prefix list ${exposure.source}`;
        case "invalid":
            return exposure.source === "(not a string)" ? "a source that is not a CIDR string" : `${JSON.stringify(exposure.source.slice(0, 60))} (not a valid CIDR, read as any address)`;
        default:
            return exposure.source;
    }
}

/** Does the exposure certainly admit non-private addresses (a world, public or unreadable CIDR)? */
export function isDefinitelyPublic(exposure: Exposure): boolean {
    return exposure.cidrClass === "world" || exposure.cidrClass === "public" || exposure.cidrClass === "invalid";
}

/** Validates the `allowedPublicCidrs` config: unparsable entries and entries covering every address are reported and ignored. */
export function allowedCidrsFromConfig(entries: readonly string[]): { cidrs: string[]; problems: Finding[] } {
    const cidrs: string[] = [];
    const invalid: string[] = [];
    const world: string[] = [];
    for (const entry of entries) {
        const cidrClass = classifyCidr(entry);
        if (cidrClass === "invalid") {
            invalid.push(entry);
        } else if (cidrClass === "world") {
            world.push(entry);
        } else {
            cidrs.push(entry);
        }
    }
    const problems: Finding[] = [];
    if (invalid.length > 0) {
        problems.push(
            violation(
                "config.allowedPublicCidrs",
                `The policy config "allowedPublicCidrs" has entries that are not CIDRs (${invalid.map((e) => JSON.stringify(e.slice(0, 60))).join(", ")}); they are ignored. Fix the --policy-pack-config file.`,
            ),
        );
    }
    if (world.length > 0) {
        problems.push(
            violation(
                "config.allowedPublicCidrs",
                `The policy config "allowedPublicCidrs" lists ${world.join(", ")}, which covers every address and would disable the check; it is ignored. List only your own public ranges.`,
            ),
        );
    }
    return { cidrs, problems };
}
