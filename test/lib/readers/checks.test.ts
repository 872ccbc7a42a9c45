import { describe, expect, it } from "vitest";
import {
    advice,
    asStringList,
    classifyKey,
    engineOf,
    expectAtLeast,
    expectCustomerManagedKey,
    expectFlag,
    keyFindings,
    undecided,
    unknownFinding,
    violation,
} from "../../../policies/lib/readers/checks";
import { INVALID, UNKNOWN } from "../../../policies/lib/readers/values";

const URN = "urn:pulumi:dev::app::aws:rds/instance:Instance::db";

describe("findings", () => {
    it("carry the resource only when one is named, and mark undecided and advisory findings", () => {
        expect(violation("p", "m")).toStrictEqual({ property: "p", message: "m" });
        expect(violation("p", "m", URN)).toStrictEqual({ property: "p", message: "m", urn: URN });
        expect(undecided("p", "m")).toStrictEqual({ property: "p", message: "m", undecided: true });
        expect(undecided("p", "m", URN)).toStrictEqual({ property: "p", message: "m", undecided: true, urn: URN });
        expect(advice("p", "m")).toStrictEqual({ property: "p", message: "m", advisory: true });
        expect(advice("p", "m", URN)).toStrictEqual({ property: "p", message: "m", advisory: true, urn: URN });
        const unknown = unknownFinding("storageEncrypted", "Set `storageEncrypted: true`.", URN);
        expect(unknown).toMatchObject({ property: "storageEncrypted", undecided: true, urn: URN });
        expect(unknown.message).toContain("Set `storageEncrypted: true`.");
    });
});

describe("expectFlag", () => {
    const secureByDefault = { expected: true, defaultValue: true, fix: "Keep it on." };
    const insecureByDefault = { expected: true, defaultValue: false, fix: "Turn it on.", urn: URN };

    it("passes the secure value, in either spelling, and a secure default", () => {
        expect(expectFlag({ flag: true }, "flag", insecureByDefault)).toEqual([]);
        expect(expectFlag({ flag: "true" }, "flag", insecureByDefault)).toEqual([]);
        expect(expectFlag({}, "flag", secureByDefault)).toEqual([]);
        expect(expectFlag({ flag: false }, "flag", { expected: false, defaultValue: true, fix: "Turn it off." })).toEqual([]);
    });

    it("flags the insecure value, an insecure default and a value of the wrong type", () => {
        for (const props of [{ flag: false }, { flag: "FALSE" }, {}, { flag: 1 }, { flag: "yes" }]) {
            const findings = expectFlag(props, "flag", insecureByDefault);
            expect(findings).toHaveLength(1);
            expect(findings[0]).toMatchObject({ property: "flag", urn: URN });
            expect(findings[0]?.undecided).toBeUndefined();
            expect(findings[0]?.message).toContain("Turn it on.");
        }
        expect(expectFlag({ flag: false }, "flag", secureByDefault)).toHaveLength(1);
        expect(expectFlag({ block: { flag: false } }, "block.flag", secureByDefault)[0]?.property).toBe("block.flag");
    });

    it("leaves a computed value undecided", () => {
        const findings = expectFlag({ flag: UNKNOWN }, "flag", insecureByDefault);
        expect(findings).toEqual([expect.objectContaining({ property: "flag", undecided: true, urn: URN })]);
        expect(expectFlag({ block: UNKNOWN }, "block.flag", secureByDefault)[0]?.undecided).toBe(true);
    });
});

describe("expectAtLeast", () => {
    const spec = { minimum: 7, defaultValue: 1, fix: "Keep at least 7 days.", urn: URN };

    it("passes values at or above the minimum, and a sufficient default", () => {
        expect(expectAtLeast({ days: 7 }, "days", spec)).toEqual([]);
        expect(expectAtLeast({ days: "30" }, "days", spec)).toEqual([]);
        expect(expectAtLeast({}, "days", { ...spec, defaultValue: 7 })).toEqual([]);
    });

    it("flags values below the minimum, an insufficient default and non-numbers", () => {
        for (const props of [{ days: 6 }, { days: 0 }, {}, { days: "seven" }, { days: true }]) {
            const findings = expectAtLeast(props, "days", spec);
            expect(findings).toHaveLength(1);
            expect(findings[0]).toMatchObject({ property: "days", urn: URN });
            expect(findings[0]?.undecided).toBeUndefined();
            expect(findings[0]?.message).toContain("Keep at least 7 days.");
        }
    });

    it("leaves a computed value undecided", () => {
        expect(expectAtLeast({ days: UNKNOWN }, "days", spec)).toEqual([expect.objectContaining({ property: "days", undecided: true, urn: URN })]);
    });
});

describe("classifyKey", () => {
    it("tells customer-managed keys from AWS-managed aliases, by name or ARN, in any case", () => {
        expect(classifyKey("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")).toBe("customer-managed");
        expect(classifyKey("alias/app-db")).toBe("customer-managed");
        expect(classifyKey("alias/aws-lookalike/db")).toBe("customer-managed");
        expect(classifyKey("alias/my/aws/db")).toBe("customer-managed");
        expect(classifyKey("alias/aws/rds")).toBe("aws-managed");
        expect(classifyKey("  ALIAS/AWS/RDS  ")).toBe("aws-managed");
        expect(classifyKey("arn:aws:kms:us-east-1:111122223333:alias/aws/rds")).toBe("aws-managed");
    });

    it("reports absent, computed and malformed references as such", () => {
        expect(classifyKey(undefined)).toBe("absent");
        expect(classifyKey(null)).toBe("absent");
        expect(classifyKey("")).toBe("absent");
        expect(classifyKey("   ")).toBe("absent");
        expect(classifyKey(UNKNOWN)).toBe("unknown");
        expect(classifyKey(42)).toBe("invalid");
        expect(classifyKey(true)).toBe("invalid");
        expect(classifyKey({ id: "k" })).toBe("invalid");
    });

    it("a string that names no key (not an ARN, key id or alias) is malformed, not customer-managed", () => {
        for (const text of ["none", "default", "aws/rds", "my-key", "key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:111122223333:secret/x", "arn:aws:s3:::bucket"]) {
            expect(classifyKey(text)).toBe("invalid");
        }
        for (const text of ["1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-0123456789abcdef0123456789abcdef", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k1", "alias/team/db"]) {
            expect(classifyKey(text)).toBe("customer-managed");
        }
    });
});

describe("expectCustomerManagedKey", () => {
    const spec = { protects: "the storage", defaultKey: "aws/rds", fix: "Set `kmsKeyId`.", urn: URN };

    it("passes a customer-managed or computed key", () => {
        expect(expectCustomerManagedKey({ kmsKeyId: "alias/app-db" }, "kmsKeyId", spec)).toEqual([]);
        expect(expectCustomerManagedKey({ kmsKeyId: UNKNOWN }, "kmsKeyId", spec)).toEqual([]);
    });

    it("flags an absent, AWS-managed or malformed key", () => {
        for (const props of [{}, { kmsKeyId: "alias/aws/rds" }, { kmsKeyId: 7 }]) {
            const findings = expectCustomerManagedKey(props, "kmsKeyId", spec);
            expect(findings).toHaveLength(1);
            expect(findings[0]).toMatchObject({ property: "kmsKeyId", urn: URN });
            expect(findings[0]?.message).toContain("Set `kmsKeyId`.");
        }
        const named = expectCustomerManagedKey({}, "kmsKeyId", spec)[0]?.message;
        expect(named).toContain("aws/rds");
        const described = expectCustomerManagedKey({}, "kmsKeyId", { ...spec, defaultKey: "an AWS-owned key" })[0]?.message;
        expect(described).toContain("an AWS-owned key");
        // A key outside the account (AWS-owned, service-owned) cannot be audited either; an aws/ alias can.
        expect(described).toContain("cannot restrict or audit");
        expect(named).not.toContain("audit");
        expect(expectCustomerManagedKey({}, "kmsKeyId", { ...spec, defaultKey: "alias/aws/ssm" })[0]?.message).toContain("the AWS-managed key `alias/aws/ssm`");
    });
});

describe("keyFindings", () => {
    const fix = "Use a CMK.";

    it("reads a value from anywhere and reports it on the given property, named by its label", () => {
        const [finding] = keyFindings(undefined, "rules.0.kmsMasterKeyId", { label: "kmsMasterKeyId", whenAbsent: "the default key is used", fix });
        expect(finding).toEqual({ property: "rules.0.kmsMasterKeyId", message: "`kmsMasterKeyId` is not set, so the default key is used. Use a CMK." });
        expect(keyFindings("arn:aws:kms:us-east-1:111122223333:key/1", "k", { whenAbsent: "x", fix })).toEqual([]);
        expect(keyFindings(UNKNOWN, "k", { whenAbsent: "x", fix })).toEqual([]);
    });

    it("takes the policy's words for an AWS-managed or malformed key", () => {
        const spec = { whenAbsent: "x", whenAwsManaged: "an alias CloudTrail cannot use", expected: "a key ARN", fix };
        expect(keyFindings("alias/aws/s3", "k", spec)[0]?.message).toBe("`k` names an alias CloudTrail cannot use. Use a CMK.");
        expect(keyFindings(true, "k", spec)[0]?.message).toBe("`k` is not a key ARN. Use a CMK.");
        expect(keyFindings(7, "k", { whenAbsent: "x", fix })[0]?.message).toBe("`k` is not a key id, ARN or alias. Use a CMK.");
    });
});

describe("engineOf", () => {
    it("normalises the engine name and keeps unknowns apart from absent or malformed engines", () => {
        expect(engineOf({ engine: " Aurora-PostgreSQL " })).toBe("aurora-postgresql");
        expect(engineOf({ engineType: "Redis" }, "engineType")).toBe("redis");
        expect(engineOf({ engine: UNKNOWN })).toBe(UNKNOWN);
        expect(engineOf({})).toBeUndefined();
        expect(engineOf({ engine: { name: "mysql" } })).toBeUndefined();
    });
});

describe("asStringList", () => {
    it("reads element by element, keeping unknown elements and marking non-strings", () => {
        expect(asStringList(UNKNOWN)).toBe(UNKNOWN);
        expect(asStringList(undefined)).toEqual([]);
        expect(asStringList("a")).toEqual(["a"]);
        expect(asStringList(["a", UNKNOWN, 5, { x: 1 }])).toEqual(["a", UNKNOWN, "5", INVALID]);
    });
});
