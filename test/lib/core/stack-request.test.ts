// The AnalyzeStack request read from its bytes (policies/lib/core/stack-request.ts) must give the stack policies
// exactly the stack the SDK's own decoding gives them (stack-snapshot.ts over the SDK's resources), and leave every
// request it does not read exactly to the SDK. Both sides run the installed SDK's AnalyzeStack handler.

import { createRequire } from "node:module";
import type { Policy, StackValidationArgs } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import type { StackResource } from "../../../policies/lib/aws/graph";
import { rewriteAnalyzeStackRequests } from "../../../policies/lib/core/sdk-internals";
import { PLACEHOLDER_PROPERTY, readStackRequest, rewriteStackRequest, takeStackRequest } from "../../../policies/lib/core/stack-request";
import { clearStackSnapshotCache, stackSnapshot } from "../../../policies/lib/core/stack-snapshot";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../../../policies/lib/readers/values";

const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
const server = sdkRequire("./server") as {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): (call: { request: unknown }, callback: (error: unknown, response: unknown) => void) => Promise<void>;
};
type Message = Record<string, (...args: unknown[]) => unknown>;
const analyzer = sdkRequire("@pulumi/pulumi/proto/analyzer_pb") as Record<string, (new () => Message) & { deserializeBinary?(bytes: Uint8Array): Message }>;
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(value: object): unknown } };
const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: { analyzeStack: { requestDeserialize(bytes: Buffer): unknown } } };

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

interface ResourceSpec {
    type?: string;
    name: string;
    props: object;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: object;
}

const urnOf = (name: string) => `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`;

function stackRequest(specs: readonly ResourceSpec[]): Message {
    const resources = specs.map((spec) => {
        const resource = new analyzer.AnalyzerResource!();
        resource.setType!(spec.type ?? "aws:s3/bucket:Bucket");
        resource.setUrn!(urnOf(spec.name));
        resource.setName!(spec.name);
        resource.setProperties!(Struct.fromJavaScript(spec.props));
        const options = new analyzer.AnalyzerResourceOptions!();
        options.setProtect!(true);
        options.setIgnorechangesList!(["tags"]);
        resource.setOptions!(options);
        if (spec.parent) {
            resource.setParent!(spec.parent);
        }
        resource.setDependenciesList!(spec.dependencies ?? []);
        const map = resource.getPropertydependenciesMap!() as { set(key: string, value: unknown): void };
        for (const [key, urns] of Object.entries(spec.propertyDependencies ?? {})) {
            const dependencies = new analyzer.AnalyzerPropertyDependencies!();
            dependencies.setUrnsList!(urns);
            map.set(key, dependencies);
        }
        if (spec.provider) {
            const provider = new analyzer.AnalyzerProviderResource!();
            provider.setType!("pulumi:providers:aws");
            provider.setUrn!("urn:pulumi:dev::p::pulumi:providers:aws::default");
            provider.setName!("default");
            provider.setProperties!(Struct.fromJavaScript(spec.provider));
            resource.setProvider!(provider);
        }
        return resource;
    });
    const request = new analyzer.AnalyzeStackRequest!();
    request.setResourcesList!(resources);
    return request;
}

/** What the stack policies see of a request the SDK's handler is given, and what the handler answers. */
async function policiesSee(request: unknown): Promise<{ stack: readonly StackResource[]; sdkResources: number }> {
    let seen: { stack: readonly StackResource[]; sdkResources: number } | undefined;
    const policy = {
        name: "p",
        description: "Sees the stack.",
        enforcementLevel: "mandatory",
        validateStack: (args: StackValidationArgs) => {
            clearStackSnapshotCache();
            seen = { stack: stackSnapshot(args.resources), sdkResources: args.resources.length };
        },
    } as unknown as Policy;
    const rpc = server.makeAnalyzeStackRpcFun("pack", "1.0.0", "mandatory", [policy]);
    await new Promise<void>((resolve, reject) => {
        void rpc({ request }, (error) => (error ? reject(error as Error) : resolve()));
    });
    return seen!;
}

/** Values with their key order and the class of opaque values made visible (toStrictEqual ignores both). */
function ordered(value: unknown): unknown {
    if (value === UNKNOWN) {
        return "<UNKNOWN>";
    }
    if (Array.isArray(value)) {
        return value.map(ordered);
    }
    if (typeof value === "object" && value !== null) {
        const prototype: unknown = Object.getPrototypeOf(value);
        const label = prototype === Object.prototype ? "object" : (prototype as { constructor: { name: string } }).constructor.name;
        return [label, ...Object.entries(value).map(([k, v]) => [k, ordered(v)])];
    }
    return value;
}

/** The stack the policies see from the request object (the SDK's decoding) and from its bytes through the rewrite. */
async function bothWays(request: Message): Promise<{ normal: unknown; fromBytes: unknown; sdkResources: number }> {
    const bytes = Buffer.from(request.serializeBinary!() as Uint8Array);
    // The generated class's decoder: the one the service's requestDeserialize calls when nothing is rewritten.
    const normal = await policiesSee(analyzer.AnalyzeStackRequest!.deserializeBinary!(bytes));
    const fromBytes = await policiesSee(service.AnalyzerService.analyzeStack.requestDeserialize(bytes));
    return { normal: ordered(normal.stack), fromBytes: ordered(fromBytes.stack), sdkResources: fromBytes.sdkResources };
}

describe("an AnalyzeStack request read from its bytes", () => {
    beforeAll(() => {
        expect(rewriteAnalyzeStackRequests(rewriteStackRequest)).toBe(true);
    });

    it("gives the stack policies exactly the stack the SDK's decoding gives them, through one placeholder", async () => {
        let deep: object = { leaf: "bottom" };
        for (let i = 0; i < 55; i++) {
            deep = { level: deep, list: [i] };
        }
        const request = stackRequest([
            {
                name: "a",
                props: {
                    bucket: "wallet-keys",
                    b: 2, a: 1, "10": "ten", "2": "two", "": "empty key", "ünïcödé 🔑": "välue 🔐",
                    versioning: { enabled: true, mfaDelete: false },
                    tags: { Name: "x", Classification: "key-material" },
                    serverSideEncryptionConfiguration: UNKNOWN_SENTINEL,
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*" }] }),
                    numbers: [0, -0, 1.5, -7, 1e300, Number.MAX_SAFE_INTEGER],
                    nothing: null, emptyObject: {}, emptyList: [], nested: [[UNKNOWN_SENTINEL, { x: [null] }]],
                    deep,
                },
                parent: urnOf("b"),
                dependencies: [urnOf("b"), urnOf("not-in-stack")],
                propertyDependencies: { zeta: [urnOf("b")], alpha: [urnOf("not-in-stack"), urnOf("a")], "3": [] },
                provider: { region: "eu-west-1", version: "6.0.0" },
            },
            { name: "b", props: { id: "b-1" }, parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev" },
            { type: "aws:rds/instance:Instance", name: "db", props: { password: secret("hunter2"), masterUserSecrets: [secret({ kmsKeyId: UNKNOWN_SENTINEL })], storageEncrypted: true } },
        ]);
        const { normal, fromBytes, sdkResources } = await bothWays(request);
        expect(sdkResources).toBe(1);
        expect(fromBytes).toStrictEqual(normal);
        // The comparison is not vacuous: what both sides agree on.
        const stack = normal as unknown[][];
        expect(stack).toHaveLength(3);
        expect(JSON.stringify(stack[2])).toContain("hunter2");
        expect(JSON.stringify(stack[0])).toContain("<UNKNOWN>");
    });

    it("gives assets and archives to the SDK's own deserializer", async () => {
        const asset = { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "exports.handler = 1" };
        const archive = { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: { "index.js": asset } };
        const { normal, fromBytes, sdkResources } = await bothWays(stackRequest([{ type: "aws:lambda/function:Function", name: "fn", props: { code: archive, handler: "index.handler" } }]));
        expect(sdkResources).toBe(1);
        expect(fromBytes).toStrictEqual(normal);
        expect(JSON.stringify(normal)).toContain("AssetArchive");
    });

    it("leaves a request nested deeper than it reads to the SDK", async () => {
        let deep: object = { leaf: 1 };
        for (let i = 0; i < 70; i++) {
            deep = { d: deep };
        }
        const request = stackRequest([{ name: "a", props: { deep } }, { name: "b", props: {} }]);
        expect(readStackRequest(Buffer.from(request.serializeBinary!() as Uint8Array))).toBeUndefined();
        const { normal, fromBytes, sdkResources } = await bothWays(request);
        expect(sdkResources).toBe(2);
        expect(fromBytes).toStrictEqual(normal);
    });

    it("reads a request with no resource as an empty stack", async () => {
        const { normal, fromBytes } = await bothWays(stackRequest([]));
        expect(fromBytes).toStrictEqual(normal);
        expect(normal).toEqual([]);
    });
});

// Hand-made bytes: what google-protobuf never writes (keys out of order, fields twice) and what it rejects.
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n % 0x80) | 0x80, ...varint(Math.floor(n / 0x80))]);
const field = (n: number, content: Buffer | string): Buffer => {
    const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    return Buffer.concat([Buffer.from([...varint(n * 8 + 2), ...varint(body.length)]), body]);
};
const stringValue = (s: string) => field(3, s);
const entry = (key: string | Buffer, value: Buffer) => field(1, Buffer.concat([field(1, key), field(2, value)]));
const resourceBytes = (props: Buffer, extra: Buffer[] = [], options = true) =>
    field(1, Buffer.concat([field(1, "aws:s3/bucket:Bucket"), field(2, props), field(3, urnOf("a")), field(4, "a"), ...(options ? [field(5, Buffer.alloc(0))] : []), ...extra]));

describe("requests not read exactly", () => {
    beforeAll(() => {
        expect(rewriteAnalyzeStackRequests(rewriteStackRequest)).toBe(true);
    });

    it("reads keys sent out of order in google-protobuf's order", async () => {
        const bytes = resourceBytes(Buffer.concat([entry("zeta", stringValue("z")), entry("10", stringValue("ten")), entry("alpha", stringValue("a")), entry("9", stringValue("nine"))]));
        expect(readStackRequest(bytes)).toBeDefined();
        const normal = await policiesSee(analyzer.AnalyzeStackRequest!.deserializeBinary!(bytes));
        const fromBytes = await policiesSee(service.AnalyzerService.analyzeStack.requestDeserialize(bytes));
        expect(ordered(fromBytes.stack)).toStrictEqual(ordered(normal.stack));
        expect(Object.keys(fromBytes.stack[0]!.props)).toEqual(["9", "10", "alpha", "zeta"]);
    });

    const notExact: [string, Buffer][] = [
        ["a value without a kind", resourceBytes(entry("k", Buffer.alloc(0)))],
        ["a value with two kinds", resourceBytes(entry("k", Buffer.concat([stringValue("a"), stringValue("b")])))],
        ["a key twice", resourceBytes(Buffer.concat([entry("k", stringValue("a")), entry("k", stringValue("b"))]))],
        ["a string that is not UTF-8", resourceBytes(entry("k", field(3, Buffer.from([0x61, 0xff, 0x62]))))],
        ["a key that is not UTF-8", resourceBytes(entry(Buffer.from([0xc3, 0x28]), stringValue("a")))],
        ["a `__proto__` key", resourceBytes(entry("__proto__", field(5, entry("polluted", stringValue("yes")))))],
        ["a boolean that is neither 0 nor 1", resourceBytes(entry("k", Buffer.from([0x20, 0x02])))],
        ["a number with the wrong wire type", resourceBytes(entry("k", Buffer.from([0x10, 0x01])))],
        ["no options (an older CLI: the SDK rejects it)", resourceBytes(entry("k", stringValue("a")), [], false)],
        ["a provider without properties (the SDK rejects it)", resourceBytes(entry("k", stringValue("a")), [field(6, field(1, "pulumi:providers:aws"))])],
        ["the type twice", resourceBytes(entry("k", stringValue("a")), [field(1, "aws:kms/key:Key")])],
        ["a truncated message", resourceBytes(entry("k", stringValue("a"))).subarray(0, 20)],
        ["a value whose last varint runs past its end", resourceBytes(Buffer.concat([entry("k", Buffer.from([0x20, 0x81])), entry("l", stringValue("b"))]))],
        ["an invalid asset (the SDK throws)", resourceBytes(entry("code", field(5, entry(SIG, stringValue("c44067f5952c0a294b673a41bacd8c17")))))],
    ];

    it.each(notExact)("leaves %s to the SDK's own decoding", (_, bytes) => {
        expect(readStackRequest(bytes)).toBeUndefined();
        let normal: unknown;
        let normalError: unknown;
        try {
            normal = analyzer.AnalyzeStackRequest!.deserializeBinary!(bytes);
        } catch (error) {
            normalError = error;
        }
        let decoded: unknown;
        let decodedError: unknown;
        try {
            decoded = service.AnalyzerService.analyzeStack.requestDeserialize(bytes);
        } catch (error) {
            decodedError = error;
        }
        expect(String(decodedError)).toBe(String(normalError));
        if (normal) {
            expect(Buffer.from((decoded as Message).serializeBinary!() as Uint8Array)).toEqual(Buffer.from((normal as Message).serializeBinary!() as Uint8Array));
        }
    });

    it("refuses a placeholder whose request is no longer held, rather than judge an empty stack", () => {
        expect(() => takeStackRequest([{ props: { [PLACEHOLDER_PROPERTY]: "gone-1" } }])).toThrow(/no longer held/);
        expect(takeStackRequest([{ props: { bucket: "b" } }])).toBeUndefined();
    });
});
