// An export holding an aws-native RDS instance and an aws.cloudformation.Stack whose template declares one: the
// scanner (the pack in process, every resource policy in one pass) judges both with the same policies as an
// aws.rds.Instance, in the spelling of the program or the template, and names neither as an unchecked store type.
// test/scanner/in-process.test.ts checks the same fixture against the pack over gRPC.

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtCli, fixturesDir, repoDir } from "./built-cli";

interface Row {
    policy: string;
    level: string;
    message: string;
    resource: { name: string; type: string };
}

/** The property a finding names, `[property]` at the start of its message. */
const propertyOf = (row: Row): string => /^\[([^\]]+)\]/.exec(row.message)?.[1] ?? "";

function findings(): Row[] {
    const out = execFileSync(process.execPath, [builtCli(), "scan", "--no-fail", "--format", "json", join(fixturesDir, "other-providers.json")], { cwd: repoDir, encoding: "utf8" });
    const rows: Row[] = [];
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(walk);
        } else if (value && typeof value === "object") {
            const o = value as Record<string, unknown>;
            if (typeof o.policy === "string" && typeof o.level === "string" && o.resource && typeof o.resource === "object") {
                rows.push(o as unknown as Row);
            }
            Object.values(o).forEach(walk);
        }
    };
    walk(JSON.parse(out));
    return rows;
}

describe("other providers through the scanner", () => {
    const rows = findings();
    const mandatory = (name: string) => rows.filter((r) => r.level === "mandatory" && r.resource.name === name).map((r) => `${r.policy} ${propertyOf(r)}`);

    it("blocks the public, unencrypted aws-native instance in aws-native's property names", () => {
        expect(mandatory("wallet-db")).toEqual(expect.arrayContaining(["rds-instance-not-public publiclyAccessible", "rds-instance-storage-encrypted storageEncrypted"]));
    });

    it("blocks the same mistakes declared in a CloudFormation template, at the template's property paths", () => {
        expect(mandatory("ledger-stack")).toEqual(
            expect.arrayContaining([
                "rds-instance-not-public Resources.LedgerDb.Properties.PubliclyAccessible",
                "rds-instance-storage-encrypted Resources.LedgerDb.Properties.StorageEncrypted",
            ]),
        );
    });

    it("does not call a store it judges unchecked", () => {
        expect(rows.filter((r) => r.policy === "storage-type-unchecked")).toEqual([]);
    });
});
