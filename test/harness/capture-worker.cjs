// Entry point of a capture process (forked by capture.ts): makes `.ts` files loadable, then runs one program
// under mocks (capture-runtime.ts) and sends the capture back over IPC. One process per capture, so every
// program starts with a fresh module cache and a fresh Pulumi runtime.
//
// TypeScript is only transpiled (like ts-node's transpile-only mode); type errors are tsc's job.
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";

const fs = require("node:fs");
const ts = require("typescript");

// Stack traces in the program's own lines, as under the Pulumi CLI (its ts-node maps them): the SDK reads each
// resource's source position from a stack trace.
process.setSourceMapsEnabled(true);

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const output = ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: {
            module: ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2022,
            esModuleInterop: true,
            inlineSourceMap: true,
        },
    });
    module._compile(output.outputText, filename);
};

const reply = (message, code) => process.send(message, () => process.exit(code));
// A program error often surfaces as a rejected registration that nobody awaits.
process.on("unhandledRejection", (error) => reply({ ok: false, error: String((error && error.stack) || error) }, 1));
process.on("uncaughtException", (error) => reply({ ok: false, error: String((error && error.stack) || error) }, 1));

process.once("message", (request) => {
    let runCapture;
    try {
        runCapture = require("./capture-runtime.ts").runCapture;
    } catch (error) {
        reply({ ok: false, error: String((error && error.stack) || error) }, 1);
        return;
    }
    runCapture(request).then(
        (capture) => reply({ ok: true, capture }, 0),
        (error) => reply({ ok: false, error: String((error && error.stack) || error) }, 1),
    );
});
