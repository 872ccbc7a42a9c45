import { describe, expect, it } from "vitest";
import { DEFAULT_SECURITY_GROUP, SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE, type Exposure } from "../../../policies/lib/aws/network";
import { allowedCidrsFromConfig, describeSource, dottedPath, ingressViews, isDefinitelyPublic } from "../../../policies/lib/aws/sg";
import { UNKNOWN } from "../../../policies/lib/readers/values";

const exposure = (cidrClass: Exposure["cidrClass"], source: string): Exposure => ({ property: "cidrBlocks[0]", source, cidrClass, ports: "all" });

describe("ingressViews", () => {
    it("labels inline rules by path and rule resources as the rule itself", () => {
        const inline = ingressViews(SECURITY_GROUP, { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] });
        expect(inline.map((v) => v.label)).toEqual(["ingress[0]"]);
        expect(inline[0]?.directionUnknown).toBe(false);
        const rule = ingressViews(SECURITY_GROUP_INGRESS_RULE, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
        expect(rule.map((v) => v.label)).toEqual(["This rule"]);
    });

    it("marks a SecurityGroupRule with a computed type as possibly not ingress, and only that", () => {
        const computed = ingressViews(SECURITY_GROUP_RULE, { type: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] });
        expect(computed).toHaveLength(1);
        expect(computed[0]?.directionUnknown).toBe(true);
        const ingress = ingressViews(SECURITY_GROUP_RULE, { type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] });
        expect(ingress[0]?.directionUnknown).toBe(false);
        // An unknown `type` property on a group (not a rule) says nothing about direction.
        const group = ingressViews(DEFAULT_SECURITY_GROUP, { type: UNKNOWN, ingress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] });
        expect(group[0]?.directionUnknown).toBe(false);
        expect(ingressViews(SECURITY_GROUP_RULE, { type: "egress", cidrBlocks: ["0.0.0.0/0"] })).toEqual([]);
    });
});

describe("dottedPath", () => {
    it("turns bracketed indexes into the dotted form read() understands", () => {
        expect(dottedPath("ingress[0].cidrBlocks[12]")).toBe("ingress.0.cidrBlocks.12");
        expect(dottedPath("[3].x")).toBe("3.x");
        expect(dottedPath("cidrIpv4")).toBe("cidrIpv4");
    });
});

describe("describeSource", () => {
    it("prints CIDRs and prefix lists, and names computed or unreadable sources", () => {
        expect(describeSource(exposure("world", "0.0.0.0/0"))).toBe("0.0.0.0/0");
        expect(describeSource(exposure("public", "203.0.113.0/24"))).toBe("203.0.113.0/24");
        expect(describeSource(exposure("prefix-list", "pl-12345"))).toContain("pl-12345");
        expect(describeSource(exposure("prefix-list", "(computed)"))).not.toContain("(computed)");
        expect(describeSource(exposure("unknown", "(computed)"))).not.toContain("(computed)");
        expect(describeSource(exposure("invalid", "(not a string)"))).not.toContain("(not a string)");
        const long = describeSource(exposure("invalid", `10.0.0.0/8${"x".repeat(200)}`));
        expect(long).toContain("10.0.0.0/8");
        expect(long.length).toBeLessThan(150);
    });
});

describe("isDefinitelyPublic", () => {
    it("is true for world, public and unreadable sources, false for what cannot be judged", () => {
        expect(isDefinitelyPublic(exposure("world", "0.0.0.0/0"))).toBe(true);
        expect(isDefinitelyPublic(exposure("public", "8.8.8.8/32"))).toBe(true);
        expect(isDefinitelyPublic(exposure("invalid", "nope"))).toBe(true);
        expect(isDefinitelyPublic(exposure("unknown", "(computed)"))).toBe(false);
        expect(isDefinitelyPublic(exposure("prefix-list", "pl-1"))).toBe(false);
        expect(isDefinitelyPublic(exposure("private", "10.0.0.0/8"))).toBe(false);
    });
});

describe("allowedCidrsFromConfig", () => {
    it("keeps valid ranges and reports, then ignores, unparsable and everything-covering entries", () => {
        expect(allowedCidrsFromConfig(["203.0.113.0/24", "10.0.0.0/8"])).toEqual({ cidrs: ["203.0.113.0/24", "10.0.0.0/8"], problems: [] });
        const { cidrs, problems } = allowedCidrsFromConfig(["203.0.113.0/24", "office", "0.0.0.0/0", "::/0"]);
        expect(cidrs).toEqual(["203.0.113.0/24"]);
        expect(problems).toHaveLength(2);
        for (const problem of problems) {
            expect(problem.property).toBe("config.allowedPublicCidrs");
            expect(problem.undecided).toBeUndefined();
        }
        expect(problems[0]?.message).toContain("office");
        expect(problems[1]?.message).toContain("0.0.0.0/0");
        expect(problems[1]?.message).toContain("::/0");
        expect(allowedCidrsFromConfig(["office"]).problems).toHaveLength(1);
        expect(allowedCidrsFromConfig(["0.0.0.0/0"]).problems).toHaveLength(1);
    });
});
