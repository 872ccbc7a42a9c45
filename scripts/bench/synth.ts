// Realistic deployments for the benchmarks: the bundled stacks captured through the harness (the resources a
// real Pulumi program registers, with their property dependencies), and stacks of any size built by cloning
// those captures under fresh names (VPCs, subnets, route tables, security groups with separate rule resources,
// RDS instances/clusters/proxies, KMS keys and aliases, IAM roles/policies, secrets), 4 hardened : 1 exposed : 1 of
// scripts/bench/stores-program (the stores the bundled stacks lack, and aws-native and CloudFormation forms).

import { join } from "node:path";
import { captureProgram, type Capture } from "../../test/harness/capture";
import { defaultOptions, ROOT_STACK_TYPE, stackUrn, type Deployment, type ResourceState } from "../../scanner/engine/model";
import type { JsonValue } from "../../scanner/engine/values";

export const ROOT = join(__dirname, "..", "..");
export const PROJECT = "bench";
export const STACK = "dev";

export interface Captures {
    hardened: Capture;
    exposed: Capture;
    hardenedPreview: Capture;
    exposedPreview: Capture;
    /** scripts/bench/stores-program: the stores the bundled stacks do not deploy, set up well and exposed. */
    stores: Capture;
    storesPreview: Capture;
}

export async function captureStacks(): Promise<Captures> {
    const program = (name: string) => join(ROOT, "stacks", name);
    const storesProgram = join(__dirname, "stores-program");
    const [hardened, exposed, hardenedPreview, exposedPreview, stores, storesPreview] = await Promise.all([
        captureProgram({ programDir: program("hardened"), preview: false }),
        captureProgram({ programDir: program("exposed-wallet-db"), preview: false }),
        captureProgram({ programDir: program("hardened"), preview: true }),
        captureProgram({ programDir: program("exposed-wallet-db"), preview: true }),
        captureProgram({ programDir: storesProgram, preview: false }),
        captureProgram({ programDir: storesProgram, preview: true }),
    ]);
    return { hardened, exposed, hardenedPreview, exposedPreview, stores, storesPreview };
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function mapStrings(value: JsonValue, f: (s: string) => string): JsonValue {
    if (typeof value === "string") {
        return f(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => mapStrings(v, f));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, JsonValue> = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = mapStrings(v, f);
        }
        return out;
    }
    return value;
}

/** The capture's program resources (no root stack, no provider) with the project renamed to PROJECT. */
function templateOf(capture: Capture): { resources: ResourceState[]; tokens: string[] } {
    const urnPrefix = `urn:pulumi:${capture.stack}::${capture.project}::`;
    const resources = capture.resources.filter((r) => r.type !== ROOT_STACK_TYPE && !r.type.startsWith("pulumi:providers:"));
    // Every identifier a clone must rename: names, IDs, ARNs and auto-names of the resources.
    const tokens = new Set<string>();
    for (const r of resources) {
        tokens.add(r.name);
        if (r.id) {
            tokens.add(r.id);
        }
        for (const key of ["arn", "name", "id", "identifier", "clusterIdentifier", "keyId"]) {
            const v = (r.outputs as Record<string, JsonValue>)[key];
            if (typeof v === "string" && v.length > 3) {
                tokens.add(v);
            }
        }
    }
    const rename = (s: string) => s.split(urnPrefix).join(`urn:pulumi:${STACK}::${PROJECT}::`);
    return {
        resources: resources.map((r) => mapStrings(r as unknown as JsonValue, rename) as unknown as ResourceState),
        tokens: [...tokens].sort((a, b) => b.length - a.length),
    };
}

function cloneWithSuffix(template: { resources: ResourceState[]; tokens: string[] }, suffix: string, providerRef: string, root: string): ResourceState[] {
    const pattern = new RegExp(`(${template.tokens.map(escapeRegExp).join("|")})(?![A-Za-z0-9_-])`, "g");
    const rename = (s: string) => s.replace(pattern, (m) => `${m}${suffix}`);
    return template.resources.map((r) => {
        const clone = mapStrings(r as unknown as JsonValue, rename) as unknown as ResourceState;
        clone.provider = r.custom ? providerRef : "";
        clone.parent = root;
        return clone;
    });
}

/** A deployment of exactly `size` resources (root stack and provider included). */
export function synthesizeStack(captures: Captures, size: number): Deployment {
    const root = stackUrn(STACK, PROJECT);
    const providerUrn = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default_7_48_0`;
    const providerId = "87f60555-60e7-420d-a231-8a5a1f780511";
    const rootResource: ResourceState = {
        urn: root, type: ROOT_STACK_TYPE, name: `${PROJECT}-${STACK}`, custom: false, id: "", parent: "", provider: "",
        dependencies: [], propertyDependencies: {}, inputs: {}, outputs: {}, options: defaultOptions(),
    };
    const provider: ResourceState = {
        urn: providerUrn, type: "pulumi:providers:aws", name: "default_7_48_0", custom: true, id: providerId, parent: "", provider: "",
        dependencies: [], propertyDependencies: {}, inputs: { region: "us-east-1" }, outputs: { region: "us-east-1" }, options: defaultOptions(),
        synthetic: "default-provider",
    };
    const hardened = templateOf(captures.hardened);
    const exposed = templateOf(captures.exposed);
    const stores = templateOf(captures.stores);
    const resources: ResourceState[] = [rootResource, provider];
    for (let i = 0; resources.length < size; i++) {
        const template = i % 6 === 5 ? stores : i % 6 === 4 ? exposed : hardened;
        // Registration order: a prefix of a clone only depends on resources already present.
        for (const r of cloneWithSuffix(template, `-c${i}`, `${providerUrn}::${providerId}`, root)) {
            if (resources.length >= size) {
                break;
            }
            resources.push(r);
        }
    }
    return { organization: "organization", project: PROJECT, stack: STACK, preview: false, resources };
}
