// The gRPC runtime and protobuf stubs the stand-in plugins speak, loaded from @pulumi/pulumi's own proto folder so
// that they are the copies its generated stubs were built against (the repository may hold other versions).

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb";

export const repoRoot = join(__dirname, "..", "..", "..");
export const fromRoot = createRequire(join(repoRoot, "package.json"));
/** `require` as seen from @pulumi/pulumi/proto: `fromProto("./provider_pb.js")`, `fromProto("google-protobuf/...")`. */
export const fromProto = createRequire(join(dirname(fromRoot.resolve("@pulumi/pulumi/proto/plugin_pb")), "plugin_pb.js"));
export const pluginPb = fromProto("./plugin_pb.js") as typeof PluginPb;
export const grpc = fromProto("@grpc/grpc-js") as typeof GrpcJs;
