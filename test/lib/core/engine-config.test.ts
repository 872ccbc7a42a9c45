// The pack reads the engine's Configure request beside the SDK (policies/lib/core/engine-config.ts) so that its stack
// policies can run in one pass at their own levels. These tests pin what it reads against the real protobuf classes.

import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
    configuredPolicies,
    configuredPolicy,
    observeEngineConfiguration,
    onConfiguration,
    recordConfiguration,
    resetConfiguration,
    type ConfigureRequestLike,
} from "../../../policies/lib/core/engine-config";
import { stackPoliciesInOnePass } from "../../../policies/lib/core/one-pass";
import type { StackPolicyDefinition } from "../../../policies/lib/core/policy";
import { allPolicies, packIndex } from "../../../policies/catalog";
import { packSettingsPolicy } from "../../../policies/pack-settings";
import { SETTINGS_POLICY_NAME } from "../../../policies/lib/core/settings";

const sdkRequire = createRequire(require.resolve("@pulumi/policy"));
const analyzer = sdkRequire("@pulumi/pulumi/proto/analyzer_pb") as {
    ConfigureAnalyzerRequest: new () => ConfigureRequestLike & { serializeBinary(): Uint8Array };
    PolicyConfig: new () => { setEnforcementlevel(level: number): void; setProperties(struct: unknown): void };
    EnforcementLevel: Record<"ADVISORY" | "MANDATORY" | "DISABLED" | "REMEDIATE", number>;
};
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(value: object): unknown } };
const service = sdkRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: { configure: { requestDeserialize(bytes: Buffer): unknown } } };

function request(entries: Record<string, { level: keyof typeof analyzer.EnforcementLevel; properties?: object }>) {
    const message = new analyzer.ConfigureAnalyzerRequest();
    const map = (message as unknown as { getPolicyconfigMap(): { set(key: string, value: unknown): void } }).getPolicyconfigMap();
    for (const [name, { level, properties }] of Object.entries(entries)) {
        const config = new analyzer.PolicyConfig();
        config.setEnforcementlevel(analyzer.EnforcementLevel[level]);
        if (properties) {
            config.setProperties(Struct.fromJavaScript(properties));
        }
        map.set(name, config);
    }
    return message;
}

afterEach(() => resetConfiguration());

describe("reading the engine's Configure request", () => {
    it("maps every level and strips enforcementLevel from the properties, as the SDK's getConfig does", () => {
        recordConfiguration(
            request({
                a: { level: "ADVISORY", properties: {} },
                b: { level: "MANDATORY", properties: { allowedPublicCidrs: ["198.51.100.0/24"], enforcementLevel: "x" } },
                c: { level: "DISABLED", properties: {} },
                d: { level: "REMEDIATE", properties: {} },
            }),
        );
        expect(configuredPolicy("a")).toEqual({ enforcementLevel: "advisory", properties: {} });
        expect(configuredPolicy("b")).toEqual({ enforcementLevel: "mandatory", properties: { allowedPublicCidrs: ["198.51.100.0/24"] } });
        expect(configuredPolicy("c")?.enforcementLevel).toBe("disabled");
        expect(configuredPolicy("d")?.enforcementLevel).toBe("remediate");
        expect(configuredPolicy("not-sent")).toBeUndefined();
    });

    it("keeps the previous configuration when a request lacks properties (the SDK rejects it too)", () => {
        recordConfiguration(request({ a: { level: "MANDATORY", properties: {} } }));
        expect(() => recordConfiguration(request({ a: { level: "DISABLED" } }))).toThrow(/unreadable configuration for policy a/);
        expect(configuredPolicy("a")?.enforcementLevel).toBe("mandatory");
    });

    it("tells listeners about every change", () => {
        let calls = 0;
        onConfiguration(() => calls++);
        recordConfiguration(request({ a: { level: "MANDATORY", properties: {} } }));
        expect(calls).toBe(1);
    });

    it("observes the decoder the SDK's gRPC server registers, and hands the SDK the request unchanged", () => {
        expect(observeEngineConfiguration()).toBe(true);
        expect(observeEngineConfiguration()).toBe(true);
        const bytes = Buffer.from(request({ "db-subnets-private": { level: "ADVISORY", properties: { x: 1 } } }).serializeBinary());
        const decoded = service.AnalyzerService.configure.requestDeserialize(bytes) as ConfigureRequestLike & { serializeBinary(): Uint8Array };
        expect(Buffer.from(decoded.serializeBinary())).toEqual(bytes);
        expect(configuredPolicy("db-subnets-private")).toEqual({ enforcementLevel: "advisory", properties: { x: 1 } });
    });
});

describe("stack policies in one pass", () => {
    const definitions = allPolicies.filter((p): p is StackPolicyDefinition => p.kind === "stack");
    const hosts = (policies: readonly object[]) =>
        policies.filter((p) => typeof (p as { validateStack?: unknown }).validateStack === "function").map((p) => (p as { name: string }).name);
    const disabled = (...names: string[]) => Object.fromEntries(names.map((name) => [name, { level: "DISABLED" as const, properties: {} }]));

    it("lists every stack policy as one until Configure, then without a validate function while pack-settings hosts the pass", async () => {
        const pass = stackPoliciesInOnePass(definitions, configuredPolicy, packSettingsPolicy(packIndex, configuredPolicies));
        expect(pass.policies.map((p) => p.name)).toEqual(definitions.map((d) => d.name));
        // GetAnalyzerInfo comes before Configure and the engine keeps it: each stack policy must carry a
        // validate function then, or the SDK lists it untyped. The placeholders report nothing.
        expect(hosts(pass.policies)).toEqual(definitions.map((d) => d.name));
        for (const policy of pass.policies as unknown as { validateStack: (args: unknown, report: () => void) => unknown }[]) {
            const report = vi.fn();
            await policy.validateStack({ resources: [] }, report);
            expect(report).not.toHaveBeenCalled();
        }
        onConfiguration(pass.rehost);
        recordConfiguration(request({}));
        expect(hosts(pass.policies)).toEqual([]);
        expect(pass.settingsPolicy.name).toBe(SETTINGS_POLICY_NAME);
        expect(typeof pass.settingsPolicy.validateStack).toBe("function");
    });

    it("moves the pass to the first enabled stack policy when pack-settings is disabled, and runs none when all are", () => {
        const pass = stackPoliciesInOnePass(definitions, configuredPolicy, packSettingsPolicy(packIndex, configuredPolicies));
        onConfiguration(pass.rehost);
        recordConfiguration(request(disabled(SETTINGS_POLICY_NAME)));
        expect(hosts(pass.policies)).toEqual([definitions[0]!.name]);
        recordConfiguration(request(disabled(SETTINGS_POLICY_NAME, definitions[0]!.name)));
        expect(hosts(pass.policies)).toEqual([definitions[1]!.name]);
        recordConfiguration(request(disabled(SETTINGS_POLICY_NAME, ...definitions.map((d) => d.name))));
        expect(hosts(pass.policies)).toEqual([]);
        recordConfiguration(request({}));
        expect(hosts(pass.policies)).toEqual([]);
    });
});
