// The engine's encoding of property values for analyzers, its config reconciliation, URNs and port parsing.

import { describe, expect, it } from "vitest";
import { PolicyConfigError, reconcilePolicyConfig, type PolicySchemaInfo } from "../../../scanner/engine/config";
import { makeUrn, stackUrn } from "../../../scanner/engine/model";
import { parsePortLine } from "../../../scanner/engine/pack";
import {
    ARCHIVE_SIG,
    ASSET_SIG,
    containsUnknown,
    encodeForAnalyzer,
    outputValue,
    resourceReference,
    secret,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_SENTINEL,
    unwrapSecrets,
    urnName,
} from "../../../scanner/engine/values";

const skip = { skipInternalKeys: true };
const BOOL_UNKNOWN = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

describe("encodeForAnalyzer", () => {
    it("passes plain JSON through and drops undefined", () => {
        expect(encodeForAnalyzer({ a: 1, b: "x", c: true, d: null, e: [1, { f: "g" }], u: undefined }, skip)).toEqual({
            a: 1,
            b: "x",
            c: true,
            d: null,
            e: [1, { f: "g" }],
        });
    });

    it("sends every unknown as the string sentinel, nested too", () => {
        expect(encodeForAnalyzer({ a: UNKNOWN_SENTINEL, b: [BOOL_UNKNOWN], c: { d: UNKNOWN_SENTINEL } }, skip)).toEqual({ a: UNKNOWN_SENTINEL, b: [UNKNOWN_SENTINEL], c: { d: UNKNOWN_SENTINEL } });
    });

    it("keeps secrets as secret objects, and a secret in a secret is one secret", () => {
        expect(encodeForAnalyzer({ p: secret("pw"), q: secret(secret("x")), r: [secret({ k: UNKNOWN_SENTINEL })] }, skip)).toEqual({
            p: { [SIG_KEY]: SECRET_SIG, value: "pw" },
            q: { [SIG_KEY]: SECRET_SIG, value: "x" },
            r: [{ [SIG_KEY]: SECRET_SIG, value: { k: UNKNOWN_SENTINEL } }],
        });
    });

    it("collapses resource references to the ID, the URN without one, unknown while the ID is unknown", () => {
        const urn = "urn:pulumi:dev::p::aws:iam/role:Role::r";
        expect(
            encodeForAnalyzer(
                {
                    custom: resourceReference({ urn, id: "r-123", packageVersion: "7.48.0" }),
                    creating: resourceReference({ urn, id: UNKNOWN_SENTINEL }),
                    emptyId: resourceReference({ urn, id: "" }),
                    component: resourceReference({ urn: "urn:pulumi:dev::p::my:c:C::c" }),
                    nested: { list: [resourceReference({ urn, id: "r-123" })] },
                },
                skip,
            ),
        ).toEqual({ custom: "r-123", creating: UNKNOWN_SENTINEL, emptyId: UNKNOWN_SENTINEL, component: "urn:pulumi:dev::p::my:c:C::c", nested: { list: ["r-123"] } });
    });

    it("collapses output values: known to the value, unknown to the sentinel, secret to a secret", () => {
        expect(
            encodeForAnalyzer(
                {
                    known: outputValue({ value: "v", dependencies: ["urn:x"] }),
                    unknown: outputValue({}),
                    secretKnown: outputValue({ value: 5, secret: true }),
                    secretUnknown: outputValue({ secret: true }),
                },
                skip,
            ),
        ).toEqual({
            known: "v",
            unknown: UNKNOWN_SENTINEL,
            secretKnown: { [SIG_KEY]: SECRET_SIG, value: 5 },
            secretUnknown: { [SIG_KEY]: SECRET_SIG, value: UNKNOWN_SENTINEL },
        });
    });

    it("keeps assets and archives with content, and never sends a hash-only one", () => {
        const text = { [SIG_KEY]: ASSET_SIG, hash: "abc", text: "hello" };
        const archive = { [SIG_KEY]: ARCHIVE_SIG, assets: { "a.txt": text } };
        expect(
            encodeForAnalyzer({ text, archive, hashOnly: { [SIG_KEY]: ASSET_SIG, hash: "abc" }, archiveHashOnly: { [SIG_KEY]: ARCHIVE_SIG, hash: "d" } }, skip),
        ).toEqual({ text, archive, hashOnly: UNKNOWN_SENTINEL, archiveHashOnly: UNKNOWN_SENTINEL });
    });

    it("drops top-level internal keys for Analyze, keeps them for Remediate", () => {
        const props = { __defaults: ["a"], a: 1, nested: { __keep: true } };
        expect(encodeForAnalyzer(props, { skipInternalKeys: true })).toEqual({ a: 1, nested: { __keep: true } });
        expect(encodeForAnalyzer(props, { skipInternalKeys: false })).toEqual(props);
    });

    it("refuses what a Struct cannot carry", () => {
        expect(() => encodeForAnalyzer({ n: Number.NaN }, skip)).toThrow(/non-finite/);
        expect(() => encodeForAnalyzer({ f: () => 1 }, skip)).toThrow(/cannot encode a function/);
    });

    it("reads values back", () => {
        expect(unwrapSecrets({ a: secret({ b: secret("c") }) })).toEqual({ a: { b: "c" } });
        expect(containsUnknown({ a: [{ b: UNKNOWN_SENTINEL }] })).toBe(true);
        expect(containsUnknown({ a: [{ b: "x" }] })).toBe(false);
    });
});

describe("URNs", () => {
    it("follow the engine: no stack prefix for top-level resources, the parent's qualified type otherwise", () => {
        const root = stackUrn("dev", "p");
        expect(root).toBe("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev");
        const component = makeUrn("dev", "p", root, "my:mod:Comp", "c");
        expect(component).toBe("urn:pulumi:dev::p::my:mod:Comp::c");
        const child = makeUrn("dev", "p", component, "my:mod:Inner", "i");
        expect(child).toBe("urn:pulumi:dev::p::my:mod:Comp$my:mod:Inner::i");
        expect(makeUrn("dev", "p", child, "aws:s3/bucket:Bucket", "b")).toBe("urn:pulumi:dev::p::my:mod:Comp$my:mod:Inner$aws:s3/bucket:Bucket::b");
        expect(urnName("urn:pulumi:dev::p::t::name::with::colons")).toBe("name::with::colons");
    });
});

describe("parsePortLine", () => {
    it("reads the port as the engine does", () => {
        expect(parsePortLine("41235")).toBe(41235);
        expect(parsePortLine("  41235 \r")).toBe(41235);
        expect(parsePortLine("\u001b]9;4;3;\u001b\\41235\u001b]9;4;0;\u001b\\")).toBe(41235);
        expect(parsePortLine("info: [runtime] loading")).toBeUndefined();
        expect(parsePortLine("0")).toBeUndefined();
        expect(parsePortLine("70000")).toBeUndefined();
    });
});

describe("reconcilePolicyConfig", () => {
    const policies: PolicySchemaInfo[] = [
        {
            name: "with-config",
            enforcementLevel: "advisory",
            configSchema: { properties: { minimumDays: { type: "integer", default: 7, minimum: 1 }, mode: { type: "string", enum: ["a", "b"] } }, required: [] },
        },
        { name: "plain", enforcementLevel: "mandatory" },
    ];

    it("configures every policy: its level, its schema defaults, always a properties object", () => {
        expect(reconcilePolicyConfig(policies, {})).toEqual({
            "with-config": { enforcementLevel: "advisory", properties: { minimumDays: 7 } },
            plain: { enforcementLevel: "mandatory", properties: {} },
        });
    });

    it("applies the pack's initial config, then the user's; `all` sets every level and is itself sent", () => {
        const config = reconcilePolicyConfig(policies, { plain: { enforcementLevel: "advisory", properties: {} } }, {
            all: "disabled",
            "with-config": { enforcementLevel: "mandatory", minimumDays: 30 },
        });
        expect(config).toEqual({
            "with-config": { enforcementLevel: "mandatory", properties: { minimumDays: 30 } },
            plain: { enforcementLevel: "disabled", properties: {} },
            all: { enforcementLevel: "disabled", properties: {} },
        });
    });

    it("rejects invalid values and levels, as the engine does", () => {
        expect(() => reconcilePolicyConfig(policies, {}, { "with-config": { minimumDays: 0 } })).toThrow(PolicyConfigError);
        expect(() => reconcilePolicyConfig(policies, {}, { "with-config": { minimumDays: 1.5 } })).toThrow(/Invalid type. Expected: integer/);
        expect(() => reconcilePolicyConfig(policies, {}, { "with-config": { mode: "c" } })).toThrow(/enum/);
        expect(() => reconcilePolicyConfig(policies, {}, { plain: "blocking" as "mandatory" })).toThrow(/not a valid enforcement level/);
    });
});
