import { describe, expect, it } from "vitest";
import { parsePolicyDocument, type Statement } from "../../../policies/lib/aws/iam";
import { isSourceIpRestricted, publicGrants } from "../../../policies/lib/aws/public-grants";
import { publicPrincipalFindings } from "../../../policies/lib/aws/resource-policy";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

const doc = (...statements: Record<string, unknown>[]) => snapshot({ d: { Version: "2012-10-17", Statement: statements } }).d!;
const open = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const RULE = { minPrefixV4: 24, minPrefixV6: 56 };

function one(statement: Record<string, unknown>): Statement {
    const parsed = parsePolicyDocument(doc(statement));
    if (parsed.kind !== "document") {
        throw new Error(parsed.kind);
    }
    return parsed.statements[0]!;
}

describe("isSourceIpRestricted", () => {
    const ip = (operator: string, values: unknown) => isSourceIpRestricted(one({ ...open, Condition: { [operator]: { "aws:SourceIp": values } } }), RULE);

    it("counts private ranges and public ranges at least as narrow as the rule", () => {
        expect(ip("IpAddress", ["10.0.0.0/8"])).toBe(true);
        expect(ip("IpAddress", ["203.0.113.0/24", "10.0.0.0/8"])).toBe(true);
        expect(ip(" ipaddress ", "203.0.113.7/32")).toBe(true);
        expect(ip("IpAddress", ["2001:db8::/56"])).toBe(true);
        expect(ip("IpAddress", ["203.0.113.7"])).toBe(true);
    });

    it("does not count broad, world, invalid, negated or IfExists conditions", () => {
        expect(ip("IpAddress", ["203.0.112.0/23"])).toBe(false);
        expect(ip("IpAddress", ["2001:db8::/48"])).toBe(false);
        expect(ip("IpAddress", ["10.0.0.0/8", "0.0.0.0/0"])).toBe(false);
        expect(ip("IpAddress", ["office"])).toBe(false);
        expect(ip("IpAddress", [])).toBe(false);
        expect(ip("NotIpAddress", ["10.0.0.0/8"])).toBe(false);
        expect(ip("IpAddressIfExists", ["10.0.0.0/8"])).toBe(false);
        expect(isSourceIpRestricted(one({ ...open, Condition: { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/8" } } }), RULE)).toBe(false);
        expect(isSourceIpRestricted(one(open), RULE)).toBe(false);
    });

    it("is undecided for computed ranges or conditions, unless another condition narrows", () => {
        expect(ip("IpAddress", [SENTINEL])).toBe(UNKNOWN);
        expect(isSourceIpRestricted(one({ ...open, Condition: SENTINEL }), RULE)).toBe(UNKNOWN);
        expect(
            isSourceIpRestricted(one({ ...open, Condition: { IpAddress: { "aws:SourceIp": [SENTINEL] }, "IpAddress ": { "aws:SourceIp": ["10.0.0.0/8"] } } }), RULE),
        ).toBe(true);
    });
});

describe("publicGrants", () => {
    it("passes through absent, unknown and malformed documents", () => {
        expect(publicGrants(undefined).kind).toBe("absent");
        expect(publicGrants(snapshot({ d: SENTINEL }).d!).kind).toBe("unknown");
        expect(publicGrants("{oops").kind).toBe("malformed");
    });

    it("finds Allow statements open to everyone, and only those", () => {
        const verdict = publicGrants(
            doc(
                open,
                { ...open, Effect: "Deny" },
                { ...open, Principal: { AWS: "arn:aws:iam::111122223333:root" } },
                { ...open, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
                { ...open, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
            ),
        );
        expect(verdict.kind === "document" && verdict.open.map((s) => s.index)).toEqual([0, 4]);
        expect(verdict.kind === "document" && verdict.undecided).toEqual([]);
        expect(verdict.kind === "document" && verdict.statements).toHaveLength(5);
        const withIp = publicGrants(doc({ ...open, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }), { sourceIp: RULE });
        expect(withIp.kind === "document" && withIp.open).toEqual([]);
    });

    it("leaves statements undecided when the principal, the effect or the narrowing condition is computed", () => {
        const verdict = publicGrants(
            doc(
                { ...open, Principal: { AWS: SENTINEL } },
                { ...open, Effect: SENTINEL },
                { ...open, Condition: { StringEquals: { "aws:PrincipalOrgID": SENTINEL } } },
                { ...open, Condition: { IpAddress: { "aws:SourceIp": SENTINEL } } },
            ),
            { sourceIp: RULE },
        );
        expect(verdict.kind === "document" && verdict.undecided.map((s) => s.index)).toEqual([0, 1, 2, 3]);
        expect(verdict.kind === "document" && verdict.open).toEqual([]);
    });
});

describe("publicPrincipalFindings", () => {
    const spec = { property: "policy", holds: "the bucket's objects", allowedAccountIds: [] as string[], fix: "Restrict the principal." };

    it("reports open statements as violations, computed ones as undecided, and nothing for no policy", () => {
        expect(publicPrincipalFindings(undefined, spec)).toEqual([]);
        expect(publicPrincipalFindings(snapshot({ d: SENTINEL }).d!, spec)).toEqual([expect.objectContaining({ property: "policy", undecided: true })]);
        const malformed = publicPrincipalFindings("{oops", spec);
        expect(malformed).toHaveLength(1);
        expect(malformed[0]?.undecided).toBeUndefined();
        const findings = publicPrincipalFindings(doc(open, { ...open, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }, { ...open, Principal: { AWS: SENTINEL } }), {
            ...spec,
            urn: "urn:b",
        });
        expect(findings.map((f) => [f.undecided ?? false, f.urn])).toEqual([
            [false, "urn:b"],
            [false, "urn:b"],
            [true, "urn:b"],
        ]);
        expect(findings[0]?.message).toContain("Restrict the principal.");
        expect(findings[1]?.message).toContain("NotPrincipal");
    });

    it("checks named accounts against the allow-list when one is configured", () => {
        const named = (principal: unknown, effect = "Allow") => doc({ ...open, Effect: effect, Principal: principal });
        const allowList = { ...spec, allowedAccountIds: ["111122223333"] };
        expect(publicPrincipalFindings(named({ AWS: "arn:aws:iam::111122223333:role/app" }), allowList)).toEqual([]);
        expect(publicPrincipalFindings(named({ AWS: "arn:aws:iam::444455556666:role/app" }), spec)).toEqual([]);
        const outside = publicPrincipalFindings(named({ AWS: ["arn:aws:iam::111122223333:role/app", "444455556666"] }), allowList);
        expect(outside).toHaveLength(1);
        expect(outside[0]?.undecided).toBeUndefined();
        expect(publicPrincipalFindings(named({ AWS: "444455556666" }, "Deny"), allowList)).toEqual([]);
        expect(publicPrincipalFindings(named({ AWS: [SENTINEL] }), allowList)).toEqual([expect.objectContaining({ undecided: true })]);
        expect(publicPrincipalFindings(named({ Service: "logs.amazonaws.com" }), allowList)).toEqual([]);
    });
});
