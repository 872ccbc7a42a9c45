// The resource type tokens (policies/lib/aws/types.ts) are the installed @pulumi/aws's own, and the only ones in
// policies/: a token that drifts from the provider makes a policy silently apply to nothing.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../../policies/catalog";
import * as types from "../../../policies/lib/aws/types";

const TOKEN = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/;
const POLICIES = join(__dirname, "..", "..", "..", "policies");
const constants = Object.entries(types) as [string, string][];
const load = createRequire(__filename);

/** The class the provider registers under a token: `aws:rds/instance:Instance` is `Instance` in @pulumi/aws/rds/instance. */
function pulumiTypeOf(token: string): unknown {
    const [, module, file, className] = TOKEN.exec(token)!;
    type Classes = Record<string, { __pulumiType?: unknown } | undefined>;
    try {
        return (load(`@pulumi/aws/${module}/${file}`) as Classes)[className!]?.__pulumiType;
    } catch {
        // A few files are spelt otherwise than their token (`aws:dms/s3Endpoint:S3Endpoint` is dms/s3endpoint.js).
        return (load(`@pulumi/aws/${module}`) as Classes)[className!]?.__pulumiType;
    }
}

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
            return entry === "bin" || entry === "node_modules" ? [] : sources(path);
        }
        return entry.endsWith(".ts") ? [path] : [];
    });
}

describe("resource type tokens", () => {
    it("has constants", () => {
        expect(constants.length).toBeGreaterThan(100);
    });

    it.each(constants)("%s is the __pulumiType of its @pulumi/aws class", (name, token) => {
        expect(token).toMatch(TOKEN);
        expect(pulumiTypeOf(token)).toBe(token);
        // Named <MODULE>_<CLASS>, so a name says which token it holds.
        const [, module, , className] = TOKEN.exec(token)!;
        const words = className!
            .replace(/v(\d)$/, "V$1")
            .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
            .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2");
        expect(name).toBe(`${module!.toUpperCase()}_${words.toUpperCase()}`);
    });

    it("has one constant per token", () => {
        expect(new Set(constants.map(([, token]) => token)).size).toBe(constants.length);
    });

    it("is spelled nowhere else in policies/ (comments aside)", () => {
        // A string literal that is a token (prose that mentions one, as in the control catalog, is not code).
        const literal = /(["'])aws:[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+\1/;
        const offenders = sources(POLICIES)
            .filter((file) => !file.endsWith(join("lib", "aws", "types.ts")))
            .filter((file) => literal.test(readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "")))
            .map((file) => relative(POLICIES, file));
        expect(offenders).toEqual([]);
    });

    it("covers every resource type a policy applies to", () => {
        const known = new Set(constants.map(([, token]) => token));
        const unknown = allPolicies.flatMap((p) => p.resourceTypes.filter((t) => !known.has(t)).map((t) => `${p.name}: ${t}`));
        expect(unknown).toEqual([]);
    });
});
