// A stand-in `pulumi-language-nodejs` that implements only what the engine needs to launch a Node.js policy pack
// through its language host (CLI >= 3.221: ExecPlugin -> LanguageRuntime.RunPlugin(kind "analyzer")).
//
// The real language host cannot be built offline: its Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the module proxy. From
// 3.2xx on, the engine no longer falls back to a `pulumi-analyzer-policy-nodejs` launcher (NewPolicyAnalyzer in
// pkg/resource/plugin/analyzer_plugin.go), so a newer CLI needs some `nodejs` language plugin to start the pack.
// This one does what the real host's RunPlugin does for an analyzer, minus its PolicyProxy (which only delays
// the start until ConfigureStack): resolve `@pulumi/pulumi/cmd/run-policy-pack` from the pack directory and run
// `node <it> <args...> <pack dir>` there, streaming stdout/stderr and the exit code back. Every other RPC
// (programs, plugins of other kinds, packages) is UNIMPLEMENTED: the suite runs its programs inline.
//
// Started by a shell wrapper under tsx; prints its port as the first stdout line. Each launch is appended to
// $AKMG_LAUNCH_LOG ("<cwd> <argv...>").

import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as LanguageGrpcPb from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as LanguagePb from "@pulumi/pulumi/proto/language_pb";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb";
import { fromProto, grpc, pluginPb } from "./proto";

const languagePb = fromProto("./language_pb.js") as typeof LanguagePb;
const languageGrpc = fromProto("./language_grpc_pb.js") as typeof LanguageGrpcPb;

const HOST_VERSION = "3.248.0";

function runPlugin(call: GrpcJs.ServerWritableStream<LanguagePb.RunPluginRequest, LanguagePb.RunPluginResponse>): void {
    const request = call.request;
    const packDir = request.getInfo()?.getProgramDirectory() ?? request.getPwd();
    if (request.getKind() !== "analyzer") {
        call.destroy(Object.assign(new Error(`this stand-in language host only runs policy packs, not ${request.getKind() || "plugins"}`), { code: grpc.status.UNIMPLEMENTED }));
        return;
    }
    let runPolicyPack: string;
    try {
        runPolicyPack = createRequire(join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
    } catch (error) {
        call.destroy(Object.assign(new Error(`cannot resolve @pulumi/pulumi/cmd/run-policy-pack from ${packDir}: ${(error as Error).message}`), { code: grpc.status.FAILED_PRECONDITION }));
        return;
    }
    const args = [runPolicyPack, ...request.getArgsList(), packDir];
    const env = Object.fromEntries(
        request.getEnvList().map((entry) => {
            const at = entry.indexOf("=");
            return [entry.slice(0, at), entry.slice(at + 1)];
        }),
    );
    if (process.env.AKMG_LAUNCH_LOG) {
        appendFileSync(process.env.AKMG_LAUNCH_LOG, `${packDir} language-host ${request.getArgsList().join(" ")}\n`);
    }
    const child = spawn(process.execPath, args, { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
    const send = (set: (response: LanguagePb.RunPluginResponse) => void): void => {
        const response = new languagePb.RunPluginResponse();
        set(response);
        call.write(response);
    };
    child.stdout.on("data", (chunk: Buffer) => send((r) => r.setStdout(chunk)));
    child.stderr.on("data", (chunk: Buffer) => send((r) => r.setStderr(chunk)));
    child.on("close", (code, signal) => {
        send((r) => r.setExitcode(code ?? (signal ? 1 : 0)));
        call.end();
    });
    call.on("cancelled", () => child.kill("SIGINT"));
}

function main(): void {
    const server = new grpc.Server();
    const service: Partial<GrpcJs.UntypedServiceImplementation> = {
        getPluginInfo: (_call: unknown, callback: GrpcJs.sendUnaryData<PluginPb.PluginInfo>) => {
            const info = new pluginPb.PluginInfo();
            info.setVersion(HOST_VERSION);
            callback(null, info);
        },
        runPlugin,
    };
    server.addService(languageGrpc.LanguageRuntimeService, service as GrpcJs.UntypedServiceImplementation);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
        if (error) {
            process.stderr.write(`pulumi-language-nodejs stand-in: ${error.message}\n`);
            process.exit(1);
        }
        process.stdout.write(`${port}\n`);
    });
}

main();
