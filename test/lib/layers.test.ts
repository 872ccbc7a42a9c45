// The layers of policies/ (CONTRIBUTING.md, "Layout"): imports go one way only, and no module imports itself
// back through others. The rules are checked on the real source tree, and the checker itself on small graphs
// that break them, so a checker that finds nothing cannot pass unnoticed.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..", "..");
const POLICIES = join(ROOT, "policies");

/** Lower layers first; a module may import its own layer or a lower one, never a higher one. */
const LAYERS = ["readers", "aws", "core", "service", "pack"] as const;
type Layer = (typeof LAYERS)[number];

/** The layer of a module (path relative to the repository, `/`-separated), and its service folder if any. */
export function layerOf(path: string): { layer: Layer; service?: string } | undefined {
    const parts = path.split("/");
    if (parts[0] !== "policies") {
        return undefined;
    }
    if (parts.length === 2) {
        return { layer: "pack" };
    }
    if (parts[1] === "lib") {
        const layer = parts[2];
        return layer === "readers" || layer === "aws" || layer === "core" ? { layer } : undefined;
    }
    return { layer: "service", service: parts[1] };
}

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every import of one module that breaks the layering. */
export function layerViolations(graph: ImportGraph): string[] {
    const problems: string[] = [];
    for (const [from, targets] of graph) {
        const source = layerOf(from);
        if (!source) {
            problems.push(`${from}: outside the layers (policies/lib/{readers,aws,core}, policies/<service>, policies/*.ts)`);
            continue;
        }
        for (const to of targets) {
            const target = layerOf(to);
            if (!target) {
                problems.push(`${from} -> ${to}: imports outside the layers`);
            } else if (LAYERS.indexOf(target.layer) > LAYERS.indexOf(source.layer)) {
                problems.push(`${from} (${source.layer}) -> ${to} (${target.layer}): imports upward`);
            } else if (source.layer === "service" && target.layer === "service" && source.service !== target.service) {
                problems.push(`${from} -> ${to}: imports another service's folder; move what both need into policies/lib`);
            }
        }
    }
    return problems;
}

/** The import cycles of a graph, each as the list of modules around it (found once, from its first module). */
export function importCycles(graph: ImportGraph): string[][] {
    const cycles: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (module: string): void => {
        state.set(module, "open");
        stack.push(module);
        for (const next of graph.get(module) ?? []) {
            if (state.get(next) === "open") {
                cycles.push([...stack.slice(stack.indexOf(next)), next]);
            } else if (!state.has(next)) {
                visit(next);
            }
        }
        stack.pop();
        state.set(module, "done");
    };
    for (const module of [...graph.keys()].sort()) {
        if (!state.has(module)) {
            visit(module);
        }
    }
    return cycles;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function resolveModule(fromFile: string, specifier: string): string {
    const base = resolve(dirname(fromFile), specifier);
    for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
        if (existsSync(candidate)) {
            return candidate;
        }
    }
    return `${base}.ts`;
}

function sourceFiles(dir: string): string[] {
    const out: string[] = [];
    for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
            if (entry !== "bin" && entry !== "node_modules") {
                out.push(...sourceFiles(path));
            }
        } else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) {
            out.push(path);
        }
    }
    return out;
}

/** The relative imports (type-only ones included: they are part of the design) of every module under policies/. */
function policiesGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(POLICIES)) {
        // Comments may quote paths; only code counts.
        const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
        const targets = [...code.matchAll(IMPORT)].map((m) => relative(ROOT, resolveModule(file, m[1]!)).split("\\").join("/"));
        graph.set(relative(ROOT, file).split("\\").join("/"), [...new Set(targets)]);
    }
    return graph;
}

describe("the checker", () => {
    it("places modules in their layers", () => {
        expect(layerOf("policies/lib/readers/values.ts")).toEqual({ layer: "readers" });
        expect(layerOf("policies/lib/aws/iam.ts")).toEqual({ layer: "aws" });
        expect(layerOf("policies/lib/core/policy.ts")).toEqual({ layer: "core" });
        expect(layerOf("policies/s3/lib/s3.ts")).toEqual({ layer: "service", service: "s3" });
        expect(layerOf("policies/catalog.ts")).toEqual({ layer: "pack" });
        expect(layerOf("policies/lib/values.ts")).toBeUndefined();
        expect(layerOf("scanner/scan.ts")).toBeUndefined();
    });

    it("reports an upward import, a sideways import between services and a module outside the layers", () => {
        const graph = new Map([
            ["policies/lib/readers/checks.ts", ["policies/lib/core/policy.ts"]],
            ["policies/lib/aws/iam.ts", ["policies/lib/readers/values.ts"]],
            ["policies/redshift/redshift-in-vpc.ts", ["policies/elasticache/lib/elasticache.ts", "policies/lib/aws/iam.ts"]],
            ["policies/lib/loose.ts", []],
        ]);
        expect(layerViolations(graph)).toEqual([
            "policies/lib/readers/checks.ts (readers) -> policies/lib/core/policy.ts (core): imports upward",
            "policies/redshift/redshift-in-vpc.ts -> policies/elasticache/lib/elasticache.ts: imports another service's folder; move what both need into policies/lib",
            "policies/lib/loose.ts: outside the layers (policies/lib/{readers,aws,core}, policies/<service>, policies/*.ts)",
        ]);
    });

    it("reports a cycle, also one made of type-only imports", () => {
        const graph = new Map([
            ["a.ts", ["b.ts"]],
            ["b.ts", ["c.ts"]],
            ["c.ts", ["a.ts"]],
            ["d.ts", ["a.ts"]],
        ]);
        expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
        expect(importCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", []]]))).toEqual([]);
    });
});

describe("policies/", () => {
    const graph = policiesGraph();

    it("reads the imports of every module", () => {
        expect(graph.get("policies/catalog.ts")).toContain("policies/lib/core/policy.ts");
        expect(graph.get("policies/lib/core/config.ts")).toContain("policies/lib/readers/finding.ts");
    });

    it("imports only its own layer or lower ones, and no service imports another service", () => {
        expect(layerViolations(graph)).toEqual([]);
    });

    it("has no import cycle", () => {
        expect(importCycles(graph)).toEqual([]);
    });

    it("imports only modules that exist", () => {
        const missing = [...graph.values()].flat().filter((path) => !existsSync(join(ROOT, path)));
        expect(missing).toEqual([]);
    });
});
