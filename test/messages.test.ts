// Message hygiene over every policy: each policy runs on bare resources of each of its types (every input at its
// default, which makes most policies speak) and on values of the wrong type, and no message may carry a class of
// mistake found on real programs: a doubled instruction ("Set `x`: Set it to ..."), a claim about the run's mode
// ("during preview": unknowns also reach updates), a plural subject with a singular verb ("backups and snapshots
// is encrypted"), or a CMK claim about a store the same run calls unencrypted.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";
import { evaluateResource, evaluateStack, urnOf, type Diagnostic, type StackInputResource } from "./support/evaluate";

interface Spoken {
    policy: string;
    urn: string;
    diagnostic: Diagnostic;
}

const MISTAKES: readonly [name: string, pattern: RegExp][] = [
    ["a doubled instruction", /Set `[^`]+`: Set it\b/],
    ["a claim about the run's mode", /during preview/i],
    ["a plural subject with a singular verb", /\b(?:backups|snapshots|swap|logs|volumes|keys|secrets) is (?:encrypted|stored|kept|readable|protected)\b/],
    ["a plural subject with a singular verb", /\b\w+ and (?:its )?\w+ is encrypted\b/],
];

const BARE_INPUTS: readonly Record<string, unknown>[] = [{}, { storageEncrypted: false, encrypted: "false", atRestEncryptionEnabled: false, kmsKeyId: 42, policy: 7, tags: "x" }];

function spokenOnBareResources(): Spoken[] {
    const types = [...new Set(allPolicies.flatMap((p) => p.resourceTypes))];
    const out: Spoken[] = [];
    BARE_INPUTS.forEach((props, round) => {
        const stack: StackInputResource[] = types.map((type, i) => ({ type, name: `r${round}-${i}`, props: { ...props } }));
        for (const policy of allPolicies) {
            if (policy.kind === "stack") {
                for (const diagnostic of evaluateStack(policy, stack).diagnostics) {
                    out.push({ policy: policy.name, urn: diagnostic.urn ?? "", diagnostic });
                }
                continue;
            }
            for (const resource of stack.filter((r) => policy.resourceTypes.includes(r.type))) {
                for (const diagnostic of evaluateResource(policy, { type: resource.type, name: resource.name, props: resource.props }).diagnostics) {
                    out.push({ policy: policy.name, urn: urnOf(resource.type, resource.name), diagnostic });
                }
            }
        }
    });
    return out;
}

describe("message hygiene, over every policy", () => {
    const spoken = spokenOnBareResources();

    it("makes the policies speak (the check below is not vacuous)", () => {
        expect(new Set(spoken.map((s) => s.policy)).size).toBeGreaterThan(allPolicies.length / 2);
    });

    it.each(MISTAKES)("no message carries %s (%s)", (_name, pattern) => {
        const offenders = spoken.filter((s) => pattern.test(s.diagnostic.message)).map((s) => `${s.policy}: ${s.diagnostic.message.slice(0, 200)}`);
        expect([...new Set(offenders)]).toEqual([]);
    });

    it("no key finding claims an AWS-managed key is in use on a resource the same run reports as unencrypted", () => {
        const unencrypted = new Set(spoken.filter((s) => s.diagnostic.level === "mandatory" && /is (?:false|not set, so it defaults to false)/.test(s.diagnostic.message) && /ncrypt/.test(s.diagnostic.property)).map((s) => s.urn));
        const claims = spoken.filter((s) => unencrypted.has(s.urn) && /is encrypted with the AWS-managed key/.test(s.diagnostic.message)).map((s) => `${s.policy} on ${s.urn}`);
        expect(unencrypted.size).toBeGreaterThan(0);
        expect(claims).toEqual([]);
    });

    it("the patterns catch the mistakes they name", () => {
        const samples = [
            "Set `kmsKeyId`: Set it to the ARN of a key.",
            "Cannot verify during preview: [x] y",
            "the storage, backups and snapshots is encrypted with the AWS-managed key",
            "the cluster data and its snapshots is encrypted with a key owned by the service",
        ];
        expect(samples.map((sample) => MISTAKES.some(([, pattern]) => pattern.test(sample)))).toEqual([true, true, true, true]);
    });
});
