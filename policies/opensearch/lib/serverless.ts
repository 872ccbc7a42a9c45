// The document of an OpenSearch Serverless security policy (aws.opensearch.ServerlessSecurityPolicy `policy`): a JSON
// object for `type: "encryption"` ({Rules, AWSOwnedKey, KmsARN}), a JSON array of rule sets for `type: "network"`
// ([{Rules, AllowFromPublic, SourceVPCEs, SourceServices}]). AWS accepts documents of at most 20,480 characters.

import { asString, INVALID, isObject, read, UNKNOWN, type PlainObject } from "../../lib/readers/values";

const MAX_POLICY_LENGTH = 20_480;

export type ServerlessPolicyType = "encryption" | "network" | "other" | typeof UNKNOWN;

export type ServerlessDocument =
    | { kind: "unknown" }
    | { kind: "malformed"; reason: string }
    /** The document's entries: the one object of an encryption policy, the rule sets of a network policy. */
    | { kind: "document"; entries: PlainObject[] };

export function serverlessPolicyType(props: PlainObject): ServerlessPolicyType {
    const type = asString(read(props, "type"));
    if (type === UNKNOWN) {
        return UNKNOWN;
    }
    if (type === undefined || type === INVALID) {
        return "other";
    }
    const normalized = type.trim().toLowerCase();
    return normalized === "encryption" || normalized === "network" ? normalized : "other";
}

/** Reads `policy` (a JSON string, or an object/array where a program passes one). Never throws. */
export function serverlessDocument(props: PlainObject): ServerlessDocument {
    const raw = read(props, "policy");
    if (raw === UNKNOWN) {
        return { kind: "unknown" };
    }
    let parsed: unknown = raw;
    if (typeof raw === "string") {
        if (raw.length > MAX_POLICY_LENGTH) {
            return { kind: "malformed", reason: "it is longer than any security policy AWS accepts" };
        }
        try {
            parsed = JSON.parse(raw);
        } catch {
            return { kind: "malformed", reason: "it is not valid JSON" };
        }
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length === 0 || !list.every((entry) => isObject(entry))) {
        return { kind: "malformed", reason: "it is not a JSON object or a list of objects" };
    }
    return { kind: "document", entries: list as PlainObject[] };
}
