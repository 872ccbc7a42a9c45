// The aws-native translation table (policies/lib/aws/native.ts) against the installed providers: every token is
// @pulumi/aws-native's own, every property name it reads exists in @pulumi/aws-native's .d.ts and every name it
// writes in @pulumi/aws's, and every @pulumi/aws type the pack covers has a translation or a documented reason.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../../policies/catalog";
import { camelName } from "../../../policies/lib/aws/cloudformation";
import { CLOUDFORMATION_ONLY, NATIVE_MAPPINGS, NOT_TRANSLATED, pathRenamer, tagMap, translateProps, type NativeMapping } from "../../../policies/lib/aws/native";
import * as nativeTypes from "../../../policies/lib/aws/native-types";
import * as awsTypes from "../../../policies/lib/aws/types";
import { UNKNOWN, type PlainObject } from "../../../policies/lib/readers/values";

const load = createRequire(__filename);
const NATIVE_ROOT = dirname(load.resolve("@pulumi/aws-native/package.json"));
const AWS_ROOT = dirname(load.resolve("@pulumi/aws/package.json"));
const NATIVE_TOKEN = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/;
const AWS_TOKEN = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/;

const lowerFirst = (name: string) => name[0]!.toLowerCase() + name.slice(1);

function nativeFile(token: string): string {
    const [, module, className] = NATIVE_TOKEN.exec(token)!;
    return join(NATIVE_ROOT, module!, lowerFirst(className!));
}

function awsFile(token: string): string {
    const [, module, file] = AWS_TOKEN.exec(token)!;
    return join(AWS_ROOT, module!, file!);
}

/** Every property name declared in a class's .d.ts (inputs, state and outputs). */
const declared = new Map<string, Set<string>>();
function namesIn(file: string): Set<string> {
    let names = declared.get(file);
    if (!names) {
        const text = readFileSync(`${file}.d.ts`, "utf8");
        names = new Set([...text.matchAll(/^\s{4}(?:readonly )?([A-Za-z0-9]+)\??:/gm)].map((m) => m[1]!));
        declared.set(file, names);
    }
    return names;
}

const headOf = (path: string) => path.split(/[.[]/)[0]!;

/** The aws-native class a CloudFormation type generates: AWS::RDS::DBInstance -> aws-native:rds:DbInstance. */
function nativeTokenOf(cloudFormation: string): string {
    const [, service, resource] = cloudFormation.split("::");
    const className = camelName(resource!);
    return `aws-native:${service!.toLowerCase()}:${className[0]!.toUpperCase()}${className.slice(1)}`;
}

const byName = (m: NativeMapping) => m.native;

describe("aws-native type tokens", () => {
    const constants = Object.entries(nativeTypes) as [string, string][];

    it.each(constants)("%s is the __pulumiType of its @pulumi/aws-native class", (_name, token) => {
        const [, , className] = NATIVE_TOKEN.exec(token)!;
        const loaded = load(nativeFile(token)) as Record<string, { __pulumiType?: unknown } | undefined>;
        expect(loaded[className!]?.__pulumiType).toBe(token);
    });

    it("has one mapping per token, and a token constant per mapping", () => {
        const tokens = NATIVE_MAPPINGS.map(byName);
        expect(new Set(tokens).size).toBe(tokens.length);
        expect([...tokens].sort()).toEqual(constants.map(([, token]) => token).sort());
    });
});

describe.each(NATIVE_MAPPINGS.map((m) => [m.native, m] as const))("%s", (_token, mapping) => {
    const nativeNames = namesIn(nativeFile(mapping.native));

    it("is generated from its CloudFormation type", () => {
        expect(nativeTokenOf(mapping.cloudFormation)).toBe(mapping.native);
    });

    it("reads aws-native property names the installed @pulumi/aws-native declares", () => {
        const read = [
            ...Object.keys(mapping.renames ?? {}),
            ...(mapping.converted ?? []),
            ...Object.keys(mapping.identity ?? {}),
            ...Object.values(mapping.findingNames ?? {}).map(headOf),
            ...(mapping.parts?.({}) ?? []).map((p) => headOf(p.path)),
        ];
        expect(read.filter((name) => !nativeNames.has(name))).toEqual([]);
    });

    it("writes @pulumi/aws property names the installed @pulumi/aws declares", () => {
        const converted = Object.fromEntries((mapping.converted ?? []).map((key) => [key, UNKNOWN])) as PlainObject;
        for (const type of mapping.aws) {
            const awsNames = namesIn(awsFile(type));
            const written = [
                ...Object.values(mapping.renames ?? {}),
                ...Object.keys(mapping.convert?.(converted) ?? {}),
                ...Object.values(mapping.identity ?? {}),
                ...Object.keys(mapping.unsetDefaults ?? {}),
            ].filter((name) => name !== "id");
            // A mapping standing for several types (DbInstance: Instance or ClusterInstance) writes the names of each
            // it picks; names only the other type has are dropped by the checks of this one.
            const missing = written.filter((name) => !awsNames.has(name));
            if (mapping.aws.length === 1) {
                expect(missing).toEqual([]);
            } else {
                expect(missing.length).toBeLessThan(written.length);
            }
        }
    });

    it("links its parts through @pulumi/aws properties of the parts' types", () => {
        const everything = Object.fromEntries([...nativeNames].map((name) => [name, UNKNOWN])) as PlainObject;
        for (const part of mapping.parts?.(everything) ?? []) {
            expect(mapping.partTypes).toContain(part.type);
            const partNames = namesIn(awsFile(part.type));
            expect(partNames.has(part.link)).toBe(true);
            expect(Object.keys(part.props).filter((name) => !partNames.has(name))).toEqual([]);
        }
    });

    it("never throws on odd input, and keeps unknowns unknown", () => {
        for (const odd of [{}, { tags: UNKNOWN }, { tags: "x" }, { tags: [null, 1, { key: UNKNOWN }] }, Object.fromEntries([...nativeNames].map((n) => [n, UNKNOWN]))]) {
            expect(() => translateProps(mapping, odd as PlainObject)).not.toThrow();
            expect(() => mapping.parts?.(odd as PlainObject)).not.toThrow();
        }
        const allUnknown = translateProps(mapping, Object.fromEntries([...nativeNames].map((n) => [n, UNKNOWN])) as PlainObject).props;
        for (const [key, value] of Object.entries(allUnknown)) {
            // Every translated property is unknown, or a structure holding unknowns (a converted object).
            expect([key, value === UNKNOWN || (typeof value === "object" && value !== null)]).toEqual([key, true]);
        }
    });
});

describe.each(CLOUDFORMATION_ONLY.map((m) => [m.cloudFormation, m] as const))("CloudFormation-only %s", (_type, mapping) => {
    it("has no aws-native form", () => {
        expect(NATIVE_MAPPINGS.map(byName)).not.toContain(nativeTokenOf(mapping.cloudFormation));
        expect(NOT_TRANSLATED[mapping.aws[0]!]).toContain("CLOUDFORMATION_ONLY");
    });

    it("writes @pulumi/aws property names the installed @pulumi/aws declares", () => {
        const awsNames = namesIn(awsFile(mapping.aws[0]!));
        expect(Object.values(mapping.renames ?? {}).filter((name) => !awsNames.has(name))).toEqual([]);
    });
});

describe("coverage of the pack's @pulumi/aws types", () => {
    const covered = [...new Set(allPolicies.flatMap((p) => p.resourceTypes))].sort();
    const translated = new Set<string>();
    for (const mapping of NATIVE_MAPPINGS) {
        mapping.aws.forEach((t) => translated.add(t));
        const everything = Object.fromEntries([...namesIn(nativeFile(mapping.native))].map((n) => [n, UNKNOWN])) as PlainObject;
        (mapping.parts?.(everything) ?? []).forEach((p) => translated.add(p.type));
    }

    it.each(covered)("%s has an aws-native translation or a documented reason why not", (type) => {
        const reason = NOT_TRANSLATED[type];
        expect(translated.has(type) || (typeof reason === "string" && reason.length > 20)).toBe(true);
        // A reason for a type that is translated would be stale.
        expect(translated.has(type) && reason !== undefined).toBe(false);
    });

    it("documents reasons for @pulumi/aws types the pack knows only (some are read by the stack graph alone)", () => {
        const known = new Set<string>(Object.values(awsTypes));
        expect(Object.keys(NOT_TRANSLATED).filter((t) => !known.has(t))).toEqual([]);
    });

    it("translates most of them", () => {
        const count = covered.filter((t) => translated.has(t)).length;
        expect(count).toBeGreaterThanOrEqual(75);
        expect(covered.length - count).toBe(covered.filter((t) => NOT_TRANSLATED[t] !== undefined).length);
    });
});

describe("tagMap", () => {
    it("turns aws-native's tag list into @pulumi/aws's map", () => {
        expect(tagMap([{ key: "data-class", value: "key-material" }, { key: "team", value: "wallet" }])).toEqual({ "data-class": "key-material", team: "wallet" });
    });

    it("keeps an unknown list, entry or key unknown, and a map as it is", () => {
        expect(tagMap(UNKNOWN)).toBe(UNKNOWN);
        expect(tagMap([UNKNOWN])).toBe(UNKNOWN);
        expect(tagMap([{ key: UNKNOWN, value: "x" }])).toBe(UNKNOWN);
        expect(tagMap([{ key: "k", value: UNKNOWN }])).toEqual({ k: UNKNOWN });
        expect(tagMap({ k: "v" })).toEqual({ k: "v" });
    });
});

describe("pathRenamer", () => {
    const rename = pathRenamer([
        ["ingress[*].cidrBlocks[*]", "securityGroupIngress[*].cidrIp"],
        ["ingress", "securityGroupIngress"],
        ["iamDatabaseAuthenticationEnabled", "enableIamDatabaseAuthentication"],
    ]);

    it("renames whole paths, carrying list indexes in either spelling", () => {
        expect(rename("ingress[2].cidrBlocks[0]")).toBe("securityGroupIngress[2].cidrIp");
        expect(rename("ingress.2.cidrBlocks.0")).toBe("securityGroupIngress[2].cidrIp");
        expect(rename("ingress[1].fromPort")).toBe("securityGroupIngress[1].fromPort");
        expect(rename("iamDatabaseAuthenticationEnabled")).toBe("enableIamDatabaseAuthentication");
    });

    it("leaves other paths and non-paths alone", () => {
        expect(rename("publiclyAccessible")).toBe("publiclyAccessible");
        expect(rename("ingressRules")).toBe("ingressRules");
        expect(rename("*")).toBe("*");
        expect(rename("")).toBe("");
    });
});
