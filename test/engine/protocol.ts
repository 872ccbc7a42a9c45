// What test/engine/session.ts asks test/engine/driver.ts to do, and what it gets back.

import type { EngineEvent } from "@pulumi/pulumi/automation";

export type FlawName = "public-unprotected-db";

export interface Operation {
    kind: "preview" | "up" | "export";
    /** Absolute paths, as `--policy-pack`. */
    policyPacks?: string[];
    /** Absolute paths, as `--policy-pack-config` (one per pack). */
    policyPackConfigs?: string[];
    /** A flaw introduced into the program for this operation only. */
    flaw?: FlawName;
}

export interface DriverRequest {
    /** Directory holding `bin/pulumi`. */
    pulumiRoot: string;
    /** PULUMI_HOME, PULUMI_BACKEND_URL, PATH and the other variables of the scratch environment. */
    env: Record<string, string>;
    /** The Automation API workspace (Pulumi.yaml and Pulumi.<stack>.yaml are written there). */
    workDir: string;
    programDir: string;
    projectName: string;
    stackName: string;
    /** Stack configuration, e.g. `aws:region`. */
    config: Record<string, string>;
    operations: Operation[];
}

export interface OperationResult {
    kind: Operation["kind"];
    /** False when the CLI exited non-zero. */
    ok: boolean;
    /** The Automation API's CommandError message (the CLI's stderr and exit code). */
    error?: string;
    /** The CLI's stdout. */
    output: string;
    /** Every engine event the CLI wrote to its `--event-log` (the Automation API streams it to onEvent). */
    events: EngineEvent[];
    /** `pulumi stack export` (the `deployment` part), for "export". */
    deployment?: unknown;
    durationMs: number;
}
