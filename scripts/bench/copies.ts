// Copies of one stack in one deployment (multi-region or multi-tenant programs): names repeat across the copies,
// ids and regions do not. Every stack policy must find each copy's exposures once, so findings and time grow
// linearly with the copies; value-based linking across copies made both quadratic (BENCHMARKS.md).
//   npx tsx scripts/bench/copies.ts 1 4 16 64        (NODEPS=1: literal values only, no property dependencies)

import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { allPolicies } from "../../policies/catalog";
import { captureProgram } from "../../test/harness/capture";
import { unwrapSecrets, type JsonValue } from "../../scanner/engine/values";
import { evaluateStack, type StackInputResource } from "../../test/support/evaluate";
import { mapStrings, ROOT } from "./synth";

async function main(): Promise<void> {
    const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
    const capture = await captureProgram({ programDir: join(ROOT, "stacks", "exposed-wallet-db"), preview: false });
    const template = capture.resources.filter((r) => !r.type.startsWith("pulumi:"));
    for (const copies of counts.length ? counts : [1, 4, 16]) {
        const stack: StackInputResource[] = [];
        for (let i = 0; i < copies; i++) {
            const region = `region-${i}`;
            const nameOf = new Map(template.map((r) => [r.urn, `${r.name}~${i}`]));
            const names = (urns: readonly string[]) => urns.map((u) => nameOf.get(u)).filter((n): n is string => n !== undefined);
            for (const r of template) {
                const props = mapStrings(unwrapSecrets(r.outputs as JsonValue), (s) => s.replace(/:us-east-1:/g, `:${region}:`)) as Record<string, unknown>;
                if (typeof props.id === "string") {
                    props.id = `${props.id}-${i}`;
                }
                props.region = region;
                stack.push({
                    type: r.type,
                    name: nameOf.get(r.urn)!,
                    props,
                    dependencies: names(r.dependencies),
                    propertyDependencies: process.env.NODEPS ? {} : Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, names(us)])),
                });
            }
        }
        let violations = 0;
        let undecided = 0;
        const started = performance.now();
        for (const policy of allPolicies) {
            if (policy.kind === "stack") {
                const result = evaluateStack(policy, stack);
                violations += result.violations.length;
                undecided += result.undecided.length;
            }
        }
        console.log(`${copies} copies: ${stack.length} resources, ${violations} violations, ${undecided} undecided, ${(performance.now() - started).toFixed(0)} ms`);
    }
}

void main();
