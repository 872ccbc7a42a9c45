// Times every stack policy alone, in process, on generated stacks of the given sizes: finds the policies whose
// cost per resource grows with the stack (quadratic loops). Run with --cpu-prof to see where the time goes:
//   npx tsx scripts/bench/profile-stack.ts 1000 10000
//   node --cpu-prof --cpu-prof-dir=.bench/prof --import tsx scripts/bench/profile-stack.ts 10000

import { performance } from "node:perf_hooks";
import { allPolicies } from "../../policies/catalog";
import { evaluateStack } from "../../test/support/evaluate";
import { unwrapSecrets, type JsonValue } from "../../scanner/engine/values";
import { captureStacks, synthesizeStack } from "./synth";

async function main(): Promise<void> {
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    const captures = await captureStacks();
    const only = process.env.POLICY;
    for (const size of sizes.length ? sizes : [1000, 10000]) {
        const d = synthesizeStack(captures, size);
        const nameOf = new Map(d.resources.map((r) => [r.urn, r.name]));
        const stack = d.resources.map((r) => ({
            type: r.type, name: r.name, props: unwrapSecrets(r.outputs as JsonValue) as Record<string, unknown>,
            dependencies: r.dependencies.map((u) => nameOf.get(u)!).filter(Boolean),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map((u) => nameOf.get(u)!).filter(Boolean)])),
        }));
        const rows: [string, number][] = [];
        for (const policy of allPolicies) {
            if (policy.kind !== "stack" || (only && policy.name !== only)) {
                continue;
            }
            const t = performance.now();
            evaluateStack(policy, stack);
            rows.push([policy.name, performance.now() - t]);
        }
        rows.sort((a, b) => b[1] - a[1]);
        console.log(`size ${size}: total ${rows.reduce((s, r) => s + r[1], 0).toFixed(0)} ms`);
        for (const [name, ms] of rows) {
            console.log(`  ${name.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / size).toFixed(4)} ms/resource`);
        }
    }
}

void main();
