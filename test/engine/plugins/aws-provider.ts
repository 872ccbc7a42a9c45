// The stand-in `pulumi-resource-aws` (reports 7.48.0) that the real Pulumi CLI starts during the engine suite.
//
// The real provider cannot be built offline (it wraps a patched Terraform provider and embeds a generated
// schema), so this plugin answers the engine's ResourceProvider RPCs with the behaviour the capture harness
// already models (test/harness/provider.ts: auto-names, sensitive inputs marked secret, realistic IDs/ARNs,
// unknown computed outputs in preview, the data sources the stacks read), plus what the real Check adds where
// the pack reads it: `region` from the provider configuration on every resource type that has a `region` input,
// and `tagsAll` (the provider's `defaultTags.tags` merged under the resource's `tags`) on every type that has
// that output. It does not imitate: Terraform defaults, type normalisation, validation failures, ignoreTags,
// replacements (Diff never asks for a replace), or real AWS state.
//
// Started as `node --import tsx aws-provider.ts` by a shell wrapper; prints its port as the first stdout line.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as ProviderGrpcPb from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import { checkInputs, createResource, invoke } from "../../harness/provider";
import { fromProto, fromRoot, grpc, pluginPb } from "./proto";
import { PROVIDER_VERSION } from "./version";
import { isObject, isUnknown, UNKNOWN_SENTINEL, type JsonObject, type JsonValue } from "../../../scanner/engine/values";


const providerPb = fromProto("./provider_pb.js") as typeof ProviderPb;
const providerGrpc = fromProto("./provider_grpc_pb.js") as typeof ProviderGrpcPb;
const structPb = fromProto("google-protobuf/google/protobuf/struct_pb.js") as typeof StructPb;
const emptyPb = fromProto("google-protobuf/google/protobuf/empty_pb.js") as typeof EmptyPb;
const awsDir = dirname(fromRoot.resolve("@pulumi/aws/package.json"));

/** `aws:rds/instance:Instance` → its type name and resource name from a URN. */
function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return { type: qualifiedType.split("$").pop() ?? qualifiedType, name: parts.slice(3).join("::") };
}

interface TypeShape {
    hasRegion: boolean;
    hasTagsAll: boolean;
}

const shapes = new Map<string, TypeShape>();

/**
 * Whether a resource type has a `region` input and a `tagsAll` output, read from @pulumi/aws itself
 * (`aws:rds/instance:Instance` lives in `rds/instance.js`, which sets `resourceInputs["region"] = args?.region` and
 * `resourceInputs["tagsAll"] = undefined /*out*\/`).
 */
function shapeOf(type: string): TypeShape {
    const known = shapes.get(type);
    if (known) {
        return known;
    }
    const match = /^aws:([^/]+)\/([^:]+):/.exec(type);
    let source = "";
    if (match) {
        try {
            source = readFileSync(join(awsDir, match[1] === "index" ? "" : match[1]!, `${match[2]}.js`), "utf8");
        } catch {
            source = "";
        }
    }
    const shape = {
        hasRegion: /resourceInputs\["region"\] = args(\?\.| \? args\.)region\b/.test(source),
        hasTagsAll: source.includes('resourceInputs["tagsAll"] = undefined /*out*/'),
    };
    shapes.set(type, shape);
    return shape;
}

interface ProviderConfig {
    region: string;
    defaultTags: JsonValue | undefined;
}

let config: ProviderConfig = { region: "us-east-1", defaultTags: undefined };

function parseMaybeJson(value: JsonValue | undefined): JsonValue | undefined {
    if (typeof value === "string" && !isUnknown(value) && /^[[{]/.test(value)) {
        try {
            return JSON.parse(value) as JsonValue;
        } catch {
            return value;
        }
    }
    return value;
}

/** The provider's configuration, from the `args` Struct or (older engines) the `aws:config:*` variables. */
export function configure(args: JsonObject, variable: (key: string) => string | undefined = () => undefined): ProviderConfig {
    const region = args.region ?? variable("aws:config:region") ?? "us-east-1";
    config = {
        region: typeof region === "string" && !isUnknown(region) ? region : "us-east-1",
        defaultTags: parseMaybeJson(args.defaultTags ?? variable("aws:config:defaultTags")),
    };
    return config;
}

/** The provider's `defaultTags.tags` merged under the resource's `tags`; unknown if either map is unknown. */
function tagsAll(tags: JsonValue | undefined): JsonValue | undefined {
    const defaults = isObject(config.defaultTags) ? config.defaultTags.tags : undefined;
    if (isUnknown(tags) || isUnknown(defaults)) {
        return UNKNOWN_SENTINEL;
    }
    const merged: JsonObject = { ...(isObject(defaults) ? defaults : {}), ...(isObject(tags) ? tags : {}) };
    return Object.keys(merged).length > 0 ? merged : undefined;
}

/** What the real provider's Check returns for these inputs (as far as this stand-in models it). */
export function check(type: string, name: string, news: JsonObject): JsonObject {
    const checked = checkInputs(type, name, news);
    const shape = shapeOf(type);
    if (shape.hasRegion && checked.region === undefined) {
        checked.region = config.region;
    }
    if (shape.hasTagsAll) {
        const all = tagsAll(checked.tags);
        if (all === undefined) {
            delete checked.tagsAll;
        } else {
            checked.tagsAll = all;
        }
    }
    return checked;
}

function toJs(struct: StructPb.Struct | undefined): JsonObject {
    return (struct?.toJavaScript() ?? {}) as JsonObject;
}

function toStruct(value: JsonObject): StructPb.Struct {
    return structPb.Struct.fromJavaScript(value as Record<string, StructPb.JavaScriptValue>);
}

type Handler<Req, Res> = (call: GrpcJs.ServerUnaryCall<Req, Res>, callback: GrpcJs.sendUnaryData<Res>) => void;

function unary<Req, Res>(body: (request: Req) => Res): Handler<Req, Res> {
    return (call, callback) => {
        try {
            callback(null, body(call.request));
        } catch (error) {
            process.stderr.write(`pulumi-resource-aws stand-in: ${(error as Error).stack ?? String(error)}\n`);
            callback({ code: grpc.status.INTERNAL, details: (error as Error).message } as GrpcJs.ServiceError, null);
        }
    };
}

const stableJson = (value: JsonValue | undefined): string => JSON.stringify(value ?? null);

function diffKeys(olds: JsonObject, news: JsonObject): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((key) => key !== "tagsAll" && stableJson(olds[key]) !== stableJson(news[key])).sort();
}

function diffResponse(olds: JsonObject, news: JsonObject): ProviderPb.DiffResponse {
    const response = new providerPb.DiffResponse();
    const changed = diffKeys(olds, news);
    response.setChanges(changed.length > 0 ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE);
    response.setDiffsList(changed);
    return response;
}

const service: Partial<GrpcJs.UntypedServiceImplementation> = {
    getPluginInfo: unary(() => {
        const info = new pluginPb.PluginInfo();
        info.setVersion(PROVIDER_VERSION);
        return info;
    }),
    checkConfig: unary((request: ProviderPb.CheckRequest) => {
        const response = new providerPb.CheckResponse();
        response.setInputs(request.getNews());
        return response;
    }),
    diffConfig: unary((request: ProviderPb.DiffRequest) => diffResponse(toJs(request.getOldInputs() ?? request.getOlds()), toJs(request.getNews()))),
    configure: unary((request: ProviderPb.ConfigureRequest) => {
        const variables = request.getVariablesMap();
        configure(toJs(request.getArgs()), (key) => variables.get(key));
        const response = new providerPb.ConfigureResponse();
        response.setAcceptsecrets(true);
        response.setSupportspreview(true);
        return response;
    }),
    check: unary((request: ProviderPb.CheckRequest) => {
        const { type, name } = parseUrn(request.getUrn());
        const response = new providerPb.CheckResponse();
        response.setInputs(toStruct(check(type, name, toJs(request.getNews()))));
        return response;
    }),
    diff: unary((request: ProviderPb.DiffRequest) => diffResponse(toJs(request.getOldInputs() ?? request.getOlds()), toJs(request.getNews()))),
    create: unary((request: ProviderPb.CreateRequest) => {
        const { type, name } = parseUrn(request.getUrn());
        const created = createResource(type, name, toJs(request.getProperties()), { region: config.region, preview: request.getPreview() });
        const response = new providerPb.CreateResponse();
        response.setId(created.id);
        response.setProperties(toStruct(created.outputs));
        return response;
    }),
    update: unary((request: ProviderPb.UpdateRequest) => {
        // Computed outputs are kept from the old state; every input takes its new value.
        const olds = toJs(request.getOlds());
        const oldInputs = toJs(request.getOldInputs());
        const computed = Object.fromEntries(Object.entries(olds).filter(([key]) => !(key in oldInputs)));
        const response = new providerPb.UpdateResponse();
        response.setProperties(toStruct({ ...computed, ...toJs(request.getNews()) }));
        return response;
    }),
    delete: unary(() => new emptyPb.Empty()),
    read: unary((request: ProviderPb.ReadRequest) => {
        const response = new providerPb.ReadResponse();
        response.setId(request.getId());
        response.setProperties(request.getProperties());
        response.setInputs(request.getInputs());
        return response;
    }),
    invoke: unary((request: ProviderPb.InvokeRequest) => {
        const response = new providerPb.InvokeResponse();
        response.setReturn(toStruct(invoke(request.getTok(), toJs(request.getArgs()), { region: config.region, preview: false })));
        return response;
    }),
    cancel: unary(() => new emptyPb.Empty()),
};

function main(): void {
    const server = new grpc.Server();
    server.addService(providerGrpc.ResourceProviderService, service as GrpcJs.UntypedServiceImplementation);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
        if (error) {
            process.stderr.write(`pulumi-resource-aws stand-in: ${error.message}\n`);
            process.exit(1);
        }
        process.stdout.write(`${port}\n`);
    });
}

if (require.main === module) {
    main();
}
