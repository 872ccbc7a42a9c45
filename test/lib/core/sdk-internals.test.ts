// The contract between the pack and the undocumented behaviour of the pinned @pulumi/policy (see
// policies/lib/core/sdk-internals.ts): each use is exercised against the installed SDK's own server functions,
// proxy and classes, in process. A new SDK version that breaks one fails here, by name, before any e2e test.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { afterEach, describe, expect, it } from "vitest";
import {
    deserializeSdkProperties,
    effectiveLevel,
    hintResourceType,
    installNotApplicableRelay,
    observeConfigureRequests,
    PINNED_SDK_VERSION,
    readConfigureRequest,
    relayNotApplicable,
    reportNotApplicable,
    reportObject,
    rewriteAnalyzeStackRequests,
    type ConfigureRequestLike,
} from "../../../policies/lib/core/sdk-internals";
import { snapshot, UNKNOWN, UNKNOWN_SENTINEL } from "../../../policies/lib/readers/values";
import { UNKNOWN_SENTINEL as ENGINE_UNKNOWN_SENTINEL } from "../../../scanner/engine/values";

const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
const server = sdkRequire("./server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: readonly Policy[]): RpcFunction;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): RpcFunction;
};
const proxy = sdkRequire("./proxy") as { unknownCheckingProxy<T extends object>(value: T): T };
const { Secret } = sdkRequire("./policy") as { Secret: new (value: unknown) => object };
const analyzer = sdkRequire("@pulumi/pulumi/proto/analyzer_pb") as Record<string, new () => Record<string, (...args: unknown[]) => unknown>> & {
    EnforcementLevel: Record<string, number>;
};
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(value: object): unknown } };
const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
    AnalyzerService: { configure: { requestDeserialize(bytes: Buffer): unknown }; analyze: { responseSerialize(response: unknown): Buffer; responseDeserialize(bytes: Buffer): unknown } };
};

type RpcFunction = (call: { request: unknown }, callback: (error: unknown, response: unknown) => void) => Promise<void>;

interface WireDiagnostic {
    policyName: string;
    level: string;
    severity: number;
    message: string;
    urn: string;
}

const LEVEL_NAMES = Object.fromEntries(Object.entries(analyzer.EnforcementLevel).map(([name, value]) => [value, name.toLowerCase()]));

async function call(rpc: RpcFunction, request: unknown): Promise<{ diagnostics: WireDiagnostic[]; notApplicable: string[] }> {
    const response = await new Promise<Record<string, () => unknown[]>>((resolve, reject) => {
        void rpc({ request }, (error, value) => (error ? reject(error) : resolve(value as Record<string, () => unknown[]>)));
    });
    const diagnostics = (response.getDiagnosticsList!() as Record<string, () => unknown>[]).map((d) => ({
        policyName: d.getPolicyname!() as string,
        level: LEVEL_NAMES[d.getEnforcementlevel!() as number]!,
        severity: d.getSeverity!() as number,
        message: d.getMessage!() as string,
        urn: d.getUrn!() as string,
    }));
    const notApplicable = (response.getNotApplicableList!() as Record<string, () => string>[]).map((n) => `${n.getPolicyName!()}: ${n.getReason!()}`);
    return { diagnostics, notApplicable };
}

function analyzeRequest(type: string, props: object) {
    const request = new analyzer.AnalyzeRequest!();
    request.setType!(type);
    request.setUrn!(`urn:pulumi:dev::p::${type}::r`);
    request.setName!("r");
    request.setProperties!(Struct.fromJavaScript(props));
    request.setOptions!(new analyzer.AnalyzerResourceOptions!());
    return request;
}

function analyzeStackRequest(type: string) {
    const resource = new analyzer.AnalyzerResource!();
    resource.setType!(type);
    resource.setUrn!(`urn:pulumi:dev::p::${type}::r`);
    resource.setName!("r");
    resource.setProperties!(Struct.fromJavaScript({}));
    resource.setOptions!(new analyzer.AnalyzerResourceOptions!());
    const request = new analyzer.AnalyzeStackRequest!();
    request.setResourcesList!([resource]);
    return request;
}

const basePolicy = { description: "A test policy.", enforcementLevel: "mandatory" as const, severity: "high" as const };

describe("@pulumi/policy version", () => {
    it("is the one the internals were verified against, and package.json pins it exactly", () => {
        const installed = (sdkRequire("./package.json") as { version: string }).version.replace(/^v/, "");
        expect(installed).toBe(PINNED_SDK_VERSION);
        const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { dependencies: Record<string, string> };
        expect(manifest.dependencies["@pulumi/policy"]).toBe(PINNED_SDK_VERSION);
    });
});

describe("1. the Configure request", () => {
    afterEach(() => observeConfigureRequests(() => undefined));

    function configure(entries: Record<string, { level: string; properties?: object }>) {
        const message = new analyzer.ConfigureAnalyzerRequest!();
        const map = message.getPolicyconfigMap!() as { set(key: string, value: unknown): void };
        for (const [name, { level, properties }] of Object.entries(entries)) {
            const config = new analyzer.PolicyConfig!();
            config.setEnforcementlevel!(analyzer.EnforcementLevel[level]);
            if (properties) {
                config.setProperties!(Struct.fromJavaScript(properties));
            }
            map.set(name, config);
        }
        return message as unknown as ConfigureRequestLike & { serializeBinary(): Uint8Array };
    }

    it("is decoded by a requestDeserialize the pack can wrap, and reaches the SDK unchanged", () => {
        const seen: ConfigureRequestLike[] = [];
        expect(observeConfigureRequests((request) => seen.push(request))).toBe(true);
        const bytes = Buffer.from(configure({ a: { level: "MANDATORY", properties: { x: 1 } } }).serializeBinary());
        const decoded = service.AnalyzerService.configure.requestDeserialize(bytes) as { serializeBinary(): Uint8Array };
        expect(Buffer.from(decoded.serializeBinary())).toEqual(bytes);
        expect(seen).toHaveLength(1);
        expect(readConfigureRequest(seen[0]!).get("a")).toEqual({ enforcementLevel: "mandatory", properties: { x: 1 } });
    });

    it("carries every level the SDK knows, by the numbers the pack maps", () => {
        const levels = readConfigureRequest(
            configure({ a: { level: "ADVISORY", properties: {} }, m: { level: "MANDATORY", properties: {} }, d: { level: "DISABLED", properties: {} }, r: { level: "REMEDIATE", properties: {} } }),
        );
        expect(Object.fromEntries([...levels].map(([name, entry]) => [name, entry.enforcementLevel]))).toEqual({ a: "advisory", m: "mandatory", d: "disabled", r: "remediate" });
        expect(Object.keys(analyzer.EnforcementLevel).sort()).toEqual(["ADVISORY", "DISABLED", "MANDATORY", "REMEDIATE"]);
    });

    it("survives a request the SDK cannot read either, without reaching the observer's caller", () => {
        expect(observeConfigureRequests(() => {
            throw new Error("unreadable");
        })).toBe(true);
        const bytes = Buffer.from(configure({ a: { level: "MANDATORY" } }).serializeBinary());
        expect(() => service.AnalyzerService.configure.requestDeserialize(bytes)).not.toThrow();
        expect(() => readConfigureRequest(configure({ a: { level: "MANDATORY" } }))).toThrow(/unreadable configuration for policy a/);
    });
});

describe("2. violations in object form", () => {
    it("are reported under the name, level and severity they carry", async () => {
        const policy = {
            ...basePolicy,
            name: "host",
            validateResource: (_args: ResourceValidationArgs, report: ReportViolation) => {
                reportObject(report, { name: "guest", message: "m", description: "d", urn: "urn:x", enforcementLevel: "advisory", severity: "low" });
                reportObject(report, { message: "own name", description: "d", enforcementLevel: "advisory" });
                report("string form");
            },
        };
        const { diagnostics } = await call(server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [policy]), analyzeRequest("aws:s3/bucket:Bucket", {}));
        expect(diagnostics.map(({ policyName, level, message, urn }) => ({ policyName, level, message, urn }))).toEqual([
            { policyName: "guest", level: "advisory", message: "m", urn: "urn:x" },
            { policyName: "host", level: "advisory", message: "own name", urn: "" },
            { policyName: "host", level: "mandatory", message: "A test policy.\nstring form", urn: "" },
        ]);
        expect(diagnostics[0]!.severity).not.toBe(diagnostics[2]!.severity);
    });
});

describe("3. the type hint", () => {
    it("makes the SDK skip other types without calling the policy", async () => {
        let calls = 0;
        const validateResource = () => {
            calls++;
        };
        hintResourceType(validateResource, "aws:rds/instance:Instance");
        const rpc = server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [{ ...basePolicy, name: "typed", validateResource } as Policy]);
        const skipped = await call(rpc, analyzeRequest("aws:s3/bucket:Bucket", {}));
        expect(calls).toBe(0);
        expect(skipped.notApplicable).toEqual(["typed: Policy only applies to resources of type 'aws:rds/instance:Instance'"]);
        await call(rpc, analyzeRequest("aws:rds/instance:Instance", {}));
        expect(calls).toBe(1);
    });
});

describe("4. policies without a validate function, and levels", () => {
    it("skips a listed stack policy that has no validateStack, and runs the one that has", async () => {
        const runs: string[] = [];
        const listed = { ...basePolicy, name: "listed-only" } as Policy;
        const host = { ...basePolicy, name: "host", validateStack: (_args: StackValidationArgs) => void runs.push("host") } as Policy;
        const { diagnostics, notApplicable } = await call(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [listed, host]), analyzeStackRequest("aws:s3/bucket:Bucket"));
        expect(runs).toEqual(["host"]);
        expect(diagnostics).toEqual([]);
        expect(notApplicable).toEqual([]);
    });

    it("applies the configured level, else the policy's own", async () => {
        expect(effectiveLevel("disabled", "mandatory")).toBe("disabled");
        expect(effectiveLevel(undefined, "advisory")).toBe("advisory");
        // The SDK: a policy without its own level takes the pack's (the pack gives every policy one).
        const unleveled = { name: "u", description: "d", validateResource: (_a: ResourceValidationArgs, report: ReportViolation) => report("x") } as Policy;
        const { diagnostics } = await call(server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [unleveled]), analyzeRequest("aws:s3/bucket:Bucket", {}));
        expect(diagnostics.map((d) => d.level)).toEqual(["advisory"]);
    });
});

describe("5. not-applicable entries of other policies", () => {
    it("travel inside the call's own diagnostics and leave the wire in its not-applicable list, beside the SDK's own", async () => {
        expect(installNotApplicableRelay()).toBe(true);
        const typed = () => undefined;
        hintResourceType(typed, "aws:rds/instance:Instance");
        const host = {
            ...basePolicy,
            name: "host",
            validateResource: (_args: ResourceValidationArgs, report: ReportViolation) => {
                reportObject(report, { name: "guest", message: "a finding", description: "d", enforcementLevel: "advisory" });
                reportNotApplicable(report, [
                    { policyName: "other-type", reason: "applies to aws:kms/key:Key" },
                    { policyName: "not-selected", reason: "not selected" },
                ]);
            },
        };
        const rpc = server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [{ ...basePolicy, name: "typed", validateResource: typed } as Policy, host]);
        const response = await new Promise<unknown>((resolve, reject) => {
            void rpc({ request: analyzeRequest("aws:s3/bucket:Bucket", {}) }, (error, value) => (error ? reject(error) : resolve(value)));
        });
        // What the engine receives: the SDK's serializer, wrapped by the relay, then the engine's decoding.
        const onTheWire = service.AnalyzerService.analyze.responseDeserialize(service.AnalyzerService.analyze.responseSerialize(response));
        const { diagnostics, notApplicable } = await call((_call, callback) => Promise.resolve(callback(null, onTheWire)), undefined);
        expect(diagnostics.map((d) => [d.policyName, d.message])).toEqual([["guest", "a finding"]]);
        expect(notApplicable).toEqual([
            "typed: Policy only applies to resources of type 'aws:rds/instance:Instance'",
            "other-type: applies to aws:kms/key:Key",
            "not-selected: not selected",
        ]);
    });

    it("keeps one list's encoding and still relays every call's own list", async () => {
        expect(installNotApplicableRelay()).toBe(true);
        const constant = [{ policyName: "kms-only", reason: "Policy does not apply to this resource type" }];
        const onTheWire = async (entries: readonly { policyName: string; reason: string }[]) => {
            const host = { ...basePolicy, name: "host", validateResource: (_args: ResourceValidationArgs, report: ReportViolation) => reportNotApplicable(report, entries) };
            const rpc = server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [host as Policy]);
            const response = await new Promise<unknown>((resolve, reject) => {
                void rpc({ request: analyzeRequest("aws:s3/bucket:Bucket", {}) }, (error, value) => (error ? reject(error) : resolve(value)));
            });
            const decoded = service.AnalyzerService.analyze.responseDeserialize(service.AnalyzerService.analyze.responseSerialize(response));
            return (await call((_call, callback) => Promise.resolve(callback(null, decoded)), undefined)).notApplicable;
        };
        // The same list object in two calls (the one-pass runner's per-type list), then another list.
        expect(await onTheWire(constant)).toEqual(["kms-only: Policy does not apply to this resource type"]);
        expect(await onTheWire(constant)).toEqual(["kms-only: Policy does not apply to this resource type"]);
        expect(await onTheWire([{ policyName: "rds-only", reason: "not selected" }, ...constant])).toEqual([
            "rds-only: not selected",
            "kms-only: Policy does not apply to this resource type",
        ]);
    });

    it("leaves a response without a report as it is", () => {
        const response = new analyzer.AnalyzeResponse!();
        const diagnostic = new analyzer.AnalyzeDiagnostic!();
        diagnostic.setMessage!("an ordinary finding");
        response.setDiagnosticsList!([diagnostic]);
        expect(relayNotApplicable(response as never)).toEqual([]);
        expect((response.getDiagnosticsList!() as unknown[]).length).toBe(1);
        expect((response.getNotApplicableList!() as unknown[]).length).toBe(0);
    });
});

describe("6. the AnalyzeStack request", () => {
    const analyzeStack = (service.AnalyzerService as unknown as { analyzeStack: { requestDeserialize(bytes: Buffer): unknown } }).analyzeStack;
    afterEach(() => rewriteAnalyzeStackRequests(() => undefined));

    it("is decoded by a requestDeserialize the pack can wrap: the SDK decodes the bytes the rewrite gives", () => {
        const original = Buffer.from((analyzeStackRequest("aws:s3/bucket:Bucket").serializeBinary!() as Uint8Array));
        const replacement = Buffer.from((analyzeStackRequest("aws:kms/key:Key").serializeBinary!() as Uint8Array));
        const keepAlive = {};
        expect(rewriteAnalyzeStackRequests(() => ({ bytes: replacement, keepAlive }))).toBe(true);
        const decoded = analyzeStack.requestDeserialize(original) as { getResourcesList(): { getType(): string }[] };
        expect(decoded.getResourcesList().map((r) => r.getType())).toEqual(["aws:kms/key:Key"]);
        // Kept alive by the resource messages, which the handler holds for the whole call.
        expect(Object.getOwnPropertySymbols(decoded.getResourcesList()[0]).map((k) => (decoded.getResourcesList()[0] as unknown as Record<symbol, unknown>)[k])).toContain(keepAlive);
    });

    it("reaches the SDK as it is when the rewrite declines or throws", () => {
        const original = Buffer.from((analyzeStackRequest("aws:s3/bucket:Bucket").serializeBinary!() as Uint8Array));
        for (const rewrite of [() => undefined, () => { throw new Error("unreadable"); }]) {
            expect(rewriteAnalyzeStackRequests(rewrite)).toBe(true);
            const decoded = analyzeStack.requestDeserialize(original) as { serializeBinary(): Uint8Array };
            expect(Buffer.from(decoded.serializeBinary())).toEqual(original);
        }
    });

    it("is read by the handler through getResourcesList alone, each resource's props from getProperties", async () => {
        const resource = (analyzeStackRequest("aws:s3/bucket:Bucket").getResourcesList!() as Record<string, (...args: unknown[]) => unknown>[])[0]!;
        resource.setProperties!(Struct.fromJavaScript({ marker: "id-1" }));
        const seen: unknown[] = [];
        const policy = { ...basePolicy, name: "p", validateStack: (args: StackValidationArgs) => seen.push(...args.resources.map((r) => Object.getOwnPropertyDescriptor(r.props, "marker")?.value)) };
        await call(server.makeAnalyzeStackRpcFun("pack", "1.0.0", "mandatory", [policy as unknown as Policy]), { getResourcesList: () => [resource] });
        expect(seen).toEqual(["id-1"]);
    });

    it("has its properties deserialized by deserialize.js, which deserializeSdkProperties calls", () => {
        const raw = {
            password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
            code: { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "x" },
            kmsKeyId: UNKNOWN_SENTINEL,
        };
        const sdk = (sdkRequire("./deserialize") as { deserializeProperties(s: unknown, proxySecrets: boolean): Record<string, unknown> }).deserializeProperties(Struct.fromJavaScript(raw), false);
        const ours = deserializeSdkProperties(raw);
        expect(ours).toEqual(sdk);
        expect(ours.password).toBe("hunter2");
        expect((ours.code as object).constructor.name).toBe("StringAsset");
        expect(ours.kmsKeyId).toBe(UNKNOWN_SENTINEL);
    });
});

describe("readers/values.ts snapshot over the SDK's values", () => {
    it("reads through the unknown-checking proxy without tripping it", () => {
        const props = proxy.unknownCheckingProxy({ kmsKeyId: UNKNOWN_SENTINEL, nested: { on: true }, list: [UNKNOWN_SENTINEL, "a"] });
        expect(() => (props as Record<string, unknown>).kmsKeyId).toThrow();
        expect(snapshot(props)).toEqual({ kmsKeyId: UNKNOWN, nested: { on: true }, list: [UNKNOWN, "a"] });
    });

    it("uses the engine's unknown sentinel and unwraps the SDK's Secret class", () => {
        const rpc = sdkRequire("@pulumi/pulumi/runtime/rpc") as { unknownValue: string };
        expect(rpc.unknownValue).toBe(UNKNOWN_SENTINEL);
        // The engine emulator sends the same string under the same name.
        expect(ENGINE_UNKNOWN_SENTINEL).toBe(UNKNOWN_SENTINEL);
        expect(snapshot({ password: new Secret("hunter2") })).toEqual({ password: "hunter2" });
    });
});
