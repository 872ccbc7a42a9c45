// stacks/hardened through the pack: not a single finding, neither in `pulumi up` nor in `pulumi preview` of a
// new stack, where every ARN and ID the program passes around (kmsKeyId: key.arn, ...) is still unknown.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../scanner/engine/engine";
import { cantRunDiagnostics, formatDiagnostics } from "../harness/report";
import { UNKNOWN_SENTINEL } from "../../scanner/engine/values";
import { runBundledStack, type BundledStackRun } from "./bundled-stack";

describe("stacks/hardened passes", () => {
    let engine: PolicyEngine | undefined;
    const captures = {} as BundledStackRun["captures"];
    const runs = {} as BundledStackRun["runs"];

    beforeAll(async () => {
        const result = await runBundledStack("hardened");
        engine = result.engine;
        Object.assign(captures, result.captures);
        Object.assign(runs, result.runs);
    });

    afterAll(async () => {
        await engine?.close();
    });

    describe.each(["update", "preview"] as const)("%s", (mode) => {
        it("has no mandatory violation", () => {
            expect(formatDiagnostics(runs[mode].mandatory)).toBe("");
            expect(runs[mode].blocked).toBe(false);
        });

        it("has no advisory finding either (undecided findings included)", () => {
            expect(formatDiagnostics(runs[mode].advisory)).toBe("");
        });

        it("never makes the SDK give up on a policy because of an unknown value", () => {
            expect(formatDiagnostics(cantRunDiagnostics(runs[mode]))).toBe("");
        });
    });

    it("really is a preview with unknowns: the key references are unknown, then known after the update", () => {
        const inputsOf = (mode: "preview" | "update", name: string) => captures[mode].resources.find((r) => r.name === name)!.inputs;
        for (const name of ["wallet-db", "wallet-cluster"]) {
            expect(inputsOf("preview", name).kmsKeyId).toBe(UNKNOWN_SENTINEL);
            expect(inputsOf("update", name).kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
        }
        for (const [name, property] of [["wallet-docdb", "kmsKeyId"], ["wallet-graph", "kmsKeyArn"], ["wallet-sessions", "kmsKeyArn"], ["wallet-backup-vault", "kmsKeyArn"]] as const) {
            expect(inputsOf("preview", name)[property]).toBe(UNKNOWN_SENTINEL);
            expect(inputsOf("update", name)[property]).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
        }
        expect(inputsOf("preview", "wallet-ledger").serverSideEncryption).toEqual({ enabled: true, kmsKeyArn: UNKNOWN_SENTINEL });
        expect(inputsOf("preview", "wallet-search").encryptAtRest).toEqual({ enabled: true, kmsKeyId: UNKNOWN_SENTINEL });
        expect(inputsOf("preview", "wallet-proxy").auths).toEqual([expect.objectContaining({ secretArn: UNKNOWN_SENTINEL, iamAuth: "REQUIRED" })]);
    });
});
