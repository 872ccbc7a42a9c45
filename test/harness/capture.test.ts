// Capture records what the engine knows about each registration: URN, parent, dependencies, property
// dependencies, provider reference, options, inputs after Check, outputs; unknown during preview, realistic
// after an update.

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { captureProgram, type Capture } from "./capture";
import { durationSeconds } from "./capture-runtime";
import type { ResourceState } from "../../scanner/engine/model";
import { isSecret, RESOURCE_REFERENCE_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../../scanner/engine/values";

const programDir = join(__dirname, "fixtures", "component-program");
const S = "urn:pulumi:dev::capture-fixture::";

describe("capture of a Pulumi program", () => {
    const captures = {} as Record<"preview" | "update", Capture>;
    const find = (mode: "preview" | "update", name: string): ResourceState => {
        const found = captures[mode].resources.find((r) => r.name === name);
        if (!found) {
            throw new Error(`${name} was not captured`);
        }
        return found;
    };

    beforeAll(async () => {
        [captures.preview, captures.update] = await Promise.all([
            captureProgram({ programDir, preview: true }),
            captureProgram({ programDir, preview: false }),
        ]);
    });

    it("records every registration with the engine's URNs, the root stack first, providers and parents before use", () => {
        const urns = captures.update.resources.map((r) => r.urn);
        expect([...urns].sort()).toEqual(
            [
                `${S}pulumi:pulumi:Stack::capture-fixture-dev`,
                `${S}pulumi:providers:aws::west`,
                `${S}fixture:index:KeyStore::store`,
                `${S}pulumi:providers:aws::default_7_48_0`,
                `${S}fixture:index:KeyStore$aws:kms/key:Key::store-key`,
                `${S}aws:iam/role:Role::reader`,
                `${S}aws:iam/rolePolicyAttachment:RolePolicyAttachment::reader-ro`,
                `${S}aws:rds/instance:Instance::db`,
            ].sort(),
        );
        expect(urns[0]).toBe(`${S}pulumi:pulumi:Stack::capture-fixture-dev`);
        // Registration order follows the program's promises; what the engine relies on is that a resource's
        // parent and provider are registered before it.
        for (const [index, resource] of captures.update.resources.entries()) {
            const before = new Set(urns.slice(0, index));
            if (resource.parent) {
                expect(before).toContain(resource.parent);
            }
            if (resource.provider) {
                expect(before).toContain(resource.provider.slice(0, resource.provider.lastIndexOf("::")));
            }
        }
        expect([...captures.preview.resources.map((r) => r.urn)].sort()).toEqual([...urns].sort());
    });

    it.each(["preview", "update"] as const)("records parents, dependencies and property dependencies (%s)", (mode) => {
        const root = `${S}pulumi:pulumi:Stack::capture-fixture-dev`;
        const keyUrn = `${S}fixture:index:KeyStore$aws:kms/key:Key::store-key`;
        expect(find(mode, "capture-fixture-dev").parent).toBe("");
        expect(find(mode, "store").parent).toBe(root);
        expect(find(mode, "store-key").parent).toBe(`${S}fixture:index:KeyStore::store`);
        const db = find(mode, "db");
        expect(db.parent).toBe(root);
        // dependsOn a component means its children, plus the implicit dependency through kmsKeyId.
        expect(db.dependencies).toEqual([keyUrn]);
        expect(db.propertyDependencies.kmsKeyId).toEqual([keyUrn]);
        expect(db.propertyDependencies.instanceClass).toEqual([]);
        const attachment = find(mode, "reader-ro");
        expect(attachment.propertyDependencies.role).toEqual([`${S}aws:iam/role:Role::reader`]);
    });

    it.each(["preview", "update"] as const)("records provider references, default providers included (%s)", (mode) => {
        const capture = captures[mode];
        const west = find(mode, "west");
        const defaultProvider = find(mode, "default_7_48_0");
        expect(defaultProvider.synthetic).toBe("default-provider");
        expect(defaultProvider.inputs).toEqual({ region: "us-east-1", version: "7.48.0" });
        const providerId = (p: ResourceState) => (mode === "preview" ? UNKNOWN_SENTINEL : p.id);
        expect(find(mode, "db").provider).toBe(`${west.urn}::${providerId(west)}`);
        expect(find(mode, "store-key").provider).toBe(`${defaultProvider.urn}::${providerId(defaultProvider)}`);
        expect(find(mode, "store").provider).toBe("");
        expect(capture.resources.filter((r) => r.synthetic)).toHaveLength(1);
    });

    it("records options as the engine stores them", () => {
        const db = find("update", "db");
        expect(db.options.protect).toBe(true);
        expect(db.options.ignoreChanges).toEqual(["password"]);
        expect(db.options.customTimeouts).toEqual({ create: 2400, update: 0, delete: 0, read: 0 });
        expect(db.options.deleteBeforeReplace).toBeUndefined();
        expect(db.options.additionalSecretOutputs).toEqual(expect.arrayContaining(["password"]));
    });

    it("keeps secrets and resource references in the inputs, in the SDK's encoding", () => {
        for (const mode of ["preview", "update"] as const) {
            const db = find(mode, "db");
            expect(isSecret(db.inputs.password)).toBe(true);
            expect(isSecret(db.outputs.password)).toBe(true);
            const role = find(mode, "reader-ro").inputs.role;
            expect(role).toMatchObject({ [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: `${S}aws:iam/role:Role::reader` });
        }
        // The provider's Check auto-names, identically in preview (it runs there too).
        expect(find("update", "reader").inputs.name).toMatch(/^reader-[0-9a-f]{7}$/);
        expect(find("preview", "reader").inputs.name).toBe(find("update", "reader").inputs.name);
    });

    it("leaves computed values unknown during preview, as for a new stack", () => {
        const db = find("preview", "db");
        expect(db.id).toBe("");
        expect(db.inputs.kmsKeyId).toBe(UNKNOWN_SENTINEL);
        expect(db.outputs.arn).toBe(UNKNOWN_SENTINEL);
        expect(db.outputs.id).toBe(UNKNOWN_SENTINEL);
        // Known inputs stay known; invokes run during preview too.
        expect(db.inputs.storageEncrypted).toBe(true);
        expect(db.inputs.tags).toEqual({ owner: "123456789012" });
        expect(captures.preview.stackOutputs).toEqual({ dbArn: UNKNOWN_SENTINEL, accountId: "123456789012" });
    });

    it("gives realistic IDs and ARNs after an update", () => {
        const key = find("update", "store-key");
        expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(key.outputs.arn).toBe(`arn:aws:kms:us-east-1:123456789012:key/${key.id}`);
        const db = find("update", "db");
        expect(db.inputs.kmsKeyId).toBe(key.outputs.arn);
        // The explicit provider's region applies to the instance's ARN.
        expect(db.outputs.arn).toMatch(/^arn:aws:rds:us-east-1:123456789012:db:db-[0-9a-f]{7}$/);
        expect(find("update", "store").outputs).toEqual({ keyArn: key.outputs.arn });
        expect(captures.update.stackOutputs).toEqual({ dbArn: db.outputs.arn, accountId: "123456789012" });
    });
});

describe("durationSeconds", () => {
    it.each([
        ["", 0],
        ["40m", 2400],
        ["1h30m", 5400],
        ["90s", 90],
        ["1.5h", 5400],
        ["250ms", 0.25],
    ])("%s is %d seconds", (text, seconds) => {
        expect(durationSeconds(text)).toBeCloseTo(seconds);
    });
});
