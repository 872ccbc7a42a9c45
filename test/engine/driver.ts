// Runs one bundled stack (stacks/<name>) under the real Pulumi CLI through the Automation API, as an inline
// program: `pulumi-language-nodejs` cannot be built offline (its Go module is not served by the module proxy),
// and an inline program needs only the `pulumi` binary (the CLI gets `--client` and calls back into this
// process to run the program). The stack's index.ts is required afresh for every operation.
//
// Started by test/engine/session.ts as `node --import tsx driver.ts <request.json> <result.json>`, in its own
// process: the Pulumi runtime keeps per-process state, and vitest's module loader must not see the program.

import { readFileSync, writeFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import type { DriverRequest, FlawName, OperationResult } from "./protocol";

/** Flaws a test can introduce into a stack without editing the program (a stack transformation). */
const FLAWS: Record<FlawName, (args: pulumi.ResourceTransformationArgs) => pulumi.ResourceTransformationResult | undefined> = {
    // The hardened database made public and unprotected: two properties the pack checks and can remediate.
    "public-unprotected-db": (args) =>
        args.type === "aws:rds/instance:Instance" ? { props: { ...args.props, publiclyAccessible: true, deletionProtection: false }, opts: args.opts } : undefined,
};

function program(programDir: string, flaw: FlawName | undefined): () => Promise<void> {
    return async () => {
        if (flaw) {
            pulumi.runtime.registerStackTransformation(FLAWS[flaw]);
        }
        const entry = require.resolve(`${programDir}/index.ts`);
        delete require.cache[entry];
        // A CommonJS require on purpose: the program must run again, top to bottom, for every operation.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(entry);
    };
}

function message(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
    const [requestFile, resultFile] = process.argv.slice(2);
    if (!requestFile || !resultFile) {
        throw new Error("usage: driver.ts <request.json> <result.json>");
    }
    const request = JSON.parse(readFileSync(requestFile, "utf8")) as DriverRequest;
    const pulumiCommand = await PulumiCommand.get({ root: request.pulumiRoot });
    const results: OperationResult[] = [];
    let stack: Stack | undefined;
    for (const operation of request.operations) {
        stack ??= await LocalWorkspace.createOrSelectStack(
            { stackName: request.stackName, projectName: request.projectName, program: program(request.programDir, undefined) },
            { pulumiCommand, workDir: request.workDir, pulumiHome: request.env.PULUMI_HOME, envVars: request.env },
        );
        await stack.setAllConfig(Object.fromEntries(Object.entries(request.config).map(([key, value]) => [key, { value }])));
        const events: EngineEvent[] = [];
        const output: string[] = [];
        const started = Date.now();
        const common = {
            policyPacks: operation.policyPacks,
            policyPackConfigs: operation.policyPackConfigs,
            onEvent: (event: EngineEvent) => events.push(event),
            onOutput: (text: string) => output.push(text),
            program: program(request.programDir, operation.flaw),
        };
        const result: OperationResult = { kind: operation.kind, ok: true, events, output: "", durationMs: 0 };
        try {
            if (operation.kind === "preview") {
                await stack.preview({ ...common, diff: false });
            } else if (operation.kind === "up") {
                await stack.up(common);
            } else {
                result.deployment = (await stack.exportStack()).deployment as unknown;
            }
        } catch (error) {
            result.ok = false;
            result.error = message(error);
        }
        result.output = output.join("");
        result.durationMs = Date.now() - started;
        results.push(result);
    }
    writeFileSync(resultFile, JSON.stringify(results));
}

main().catch((error: unknown) => {
    process.stderr.write(`engine driver: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
