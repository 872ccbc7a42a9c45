// Public grants in resource policies (bucket, vault, secret, domain and table policies).
//
// A resource policy exposes its resource when an Allow statement names every principal (`"*"`, `{AWS: "*"}`,
// a principal with a wildcard, or NotPrincipal) and no condition narrows the callers down. What narrows them:
// an account/organization/VPC-endpoint condition (`isAccountScoped` in iam.ts) and, where the caller allows
// it, an `IpAddress aws:SourceIp` condition whose ranges are all private or narrow. A `0.0.0.0/0` source
// range, a `NotIpAddress` or an `...IfExists` form narrows nothing.

import { classifyCidr, parseCidr } from "./network";
import { hasWildcardPrincipal, isAccountScoped, parsePolicyDocument, type Statement, type Tri } from "./iam";
import { UNKNOWN, type Plain } from "../readers/values";

export interface SourceIpRule {
    /** Smallest prefix length of a public IPv4 range that still counts as a restriction (e.g. 24). */
    minPrefixV4: number;
    /** Smallest prefix length of a public IPv6 range that still counts as a restriction (e.g. 56). */
    minPrefixV6: number;
}

export interface PublicGrantOptions {
    /** When set, `IpAddress aws:SourceIp` with private or narrow ranges counts as a restriction. */
    sourceIp?: SourceIpRule;
}

export type PublicGrantVerdict =
    | { kind: "absent" }
    | { kind: "unknown" }
    | { kind: "malformed"; reason: string }
    | {
          kind: "document";
          statements: Statement[];
          /** Allow statements open to everyone, without a narrowing condition. */
          open: Statement[];
          /** Statements whose openness depends on values unknown during preview. */
          undecided: Statement[];
      };

/** Does an `IpAddress aws:SourceIp` condition limit callers to private or narrow ranges? */
export function isSourceIpRestricted(statement: Statement, rule: SourceIpRule): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    let unknown = false;
    for (const condition of statement.conditions) {
        if (condition.key !== "aws:sourceip" || condition.operator.trim().toLowerCase() !== "ipaddress" || condition.values.length === 0) {
            continue;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            unknown = true;
            continue;
        }
        const narrow = (condition.values as string[]).every((value) => {
            const cidrClass = classifyCidr(value);
            if (cidrClass === "private") {
                return true;
            }
            if (cidrClass !== "public") {
                return false;
            }
            const parsed = parseCidr(value);
            return parsed !== undefined && parsed.prefix >= (parsed.family === 4 ? rule.minPrefixV4 : rule.minPrefixV6);
        });
        if (narrow) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

function isNarrowed(statement: Statement, options: PublicGrantOptions): Tri {
    const scoped = isAccountScoped(statement);
    if (scoped === true) {
        return true;
    }
    const byIp = options.sourceIp ? isSourceIpRestricted(statement, options.sourceIp) : false;
    if (byIp === true) {
        return true;
    }
    return scoped === UNKNOWN || byIp === UNKNOWN ? UNKNOWN : false;
}

/** The statements of a resource policy that grant access to everyone. Never throws. */
export function publicGrants(value: Plain, options: PublicGrantOptions = {}): PublicGrantVerdict {
    const parsed = parsePolicyDocument(value);
    if (parsed.kind !== "document") {
        return parsed;
    }
    const open: Statement[] = [];
    const undecided: Statement[] = [];
    for (const statement of parsed.statements) {
        if (statement.effect === "Deny") {
            continue;
        }
        const wildcard = hasWildcardPrincipal(statement);
        if (wildcard === false) {
            continue;
        }
        const narrowed = isNarrowed(statement, options);
        if (narrowed === true) {
            continue;
        }
        if (wildcard === true && narrowed === false && statement.effect === "Allow") {
            open.push(statement);
        } else {
            undecided.push(statement);
        }
    }
    return { kind: "document", statements: parsed.statements, open, undecided };
}
