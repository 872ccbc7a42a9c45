// The plain requests an in-process pack receives (scanner/engine/plain-requests.ts) against the generated messages
// the engine emulator sends over the wire: the pinned SDK's own Analyze, Remediate and AnalyzeStack handlers run on
// both, and the policies must receive the same arguments, down to the order of every object's keys.

import { createRequire } from "node:module";
import { join } from "node:path";
import type { Policy, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { AnalyzerStub, stackSettings, type AnalyzeRequestMessage, type AnalyzerResourceMessage, type CallOptions } from "../../../scanner/engine/pack";
import { PlainAnalyzeRequest, PlainAnalyzeStackRequest, PlainStruct } from "../../../scanner/engine/plain-requests";
import { loadProto } from "../../../scanner/engine/proto";
import { secret, SECRET_SIG, SIG_KEY, type JsonObject } from "../../../scanner/engine/values";
import { builtPackDir } from "../../e2e/built-pack";

const packDir = builtPackDir();
const proto = loadProto(packDir);
const sdkRequire = createRequire(createRequire(join(packDir, "package.json")).resolve("@pulumi/policy"));
type RpcFunction = (call: { request: unknown }, callback: (error: unknown, response: unknown) => void) => Promise<void>;
const server = sdkRequire("./server") as Record<"makeAnalyzeRpcFun" | "makeRemediateRpcFun" | "makeAnalyzeStackRpcFun", (pack: string, version: string, level: string, policies: Policy[]) => RpcFunction>;

/** The generated request each call would send over the wire, decoded from its bytes as the pack process would. */
class WireRequests extends AnalyzerStub {
    readonly packDir = packDir;
    readonly proto = proto;
    readonly settings = stackSettings();
    readonly engineAddress = "test";
    exitCode = null;
    exitSignal = null;
    bootMs = 0;
    sent: unknown;

    protected call<Req, Res>(method: string, request: Req, _options?: CallOptions): Promise<Res> {
        const definition = (proto.analyzerGrpc.AnalyzerService as unknown as Record<string, { requestSerialize(r: unknown): Buffer; requestDeserialize(b: Buffer): unknown }>)[method]!;
        this.sent = definition.requestDeserialize(definition.requestSerialize(request));
        return Promise.resolve((method === "remediate" ? new proto.analyzer.RemediateResponse() : new proto.analyzer.AnalyzeResponse()) as Res);
    }

    async shutdown(): Promise<void> {}

    async analyzeOf(message: AnalyzeRequestMessage): Promise<unknown> {
        await this.analyze(message);
        return this.sent;
    }

    async stackOf(resources: AnalyzerResourceMessage[]): Promise<unknown> {
        await this.analyzeStack(resources);
        return this.sent;
    }
}

/** Keys in unsorted order, numeric-looking and non-ASCII keys, nesting, lists, nulls, numbers, and a secret. */
const properties: JsonObject = {
    tags: { zeta: "1", Alpha: "2", "10": "ten", "2": "two", "é": "e", a: { y: [1, { d: null, c: true }], x: -1.5e-7 } },
    storageEncrypted: false,
    allocatedStorage: 20,
    password: secret({ b: "s3cr3t", a: ["x"] }),
    vpcSecurityGroupIds: ["sg-2", "sg-1"],
    empty: {},
    nothing: null,
};

const provider = { type: "pulumi:providers:aws", urn: "urn:pulumi:dev::p::pulumi:providers:aws::default", name: "default", properties: { region: "us-east-1", defaultTags: { tags: { b: "1", a: "2" } } } };

const resource: AnalyzeRequestMessage = {
    urn: "urn:pulumi:dev::p::aws:rds/instance:Instance::db",
    type: "aws:rds/instance:Instance",
    name: "db",
    properties,
    options: {
        protect: true,
        ignoreChanges: ["tags", "password"],
        deleteBeforeReplace: false,
        additionalSecretOutputs: ["password"],
        aliases: ["urn:pulumi:dev::p::aws:rds/instance:Instance::old"],
        customTimeouts: { create: 60, update: 0, delete: 1.5, read: 0 },
        parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
    },
    provider,
};

const stack: AnalyzerResourceMessage[] = [
    {
        urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
        type: "pulumi:pulumi:Stack",
        name: "p-dev",
        properties: {},
        options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0, read: 0 }, parent: "" },
        parent: "",
        dependencies: [],
        propertyDependencies: {},
    },
    {
        ...resource,
        parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
        dependencies: ["urn:pulumi:dev::p::aws:ec2/securityGroup:SecurityGroup::sg", "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"],
        // Unsorted, one without dependencies (the engine leaves it out), one naming a resource not in the stack.
        propertyDependencies: { vpcSecurityGroupIds: ["urn:pulumi:dev::p::aws:ec2/securityGroup:SecurityGroup::sg"], allocatedStorage: [], kmsKeyId: ["urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"] },
    },
    { ...resource, urn: "urn:pulumi:dev::p::aws:rds/instance:Instance::other", name: "other", options: { ...resource.options, deleteBeforeReplace: undefined }, provider: undefined, parent: "", dependencies: [], propertyDependencies: {} },
];

/** What a policy receives, as text: JSON keeps key order; parent and dependencies by URN (they are resource objects). */
function received(value: unknown): string {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (key, inner: unknown) => {
        if ((key === "parent" || key === "resource") && typeof inner === "object" && inner !== null && "urn" in inner) {
            return `-> ${String((inner as { urn: unknown }).urn)}`;
        }
        if (typeof inner === "object" && inner !== null) {
            if (seen.has(inner) && !Array.isArray(inner)) {
                return `-> ${String((inner as { urn?: unknown }).urn ?? "?")}`;
            }
            seen.add(inner);
        }
        return typeof inner === "function" ? undefined : inner;
    });
}

async function run(rpc: RpcFunction, request: unknown): Promise<void> {
    await new Promise<void>((resolve, reject) => void rpc({ request }, (error) => (error ? reject(error as Error) : resolve())));
}

const base = { description: "Records what it receives.", enforcementLevel: "advisory" as const };

describe("plain requests give the SDK's handlers what the generated messages give", () => {
    it("Analyze: type, urn, name, properties (secrets unwrapped), options and the provider", async () => {
        const seen: string[] = [];
        const rpc = server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", [
            { ...base, name: "record", validateResource: (args: ResourceValidationArgs) => void seen.push(received({ ...args, props: args.props })) } as Policy,
        ]);
        await run(rpc, await new WireRequests().analyzeOf(resource));
        await run(rpc, new PlainAnalyzeRequest(resource));
        await run(rpc, await new WireRequests().analyzeOf({ ...resource, provider: undefined, options: { ...resource.options, deleteBeforeReplace: undefined } }));
        await run(rpc, new PlainAnalyzeRequest({ ...resource, provider: undefined, options: { ...resource.options, deleteBeforeReplace: undefined } }));
        expect(seen).toHaveLength(4);
        expect(seen[1]).toBe(seen[0]);
        expect(seen[3]).toBe(seen[2]);
        // Something is compared: sorted keys, the secret's value, the options and the provider reached the policy.
        expect(seen[0]).toContain('"tags":{"2":"two","10":"ten","Alpha":"2","a":{"x":-1.5e-7,"y":[1,{"c":true,"d":null}]},"zeta":"1","é":"e"}');
        expect(seen[0]).toContain('"password":{"a":["x"],"b":"s3cr3t"}');
        expect(seen[0]).toContain('"customTimeouts":{"createSeconds":60,"updateSeconds":0,"deleteSeconds":1.5}');
        expect(seen[0]).toContain('"deleteBeforeReplace":false');
        expect(seen[2]).not.toContain("deleteBeforeReplace");
        expect(seen[0]).toContain('"provider":{"type":"pulumi:providers:aws"');
        expect(seen[2]).not.toContain('"provider"');
    });

    it("Remediate: the properties with their secrets kept as secrets", async () => {
        const seen: string[] = [];
        const rpc = server.makeRemediateRpcFun("pack", "1.0.0", "remediate", [
            { ...base, name: "record", enforcementLevel: "remediate", remediateResource: (args: ResourceValidationArgs) => void seen.push(received({ ...args, props: args.props })) } as Policy,
        ]);
        await run(rpc, await new WireRequests().analyzeOf(resource));
        await run(rpc, new PlainAnalyzeRequest(resource));
        expect(seen).toHaveLength(2);
        expect(seen[1]).toBe(seen[0]);
        expect(seen[0]).toContain('"tags":{"2":"two"');
    });

    it("AnalyzeStack: every resource with its parent, dependencies and property dependencies", async () => {
        const seen: string[] = [];
        const rpc = server.makeAnalyzeStackRpcFun("pack", "1.0.0", "advisory", [
            {
                ...base,
                name: "record",
                validateStack: (args: StackValidationArgs) =>
                    void seen.push(
                        received(
                            args.resources.map((r) => ({ ...r, props: r.props, parent: r.parent?.urn, dependencies: r.dependencies.map((d) => d.urn), propertyDependencies: Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)]) })),
                        ),
                    ),
            } as Policy,
        ]);
        await run(rpc, await new WireRequests().stackOf(stack));
        await run(rpc, new PlainAnalyzeStackRequest(stack));
        expect(seen).toHaveLength(2);
        expect(seen[1]).toBe(seen[0]);
        const resources = JSON.parse(seen[0]!) as { urn: string; parent?: string; dependencies: string[]; propertyDependencies: [string, string[]][] }[];
        expect(resources[1]).toMatchObject({
            parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
            // Only the URNs of resources in the stack; property dependencies sorted, the empty one left out.
            dependencies: ["urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"],
            propertyDependencies: [
                ["kmsKeyId", ["urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"]],
                ["vpcSecurityGroupIds", []],
            ],
        });
    });
});

describe("PlainStruct", () => {
    it("is a new copy on every call, as Struct.toJavaScript is", () => {
        const struct = new PlainStruct(properties);
        const first = struct.toJavaScript();
        expect(first).toEqual(properties);
        expect(first).not.toBe(properties);
        expect(first.tags).not.toBe(properties.tags);
        (first.tags as JsonObject).zeta = "changed";
        expect((struct.toJavaScript().tags as JsonObject).zeta).toBe("1");
        expect((struct.toJavaScript().password as JsonObject)[SIG_KEY]).toBe(SECRET_SIG);
    });

    it("refuses what a Struct cannot carry, with google-protobuf's words", () => {
        const odd = { a: [1, () => 1] } as unknown as JsonObject;
        expect(() => proto.struct.Struct.fromJavaScript(odd as never)).toThrow("Unexpected struct type.");
        expect(() => new PlainStruct(odd).toJavaScript()).toThrow("Unexpected struct type.");
        const undefinedInside = { a: { b: undefined } } as unknown as JsonObject;
        expect(() => proto.struct.Struct.fromJavaScript(undefinedInside as never)).toThrow("Unexpected struct type.");
        expect(() => new PlainStruct(undefinedInside).toJavaScript()).toThrow("Unexpected struct type.");
    });
});
