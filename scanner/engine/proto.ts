// The protobuf classes and the grpc-js instance to talk to one policy pack.
//
// Requests must be built with the pack's own `@pulumi/pulumi/proto/*_pb.js` and the `google-protobuf` those
// files load, and the client must come from the grpc-js that `analyzer_grpc_pb.js` loads: duplicated copies
// break serialization and grpc-js's `instanceof` checks on credentials. So everything is resolved from the
// pack directory, never imported statically.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as AnalyzerGrpcPb from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as EngineGrpcPb from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb";

export interface ProtoModules {
    analyzer: typeof AnalyzerPb;
    analyzerGrpc: typeof AnalyzerGrpcPb;
    engineGrpc: typeof EngineGrpcPb;
    plugin: typeof PluginPb;
    struct: typeof StructPb;
    empty: typeof EmptyPb;
    grpc: typeof GrpcJs;
    /** Where `@pulumi/pulumi/proto/analyzer_pb.js` was found (for diagnostics). */
    analyzerPbPath: string;
}

const cache = new Map<string, ProtoModules>();

/** Loads the protocol modules the way the pack itself resolves them, from `packDir`. */
export function loadProto(packDir: string): ProtoModules {
    const fromPack = createRequire(join(packDir, "package.json"));
    const analyzerPbPath = fromPack.resolve("@pulumi/pulumi/proto/analyzer_pb");
    const cached = cache.get(analyzerPbPath);
    if (cached) {
        return cached;
    }
    const protoDir = dirname(analyzerPbPath);
    const fromProto = createRequire(join(protoDir, "analyzer_grpc_pb.js"));
    const modules: ProtoModules = {
        analyzer: fromProto("./analyzer_pb.js") as typeof AnalyzerPb,
        analyzerGrpc: fromProto("./analyzer_grpc_pb.js") as typeof AnalyzerGrpcPb,
        engineGrpc: fromProto("./engine_grpc_pb.js") as typeof EngineGrpcPb,
        plugin: fromProto("./plugin_pb.js") as typeof PluginPb,
        // The same google-protobuf and grpc-js instances the generated files require.
        struct: fromProto("google-protobuf/google/protobuf/struct_pb.js") as typeof StructPb,
        empty: fromProto("google-protobuf/google/protobuf/empty_pb.js") as typeof EmptyPb,
        grpc: fromProto("@grpc/grpc-js") as typeof GrpcJs,
        analyzerPbPath,
    };
    cache.set(analyzerPbPath, modules);
    return modules;
}

/** Where `node` must be pointed to start the pack: the pack's own run-policy-pack, as the language host finds it. */
export function resolveRunPolicyPack(packDir: string): string {
    return createRequire(join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
}
