// The storage modules and the list of types that hold no data name what @pulumi/aws really has: a misspelt entry
// would silently report (or silence) nothing.

import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NON_DATA_TYPES, STORAGE_MODULES, isStorageType, parseTypeToken } from "../../../policies/lib/aws/storage-modules";

const load = createRequire(__filename);

function classesOf(module: string): Record<string, { __pulumiType?: string } | undefined> {
    return load(`@pulumi/aws/${module}`) as Record<string, { __pulumiType?: string } | undefined>;
}

describe("storage modules", () => {
    it.each(STORAGE_MODULES["aws"]!.map((m) => [m]))("aws module %s exists in @pulumi/aws", (module) => {
        expect(Object.values(classesOf(module)).some((c) => typeof c?.__pulumiType === "string")).toBe(true);
    });

    it.each(NON_DATA_TYPES["aws"]!.map((t) => [t]))("non-data type %s is a class of a storage module", (entry) => {
        const [module, className] = entry.split(":") as [string, string];
        expect(STORAGE_MODULES["aws"]).toContain(module);
        const token = classesOf(module)[className]?.__pulumiType;
        expect(token, entry).toMatch(new RegExp(`^aws:${module}/[A-Za-z0-9_]+:${className}$`));
    });

    it("has no duplicate entries", () => {
        for (const list of [...Object.values(STORAGE_MODULES), ...Object.values(NON_DATA_TYPES)]) {
            expect(new Set(list).size).toBe(list.length);
        }
    });

    it("reads aws and aws-native tokens, and nothing else", () => {
        expect(parseTypeToken("aws:rds/instance:Instance")).toEqual({ provider: "aws", module: "rds", className: "Instance" });
        expect(parseTypeToken("aws-native:rds:DbInstance")).toEqual({ provider: "aws-native", module: "rds", className: "DbInstance" });
        expect(parseTypeToken("pulumi:providers:aws")).toEqual({ provider: "pulumi", module: "providers", className: "aws" });
        for (const bad of ["", "aws", "aws:rds", "aws::Instance", "a:b:c:d"]) {
            expect(parseTypeToken(bad), bad).toBeUndefined();
        }
    });

    it("classifies by module, with the non-data list as the exception", () => {
        expect(isStorageType(parseTypeToken("aws:rds/instance:Instance")!)).toBe(true);
        expect(isStorageType(parseTypeToken("aws:rds/eventSubscription:EventSubscription")!)).toBe(false);
        expect(isStorageType(parseTypeToken("aws:ec2/instance:Instance")!)).toBe(false);
        expect(isStorageType(parseTypeToken("pulumi:providers:aws")!)).toBe(false);
    });
});
