// Remediation through the harness, against a throwaway pack (this repository's pack has no remediation yet):
// Remediate runs before Analyze, its properties replace the inputs (secrets and unknowns preserved), Analyze
// and AnalyzeStack see the remediated values; a policy config property changes the outcome over the wire.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicyEngine } from "../../scanner/engine/engine";
import { REMEDIATION_PACK_JS, writeThrowawayPack, type ThrowawayPack } from "../harness/fixtures/throwaway-pack";
import { defaultOptions, makeUrn, stackUrn, type Deployment, type ResourceState } from "../../scanner/engine/model";
import { findingKeys } from "../harness/report";
import { secret, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL, type JsonObject } from "../../scanner/engine/values";

const STACK = "dev";
const PROJECT = "remediation";
const ROOT = stackUrn(STACK, PROJECT);
const PROVIDER_URN = makeUrn(STACK, PROJECT, "", "pulumi:providers:aws", "default_7_48_0");

function resource(type: string, name: string, inputs: JsonObject, preview: boolean, extra: Partial<ResourceState> = {}): ResourceState {
    const custom = type !== "pulumi:pulumi:Stack";
    return {
        urn: type === "pulumi:pulumi:Stack" ? ROOT : makeUrn(STACK, PROJECT, ROOT, type, name),
        type,
        name,
        custom,
        id: custom && !preview ? `${name}-id` : "",
        parent: type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:") ? "" : ROOT,
        provider: custom && !type.startsWith("pulumi:providers:") ? `${PROVIDER_URN}::${preview ? UNKNOWN_SENTINEL : "provider-id"}` : "",
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: { ...inputs, ...(custom ? { id: preview ? UNKNOWN_SENTINEL : `${name}-id` } : {}) },
        options: defaultOptions(),
        ...extra,
    };
}

function deployment(preview: boolean): Deployment {
    return {
        organization: "organization",
        project: PROJECT,
        stack: STACK,
        preview,
        resources: [
            resource("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, {}, preview),
            resource("pulumi:providers:aws", "default_7_48_0", { region: "us-east-1", version: "7.48.0" }, preview),
            resource(
                "aws:rds/instance:Instance",
                "public-db",
                {
                    publiclyAccessible: true,
                    allocatedStorage: 200,
                    password: secret("hunter2-hunter2"),
                    vpcSecurityGroupIds: preview ? UNKNOWN_SENTINEL : ["sg-123"],
                },
                preview,
            ),
            resource("aws:rds/instance:Instance", "private-db", { publiclyAccessible: false, allocatedStorage: 50 }, preview),
        ],
    };
}

describe("remediation and policy config through the harness (throwaway pack)", () => {
    let pack: ThrowawayPack;
    let engine: PolicyEngine;

    beforeAll(async () => {
        pack = writeThrowawayPack(REMEDIATION_PACK_JS);
        engine = await PolicyEngine.boot({ packDir: pack.dir });
    });

    afterAll(async () => {
        await engine?.close();
        pack?.remove();
    });

    it.each([true, false])("replaces the inputs with the Remediate result before Analyze (preview: %s)", async (preview) => {
        const result = await engine.run(deployment(preview));
        const db = result.resources.find((r) => r.name === "public-db")!;

        expect(db.remediations).toHaveLength(1);
        const remediation = db.remediations[0]!;
        expect(remediation.policyName).toBe("rds-private-by-remediation");
        expect(remediation.diagnostic).toBe("");
        expect(remediation.properties?.publiclyAccessible).toBe(false);
        // Remediate keeps secretness (the only call that does) and passes unknowns through.
        expect(remediation.properties?.password).toEqual({ [SIG_KEY]: SECRET_SIG, value: "hunter2-hunter2" });
        if (preview) {
            expect(remediation.properties?.vpcSecurityGroupIds).toBe(UNKNOWN_SENTINEL);
        }

        // Analyze saw the remediated inputs: no violation from the remediated policy, on either resource.
        expect(db.analyzedProperties.publiclyAccessible).toBe(false);
        expect(findingKeys(result)).toEqual([
            // The storage ceiling (default maxGb 100, from the schema, applied by the engine's Configure).
            { policy: "rds-storage-ceiling", resource: "public-db", level: "mandatory" },
        ]);
        // AnalyzeStack saw outputs carrying the remediation too.
        expect(result.stack.diagnostics).toEqual([]);

        const untouched = result.resources.find((r) => r.name === "private-db")!;
        expect(untouched.remediations).toEqual([]);
    });

    it("reports the violation itself when the remediation is not enabled", async () => {
        const result = await engine.run(deployment(false), { config: { "rds-private-by-remediation": "mandatory" } });
        expect(result.resources.find((r) => r.name === "public-db")!.remediations).toEqual([]);
        expect(findingKeys(result)).toEqual([
            { policy: "rds-private-by-remediation", resource: "public-db", level: "mandatory" },
            { policy: "rds-storage-ceiling", resource: "public-db", level: "mandatory" },
            { policy: "stack-no-public-rds", resource: "public-db", level: "advisory" },
        ]);
        // The severity comes from the diagnostic or, when the SDK leaves it unset, from the policy info.
        expect(result.mandatory.find((d) => d.policyName === "rds-private-by-remediation")!.severity).toBe("high");
    });

    it("sends config properties over the wire: a higher ceiling clears the violation", async () => {
        const result = await engine.run(deployment(false), { config: { "rds-storage-ceiling": { maxGb: 500 } } });
        expect(result.config["rds-storage-ceiling"]).toEqual({ enforcementLevel: "mandatory", properties: { maxGb: 500 } });
        expect(findingKeys(result)).toEqual([]);
    });

    it("reports a remediation that hit an unknown during preview as an advisory, and keeps the inputs", async () => {
        const preview = deployment(true);
        const unknownDb = resource("aws:rds/instance:Instance", "unknown-db", { publiclyAccessible: UNKNOWN_SENTINEL, allocatedStorage: 20 }, true);
        const result = await engine.run({ ...preview, resources: [...preview.resources.slice(0, 2), unknownDb] });
        const db = result.resources.find((r) => r.name === "unknown-db")!;
        expect(db.remediations).toEqual([
            expect.objectContaining({
                policyName: "rds-private-by-remediation",
                properties: undefined,
                diagnostic: expect.stringMatching(/^can't run remediation 'rds-private-by-remediation' from policy pack 'throwaway-pack@v0.0.1' during preview/),
            }),
        ]);
        expect(db.analyzedProperties.publiclyAccessible).toBe(UNKNOWN_SENTINEL);
        const fromRemediate = db.diagnostics.filter((d) => d.source === "remediate");
        expect(fromRemediate.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["rds-private-by-remediation", "advisory"]]);
    });

    it("refuses an invalid config value, as the engine does", async () => {
        await expect(engine.run(deployment(false), { config: { "rds-storage-ceiling": { maxGb: "lots" } } })).rejects.toThrow(
            /rds-storage-ceiling: maxGb: Invalid type/,
        );
        await expect(engine.run(deployment(false), { config: { "rds-storage-ceiling": { maxGb: 0 } } })).rejects.toThrow(/greater than or equal to 1/);
    });
});
