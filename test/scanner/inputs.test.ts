// How each offline format maps to what the engine sends the pack (no pack needed).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeForAnalyzer, RESOURCE_REFERENCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL, unwrapSecrets, type JsonObject } from "../../scanner/engine/values";
import { InputError, loadInput, MAX_INPUT_BYTES, parseInput, REDACTED, type LoadedInput } from "../../scanner/inputs";
import { fixturesDir } from "./built-cli";

const CANARY = "CANARY-s3cr3t-wallet-seed-7f3a";

function load(name: string): LoadedInput {
    const file = join(fixturesDir, name);
    return parseInput(name, readFileSync(file, "utf8"));
}

function byName(input: LoadedInput, name: string) {
    const resource = input.deployment.resources.find((r) => r.name === name);
    if (!resource) {
        throw new Error(`no resource ${name}`);
    }
    return resource;
}

/** What Analyze receives for a resource (the engine's encoding, secrets unwrapped as the SDK does). */
function analyzed(properties: JsonObject): JsonObject {
    return unwrapSecrets(encodeForAnalyzer(properties, { skipInternalKeys: true })) as JsonObject;
}

function errorOf(file: string, text: string): string {
    try {
        parseInput(file, text);
    } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
    }
    throw new Error("expected an InputError");
}

describe("stack export v3", () => {
    const input = load("export-v3.json");

    it("is detected, with project and stack from the root stack's URN", () => {
        expect(input.format).toBe("stack-export");
        expect(input.version).toBe(3);
        expect(input.deployment).toMatchObject({ project: "fixture", stack: "dev", preview: false });
    });

    it("keeps the file's text (SARIF locates resources in it) unless the caller leaves it out", () => {
        const file = join(fixturesDir, "export-v3.json");
        expect(input.text).toBe(readFileSync(file, "utf8"));
        const lean = loadInput(file, undefined, { keepText: false });
        expect(lean.text).toBeUndefined();
        expect(lean.deployment).toEqual(input.deployment);
    });

    it("skips resources marked delete: true", () => {
        expect(input.deployment.resources.map((r) => r.name)).toEqual(["fixture-dev", "default_7_48_0", "data-key", "plain-db", "cmk-db"]);
        expect(input.skipped).toBe(1);
    });

    it("analyzes ciphertext secrets as the redacted placeholder, still secret, and warns", () => {
        const db = byName(input, "plain-db");
        expect(db.inputs.password).toEqual({ [SIG_KEY]: SECRET_SIG, value: REDACTED });
        expect(analyzed(db.inputs).password).toBe(REDACTED);
        expect(input.warnings.join("\n")).toMatch(/2 secret value\(s\) are encrypted/);
        expect(input.secretValues).toEqual([]);
    });

    it("collapses resource references to the referenced ID", () => {
        const db = byName(input, "cmk-db");
        expect(db.inputs.kmsKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        expect(db.propertyDependencies).toEqual({ kmsKeyId: [byName(input, "data-key").urn] });
        expect(db.provider).toMatch(/::default_7_48_0::/);
    });

    it("collapses a reference without an ID to its URN", () => {
        const text = readFileSync(join(fixturesDir, "export-v3.json"), "utf8").replace(
            /"id": "arn:aws:kms:us-east-1:123456789012:key\/1234abcd-12ab-34cd-56ef-1234567890ab",\s*"packageVersion"/,
            '"packageVersion"',
        );
        const urnRef = byName(parseInput("ref.json", text), "cmk-db").inputs.kmsKeyId;
        expect(urnRef).toBe(byName(input, "data-key").urn);
    });
});

describe("stack export v4 with --show-secrets", () => {
    const input = load("export-v4-show-secrets.json");

    it("decodes plaintext secrets (JSON text) and remembers them so no output can echo them", () => {
        expect(input.version).toBe(4);
        expect(analyzed(byName(input, "seed-db").inputs).password).toBe(CANARY);
        expect(JSON.parse(analyzed(byName(input, "seed-value").inputs).secretString as string)).toEqual({ seed: CANARY });
        expect(input.secretValues).toContain(CANARY);
        expect(input.warnings).toEqual([]);
    });

    it("warns about features it does not know, and still scans", () => {
        const document = JSON.parse(readFileSync(join(fixturesDir, "export-v4-show-secrets.json"), "utf8")) as { features: string[] };
        document.features.push("teleport");
        expect(parseInput("f.json", JSON.stringify(document)).warnings.join("\n")).toMatch(/feature\(s\) this scanner does not know: teleport/);
    });
});

describe("DIY checkpoint", () => {
    it("reads checkpoint.latest", () => {
        const input = load("checkpoint.json");
        expect(input.format).toBe("checkpoint");
        expect(input.deployment).toMatchObject({ project: "fixture", stack: "prod" });
        expect(input.deployment.resources.map((r) => r.name)).toContain("public-db");
    });
});

describe("pulumi preview --json digest", () => {
    const input = load("preview-digest.json");

    it("takes newState of every step that keeps a resource, and is a preview", () => {
        expect(input.format).toBe("preview-digest");
        expect(input.deployment.preview).toBe(true);
        expect(input.deployment.resources.map((r) => r.name)).toEqual(["fixture-dev", "new-db", "db-ingress"]);
        expect(input.skipped).toBe(1);
    });

    it("keeps unknowns unknown and marks \"[secret]\" as a secret", () => {
        const db = byName(input, "new-db");
        expect(db.inputs.kmsKeyId).toBe(UNKNOWN_SENTINEL);
        expect(db.inputs.password).toEqual({ [SIG_KEY]: SECRET_SIG, value: REDACTED });
        // Internal keys never reach Analyze.
        expect(analyzed(db.inputs)).not.toHaveProperty("__defaults");
    });

    it("gives AnalyzeStack the inputs when the digest has no outputs", () => {
        const rule = byName(input, "db-ingress");
        expect(rule.outputs).toEqual(rule.inputs);
    });

    it("drops references to providers that are not in the digest, with a warning", () => {
        expect(byName(input, "new-db").provider).toBe("");
        expect(input.warnings.join("\n")).toMatch(/--show-sames/);
    });
});

describe("value encodings", () => {
    const wrap = (inputs: unknown) =>
        JSON.stringify({
            version: 3,
            deployment: { resources: [{ urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", custom: true, type: "aws:s3/bucket:Bucket", inputs }] },
        });

    it("maps NaN/Infinity to unknown and decodes byte strings", () => {
        const input = parseInput(
            "v.json",
            wrap({
                n: { [SIG_KEY]: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c", value: "7ff8000000000001" },
                b: { [SIG_KEY]: "803fd3297a5875dc03ca845dda5d2a98", value: Buffer.from("abc").toString("base64") },
            }),
        );
        expect(input.deployment.resources[0]!.inputs).toEqual({ n: UNKNOWN_SENTINEL, b: "abc" });
    });

    it("rejects signatures it does not know, and broken plaintext, without echoing values", () => {
        expect(errorOf("v.json", wrap({ x: { [SIG_KEY]: "deadbeef" } }))).toBe(
            "v.json: deployment.resources[0] (urn:pulumi:dev::p::aws:s3/bucket:Bucket::b): property x carries an unrecognized value signature",
        );
        const message = errorOf("v.json", wrap({ x: { [SIG_KEY]: SECRET_SIG, plaintext: "{not json hunter2" } }));
        expect(message).toMatch(/plaintext of the secret at x is not valid JSON/);
        expect(message).not.toContain("hunter2");
    });

    it("refuses a number JSON cannot represent (1e999) up front, naming the file and property", () => {
        const text = wrap({ a: { b: [1, 2] } }).replace("[1,2]", "[1,1e999]");
        expect(errorOf("v.json", text)).toBe(
            "v.json: deployment.resources[0] (urn:pulumi:dev::p::aws:s3/bucket:Bucket::b): property a.b[1] holds a number too large to represent (like 1e999); a stack export encodes such values with the non-finite signature",
        );
        expect(errorOf("v.json", wrap({ n: 0 }).replace('"n":0', '"n":-1e999'))).toMatch(/property n holds a number too large/);
    });

    it("names the secret, never a key or value inside it, when what is inside is broken", () => {
        const inside = { hunter2Key: { deeper: { [SIG_KEY]: "deadbeef" } }, n: 1 };
        const plaintext = { x: { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(inside) } };
        const message = errorOf("v.json", wrap(plaintext));
        expect(message).toMatch(/: the secret at x carries an unrecognized value signature$/);
        expect(message).not.toContain("hunter2Key");
        expect(message).not.toContain("deeper");
        const wire = errorOf("v.json", wrap({ y: { [SIG_KEY]: SECRET_SIG, value: { hunter2Key: [{ deeper: 0 }] } } }).replace('"deeper":0', '"deeper":1e999'));
        expect(wire).toMatch(/: the secret at y holds a number too large/);
        expect(wire).not.toContain("hunter2Key");
    });

    it("names a deep property by its first and last keys, not 64 of them", () => {
        let nested: unknown = 1;
        for (let i = 0; i < 70; i++) {
            nested = { [`level${i}`]: nested };
        }
        const message = errorOf("v.json", wrap(nested));
        expect(message).toMatch(/property level69\.level68\.level67\.level66\.\(\d+ more\)\.level\d+ is nested more than 64 levels deep$/);
        expect(message.length).toBeLessThan(300);
        let secretNested: unknown = 1;
        for (let i = 0; i < 70; i++) {
            secretNested = { [`hidden${i}`]: secretNested };
        }
        const inSecret = errorOf("v.json", wrap({ s: { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(secretNested) } }));
        expect(inSecret).toMatch(/the secret at s is nested more than 64 levels deep$/);
        expect(inSecret).not.toContain("hidden");
    });

    it("converts a value wherever it sits among plain ones (lists and objects are copied only from the first change)", () => {
        const ref = { [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: "urn:pulumi:dev::p::aws:kms/key:Key::k", id: "key-1" };
        const cipher = { [SIG_KEY]: SECRET_SIG, ciphertext: "AAAA" };
        const input = parseInput(
            "v.json",
            wrap({
                plain: { a: [1, "x", { b: null }], c: true },
                list: ["a", "b", ref, "c", cipher],
                nested: { first: 1, second: { deep: [0, 0, ref] }, third: "t", fourth: cipher },
                last: [{ x: 1 }, { y: ref }],
            }),
        );
        expect(input.deployment.resources[0]!.inputs).toEqual({
            plain: { a: [1, "x", { b: null }], c: true },
            list: ["a", "b", "key-1", "c", { [SIG_KEY]: SECRET_SIG, value: REDACTED }],
            nested: { first: 1, second: { deep: [0, 0, "key-1"] }, third: "t", fourth: { [SIG_KEY]: SECRET_SIG, value: REDACTED } },
            last: [{ x: 1 }, { y: "key-1" }],
        });
        // Key order is kept where an object was copied.
        expect(Object.keys(input.deployment.resources[0]!.inputs.nested as JsonObject)).toEqual(["first", "second", "third", "fourth"]);
    });

    it("leaves resource references to the engine's collapse rules", () => {
        const input = parseInput("v.json", wrap({ k: { [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: "urn:pulumi:dev::p::aws:kms/key:Key::k", id: "" } }));
        expect(input.deployment.resources[0]!.inputs.k).toBe(UNKNOWN_SENTINEL);
    });
});

describe("bad inputs are one-line InputErrors", () => {
    const export3 = readFileSync(join(fixturesDir, "export-v3.json"), "utf8");
    const cases: [string, string, RegExp][] = [
        ["not JSON", "this is not json", /^f\.json: not valid JSON$/],
        ["truncated", export3.slice(0, Math.floor(export3.length / 2)), /^f\.json: not valid JSON \(the file looks truncated\)/],
        ["empty file", "  \n", /^f\.json: the file is empty$/],
        ["a JSON array", "[]", /^f\.json: expected a JSON object .* not an array$/],
        ["unknown format", '{"hello": 1}', /^f\.json: unrecognized input format/],
        ["event log", '{"sequence": 1, "timestamp": 2, "type": "x"}', /event stream/],
        ["unknown version", '{"version": 7, "deployment": {"resources": []}}', /deployment version 7 is not supported \(supported: 3, 4; it is newer/],
        ["old version", '{"version": 1, "deployment": {"resources": []}}', /deployment version 1 is not supported .*export it again/],
        ["missing version", '{"deployment": {"resources": []}}', /has no numeric `version`/],
        ["empty deployment", '{"version": 3, "deployment": {"manifest": {}}}', /the deployment has no resources to scan/],
        ["only deleted resources", JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:d::p::t:m:T::x", type: "t:m:T", delete: true }] } }), /no resources to scan \(1 marked for deletion\)/],
        ["resources not a list", '{"version": 3, "deployment": {"resources": {}}}', /`deployment.resources` must be a list, not an object/],
        ["bad URN", '{"version": 3, "deployment": {"resources": [{"urn": "x", "type": "t"}]}}', /resources\[0\]: `urn` must be a Pulumi URN/],
        ["no type", '{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:d::p::t:m:T::x"}]}}', /`type` must be a non-empty string/],
        ["inputs not an object", '{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:d::p::t:m:T::x", "type": "t:m:T", "inputs": [1]}]}}', /`inputs` must be an object, not an array/],
        ["checkpoint without deployment", '{"version": 3, "checkpoint": {"stack": "dev"}}', /checkpoint has no deployment/],
        ["digest steps not a list", '{"steps": 3}', /`steps` must be a list/],
        ["digest with deletes only", '{"steps": [{"op": "delete", "urn": "u"}]}', /no resource states to scan \(1 step\(s\) delete resources\)/],
    ];
    it.each(cases)("%s", (_name, text, expected) => {
        const message = errorOf("f.json", text);
        expect(message).toMatch(expected);
        expect(message).not.toContain("\n");
    });
});

function isTagged(inputs: JsonObject): boolean {
    return typeof inputs.tags === "object" && inputs.tags !== null && "owner" in inputs.tags;
}

describe("only regular files of a bounded size are read", () => {
    const dir = mkdtempSync(join(tmpdir(), "akmg-inputs-"));

    it("refuses a device such as /dev/zero instead of reading forever", () => {
        expect(() => loadInput("/dev/zero")).toThrow(/^\/dev\/zero: is not a regular file \(a device, FIFO or socket\)/);
    });

    it("refuses a FIFO without opening it (opening would block until a writer comes)", () => {
        const fifo = join(dir, "pipe");
        execFileSync("mkfifo", [fifo]);
        expect(() => loadInput(fifo)).toThrow(/pipe: is not a regular file/);
    });

    it("refuses a file over the size limit before reading it", () => {
        const big = join(dir, "big.json");
        writeFileSync(big, "");
        truncateSync(big, 3 * 1024 * 1024); // sparse: no disk used
        expect(() => loadInput(big, 2 * 1024 * 1024)).toThrow(/big\.json: is 3 MiB, over the scanner's limit of 2 MiB per file/);
        expect(MAX_INPUT_BYTES).toBe(500 * 1024 * 1024);
    });

    it("reads UTF-8 text as UTF-8 and ASCII text as itself (the two ways the file is decoded)", () => {
        const source = readFileSync(join(fixturesDir, "export-v3.json"), "utf8");
        const document = JSON.parse(source) as { deployment: { resources: { type: string; inputs?: Record<string, unknown> }[] } };
        const db = document.deployment.resources.find((r) => r.type === "aws:rds/instance:Instance")!;
        db.inputs = { ...db.inputs, tags: { owner: "Zoë 🔑", plain: "ascii" } };
        const utf8 = join(dir, "utf8.json");
        writeFileSync(utf8, JSON.stringify(document, null, 2));
        const withBom = join(dir, "bom.json");
        writeFileSync(withBom, `\ufeff${JSON.stringify(document)}`);
        for (const file of [utf8, withBom]) {
            const loaded = loadInput(file);
            const tagged = loaded.deployment.resources.find((r) => isTagged(r.inputs));
            expect(tagged?.inputs.tags).toEqual({ owner: "Zoë 🔑", plain: "ascii" });
        }
        const ascii = join(dir, "ascii.json");
        writeFileSync(ascii, source);
        expect(loadInput(ascii).text).toBe(source);
        expect(loadInput(ascii).deployment).toEqual(parseInput(ascii, source).deployment);
    });

    it("reads a regular file under the limit, through a symbolic link too", () => {
        const link = join(dir, "link.json");
        symlinkSync(join(fixturesDir, "export-v3.json"), link);
        expect(loadInput(link).format).toBe("stack-export");
    });
});
